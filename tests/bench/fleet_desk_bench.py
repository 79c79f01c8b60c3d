"""The desk's fleet figures (printed, not judged), against a real Mosquitto: BOARDS boards enrol
and are approved; their retained statuses go to the broker and the time until the desk lists
them all is printed; then the fleet list's latency with them, proof-of-play ingest (signed
batches of 1000) in plays per second, the hourly report and its CSV, and the desk's RSS.
Usage: python3 tests/bench/fleet_desk_bench.py build/desk/newsboard-desk build/newsboard [BOARDS]"""
import os
import statistics
import sys
import time
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "desk"))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
import deskrun  # noqa: E402
from fleetrun import Board, Mosquitto  # noqa: E402
from test_fleet import status_payload  # noqa: E402
from xvfb import wait_for  # noqa: E402

BOARDS = int(sys.argv[3]) if len(sys.argv) > 3 else 500
BATCHES = 20


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0


def timed(fn, n=10):
    samples = []
    for _ in range(n):
        t = time.monotonic()
        fn()
        samples.append((time.monotonic() - t) * 1000)
    return f"median {statistics.median(samples):.0f} ms, max {max(samples):.0f} ms, n={n}"


def main():
    broker = Mosquitto().start()
    desk = deskrun.Desk().start("--broker", broker.url())
    try:
        ada, ed = desk.client("ada"), desk.client("ed")
        boards = [Board(f"b{i:04d}", "park") for i in range(BOARDS)]
        t = time.monotonic()
        for b in boards:
            b.enrol(desk.port)
        print(f"{BOARDS} enrolments: {(time.monotonic() - t) * 1000 / BOARDS:.1f} ms each")
        for b in boards:
            ada.post(f"/api/fleet/boards/{b.id}/approve")
        sha = "a" * 64
        t = time.monotonic()
        for b in boards:
            broker.publish(f"newsboard/board/{b.id}/status", status_payload(b, sha), retain=True)
        sent = time.monotonic() - t

        def all_online():
            _, body = ed.get("/api/fleet/boards")
            return sum(1 for x in body["boards"] if x["online"]) == BOARDS
        ok = wait_for(all_online, 120)
        print(f"{BOARDS} statuses sent in {sent:.1f} s (one mosquitto_pub each); all listed online "
              f"{time.monotonic() - t - sent:.2f} s after the last was sent: {ok}")
        print(f"GET /api/fleet/boards with {BOARDS} boards: {timed(lambda: ed.get('/api/fleet/boards'))}")

        t = time.monotonic()
        for n in range(BATCHES):
            b = boards[n % BOARDS]
            plays = [{"uuid": str(uuid.uuid4()), "item": f"item{i % 20}", "playlist": "park", "sha256": sha,
                      "start": f"2026-12-04T{(i % 24):02d}:{(i % 60):02d}:00Z", "duration_ms": 8000} for i in range(1000)]
            status, body = b.request(desk.port, "POST", "/api/fleet/plays", {"board": b.id, "plays": plays})
            assert status == 200 and body["accepted"] == 1000, (status, body)
        took = time.monotonic() - t
        print(f"proof of play: {BATCHES} signed batches of 1000 in {took:.1f} s = {BATCHES * 1000 / took:.0f} plays/s")
        day = "/api/fleet/plays?from=2026-12-04T00:00:00Z&to=2026-12-05T00:00:00Z"
        print(f"report of {BATCHES * 1000} plays per item, board and hour: {timed(lambda: ed.get(day), 5)}")
        print(f"the same as CSV: {timed(lambda: ed.get(day + '&format=csv', raw=True), 5)}")
        print(f"desk RSS with {BOARDS} boards: {rss_mib(desk.proc.pid):.1f} MiB")
    finally:
        desk.stop()
        broker.stop()


if __name__ == "__main__":
    main()
