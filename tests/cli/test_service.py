"""`play` under systemd's notify protocol, with a real datagram socket standing in for systemd
(the protocol is the contract): READY=1 once the first slide is on screen, then WATCHDOG=1 at
half the watchdog interval even while a slide stands still, because the loop presents the frame
again for each ping; STOPPING=1 on SIGTERM. Outside systemd nothing is sent."""
import json
import os
import shutil
import signal
import socket
import subprocess
import time

from nbtest import BINARY, check, finish, notify_messages, status, stop, tempdir
from xvfb import on_xvfb, wait_for


def test_notify(x):
    folder = tempdir()
    path = os.path.join(folder, "board.json")
    st = os.path.join(folder, "status.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"version": 1, "id": "svc", "updated": "2019-04-08T07:00:00+08:00", "ticker": [],
                   "items": [{"id": "still", "type": "notice", "text": "静", "duration": 600}]}, f, ensure_ascii=False)
    sock_path = os.path.join(folder, "notify.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(sock_path)
    env = dict(x.env, NOTIFY_SOCKET=sock_path, WATCHDOG_USEC="1000000")
    t0 = time.monotonic()
    proc = subprocess.Popen([BINARY, "play", path, "--size", "640x360", "--status", st], env=env,
                            stderr=subprocess.DEVNULL)
    try:
        first = notify_messages(sock, lambda got: any("READY=1" in m for m in got), 15)
        check(any("READY=1" in m for m in first), f"READY=1 is sent: {first}")
        # The status file follows in the same turn of the loop, just after the present.
        check(wait_for(lambda: (status(st) or {}).get("item"), 2), f"…once a slide is on screen: {status(st)}")
        print(f"READY=1 {time.monotonic() - t0:.2f} s after start")
        # A slide that stands for ten minutes: pings go on (0.5 s apart for a 1 s watchdog).
        pings = notify_messages(sock, lambda got: sum("WATCHDOG=1" in m for m in got) >= 4, 5)
        count = sum("WATCHDOG=1" in m for m in pings)
        check(count >= 4, f"the watchdog is pinged while a slide stands: {count} pings in {pings}")
        proc.send_signal(signal.SIGTERM)
        last = notify_messages(sock, lambda got: any("STOPPING=1" in m for m in got), 5)
        check(any("STOPPING=1" in m for m in last), f"STOPPING=1 on SIGTERM: {last}")
        proc.wait(timeout=5)
        check(proc.returncode == 0, f"exit 0: {proc.returncode}")
    finally:
        stop(proc)
        sock.close()
    shutil.rmtree(folder, ignore_errors=True)


on_xvfb("640x360", test_notify)
finish("test_service")
