# Installs the built project into a scratch prefix, then configures, builds and
# runs examples/cpp/consumer against it: the whole library (fsd::fsd), one
# layer alone (fsd::route), and every installed header compiled on its own.
# Also checks what the install leaves out: detail/ headers and fsd-bench.
# Run with -DBUILD_DIR, -DSOURCE_DIR, -DWORK_DIR.
file(REMOVE_RECURSE ${WORK_DIR})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK_DIR}/prefix
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(rc)
  message(FATAL_ERROR "install failed (${rc})")
endif()
file(GLOB_RECURSE detail_headers ${WORK_DIR}/prefix/include/*/detail/*)
if(detail_headers)
  message(FATAL_ERROR "detail headers were installed: ${detail_headers}")
endif()
if(EXISTS ${WORK_DIR}/prefix/bin/fsd-bench)
  message(FATAL_ERROR "fsd-bench was installed without FSD_INSTALL_BENCH")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR}/examples/cpp/consumer -B ${WORK_DIR}/build
                        -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix -DCMAKE_BUILD_TYPE=Release -DFSD_CHECK_HEADERS=ON
                RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "configuring the consumer failed (${rc})")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK_DIR}/build --parallel 2 RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "building the consumer failed (${rc})")
endif()
foreach(program consumer route_only)
  execute_process(COMMAND ${WORK_DIR}/build/${program} RESULT_VARIABLE rc)
  if(rc)
    message(FATAL_ERROR "the program ${program} failed (${rc})")
  endif()
endforeach()
