# shellcheck shell=bash
# Sourced by the boot test's scripts: runs foreign (arm64) binaries in a chroot through
# qemu-user, for mmdebstrap and for installing the package into the image.
#
#   binfmt_on ARCH    register qemu-ARCH-static with binfmt_misc (flag F: the kernel opens the
#                     interpreter now, so it works inside any chroot), unless one is registered
#   binfmt_off        undo what binfmt_on did, and only that
#
# Debian's qemu-user-binfmt registers a dynamically linked qemu, which a chroot cannot load, and
# qemu-user-static conflicts with it; so the static binary is taken out of its .deb.

binfmt_registered=""
binfmt_mounted=""

binfmt_on() {
  local qarch
  case $1 in
    arm64) qarch=aarch64 ;;
    *) echo "binfmt.sh: no emulator for $1" >&2; return 1 ;;
  esac
  local dir=/proc/sys/fs/binfmt_misc
  if [[ ! -e $dir/register ]]; then
    mount -t binfmt_misc binfmt_misc "$dir"
    binfmt_mounted=yes
  fi
  [[ -e $dir/qemu-$qarch ]] && return 0  # someone else's registration: leave it be

  local store=/var/cache/newsboard-boot-test/qemu-user-static
  if [[ ! -x $store/usr/bin/qemu-$qarch-static ]]; then
    local dl
    dl=$(mktemp -d)
    (cd "$dl" && apt-get download qemu-user-static >/dev/null)
    rm -rf "$store"
    dpkg-deb -x "$dl"/qemu-user-static_*.deb "$store"
    rm -rf "$dl"
  fi
  # The .deb's own rule gives the ELF magic and mask; only the interpreter and flags change.
  local rule magic mask
  rule=$(cat "$store/usr/lib/binfmt.d/qemu-$qarch.conf")
  magic=$(echo "$rule" | cut -d: -f5)
  mask=$(echo "$rule" | cut -d: -f6)
  echo ":qemu-$qarch:M::$magic:$mask:$store/usr/bin/qemu-$qarch-static:FOC" >"$dir/register"
  binfmt_registered=$dir/qemu-$qarch
}

binfmt_off() {
  if [[ -n $binfmt_registered ]]; then echo -1 >"$binfmt_registered"; binfmt_registered=""; fi
  if [[ -n $binfmt_mounted ]]; then umount /proc/sys/fs/binfmt_misc; binfmt_mounted=""; fi
}
