#!/bin/sh
# Runs make targets in a pristine Debian 12 root: the check for every change to install steps
# or packaging (CONTRIBUTING.md). A developer's machine keeps what earlier installs left
# behind, so a green run there can hide a missing step; a fresh root cannot.
#
#   tests/fresh-root.sh [options] TARGET...      e.g. tests/fresh-root.sh demo test
#
# Options:
#   --root DIR     make the root here (default: a new temp dir) and keep it afterwards
#   --keep         keep the root afterwards (it is removed otherwise)
#   --source DIR   clone this repository (default: the one holding this script); its HEAD is
#                  what gets tested, so commit first
#
# The root is `mmdebstrap --variant=apt bookworm` plus ca-certificates, git and make, nothing
# else (tests/lib/pristine-root.sh). proc, sys and dev are mounted while the targets run and
# unmounted afterwards, also on Ctrl-C. Each target's wall time is printed. Needs root and the
# mmdebstrap package.
set -eu

root=""
keep=false
source_dir=$(cd "$(dirname "$0")/.." && pwd)
while [ $# -gt 0 ]; do
  case "$1" in
    --root) root=$2; keep=true; shift 2 ;;
    --keep) keep=true; shift ;;
    --source) source_dir=$(cd "$2" && pwd); shift 2 ;;
    -h | --help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "fresh-root: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
done
if [ $# -eq 0 ]; then
  echo "fresh-root: name at least one make target (e.g. demo test)" >&2
  exit 2
fi
if [ -z "$root" ]; then root=$(mktemp -d /tmp/perfgate-fresh-root.XXXXXX); fi
. "$(dirname "$0")/lib/pristine-root.sh"
pristine_root_make "$root" "$keep" fresh-root

# A clone of HEAD, as CI makes it: uncommitted changes and ignored files stay behind.
git clone --quiet "$source_dir" "$root/perfgate"

status=0
for target in "$@"; do
  echo "fresh-root: make $target"
  start=$(date +%s)
  if pristine_root_run sh -c "cd /perfgate && make $target"; then
    result=passed
  else
    result=failed
    status=1
  fi
  echo "fresh-root: make $target $result in $(($(date +%s) - start)) s"
  if [ $status -ne 0 ]; then break; fi
done
exit $status
