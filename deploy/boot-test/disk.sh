#!/usr/bin/env bash
# Makes the disk of one boot-test run: the cached base image, the package under test installed
# fresh into it, and the board's configuration.
#
#   deploy/boot-test/disk.sh ARCH IMAGE_DIR DEB URL DISK
#
# URL is the playlist the board shows; DISK is written as a raw ext4 file system (no partition
# table, root=/dev/vda), populated with mkfs.ext4 -d: no loop device, no mount.
set -euo pipefail

arch=$1
image=$2
deb=$3
url=$4
disk=$5
here=$(cd "$(dirname "$0")" && pwd)
source "$here/binfmt.sh"

work=$(mktemp -d /var/tmp/newsboard-disk.XXXXXX)
cleanup() { binfmt_off; rm -rf "$work"; }
trap cleanup EXIT
[[ $arch == amd64 ]] || binfmt_on "$arch"

root=$work/rootfs
mkdir "$root"
tar -C "$root" --numeric-owner -xpf "$image/rootfs.tar"

# The real install, maintainer scripts and all: the postinst makes the user and enables the unit.
# It does not start it (no systemd runs in the chroot); the first boot does.
cp "$deb" "$root/tmp/newsboard.deb"
chroot "$root" dpkg -i /tmp/newsboard.deb >"$work/dpkg.log" 2>&1 || { cat "$work/dpkg.log" >&2; exit 1; }
rm "$root/tmp/newsboard.deb"

# The board's configuration, where the installed package reads it: a `source =` line in
# newsboard.conf, or, for a package whose unit still takes NEWSBOARD_SOURCE, newsboard.env.
# size: the virtual screen's mode, so `newsboard render --size 1280x800` is the reference.
conf=$root/etc/newsboard/newsboard.conf
{
  echo "# Written by deploy/boot-test/disk.sh"
  echo "board-id = boot-test"
  echo "size = 1280x800"
  echo "poll = 5"
  # The boot test's server publishes unsigned editions (it judges the screen, not the trust).
  echo "allow-unsigned = yes"
} >"$conf"
if grep -q NEWSBOARD_SOURCE "$root/lib/systemd/system/newsboard.service"; then
  echo "NEWSBOARD_SOURCE=$url" >"$root/etc/newsboard/newsboard.env"
else
  echo "source = $url" >>"$conf"
fi

# The probe of the display-off check (probe.sh): idle until run.py publishes its signal.
install -m 755 "$here/probe.sh" "$root/usr/local/sbin/boot-test-probe"
cat >"$root/etc/systemd/system/boot-test-probe.service" <<'UNIT'
[Unit]
Description=Newsboard boot test: display-off probe
After=newsboard.service network-online.target
[Service]
ExecStart=/usr/local/sbin/boot-test-probe
[Install]
WantedBy=multi-user.target
UNIT
ln -sf /etc/systemd/system/boot-test-probe.service "$root/etc/systemd/system/multi-user.target.wants/boot-test-probe.service"

# Room for the cache to take a second edition with its large picture.
rm -f "$disk"
mkfs.ext4 -q -F -L newsboard -d "$root" "$disk" 3G >/dev/null
