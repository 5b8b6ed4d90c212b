#!/bin/sh
# Installs the Debian packages perfgate needs to build and test, only those that are missing.
# Idempotent: a machine that has everything runs no apt-get at all.
set -eu

BUILD_PACKAGES="cmake ninja-build g++ pkg-config git
  libbenchmark-dev nlohmann-json3-dev libgit2-dev libboost-dev libboost-filesystem-dev
  libeigen3-dev catch2 libcli11-dev libyaml-cpp-dev libhttp-parser-dev"
# Used by integration tests and the generator comparison; not needed to build.
TEST_PACKAGES="curl nginx wrk time jq"
# Artillery (npm) for the artillery adapter's tests; installed project-locally, see below.
TEST_PACKAGES="$TEST_PACKAGES nodejs"
# Headless Chromium opens the HTML report in its tests (skipped when absent).
TEST_PACKAGES="$TEST_PACKAGES chromium"
# xmllint validates the JUnit report against its schema; the Prometheus client parses OpenMetrics.
TEST_PACKAGES="$TEST_PACKAGES libxml2-utils python3-prometheus-client"
# JMeter (Debian 2.13 + its HTTP sampler) and a JDK whose javac builds the test-only XStream
# shim of tests/adapters/jmeter; expat parses XML JTL files.
TEST_PACKAGES="$TEST_PACKAGES jmeter jmeter-http default-jdk-headless"
BUILD_PACKAGES="$BUILD_PACKAGES libexpat1-dev"
install_artillery() { sh "$(dirname "$0")/../tools/artillery/install.sh"; }

missing=""
for package in $BUILD_PACKAGES $TEST_PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $package"
  fi
done

if [ -z "$missing" ]; then
  echo "install-deps: all packages present"
  install_artillery
  exit 0
fi

echo "install-deps: installing:$missing"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
# shellcheck disable=SC2086
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
install_artillery
