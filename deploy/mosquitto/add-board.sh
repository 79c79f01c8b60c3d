#!/bin/sh
# Gives a board its own MQTT user (its board id) and lets it read its group's doorbell:
#
#   sudo deploy/mosquitto/add-board.sh BOARD_ID GROUP [--dir /etc/mosquitto] [--out DIR]
#
# Makes a random password, adds it to DIR/newsboard.passwd (mosquitto_passwd, hashed), adds the
# board's section to DIR/newsboard.acl, and writes the password to OUT/BOARD_ID.password (0600)
# for provision.sh --broker-password-file. Run it again to give a board a new password. Then
# `systemctl reload mosquitto` (or send it SIGHUP) to take the changes.
set -eu
die() { echo "add-board: $*" >&2; exit 1; }
[ $# -ge 2 ] || { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
board=$1 group=$2
shift 2
dir=/etc/mosquitto
out=.
while [ $# -gt 0 ]; do
    case $1 in
        --dir) dir=${2:?}; shift 2 ;;
        --out) out=${2:?}; shift 2 ;;
        *) die "unknown argument $1" ;;
    esac
done
# The rule of core/ids.h: an id is what a topic level can hold safely.
echo "$board" | grep -Eqx '[A-Za-z0-9][A-Za-z0-9._-]{0,63}' || die "not a board id: $board"
echo "$group" | grep -Eqx '[A-Za-z0-9][A-Za-z0-9._-]{0,63}' || die "not a group id: $group"
[ "$board" != desk ] || die "\"desk\" is the desk's user"
[ -f "$dir/newsboard.acl" ] || die "$dir/newsboard.acl is missing: copy deploy/mosquitto/newsboard.acl there first"

password=$(head -c 24 /dev/urandom | base64 | tr -d '/+=' | cut -c1-24)
touch "$dir/newsboard.passwd"
chmod 0600 "$dir/newsboard.passwd"
mosquitto_passwd -b "$dir/newsboard.passwd" "$board" "$password"

# The board's section, replaced whole when it is there already (a board moved to a group).
tmp="$dir/newsboard.acl.tmp"
awk -v board="$board" '
    $0 == "user " board { skip = 1; next }
    skip && /^(user|pattern) / { skip = 0 }
    skip && /^$/ { next }
    !skip { print }' "$dir/newsboard.acl" >"$tmp"
printf 'user %s\ntopic read newsboard/group/%s/#\n' "$board" "$group" >>"$tmp"
sync "$tmp" 2>/dev/null || true
mv -f "$tmp" "$dir/newsboard.acl"

umask 077
printf '%s\n' "$password" >"$out/$board.password.tmp"
mv -f "$out/$board.password.tmp" "$out/$board.password"
echo "add-board: $board (group $group): password in $out/$board.password; now reload mosquitto"
