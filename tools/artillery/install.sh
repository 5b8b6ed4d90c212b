#!/bin/sh
# Installs Artillery (the version pinned in package.json / package-lock.json) into
# tools/artillery/node_modules for perfgate's artillery adapter and its integration tests.
# Idempotent: does nothing when node_modules was installed from this very package-lock.json.
# Called by ci/install-deps.sh.
#
# Node.js: Debian 12 ships 18.20, and Artillery 2.0.21 declares node >= 18.16.1, but caret ranges
# of its dependencies now resolve to releases that need Node 20. package.json overrides the one
# that Artillery loads at start-up on the HTTP path: cheerio 1.2 (which pulls undici 7, Node
# >= 20.18) is pinned to 1.0.0-rc.12. Playwright and the AWS/Azure SDKs also ask for Node 20,
# but only the playwright engine and the cloud plugins load them, which perfgate does not use.
# PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1: Artillery depends on Playwright, whose browser download
# otherwise runs (and fails offline), failing the whole install. Takes ~90 s and ~590 MB once.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
wanted=$(sed -n 's/.*"artillery": *"\([^"]*\)".*/\1/p' "$here/package.json" | head -n 1)
installed=""
if [ -f "$here/node_modules/artillery/package.json" ]; then
  installed=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$here/node_modules/artillery/package.json" | head -n 1)
fi
if [ "$installed" = "$wanted" ] && [ -x "$here/node_modules/.bin/artillery" ] &&
  cmp -s "$here/package-lock.json" "$here/node_modules/.perfgate-installed-lock"; then
  echo "install-deps: artillery $wanted present (tools/artillery)"
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "install-deps: warning: npm not found; Artillery $wanted not installed (install Node.js >= 18.16 with npm)" >&2
  exit 0
fi
echo "install-deps: installing artillery $wanted into tools/artillery/node_modules"
cd "$here"
# --ignore-scripts: the HTTP engine the adapter uses needs none of the dependencies' install
# scripts (Playwright's browser download, which also refuses Debian 12's Node.js 18; aws-sdk's
# notice; protobufjs's version check; unix-dgram, hot-shots' optional statsd socket addon).
if ! PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error; then
  echo "install-deps: warning: npm ci failed; the Artillery tests will say so" >&2
  exit 0
fi
cp package-lock.json node_modules/.perfgate-installed-lock
