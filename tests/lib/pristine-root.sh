# Sourced by tests/fresh-root.sh and tests/package-smoke.sh: a pristine Debian 12 root
# (`mmdebstrap --variant=apt bookworm` plus ca-certificates, git and make), with proc, sys and
# dev mounted, the machine's resolver and extra CA certificates, and a cleanup that unmounts
# and removes it (unless kept) on exit, Ctrl-C included.
#
#   pristine_root_make DIR KEEP NAME   make the root in DIR; KEEP true|false; NAME for messages
#   pristine_root_run COMMAND...       run a command inside it, with a clean environment
#
# Needs root and mmdebstrap.

pristine_root=""
pristine_root_keep=false
pristine_root_name=""
pristine_root_mounted=""
pristine_root_extra_ca=""

pristine_root_cleanup() {
  for point in $pristine_root_mounted; do umount -l "$pristine_root/$point" 2>/dev/null || true; done
  [ -n "$pristine_root" ] || return 0
  if [ "$pristine_root_keep" = false ]; then
    rm -rf "$pristine_root"
  else
    echo "$pristine_root_name: the root stays in $pristine_root"
  fi
}

pristine_root_make() {
  pristine_root=$1
  pristine_root_keep=$2
  pristine_root_name=$3
  if [ "$(id -u)" -ne 0 ]; then
    echo "$pristine_root_name: needs root (mmdebstrap and mount)" >&2
    exit 2
  fi
  if ! command -v mmdebstrap >/dev/null 2>&1; then
    echo "$pristine_root_name: mmdebstrap not found: apt-get install mmdebstrap" >&2
    exit 2
  fi
  trap pristine_root_cleanup EXIT
  trap 'exit 130' INT TERM
  echo "$pristine_root_name: making a pristine Debian 12 root in $pristine_root"
  mmdebstrap --quiet --variant=apt --include=ca-certificates,git,make bookworm "$pristine_root"
  for point in proc sys dev; do
    mount --rbind "/$point" "$pristine_root/$point"
    pristine_root_mounted="$point $pristine_root_mounted"
  done
  cp /etc/resolv.conf "$pristine_root/etc/resolv.conf" 2>/dev/null || true
  # The machine's own extra CA certificates (a TLS-intercepting proxy between it and the npm
  # registry, say) belong to the machine, not to the repository: a CI runner's image has them.
  if ls /usr/local/share/ca-certificates/*.crt >/dev/null 2>&1; then
    mkdir -p "$pristine_root/usr/local/share/ca-certificates"
    cp /usr/local/share/ca-certificates/*.crt "$pristine_root/usr/local/share/ca-certificates/"
    chroot "$pristine_root" update-ca-certificates >/dev/null 2>&1 || true
    pristine_root_extra_ca="NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt"
  fi
}

pristine_root_run() {
  # shellcheck disable=SC2086 # the extra CA setting is empty or one assignment
  chroot "$pristine_root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 $pristine_root_extra_ca "$@"
}
