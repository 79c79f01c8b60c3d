#!/bin/sh
# Install the newsboard package on this machine, check it, purge it and check that nothing is
# left. As root, on Debian 12; it changes the machine (apt-get installs the Depends).
#
#   deploy/package-test.sh [PACKAGE.deb]     (default: build it with deploy/package.sh)
#
# Also runs lintian on the package when lintian is installed.
set -eu

cd "$(dirname "$0")/.."
deb=${1:-}
if [ -z "$deb" ]; then deb=$(deploy/package.sh | tail -n 1); fi
case $deb in /*) ;; *) deb=$(pwd)/$deb ;; esac

failures=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; failures=$((failures + 1)); }
check() { # check DESCRIPTION COMMAND...
    what=$1; shift
    if "$@" >/dev/null 2>&1; then ok "$what"; else bad "$what"; fi
}

echo "== package: $deb"
dpkg-deb --field "$deb" Package Version Architecture Depends Recommends

if dpkg -s newsboard >/dev/null 2>&1; then dpkg --purge newsboard >/dev/null 2>&1; fi

echo "== install"
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$deb" >/tmp/newsboard-install.log 2>&1 \
    || { cat /tmp/newsboard-install.log; bad "apt-get install"; exit 1; }
ok "apt-get install ./$(basename "$deb")"
echo "   $(/usr/bin/newsboard --version)"
check "newsboard --version" /usr/bin/newsboard --version
check "newsboard --help" /usr/bin/newsboard --help
check "fonts in /usr/share/newsboard/fonts" test -s /usr/share/newsboard/fonts/NotoSansCJKsc-Regular.subset.otf
out=$(mktemp -d)
env -u NEWSBOARD_FONT_DIR /usr/bin/newsboard render playlists/jining-gaoxin-p03.json -o "$out" \
    --at 2019-04-08T09:00:00+08:00 >/dev/null 2>&1 || true
check "the binary does not look in the source tree for fonts" sh -c "! grep -qF '$(pwd)/fonts' /usr/bin/newsboard"
check "render uses the installed fonts" grep -q '"font": "NotoSansCJKsc-Regular.subset.otf"' "$out/layout.json"
rm -rf "$out"
check "user newsboard (system, nologin)" sh -c \
    'getent passwd newsboard | grep -Eq ":/var/lib/newsboard:(/usr/sbin/nologin|/bin/false)$"'
for group in video render input; do
    check "newsboard in group $group" sh -c "id -nG newsboard | tr ' ' '\n' | grep -qx $group"
done
for conf in /etc/newsboard/newsboard.conf; do
    check "conffile $conf" sh -c "dpkg-query -W -f='\${Conffiles}' newsboard | grep -q ' $conf '"
done
check "the example configuration is accepted" \
    /usr/bin/newsboard check playlists/jining-gaoxin-p03.json --config /etc/newsboard/newsboard.conf
check "unit file /lib/systemd/system/newsboard.service" test -f /lib/systemd/system/newsboard.service
check "unit enabled (multi-user.target.wants)" test -L /etc/systemd/system/multi-user.target.wants/newsboard.service
check "manual page" test -f /usr/share/man/man1/newsboard.1.gz
check "copyright and changelog.gz" test -f /usr/share/doc/newsboard/copyright -a -f /usr/share/doc/newsboard/changelog.gz
if systemd-analyze verify /lib/systemd/system/newsboard.service >/tmp/newsboard-verify.log 2>&1; then
    ok "systemd-analyze verify"
else
    bad "systemd-analyze verify"; cat /tmp/newsboard-verify.log
fi
systemd-analyze security --offline=true /lib/systemd/system/newsboard.service 2>/dev/null | tail -n 1 || true

echo "== upgrade keeps the configuration and the cache"
mkdir -p /var/cache/newsboard && echo kept >/var/cache/newsboard/probe
echo "board-id = probe" >>/etc/newsboard/newsboard.conf
DEBIAN_FRONTEND=noninteractive dpkg -i --force-confold "$deb" >/tmp/newsboard-reinstall.log 2>&1 \
    || { cat /tmp/newsboard-reinstall.log; bad "dpkg -i again"; }
check "the edited conffile survives" grep -qx "board-id = probe" /etc/newsboard/newsboard.conf
check "the cache survives" test -f /var/cache/newsboard/probe

echo "== purge"
dpkg --purge newsboard >/tmp/newsboard-purge.log 2>&1 || { cat /tmp/newsboard-purge.log; bad "dpkg --purge"; }
check "package gone" sh -c '! dpkg -s newsboard'
for path in /usr/bin/newsboard /usr/share/newsboard /usr/share/doc/newsboard /etc/newsboard \
    /var/cache/newsboard /var/lib/newsboard /lib/systemd/system/newsboard.service \
    /etc/systemd/system/multi-user.target.wants/newsboard.service \
    /var/lib/systemd/deb-systemd-helper-enabled/newsboard.service \
    /var/lib/systemd/deb-systemd-helper-enabled/multi-user.target.wants/newsboard.service; do
    check "no $path" sh -c "! test -e $path && ! test -L $path"
done
check "no user newsboard" sh -c '! getent passwd newsboard'
check "no group newsboard" sh -c '! getent group newsboard'

if command -v lintian >/dev/null; then
    echo "== lintian"
    lintian --info --display-info "$deb" || true
fi

echo "== $failures failure(s)"
[ "$failures" -eq 0 ]
