#!/bin/sh
# The house-style checks `make lint` runs (and `make test` before the tests):
#   - every C++ file is clang-formatted (.clang-format; Debian 12's clang-format 14);
#   - no #include points against the layers (ci/check-includes.sh).
# Fix formatting with `make format`.
set -eu

cd "$(dirname "$0")/.."
format=$(command -v clang-format-14 || command -v clang-format || true)
if [ -z "$format" ]; then
  echo "lint: clang-format is not installed (Debian: apt-get install clang-format)" >&2
  exit 2
fi
if ! git ls-files '*.cpp' '*.h' | xargs "$format" --dry-run --Werror; then
  echo "lint: the files above are not clang-formatted; run \`make format\`" >&2
  exit 1
fi
./ci/check-includes.sh
echo "lint: formatting and include directions are clean"
