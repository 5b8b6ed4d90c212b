# Run at every build (see harness/CMakeLists.txt): writes OUTPUT, the C++ file that holds
# perfgate's version, the git commit it was built from and the build type. configure_file
# rewrites OUTPUT only when its text changes, so a build with the same commit recompiles nothing.
#
# Inputs (-D): SOURCE_DIR, OUTPUT, TEMPLATE, VERSION, BUILD_TYPE.
set(commit "unknown")
find_program(GIT_EXECUTABLE git)
if(GIT_EXECUTABLE AND EXISTS "${SOURCE_DIR}/.git")
  execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${SOURCE_DIR}" rev-parse --short=12 HEAD
    OUTPUT_VARIABLE head OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE head_status ERROR_QUIET)
  if(head_status EQUAL 0 AND head)
    set(commit "${head}")
    # Tracked files changed since that commit: the binary is not exactly that commit. The index
    # is refreshed first, or a copied tree (a container COPY, a cp -a) would read as changed.
    execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${SOURCE_DIR}" update-index -q --refresh
      OUTPUT_QUIET ERROR_QUIET)
    execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${SOURCE_DIR}" diff-index --quiet HEAD --
      RESULT_VARIABLE dirty_status ERROR_QUIET)
    if(NOT dirty_status EQUAL 0)
      set(commit "${commit}-dirty")
    endif()
  endif()
endif()
set(PERFGATE_VERSION "${VERSION}")
set(PERFGATE_COMMIT "${commit}")
set(PERFGATE_BUILD_TYPE "${BUILD_TYPE}")
configure_file("${TEMPLATE}" "${OUTPUT}" @ONLY)
