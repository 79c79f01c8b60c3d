"""How long signed-in staff wait while slow clients dribble request heads at the desk (printed,
not judged): SLOW connections each send one header byte a second and never finish, and one
is opened again as soon as the desk cuts it (a sustained attack, as many as the desk has
workers and more). Meanwhile one signed-in client asks GET /api/me every half second; its
waits are the figures, with the same before the attack as the baseline.
Usage: python3 tests/bench/desk_slowloris.py build/desk/newsboard-desk build/newsboard [SECONDS] [SLOW]"""
import os
import select
import socket
import statistics
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "desk"))
import deskrun  # noqa: E402

SECONDS = float(sys.argv[3]) if len(sys.argv) > 3 else 60
SLOW = int(sys.argv[4]) if len(sys.argv) > 4 else 40
HEAD = b"GET /api/me HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "


def figures(waits):
    s = sorted(waits)
    return (f"n={len(s)}, median {statistics.median(s) * 1000:.0f} ms, p90 {s[int(len(s) * 0.9) - 1] * 1000:.0f} ms, "
            f"max {s[-1] * 1000:.0f} ms, over 1 s: {sum(w > 1 for w in s)}")


def probe(client, seconds):
    waits, end = [], time.monotonic() + seconds
    while time.monotonic() < end:
        start = time.monotonic()
        status, _ = client.get("/api/me")
        waits.append(time.monotonic() - start)
        assert status == 200, status
        time.sleep(0.5)  # the client's own pace
    return waits


def attack(port, stop, held):
    """One slow client: a byte a second; when the desk closes the connection, a new one."""
    while not stop.is_set():
        opened, s = time.monotonic(), None
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            s.sendall(HEAD)
            while not stop.is_set():
                # The slow client's pace: a byte a second, unless the desk closes first.
                if select.select([s], [], [], 1)[0] and not s.recv(4096):
                    held.append(time.monotonic() - opened)
                    break
                s.sendall(b"a")
        except OSError:
            held.append(time.monotonic() - opened)
        finally:
            if s:
                s.close()


def main():
    desk = deskrun.Desk(groups=("park=公园",), users=(("ed", "editor"),)).start()
    try:
        ed = desk.client("ed")
        print(f"baseline: {figures(probe(ed, 5))}")
        stop, held = threading.Event(), []
        attackers = [threading.Thread(target=attack, args=(desk.port, stop, held)) for _ in range(SLOW)]
        for t in attackers:
            t.start()
        try:
            waits = probe(ed, SECONDS)
        finally:
            stop.set()
            for t in attackers:
                t.join()
        print(f"under {SLOW} slow clients for {SECONDS:.0f} s: {figures(waits)}")
        if held:
            print(f"a slow connection lived until the desk cut it: median {statistics.median(held):.1f} s, "
                  f"max {max(held):.1f} s ({len(held)} cut)")
    finally:
        desk.stop()


if __name__ == "__main__":
    main()
