#!/usr/bin/env bash
# Cross-builds the Debian packages (newsboard, newsboard-desk) for a Raspberry Pi on an amd64 Debian 12, and
# with --test runs the unit tests of that build under user-mode qemu. Prints the player .deb's path.
#
#   deploy/cross-build.sh arm64|armhf [--test]
#
# Installs (as root or through sudo) Debian's cross compilers (crossbuild-essential-ARCH),
# qemu-user and dpkg-dev; makes a target root of the ARCH -dev packages of scripts/deps.sh in
# build-pkg-sysroot-ARCH (deploy/cross/sysroot.sh says why not multiarch); builds with
# deploy/package.sh into build-ARCH through deploy/cross/<triplet>.cmake; checks each package's
# Architecture and that its Depends name every library the binary links.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh

usage() { echo "usage: deploy/cross-build.sh arm64|armhf [--test]" >&2; exit 2; }
arch=${1:-}
case $arch in
  arm64) triplet=aarch64-linux-gnu ;;
  armhf) triplet=arm-linux-gnueabihf ;;
  *) usage ;;
esac
test=no
for arg in "${@:2}"; do
  case $arg in
    --test) test=yes ;;
    *) usage ;;
  esac
done

# This machine's tools; the compilers of NEWSBOARD_BUILD_DEPS are replaced by the cross ones.
newsboard_install cmake make pkg-config dpkg-dev file "crossbuild-essential-$arch" qemu-user
# The target's libraries and headers: the -dev packages, and Catch2 (headers) for the tests.
mapfile -t target_pkgs < <(printf '%s\n' "${NEWSBOARD_BUILD_DEPS[@]}" | grep -- '-dev$')
root=$(realpath -m build-pkg-sysroot-$arch)  # real path: the dpkg database names files by it
deploy/cross/sysroot.sh "$arch" "$root" "${target_pkgs[@]}" catch2

build=build-$arch
export NEWSBOARD_SYSROOT=$root
export CMAKE_TOOLCHAIN_FILE=$(pwd)/deploy/cross/$triplet.cmake  # read by package.sh's cmake --fresh
# dpkg-buildflags gives the target's hardening flags, and dpkg-shlibdeps (run by CPack) looks in
# the target's library folders and asks the target root's dpkg database who owns each library.
debs=$(DEB_HOST_ARCH=$arch DPKG_ADMINDIR=$root/var/lib/dpkg deploy/package.sh "$build")
deb=$(tail -n 1 <<<"$debs")  # the player's; the desk's (newsboard-desk) is on the line before
deploy/cross/check-deb.sh "$deb" "$arch" "$root"
deploy/cross/check-deb.sh "$(head -n 1 <<<"$debs")" "$arch" "$root"

if [[ $test == yes ]]; then
  # The same build dir with the tests added: the libraries are already built with the package's
  # flags, so only the tests compile.
  log=$(mktemp)
  trap 'rm -f "$log"' EXIT
  cmake -S . -B "$build" -DNEWSBOARD_TESTS=ON >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
  cmake --build "$build" -j"$(nproc)" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
  if grep -q 'warning:' "$log"; then grep -A3 'warning:' "$log" >&2; echo "cross-build.sh: compiler warnings" >&2; exit 1; fi
  # Only the Catch2 tests (label `unit`): they run through CMAKE_CROSSCOMPILING_EMULATOR
  # (deploy/cross/debian-cross.cmake). The Python ones (cli.*, faults.*, soak.*) exec the
  # binary directly, which needs qemu registered with binfmt_misc (not there in a container,
  # and a change to the whole machine).
  ctest --test-dir "$build" --output-on-failure -j"$(nproc)" -L '^unit$' --no-tests=error >&2
fi
echo "$deb"
