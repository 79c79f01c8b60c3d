#!/bin/bash
# The boot test's probe inside the guest (disk.sh installs it as boot-test-probe.service; run.py
# reads its lines on the serial console). It waits until the test publishes probe/display-off on
# its server, then gives the board display-off hours from this minute to two minutes on and
# restarts the player; once a second it logs what the guest itself sees: the connected
# connectors' DPMS state in sysfs, the status file's `panel`, and the player's CPU time, until
# the panel has been on again for 15 s.
set -u
say() { echo "boot-test-probe: $*" >/dev/console; }
published() {  # whether GET /$1 on the test's server answers 200
  exec 3<>/dev/tcp/10.0.2.100/80 || return 1
  printf 'GET /%s HTTP/1.0\r\nHost: 10.0.2.100\r\n\r\n' "$1" >&3
  local line
  read -r line <&3
  exec 3<&-
  [[ $line == *" 200 "* ]]
}
until published probe/display-off; do sleep 2; done
from=$(date +%H:%M)
until_=$(date -d '+2 min' +%H:%M)
echo "display-off = $from-$until_" >>/etc/newsboard/newsboard.conf
say "display-off = $from-$until_; restarting newsboard.service"
systemctl restart newsboard.service
seen_off=no
on_for=0
for _ in $(seq 1 400); do
  pid=$(systemctl show -p MainPID --value newsboard.service)
  ticks=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo -)
  dpms=""
  for c in /sys/class/drm/card*-*; do
    [[ $(cat "$c/status" 2>/dev/null) == connected ]] && dpms="$dpms ${c##*/}=$(cat "$c/dpms")"
  done
  panel=$(grep -o '"panel": *"[a-z]*"' /run/newsboard/status.json 2>/dev/null | cut -d'"' -f4)
  say "t=$(cut -d' ' -f1 /proc/uptime) pid=$pid ticks=$ticks hz=$(getconf CLK_TCK) panel=$panel dpms=$dpms"
  [[ $dpms == *=Off* ]] && seen_off=yes
  if [[ $seen_off == yes && $dpms == *=On* ]]; then
    on_for=$((on_for + 1))
    ((on_for >= 15)) && break
  fi
  sleep 1
done
say "done"
