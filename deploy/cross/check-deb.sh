#!/usr/bin/env bash
# Checks a cross-built package (newsboard or newsboard-desk): its Architecture is ARCH, its binary
# (usr/bin/PACKAGE) is for ARCH, and its Depends name the package of every shared library the binary needs. (CPack runs
# dpkg-shlibdeps with --ignore-missing-info, so a library it could not place would otherwise
# just be missing from Depends.)
#
#   deploy/cross/check-deb.sh PACKAGE.deb ARCH ROOT      (ROOT: the target root of sysroot.sh)
set -euo pipefail
deb=$1 arch=$2 root=$3

fail() { echo "check-deb.sh: $*" >&2; exit 1; }
[[ $(dpkg-deb -f "$deb" Architecture) == "$arch" ]] || fail "Architecture is $(dpkg-deb -f "$deb" Architecture), not $arch"
depends=$(dpkg-deb -f "$deb" Depends)
depends_names=$(sed 's/ *([^)]*)//g; s/ *| */\n/g; s/, /\n/g' <<<"$depends")  # one package name a line

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dpkg-deb -x "$deb" "$tmp"
name=$(dpkg-deb -f "$deb" Package)
bin=$tmp/usr/bin/$name
case $arch in
  arm64) machine='ARM aarch64' ;;
  armhf) machine='ARM, EABI5' ;;
  *) fail "unknown architecture $arch" ;;
esac
file -b "$bin" | grep -q "$machine" || fail "usr/bin/$name is not for $arch: $(file -b "$bin")"

shopt -s nullglob
missing=0
for soname in $(readelf -d "$bin" | awk '/\(NEEDED\)/ { gsub(/[][]/, "", $5); print $5 }'); do
  libs=("$root"/{lib,usr/lib}/*-linux-gnu*/"$soname")
  ((${#libs[@]})) || fail "$soname: not in the target root"
  lib=${libs[0]}
  pkg=$(DPKG_ADMINDIR=$root/var/lib/dpkg dpkg-query -S "$lib" 2>/dev/null | head -n 1 | cut -d: -f1)
  if ! grep -qxF "$pkg" <<<"$depends_names"; then
    echo "check-deb.sh: $soname ($pkg) is not in Depends" >&2
    missing=1
  fi
done
# The player opens libcurl.so.4 (at its first sync) and libmosquitto.so.1 (when its MQTT client
# starts) with dlopen (player/core/shared_lib.h): not NEEDED, so only its Depends line keeps sync
# and the fleet working on a board.
if [[ $name == newsboard ]]; then
  for pkg in libcurl4 libmosquitto1; do
    if ! grep -qxF "$pkg" <<<"$depends_names"; then
      echo "check-deb.sh: $pkg (opened with dlopen) is not in Depends" >&2
      missing=1
    fi
  done
fi
[[ $missing == 0 ]] || fail "Depends: $depends"
