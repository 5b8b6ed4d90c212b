#!/bin/sh
# Installs Artillery (the version pinned in package.json / package-lock.json) into
# tools/artillery/node_modules for perfgate's artillery adapter and its integration tests.
# Idempotent: does nothing when that version is already there. Called by ci/install-deps.sh.
# PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1: Artillery depends on Playwright, whose browser download
# otherwise runs (and fails offline), failing the whole install. Takes ~90 s and ~590 MB once.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
wanted=$(sed -n 's/.*"artillery": *"\([^"]*\)".*/\1/p' "$here/package.json" | head -n 1)
installed=""
if [ -f "$here/node_modules/artillery/package.json" ]; then
  installed=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$here/node_modules/artillery/package.json" | head -n 1)
fi
if [ "$installed" = "$wanted" ] && [ -x "$here/node_modules/.bin/artillery" ]; then
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
fi
