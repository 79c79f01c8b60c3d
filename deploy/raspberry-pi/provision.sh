#!/bin/sh
# Turns a fresh Raspberry Pi OS Lite (bookworm, 64- or 32-bit) into a news board: installs the
# newsboard package, writes the board's configuration, hides boot text and cursor, frees tty1,
# and optionally makes the root file system read-only with the cache on a data partition.
# Run it once as root on the Pi, then reboot. Running it again with other values updates them.
#
#   sudo deploy/raspberry-pi/provision.sh --deb newsboard_0.5.0_arm64.deb \
#       --url https://news.example.cn/park.json --board-id park-east \
#       --key staff.pub [--rotate 0|90|180|270] [--portrait] [--timezone Asia/Shanghai] \
#       [--display-off 23:00-06:00] [--data-partition /dev/mmcblk0p3 [--format-data]] [--read-only]
#       [--broker mqtt://HOST:1883 --broker-password-file BOARD.password] [--group G] [--desk URL]
#
# With --broker or --desk the board joins the fleet (docs/fleet.md): it gets its own key pair
# (/etc/newsboard/keys/board.key, made once; the public key is printed for staff to approve).
#
# --root DIR works on a copy of a system under DIR (the tests' fake Pi): no apt, no systemctl,
# no mounts; only the files are written.
# Every file is written whole to a temporary file and renamed: a power cut leaves the old or
# the new file, never half of one (cmdline.txt half-written would stop the Pi from booting).
set -eu

usage() {
    sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}
die() {
    echo "provision: $*" >&2
    exit 1
}
say() { echo "provision: $*"; }

root=
deb=
url=
board_id=
key=
rotate=
portrait=
timezone=
display_off=
data_partition=
format_data=no
read_only=no
broker=
broker_password_file=
group=
desk=
while [ $# -gt 0 ]; do
    case $1 in
        --root) root=${2:?}; shift 2 ;;
        --deb) deb=${2:?}; shift 2 ;;
        --url) url=${2:?}; shift 2 ;;
        --board-id) board_id=${2:?}; shift 2 ;;
        --key) key=${2:?}; shift 2 ;;
        --rotate) rotate=${2:?}; shift 2 ;;
        --portrait) portrait=yes; shift ;;
        --timezone) timezone=${2:?}; shift 2 ;;
        --display-off) display_off=${2:?}; shift 2 ;;
        --data-partition) data_partition=${2:?}; shift 2 ;;
        --format-data) format_data=yes; shift ;;
        --read-only) read_only=yes; shift ;;
        --broker) broker=${2:?}; shift 2 ;;
        --broker-password-file) broker_password_file=${2:?}; shift 2 ;;
        --group) group=${2:?}; shift 2 ;;
        --desk) desk=${2:?}; shift 2 ;;
        -h | --help) usage ;;
        *) echo "provision: unknown argument $1" >&2; usage ;;
    esac
done

[ -n "$url" ] || die "--url is required: the playlist this board shows (https://...)"
case $url in http://* | https://*) ;; *) die "--url must be an http:// or https:// URL, got $url" ;; esac
case $rotate in '' | 0 | 90 | 180 | 270) ;; *) die "--rotate takes 0, 90, 180 or 270, got $rotate" ;; esac
[ -z "$key" ] || [ -r "$key" ] || die "cannot read the key $key"
# A board takes only signed content (newsboard play refuses a URL without a trusted key). A
# second run may leave out --key when the board already has one.
[ -n "$key" ] || grep -q '^trusted-key *=' "${root:-}/etc/newsboard/newsboard.conf" 2>/dev/null ||
    die "--key is required: the staff's public key (staff.pub from newsboard keygen); the board shows only playlists signed with it"
[ -z "$deb" ] || [ -r "$deb" ] || die "cannot read the package $deb"
[ -z "$broker_password_file" ] || [ -r "$broker_password_file" ] || die "cannot read $broker_password_file"
case $broker in '' | mqtt://* | mqtts://*) ;; *) die "--broker must be mqtt://HOST:PORT or mqtts://HOST:PORT, got $broker" ;; esac
{ [ -z "$broker" ] && [ -z "$desk" ]; } || [ -n "$board_id" ] ||
    grep -q '^board-id *=' "${root:-}/etc/newsboard/newsboard.conf" 2>/dev/null ||
    die "--broker and --desk need --board-id: the board's name in the fleet"
[ "$read_only" = no ] || [ -n "$data_partition" ] ||
    die "--read-only needs --data-partition: the cache must live on a writable partition"
