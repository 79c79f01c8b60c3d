#!/bin/sh
# mmdebstrap hooks of image.sh (run on the host, ROOTFS is the image being built):
#   image-hooks.sh essential ROOTFS        before the kernel is installed
#   image-hooks.sh customize ROOTFS OUT    at the end; the kernel and initramfs are copied to OUT
set -eu
step=$1
root=$2

case $step in
essential)
    # The initramfs only has to find an ext4 root on a virtio disk. initramfs-tools' default,
    # MODULES=most, runs modinfo on thousands of modules, under qemu-user for arm64 (half an
    # hour); a short list takes seconds.
    mkdir -p "$root/etc/initramfs-tools/conf.d" "$root/etc/initramfs-tools/hooks"
    echo MODULES=list >"$root/etc/initramfs-tools/conf.d/newsboard-boot-test.conf"
    cat >"$root/etc/initramfs-tools/hooks/newsboard-boot-test" <<'HOOK'
#!/bin/sh
# The modules of a virtio disk with ext4 (virtio_mmio: arm64's virt machine).
case $1 in prereqs) exit 0 ;; esac
. /usr/share/initramfs-tools/hook-functions
for m in virtio_pci virtio_mmio virtio_blk crc32c_generic ext4; do force_load "$m"; done
HOOK
    chmod 755 "$root/etc/initramfs-tools/hooks/newsboard-boot-test"
    ;;
customize)
    out=$3
    # No partition table: the whole disk is the root file system (mkfs.ext4 -d, no loop device).
    echo "/dev/vda / ext4 rw,errors=remount-ro 0 1" >"$root/etc/fstab"
    echo newsboard-boot-test >"$root/etc/hostname"
    # The guest's one network card gets its address from QEMU's user-mode DHCP.
    mkdir -p "$root/etc/systemd/network"
    printf '[Match]\nType=ether\n\n[Network]\nDHCP=ipv4\n' >"$root/etc/systemd/network/20-wired.network"
    chroot "$root" systemctl enable systemd-networkd.service >/dev/null 2>&1
    cp "$root"/boot/vmlinuz-* "$out/vmlinuz"
    cp "$root"/boot/initrd.img-* "$out/initrd.img"
    ;;
*)
    echo "image-hooks.sh: unknown step $step" >&2
    exit 2
    ;;
esac
