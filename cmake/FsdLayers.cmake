# The library's layers as CMake targets: fsd::<layer> is one layer's compiled
# code (libfsdispatch_<layer>) linking the layers it includes from, and
# fsd::fsd (libfsdispatch) is all of them in one library. Each layer's sources
# compile once, into an object library that both use.
#
# The dependencies are the layers a layer's headers and sources include
# (`grep -r '#include "fsd/' lib include`); only the direct ones are listed,
# the rest come through them. A file named after another layer
# ("dispatch_live_plan_json.cpp" in io) adds that layer as an optional
# dependency: it compiles, and its layer is linked, only when that layer is in
# the build (fsd_filter_by_layer).
set(FSD_ALL_LAYERS core travel model route assign dispatch sla triage sim staffing io verify)
set(FSD_LAYER_DEPS_core)
set(FSD_LAYER_DEPS_travel core)
set(FSD_LAYER_DEPS_model travel)
set(FSD_LAYER_DEPS_route model)
set(FSD_LAYER_DEPS_assign model)
set(FSD_LAYER_DEPS_dispatch route)
set(FSD_LAYER_DEPS_sla model)
set(FSD_LAYER_DEPS_triage core)
set(FSD_LAYER_DEPS_sim assign route sla)
set(FSD_LAYER_DEPS_staffing sim)
set(FSD_LAYER_DEPS_io model)
set(FSD_LAYER_OPTIONAL_DEPS_io dispatch sim sla)
set(FSD_LAYER_DEPS_verify io route)

# fsd_enabled_layers(OUT requested...): the requested layers ("ALL" or a list),
# core, and every layer they depend on, in FSD_ALL_LAYERS order.
function(fsd_enabled_layers out)
  if("ALL" IN_LIST ARGN)
    set(${out} ${FSD_ALL_LAYERS} PARENT_SCOPE)
    return()
  endif()
  foreach(layer ${ARGN})
    if(NOT layer IN_LIST FSD_ALL_LAYERS)
      message(FATAL_ERROR "FSD_LAYERS: unknown layer '${layer}' (layers: ${FSD_ALL_LAYERS})")
    endif()
  endforeach()
  set(wanted core ${ARGN})
  # Dependencies come earlier in FSD_ALL_LAYERS, so one pass from the top
  # down closes the set.
  set(reversed ${FSD_ALL_LAYERS})
  list(REVERSE reversed)
  foreach(layer ${reversed})
    if(layer IN_LIST wanted)
      list(APPEND wanted ${FSD_LAYER_DEPS_${layer}})
    endif()
  endforeach()
  set(enabled)
  foreach(layer ${FSD_ALL_LAYERS})
    if(layer IN_LIST wanted)
      list(APPEND enabled ${layer})
    endif()
  endforeach()
  set(${out} ${enabled} PARENT_SCOPE)
endfunction()

# fsd_add_layer(LAYER): the object library fsd_<layer>_objects and the library
# fsd_<layer> (alias fsd::<layer>) from lib/<layer>/*.cpp. Private build
# requirements (warnings, header-only libraries) go on the objects; link
# requirements on the library.
function(fsd_add_layer layer)
  file(GLOB sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/lib/${layer}/*.cpp)
  fsd_filter_by_layer(sources ${sources})
  add_library(fsd_${layer}_objects OBJECT ${sources})
  target_link_libraries(fsd_${layer}_objects PRIVATE fsd_headers fsd_build_requirements fsd_warnings)
  add_library(fsd_${layer} $<TARGET_OBJECTS:fsd_${layer}_objects>)
  add_library(fsd::${layer} ALIAS fsd_${layer})
  set_target_properties(fsd_${layer} PROPERTIES EXPORT_NAME ${layer} OUTPUT_NAME fsdispatch_${layer}
                                                VERSION ${PROJECT_VERSION})
  target_link_libraries(fsd_${layer} PUBLIC fsd_headers PRIVATE fmt::fmt)
  foreach(dep ${FSD_LAYER_DEPS_${layer}})
    target_link_libraries(fsd_${layer} PUBLIC fsd_${dep})
  endforeach()
  foreach(dep ${FSD_LAYER_OPTIONAL_DEPS_${layer}})
    if(dep IN_LIST FSD_ENABLED_LAYERS)
      target_link_libraries(fsd_${layer} PUBLIC fsd_${dep})
    endif()
  endforeach()
endfunction()