live=yes
if [ -n "$root" ]; then
    live=no
    root=$(cd "$root" && pwd)
elif [ "$(id -u)" -ne 0 ]; then
    die "run as root (sudo $0 ...)"
fi
[ -z "$timezone" ] || [ -f "$root/usr/share/zoneinfo/$timezone" ] ||
    die "unknown time zone $timezone (see /usr/share/zoneinfo)"

# Writes stdin to FILE through FILE.provision.tmp, fsync and rename.
write_file() {
    tmp="$1.provision.tmp"
    cat >"$tmp"
    sync "$tmp" 2>/dev/null || sync
    mv -f "$tmp" "$1"
}

# Sets `NAME = VALUE` in the newsboard config: replaces the line (or its commented example) in
# place, else appends it. Other lines, comments included, stay as the technician left them.
set_option() {
    conf=$1 name=$2 value=$3
    awk -v name="$name" -v value="$value" '
        BEGIN { done = 0 }
        {
            line = $0
            sub(/^[ \t]*#?[ \t]*/, "", line)
            if (!done && index(line, name) == 1 && substr(line, length(name) + 1) ~ /^[ \t]*=/) {
                print name " = " value
                done = 1
                next
            }
            print
        }
        END { if (!done) print name " = " value }' "$conf" | write_file "$conf"
}

# --- the package ---
if [ -n "$deb" ] && [ $live = yes ]; then
    say "installing $deb"
    apt-get update -q
    # apt resolves the Depends of a local .deb; the path must look like a path.
    case $deb in /* | ./*) ;; *) deb=./$deb ;; esac
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$deb"
fi
conf=$root/etc/newsboard/newsboard.conf
[ -f "$conf" ] || die "$conf is missing: install the newsboard package first (--deb FILE)"

# --- the board's configuration ---
set_option "$conf" source "$url"
[ -z "$board_id" ] || set_option "$conf" board-id "$board_id"
[ -z "$rotate" ] || set_option "$conf" rotate "$rotate"
[ -z "$portrait" ] || set_option "$conf" portrait yes
[ -z "$display_off" ] || set_option "$conf" display-off "$display_off"
if [ -n "$key" ]; then
    mkdir -p "$root/etc/newsboard/keys"
    write_file "$root/etc/newsboard/keys/staff.pub" <"$key"
    chmod 0644 "$root/etc/newsboard/keys/staff.pub"
    set_option "$conf" trusted-key /etc/newsboard/keys/staff.pub
fi
# --- the fleet: its own MQTT user and key pair (docs/fleet.md) ---
[ -z "$broker" ] || set_option "$conf" broker "$broker"
[ -z "$group" ] || set_option "$conf" group "$group"
[ -z "$desk" ] || set_option "$conf" desk "$desk"
if [ -n "$broker_password_file" ]; then
    mkdir -p "$root/etc/newsboard/keys"
    (umask 077; write_file "$root/etc/newsboard/keys/broker.password" <"$broker_password_file")
    [ $live = no ] || chown newsboard "$root/etc/newsboard/keys/broker.password"
    set_option "$conf" broker-password-file /etc/newsboard/keys/broker.password
    bid=$board_id
    [ -n "$bid" ] || bid=$(sed -n 's/^board-id *= *//p' "$conf" | head -n 1)
    set_option "$conf" broker-user "$bid"
fi
if [ -n "$broker$desk" ]; then
    mkdir -p "$root/etc/newsboard/keys"
    if [ ! -f "$root/etc/newsboard/keys/board.key" ]; then
        # NEWSBOARD: the player to run keygen with (the tests' build); on a Pi the package's.
        "${NEWSBOARD:-newsboard}" keygen "$root/etc/newsboard/keys/board" >/dev/null ||
            die "newsboard keygen failed"
    fi
    [ $live = no ] || chown newsboard "$root/etc/newsboard/keys/board.key"
    set_option "$conf" board-key /etc/newsboard/keys/board.key
    say "the board's public key, for staff to approve on the desk's fleet page:"
    sed -n 2p "$root/etc/newsboard/keys/board.pub"
fi
say "configuration: $conf"

# --- time zone: the display-off hours and playlist schedules are in local time ---
if [ -n "$timezone" ]; then
    ln -sfn "/usr/share/zoneinfo/$timezone" "$root/etc/localtime"
    echo "$timezone" | write_file "$root/etc/timezone"
    say "time zone: $timezone"
fi

# --- a silent boot: no text, no logo, no cursor, no console blanking ---
boot=$root/boot/firmware  # bookworm; older images have /boot
[ -f "$boot/cmdline.txt" ] || boot=$root/boot
[ -f "$boot/cmdline.txt" ] || die "no cmdline.txt in $root/boot/firmware or $root/boot"
# cmdline.txt is one line: move the console off tty1 and add the quiet options once each.
tr -d '\n' <"$boot/cmdline.txt" | tr ' ' '\n' | grep -v -e '^$' -e '^console=tty1$' |
    grep -v -e '^quiet$' -e '^loglevel=' -e '^logo.nologo$' -e '^vt.global_cursor_default=' -e '^consoleblank=' \
        -e '^console=tty3$' >"$boot/cmdline.txt.words" || true
{
    tr '\n' ' ' <"$boot/cmdline.txt.words"
    echo "console=tty3 quiet loglevel=0 logo.nologo vt.global_cursor_default=0 consoleblank=0"
} | write_file "$boot/cmdline.txt"
rm -f "$boot/cmdline.txt.words"
[ -f "$boot/config.txt" ] || : >"$boot/config.txt"
if ! grep -q '^disable_splash=1' "$boot/config.txt"; then
    { grep -v '^disable_splash=' "$boot/config.txt"; echo "disable_splash=1"; } | write_file "$boot/config.txt"
fi
say "boot: $boot/cmdline.txt, $boot/config.txt (no splash, no text on the panel)"

# --- tty1 belongs to the board ---
if [ $live = yes ]; then
    systemctl disable --quiet getty@tty1.service 2>/dev/null || true
    systemctl mask --quiet getty@tty1.service
else
    mkdir -p "$root/etc/systemd/system"
    ln -sfn /dev/null "$root/etc/systemd/system/getty@tty1.service"
fi

# --- optional: the cache on a data partition, the root file system read-only ---
if [ -n "$data_partition" ]; then
    data=/var/lib/newsboard-data
    if [ $live = yes ]; then
        [ -b "$data_partition" ] || die "$data_partition is not a block device"
        if ! blkid -o value -s TYPE "$data_partition" >/dev/null 2>&1; then
            [ "$format_data" = yes ] || die "$data_partition has no file system: add --format-data to make one (erases it)"
            mkfs.ext4 -q -L newsboard-data "$data_partition"
        fi
        uuid=$(blkid -o value -s UUID "$data_partition")
        spec="UUID=$uuid"
    else
        spec=$data_partition
    fi
    mkdir -p "$root$data"
    if ! grep -q " $data " "$root/etc/fstab" 2>/dev/null; then
        # commit=5: a power cut loses at most 5 s of journal; the cache's own writes are fsynced.
        { cat "$root/etc/fstab" 2>/dev/null; echo "$spec $data ext4 defaults,noatime,commit=5 0 2"; } |
            write_file "$root/etc/fstab"
    fi
    if [ $live = yes ]; then
        mountpoint -q "$data" || mount "$data"
        mkdir -p "$data/cache" "$data/state"
        chown newsboard:newsboard "$data/cache" "$data/state"
    fi
    set_option "$conf" cache "$data/cache"
    # The state (the newest signed edition taken) must outlive a reboot of the read-only root.
    set_option "$conf" state "$data/state"
    # ProtectSystem=strict makes everything read-only for the service but what it names.
    mkdir -p "$root/etc/systemd/system/newsboard.service.d"
    printf '%s\n' "# Written by deploy/raspberry-pi/provision.sh: the cache on the data partition." \
        "[Unit]" "RequiresMountsFor=$data" "[Service]" "ReadWritePaths=$data/cache $data/state" |
        write_file "$root/etc/systemd/system/newsboard.service.d/data-partition.conf"
    say "cache and state: $data/cache, $data/state on $data_partition"
fi
if [ "$read_only" = yes ]; then
    if [ $live = yes ]; then
        command -v raspi-config >/dev/null || die "--read-only needs raspi-config (Raspberry Pi OS)"
        # An overlay in RAM over the root file system: nothing written outside the data
        # partition survives a reboot, and a power cut cannot corrupt the root.
        raspi-config nonint do_overlayfs 0
    fi
    say "root file system: read-only overlay from the next boot (undo: raspi-config nonint do_overlayfs 1)"
fi

if [ $live = yes ]; then
    systemctl daemon-reload
    systemctl enable --quiet newsboard.service
fi
say "done. Reboot to start the board: sudo reboot"
say "then: status  cat /run/newsboard/status.json"
say "      logs    journalctl -u newsboard -b"
