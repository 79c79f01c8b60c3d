#!/usr/bin/env bash
# Makes a target root for cross builds: the Debian packages named, with everything they depend
# on, for one architecture, unpacked into DIR, plus a dpkg database of them (DIR/var/lib/dpkg)
# that dpkg-shlibdeps reads to compute the package's Depends.
#
#   deploy/cross/sysroot.sh ARCH DIR PACKAGE...     (ARCH: arm64 | armhf)
#
# Why not multiarch (dpkg --add-architecture and PACKAGE:ARCH on this machine)? Multi-Arch: same
# libraries must have the same version for every architecture, so one arch's security update
# that lags another's (this machine's mirror had, e.g., libpcre2-8-0 +deb12u2 for amd64 and
# only the point release for arm64) blocks the install unless the host's own libraries are
# downgraded. Here apt resolves for ARCH alone, in a private state under DIR/.apt, and the host's
# dpkg is never touched. Nothing runs as the target: the files are only unpacked.
set -euo pipefail

arch=$1 dir=$2
shift 2
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
state=$dir/.apt
mkdir -p "$state/lists/partial" "$state/archives/partial" "$dir/var/lib/dpkg/info"
touch "$state/status"
apt_opts=(
  -o "APT::Architecture=$arch" -o "APT::Architectures=$arch"
  -o "Dir::State=$state" -o "Dir::State::Lists=$state/lists" -o "Dir::State::status=$state/status"
  -o "Dir::Cache=$state" -o "Dir::Cache::archives=$state/archives"
  -o Debug::NoLocking=1 -o APT::Install-Recommends=0 -o APT::Install-Suggests=0
)
# A failed index (a mirror in the middle of a sync) is not fatal: apt uses the ones it has,
# and the install below fails if what it needs is missing.
apt-get "${apt_opts[@]}" -qq update || echo "sysroot.sh: apt-get update reported errors; going on" >&2
apt-get "${apt_opts[@]}" -qq -y --download-only install "$@" >/dev/null

# Unpack every package once (a stamp per .deb), and record it in the target's dpkg database.
# The .list files name paths as they are on this machine (DIR/usr/lib/...), because that is
# where dpkg-shlibdeps finds the libraries when it asks dpkg-query who owns them.
db=$dir/var/lib/dpkg
printf '%s\n' "$arch" >"$db/arch"
echo 1 >"$db/info/format"  # multiarch names for the .list files (pkg:arch.list)
for deb in "$state"/archives/*.deb; do
  stamp=$state/unpacked/$(basename "$deb")
  [[ -e $stamp ]] && continue
  dpkg-deb -x "$deb" "$dir"
  pkg=$(dpkg-deb -f "$deb" Package)
  name=$pkg
  [[ $(dpkg-deb -f "$deb" Multi-Arch) == same ]] && name=$pkg:$arch
  dpkg-deb -c "$deb" | awk -v root="$dir" '{ p = $6; sub(/^\./, "", p); sub(/\/$/, "", p); if (p != "") print root p }' \
    >"$db/info/$name.list"
  ctl=$(mktemp -d)
  dpkg-deb -e "$deb" "$ctl"
  for f in shlibs symbols; do
    if [[ -f $ctl/$f ]]; then cp "$ctl/$f" "$db/info/$name.$f"; fi
  done
  { grep -v '^$' "$ctl/control"; echo "Status: install ok installed"; echo; } >"$db/status.d.$name"
  rm -rf "$ctl"
  mkdir -p "$state/unpacked" && touch "$stamp"
done
cat "$db"/status.d.* >"$db/status"

# Absolute symbolic links (libfoo.so -> /lib/<triplet>/libfoo.so.1) would point into this
# machine: make them relative, so they stay inside the target root.
find "$dir" -path "$state" -prune -o -type l -lname '/*' -print | while read -r link; do
  target=$(readlink "$link")
  ln -sfn "$(realpath -m --relative-to="$(dirname "$link")" "$dir$target")" "$link"
done
