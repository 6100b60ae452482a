# Installs the Python package with pip into a scratch folder (no network, no
# build isolation), then imports it from there and solves a small problem.
file(REMOVE_RECURSE ${WORK_DIR})
execute_process(COMMAND ${PYTHON} -m pip install --no-build-isolation --no-deps --no-index
                        --target ${WORK_DIR}/site ${SOURCE_DIR}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc)
  message(FATAL_ERROR "pip install failed (${rc}):\n${out}\n${err}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E env PYTHONPATH=${WORK_DIR}/site ${PYTHON} -c
  "import fsdispatch as fsd, os; assert os.path.dirname(fsd.__file__).startswith('${WORK_DIR}'); p = fsd.Problem.read('${SOURCE_DIR}/examples/data/service_day.json'); s = fsd.solve(p, time_limit=0.2); assert fsd.verify(p, s) == []; print('pip-installed fsdispatch solved', p.num_jobs, 'jobs')"
  RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "the pip-installed package does not work (${rc})")
endif()
