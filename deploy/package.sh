#!/bin/sh
# Build the Debian packages with CPack and print their paths: newsboard-desk's (the newsroom's desk)
# first, then newsboard's (the boards' player) on the last line, which callers take with tail -n 1.
#
#   deploy/package.sh [--clean] [BUILD_DIR]     (BUILD_DIR defaults to build-pkg)
#
# The build dir is configured afresh (--fresh: no cached options survive) as a Release build
# with the /usr prefix the package needs, fonts only from /usr/share/newsboard/fonts
# (NEWSBOARD_PACKAGE) and without the test suite; --clean deletes it first.
# Needs the build dependencies of ./test.sh plus dpkg-dev (dpkg-shlibdeps, dpkg-buildflags) and
# file. A compiler warning fails it.
set -eu

cd "$(dirname "$0")/.."
clean=no
if [ "${1:-}" = --clean ]; then clean=yes; shift; fi
build=${1:-build-pkg}

if [ "$clean" = yes ]; then rm -rf "$build"; fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# Debian's hardening flags (fortify, stack protector, relro, bindnow), as dpkg-buildpackage would.
DEB_BUILD_MAINT_OPTIONS=hardening=+all
export DEB_BUILD_MAINT_OPTIONS
CXXFLAGS="$(dpkg-buildflags --get CPPFLAGS) $(dpkg-buildflags --get CXXFLAGS | sed "s/-g //")"  # stripped anyway: no -g
LDFLAGS=$(dpkg-buildflags --get LDFLAGS)
export CXXFLAGS LDFLAGS
cmake --fresh -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
    -DNEWSBOARD_TESTS=OFF -DNEWSBOARD_PACKAGE=ON >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
cmake --build "$build" -j"$(nproc)" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
if grep -q 'warning:' "$log"; then grep -A3 'warning:' "$log" >&2; echo "package.sh: compiler warnings" >&2; exit 1; fi
rm -f "$build"/newsboard_*.deb "$build"/newsboard-desk_*.deb
(cd "$build" && cpack -G DEB) >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
echo "$(pwd)/$(ls "$build"/newsboard-desk_*.deb)"
echo "$(pwd)/$(ls "$build"/newsboard_*.deb)"
