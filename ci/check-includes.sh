#!/bin/sh
# Fails when an #include points upward or sideways between perfgate's layers
# (docs/architecture.md, "The layers"):
#
#   core/                        third-party libraries only
#   adapters/                    core/, adapters/
#   gates/                       core/, gates/
#   baselines/                   core/, gates/, baselines/
#   harness/                     everything
#
# Usage: ci/check-includes.sh [SOURCE_DIR]   (default: the repository this script is in)
# Prints each offending file:line and the layer it may not use; exit 1 when there is one.
set -eu

root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root"

allowed_for() {  # $1: a top-level folder -> the folders its files may include from
  case "$1" in
    core) echo "core" ;;
    adapters) echo "core adapters" ;;
    gates) echo "core gates" ;;
    baselines) echo "core gates baselines" ;;
    *) echo "" ;;
  esac
}

# Prints "file:line: <layer>/ may not include <folder>/" for each project include (quoted, with
# a folder) that the layer may not use.
offending_includes() {
  for layer in core adapters gates baselines; do
    [ -d "$layer" ] || continue
    allowed=$(allowed_for "$layer")
    find "$layer" -name node_modules -prune -o \( -name '*.h' -o -name '*.cpp' \) -print | sort |
      xargs -r grep -Hn '^[[:space:]]*#[[:space:]]*include[[:space:]]*"[a-z_]*/' |
      while IFS= read -r hit; do
        target=$(printf '%s\n' "$hit" | sed 's/^[^"]*"\([a-z_]*\)\/.*$/\1/')
        case " $allowed " in *" $target "*) continue ;; esac
        echo "$(printf '%s\n' "$hit" | cut -d: -f1,2): $layer/ may not include $target/" \
          "(it may use: $allowed)"
      done
  done
}

problems=$(offending_includes)
if [ -n "$problems" ]; then
  printf '%s\n' "$problems"
  echo "check-includes: includes point against the layers (docs/architecture.md)" >&2
  exit 1
fi
