# What `make package` puts in perfgate_<version>_amd64.deb: the binary, its man page and bash
# completion (both printed by the binary itself, from the definitions behind --help), the
# docs and the example suites. The runtime dependencies come from dpkg-shlibdeps, so the
# package asks for exactly the shared libraries the binary links (libgit2, yaml-cpp,
# http-parser, expat, Boost.Filesystem, zlib).
include(GNUInstallDirs)

set(PERFGATE_MANUAL_DIR ${PROJECT_BINARY_DIR}/manual)
add_custom_command(
  OUTPUT ${PERFGATE_MANUAL_DIR}/perfgate.1.gz ${PERFGATE_MANUAL_DIR}/perfgate.bash-completion
  COMMAND ${CMAKE_COMMAND} -E make_directory ${PERFGATE_MANUAL_DIR}
  COMMAND sh -c "'$<TARGET_FILE:perfgate>' manpage | gzip -9n > '${PERFGATE_MANUAL_DIR}/perfgate.1.gz'"
  COMMAND sh -c "'$<TARGET_FILE:perfgate>' completion bash > '${PERFGATE_MANUAL_DIR}/perfgate.bash-completion'"
  DEPENDS perfgate
  COMMENT "perfgate: man page and bash completion from the --help definitions" VERBATIM)
add_custom_target(perfgate_manual ALL
  DEPENDS ${PERFGATE_MANUAL_DIR}/perfgate.1.gz ${PERFGATE_MANUAL_DIR}/perfgate.bash-completion)

install(TARGETS perfgate RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${PERFGATE_MANUAL_DIR}/perfgate.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${PERFGATE_MANUAL_DIR}/perfgate.bash-completion
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME perfgate)
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs FILES_MATCHING PATTERN "*.md"
  PATTERN "*.png" PATTERN "*.html")
install(DIRECTORY suites/examples/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)
install(FILES suites/demo.yaml DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME perfgate)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "perfgate maintainers <perfgate@example.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "performance gate for CI/CD pipelines and benchmark harness")
string(CONCAT CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "perfgate runs load generators and benchmarks (its own HTTP generator, k6, JMeter,\n"
  "Artillery, Google Benchmark, plain commands), compares latency and throughput with\n"
  "baselines committed in git using significance tests, and returns pass or fail with\n"
  "regression reports (Markdown, HTML, JUnit, JSON, CSV, OpenMetrics).")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # perfgate_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# git is not linked (perfgate reads repositories through libgit2), but every CI job that
# gates has one and `make demo`-style scripts use it.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "git")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "k6, jmeter, hyperfine")
set(CPACK_STRIP_FILES ON)
include(CPack)
