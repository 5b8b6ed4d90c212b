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
# else. proc, sys and dev are mounted while the targets run and unmounted afterwards, also on
# Ctrl-C. Each target's wall time is printed. Needs root and the mmdebstrap package.
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
if [ "$(id -u)" -ne 0 ]; then
  echo "fresh-root: needs root (mmdebstrap and mount)" >&2
  exit 2
fi
if ! command -v mmdebstrap >/dev/null 2>&1; then
  echo "fresh-root: mmdebstrap not found: apt-get install mmdebstrap" >&2
  exit 2
fi

if [ -z "$root" ]; then root=$(mktemp -d /tmp/perfgate-fresh-root.XXXXXX); fi
mounted=""
cleanup() {
  for point in $mounted; do umount -l "$root/$point" 2>/dev/null || true; done
  if [ "$keep" = false ]; then rm -rf "$root"; else echo "fresh-root: the root stays in $root"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "fresh-root: making a pristine Debian 12 root in $root"
mmdebstrap --quiet --variant=apt --include=ca-certificates,git,make bookworm "$root"
for point in proc sys dev; do
  mount --rbind "/$point" "$root/$point"
  mounted="$point $mounted"
done
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
# The machine's own extra CA certificates (a TLS-intercepting proxy between it and the npm
# registry, say) belong to the machine, not to the repository: a CI runner's image has them too.
extra_ca=""
if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
  mkdir -p "$root/usr/local/share/ca-certificates"
  cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
  chroot "$root" update-ca-certificates >/dev/null 2>&1 || true
  extra_ca="NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt"
fi

# A clone of HEAD, as CI makes it: uncommitted changes and ignored files stay behind.
git clone --quiet "$source_dir" "$root/perfgate"

status=0
for target in "$@"; do
  echo "fresh-root: make $target"
  start=$(date +%s)
  # shellcheck disable=SC2086 # extra_ca is empty or one assignment
  if chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
    $extra_ca sh -c "cd /perfgate && make $target"; then
    result=passed
  else
    result=failed
    status=1
  fi
  echo "fresh-root: make $target $result in $(($(date +%s) - start)) s"
  if [ $status -ne 0 ]; then break; fi
done
exit $status
