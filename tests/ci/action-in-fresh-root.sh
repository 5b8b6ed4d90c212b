#!/bin/sh
# Runs the GitHub Action's install steps (ci/github/action.yml, steps `locate` and `build`) with
# bash in a pristine Debian 12 root, the way a runner would: the action's source unpacked from
# `git archive HEAD` under _actions/perfgate/perfgate/main (no .git), RUNNER_TEMP, GITHUB_OUTPUT
# and GITHUB_PATH as files. It times the steps; docs/ci.md, "Installing perfgate in CI", has the
# figures it gave.
#
#   tests/ci/action-in-fresh-root.sh build CACHE_DIR    cache miss: builds, then copies what
#                                                       actions/cache would save to CACHE_DIR
#   tests/ci/action-in-fresh-root.sh hit CACHE_DIR      cache hit: CACHE_DIR restored first
#   tests/ci/action-in-fresh-root.sh release DEB        input version: a stand-in curl serves DEB
#                                                       (named perfgate_<version>_amd64.deb)
#
# Needs root, mmdebstrap, and python3 with yaml (python3-yaml) to read the action's steps.
set -eu

if [ $# -ne 2 ]; then sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 2; fi
mode=$1 argument=$2
source_dir=$(cd "$(dirname "$0")/../.." && pwd)
if [ "$(id -u)" -ne 0 ]; then echo "action-in-fresh-root: needs root" >&2; exit 2; fi
case "$mode" in build | hit | release) ;; *) echo "action-in-fresh-root: mode $mode?" >&2; exit 2 ;; esac

root=$(mktemp -d /tmp/perfgate-action-root.XXXXXX)
mounted=""
cleanup() {
  for point in $mounted; do umount -l "$root/$point" 2>/dev/null || true; done
  rm -rf "$root"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mmdebstrap --quiet --variant=apt bookworm "$root"
for point in proc sys dev; do
  mount --rbind "/$point" "$root/$point"
  mounted="$point $mounted"
done
cp /etc/resolv.conf "$root/etc/resolv.conf"
action=/home/runner/work/_actions/perfgate/perfgate/main
mkdir -p "$root$action" "$root/runner/temp" "$root/steps"
git -C "$source_dir" archive HEAD | tar -x -C "$root$action"
python3 - "$source_dir/ci/github/action.yml" "$root/steps" <<'EOF'
import os, sys, yaml
for step in yaml.safe_load(open(sys.argv[1]))["runs"]["steps"]:
    if "run" in step and "id" in step:
        open(os.path.join(sys.argv[2], step["id"] + ".sh"), "w").write(step["run"])
EOF

version=""
if [ "$mode" = release ]; then
  version=$(basename "$argument" | sed -n 's/^perfgate_\(.*\)_amd64\.deb$/\1/p')
  cp "$argument" "$root/steps/served.deb"
  # GitHub is out of reach here: this curl logs its arguments and writes the local .deb to -o.
  # shellcheck disable=SC2016 # the stand-in's own text
  printf '%s\n' '#!/bin/sh' 'echo "curl $*" >&2' \
    'while [ $# -gt 1 ]; do if [ "$1" = -o ]; then cp /steps/served.deb "$2"; fi; shift; done' \
    > "$root/usr/bin/curl"
  chmod +x "$root/usr/bin/curl"
fi

step() {  # $1: the step's id, then NAME=value pairs for its env
  id=$1
  shift
  : > "$root/steps/$id.out"
  chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
    RUNNER_TEMP=/runner/temp GITHUB_OUTPUT="/steps/$id.out" GITHUB_PATH=/steps/path "$@" \
    bash --noprofile --norc -eo pipefail "/steps/$id.sh"
}
output() { sed -n "s/^$1=//p" "$root/steps/locate.out"; }

start=$(date +%s)
step locate PERFGATE_GIVEN= PERFGATE_VERSION="$version" ACTION_REPOSITORY= \
  PERFGATE_SOURCE="$action/ci/github/../.."
cat "$root/steps/locate.out"
if [ "$(output build)" = true ]; then
  directory=$(output directory)
  if [ "$mode" = hit ]; then mkdir -p "$root$directory" && cp -a "$argument/." "$root$directory/"; fi
  hit=false
  if [ "$mode" = hit ]; then hit=true; fi
  step build CACHE_HIT=$hit PERFGATE_SOURCE="$(output source)" DIRECTORY="$directory"
  cat "$root/steps/build.out"
  if [ "$mode" = build ]; then rm -rf "$argument" && cp -a "$root$directory" "$argument"; fi
fi
echo "action-in-fresh-root: $mode took $(($(date +%s) - start)) s"
# shellcheck disable=SC2016 # expanded inside the root
chroot "$root" sh -c 'PATH="$(tr "\n" ":" < /steps/path)$PATH" perfgate --version'
echo "action-in-fresh-root: $(chroot "$root" dpkg -l | grep -c '^ii') packages in the root"
