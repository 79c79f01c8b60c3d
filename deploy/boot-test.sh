#!/usr/bin/env bash
# The kiosk's boot test: a minimal Debian image with the newsboard package, booted in QEMU with a
# virtio GPU; the board's first slide must reach the virtual screen through the systemd service
# and KMSDRM, and after a power cut in the middle of a sync the board must come back with content.
#
#   deploy/boot-test.sh [amd64|arm64] [--deb FILE] [--reuse-build]
#
# amd64 (the default) tests the package deploy/package.sh builds (in build-boot-pkg/); arm64 the
# one deploy/cross-build.sh arm64 made (build-arm64/newsboard_*_arm64.deb); --deb names another.
# --reuse-build skips deploy/package.sh when build-boot-pkg/ has a package already (package.sh
# configures afresh, so it recompiles everything: 5-11 min here).
# Results (screendumps as PNG, serial logs, timings.txt) go to /tmp/newsboard-boot-test/ARCH-TIME/.
# The base image is cached in /var/cache/newsboard-boot-test/ (see boot-test/image.sh).
# Run time on 2 busy cores without KVM (amd64, image cached, --reuse-build): 11-12 min, of which
# the two boots take 10; building the image adds 5 min, the host build 5-11.
# Too slow for .ci/run; it needs root (mmdebstrap, chroot, mkfs -d) and installs what it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

arch=amd64
deb=""
reuse=no
while (($#)); do
  case $1 in
    amd64 | arm64) arch=$1 ;;
    --deb) deb=$(realpath "$2"); shift ;;
    --reuse-build) reuse=yes ;;
    *) echo "usage: deploy/boot-test.sh [amd64|arm64] [--deb FILE] [--reuse-build]" >&2; exit 2 ;;
  esac
  shift
done
[[ $(id -u) -eq 0 ]] || { echo "boot-test.sh: needs root (mmdebstrap, chroot, mkfs.ext4 -d)" >&2; exit 2; }

source scripts/deps.sh
case $arch in amd64) emulator=qemu-system-x86 ;; arm64) emulator=qemu-system-arm ;; esac
# The host renders the reference pictures with its own build, so it needs the build deps too.
newsboard_install "${NEWSBOARD_BUILD_DEPS[@]}" dpkg-dev file "$emulator" mmdebstrap arch-test \
  e2fsprogs nginx-light socat python3 python3-pil

start=$SECONDS
# `|| true`: with no package yet ls fails, and pipefail would end the script without a word.
host_deb=$(ls "$repo"/build-boot-pkg/newsboard_*_amd64.deb 2>/dev/null | tail -1 || true)
if [[ $reuse == no || -z $host_deb || ! -x build-boot-pkg/newsboard ]]; then
  # package.sh prints both packages, the desk's first: the player's is the one under test.
  host_deb=$(nice -n 10 deploy/package.sh build-boot-pkg | grep '/newsboard_[^/]*_amd64\.deb$')
fi
if [[ -z $deb ]]; then
  case $arch in
    amd64) deb=$host_deb ;;
    arm64)
      deb=$(ls "$repo"/build-arm64/newsboard_*_arm64.deb 2>/dev/null | tail -1 || true)
      [[ -n $deb ]] || { echo "boot-test.sh: no build-arm64/newsboard_*_arm64.deb: run deploy/cross-build.sh arm64" >&2; exit 2; }
      ;;
  esac
fi
echo "boot-test: package $deb (host build: $((SECONDS - start)) s)"

start=$SECONDS
image=$(deploy/boot-test/image.sh "$arch" "$deb")
echo "boot-test: image $image ($((SECONDS - start)) s; 0-2 s when cached)"

out=/tmp/newsboard-boot-test/$arch-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$out"
start=$SECONDS
deploy/boot-test/disk.sh "$arch" "$image" "$deb" "http://10.0.2.100/board/playlist.json" "$out/disk.raw"
echo "boot-test: disk with the package installed: $out/disk.raw ($((SECONDS - start)) s)"

start=$SECONDS
status=0
# Debian's python3 (python3-pil), whatever python3 comes first on PATH.
NEWSBOARD_FONT_DIR=$repo/fonts /usr/bin/python3 deploy/boot-test/run.py --arch "$arch" --image "$image" \
  --disk "$out/disk.raw" --newsboard "$repo/build-boot-pkg/newsboard" \
  --demo "$repo/playlists/jining-gaoxin-p03.json" --out "$out" || status=$?
echo "boot-test: boots and checks took $((SECONDS - start)) s"
echo "boot-test: results in $out:"
(cd "$out" && ls -- *.png *.txt 2>/dev/null | sed 's/^/  /')
if ((status == 0)); then rm -f "$out/disk.raw"; fi  # 3 GB sparse; kept when something failed
exit "$status"
