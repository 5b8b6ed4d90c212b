#!/bin/sh
# Installs the Debian packages perfgate needs, only those that are missing, for one profile:
#
#   ci/install-deps.sh build   what building the perfgate binary needs (compiler, CMake, -dev
#                              libraries); what CI templates use when no package is installed
#   ci/install-deps.sh demo    build + what `make demo` configures and runs (Catch2 and Google
#                              Benchmark headers for the default preset's configure step)
#   ci/install-deps.sh test    demo + everything the tests use (nginx, wrk, JMeter, a JDK,
#                              Chromium, Node.js with npm, Artillery, clang-format); what
#                              `make test` calls
#   ci/install-deps.sh         the same as `test`
#
# Idempotent: a machine that has everything runs no apt-get at all. Checked on a pristine
# Debian 12 root by tests/fresh-root.sh (see CONTRIBUTING.md).
set -eu

profile=${1:-test}
here=$(cd "$(dirname "$0")" && pwd)

# dpkg-dev and file: dpkg-shlibdeps finds the .deb's runtime dependencies (make package).
BUILD_PACKAGES="cmake ninja-build g++ pkg-config git
  nlohmann-json3-dev libgit2-dev libboost-dev libboost-filesystem-dev
  libeigen3-dev libcli11-dev libyaml-cpp-dev libhttp-parser-dev libexpat1-dev zlib1g-dev
  dpkg-dev file"
# The default preset configures the tests and benchmarks, so `make demo` needs their headers.
DEMO_PACKAGES="catch2 libbenchmark-dev"
# Integration tests and the generator comparison; `make lint` (run by `make test`) checks the
# formatting with Debian 12's clang-format 14.
TEST_PACKAGES="curl nginx wrk time jq clang-format"
# Node.js and npm run Artillery (installed project-locally, see tools/artillery/install.sh).
# Debian's nodejs 18 ships without npm; Artillery 2.0.21 declares node >= 18.16.1.
TEST_PACKAGES="$TEST_PACKAGES nodejs"
# Headless Chromium opens the HTML report in its tests.
TEST_PACKAGES="$TEST_PACKAGES chromium"
# xmllint validates the JUnit report against its schema; the Prometheus client parses OpenMetrics.
TEST_PACKAGES="$TEST_PACKAGES libxml2-utils python3-prometheus-client"
# JMeter (Debian 2.13 + its HTTP sampler) and a JDK whose javac builds the XStream shim.
TEST_PACKAGES="$TEST_PACKAGES jmeter jmeter-http default-jdk-headless"

case "$profile" in
  build) wanted="$BUILD_PACKAGES" ;;
  demo) wanted="$BUILD_PACKAGES $DEMO_PACKAGES" ;;
  test) wanted="$BUILD_PACKAGES $DEMO_PACKAGES $TEST_PACKAGES" ;;
  *)
    echo "install-deps: unknown profile '$profile' (build | demo | test)" >&2
    exit 2
    ;;
esac

install_missing() {  # $@: packages; apt-get runs only when one of them is missing
  missing=""
  for package in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
      missing="$missing $package"
    fi
  done
  if [ -z "$missing" ]; then return 0; fi
  echo "install-deps ($profile): installing:$missing"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # shellcheck disable=SC2086
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
}

# shellcheck disable=SC2086
install_missing $wanted
if [ "$profile" = test ]; then
  # Debian's npm is a package of its own; NodeSource's nodejs brings the command with it.
  if ! command -v npm >/dev/null 2>&1; then install_missing npm; fi
  sh "$here/../tools/artillery/install.sh"
fi
echo "install-deps ($profile): all packages present"
