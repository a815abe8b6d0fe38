# Arb ball arithmetic. Debian 12 ships Arb 2.x as a separate library (libflint-arb-dev: arb.h at the top
# level, -lflint-arb); newer distributions merge Arb into FLINT 3 (<flint/arb.h>, -lflint). All names live
# here so that the rest of the build only sees the target Arb::Arb and the macro ICL_ARB_IN_FLINT.
find_path(ARB_INCLUDE_DIR arb.h PATHS /usr/include /usr/local/include NO_DEFAULT_PATH)
find_library(ARB_LIBRARY NAMES flint-arb arb)
find_library(FLINT_LIBRARY NAMES flint)
find_path(FLINT_INCLUDE_DIR flint/flint.h)

set(_arb_in_flint OFF)
if(NOT ARB_INCLUDE_DIR OR NOT ARB_LIBRARY)
  find_path(ARB_INCLUDE_DIR flint/arb.h)
  if(ARB_INCLUDE_DIR AND FLINT_LIBRARY)
    set(ARB_LIBRARY ${FLINT_LIBRARY})
    set(_arb_in_flint ON)
  endif()
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Arb REQUIRED_VARS ARB_INCLUDE_DIR ARB_LIBRARY FLINT_LIBRARY FLINT_INCLUDE_DIR)

if(Arb_FOUND AND NOT TARGET Arb::Arb)
  add_library(Arb::Arb INTERFACE IMPORTED)
  # FLINT 2.x headers include each other as "flint.h", so the flint/ directory goes on the path too.
  set_target_properties(Arb::Arb PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${ARB_INCLUDE_DIR};${FLINT_INCLUDE_DIR}/flint"
    INTERFACE_LINK_LIBRARIES "${ARB_LIBRARY};${FLINT_LIBRARY}")
  if(_arb_in_flint)
    set_target_properties(Arb::Arb PROPERTIES INTERFACE_COMPILE_DEFINITIONS ICL_ARB_IN_FLINT=1)
  endif()
endif()
