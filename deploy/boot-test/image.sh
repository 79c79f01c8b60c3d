#!/usr/bin/env bash
# Builds (once) the base Debian image the boot test boots, and prints the folder it is cached in.
#
#   deploy/boot-test/image.sh ARCH DEB
#
# ARCH is amd64 or arm64; DEB the newsboard package under test: its Depends and Recommends go
# into the base image, so installing it later needs no network. The folder,
# /var/cache/newsboard-boot-test/ARCH-KEY, holds rootfs.tar, vmlinuz and initrd.img; KEY hashes
# the package list and this recipe, so a change of either builds a new image and an unchanged
# one is reused (an arm64 image takes half an hour under qemu-user). The package under test is
# not in it: disk.sh installs it fresh into a copy for every run.
set -euo pipefail

arch=$1
deb=$2
here=$(cd "$(dirname "$0")" && pwd)
source "$here/binfmt.sh"

case $arch in
  amd64) kernel=linux-image-amd64 ;;
  arm64) kernel=linux-image-arm64 ;;
  *) echo "image.sh: unknown arch $arch" >&2; exit 2 ;;
esac

# The deb's dependencies by name: the first of each set of alternatives, versions dropped
# (bookworm's own versions are what it was built against).
deb_deps=$(dpkg-deb -f "$deb" Depends Recommends | sed -n 's/^[A-Za-z-]*: //p' | tr ',' '\n' |
  sed 's/|.*//; s/(.*)//; s/:any//; s/[[:space:]]//g' | grep -v '^$' | sort -u)
packages=$(printf '%s\n' systemd systemd-sysv udev kmod initramfs-tools "$kernel" \
  libsdl2-2.0-0 libgbm1 libegl-mesa0 libgles2 libgl1-mesa-dri $deb_deps | sort -u)

key=$( { echo "$arch"; echo "$packages"; cat "$0" "$here/image-hooks.sh"; } | sha256sum | cut -c1-16)
cache=/var/cache/newsboard-boot-test/$arch-$key
if [[ -s $cache/rootfs.tar && -s $cache/vmlinuz && -s $cache/initrd.img ]]; then
  echo "$cache"
  exit 0
fi

mkdir -p "$cache"
tmp=$(mktemp -d /var/tmp/newsboard-image.XXXXXX)
cleanup() { binfmt_off; rm -rf "$tmp"; }
trap cleanup EXIT
[[ $arch == amd64 ]] || binfmt_on "$arch"

start=$SECONDS
# Into a tarball, not a folder: nothing of /proc or /dev can be left mounted in it, and every
# run unpacks it afresh. The hooks cut the initramfs down and set up the network and console.
nice -n 10 mmdebstrap --variant=apt --arch="$arch" --include="$(echo $packages | tr ' ' ',')" \
  --essential-hook="$here/image-hooks.sh essential \"\$1\"" \
  --customize-hook="$here/image-hooks.sh customize \"\$1\" $tmp" \
  bookworm "$tmp/rootfs.tar" >"$tmp/mmdebstrap.log" 2>&1 || { tail -40 "$tmp/mmdebstrap.log" >&2; exit 1; }
mv "$tmp/vmlinuz" "$tmp/initrd.img" "$cache/"
mv "$tmp/rootfs.tar" "$cache/rootfs.tar"  # last: its presence means the cache entry is whole
echo "image.sh: built $cache in $((SECONDS - start)) s" >&2
echo "$cache"
