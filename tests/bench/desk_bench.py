"""The desk's figures (printed, not judged): publish of the demo edition (validate, sign,
write, as the publisher waits for it) and a preview render, in ms; the desk's RSS idle and
while 20 staff work at once (each: read the draft, save it, list and render preview pages).
Usage: python3 tests/bench/desk_bench.py build/desk/newsboard-desk build/newsboard [SECONDS]"""
import os
import statistics
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "desk"))
import deskrun  # noqa: E402
from test_preview import demo_with_uploaded_media  # noqa: E402

STAFF = 20
SECONDS = float(sys.argv[3]) if len(sys.argv) > 3 else 20


def rss_kib(pid, field="VmRSS"):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def ms(samples):
    s = sorted(samples)
    return f"median {statistics.median(s):.0f} ms, p95 {s[int(len(s) * 0.95) - 1] if len(s) > 1 else s[0]:.0f} ms, n={len(s)}"


def main():
    users = [("pat", "publisher")] + [(f"staff{i:02d}", "editor") for i in range(STAFF)]
    desk = deskrun.Desk(groups=("park=公园",), users=users).start()
    pid = desk.proc.pid
    try:
        time.sleep(1)
        print(f"desk RSS idle after start: {rss_kib(pid) / 1024:.1f} MiB")
        pat = desk.client("pat")
        playlist = demo_with_uploaded_media(pat)
        _, d = pat.get("/api/groups/park/draft")
        status, saved = pat.put("/api/groups/park/draft", {"revision": d["revision"], "playlist": playlist})
        assert status == 200, saved

        publish = []
        for _ in range(10):
            t = time.perf_counter()
            status, body = pat.post("/api/groups/park/publish", {"revision": saved["revision"]})
            publish.append((time.perf_counter() - t) * 1000)
            assert status == 200, body
        size = os.path.getsize(os.path.join(desk.dir, "public", "park.json"))
        print(f"publish of the demo edition ({size} bytes; validate + sign + write, HTTP round trip): {ms(publish)}")

        at = "2019-04-08T09:00:00%2B08:00"
        cold, warm = [], []
        for n in range(5):
            t = time.perf_counter()
            status, _ = pat.get(f"/api/groups/park/preview?size=1080x1920&at={at}&page=1&edition={n + 1}", raw=True)
            cold.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            status, _ = pat.get(f"/api/groups/park/preview?size=1080x1920&at={at}&page=2&edition={n + 1}", raw=True)
            warm.append((time.perf_counter() - t) * 1000)
            assert status == 200
        print(f"preview page 1 at 1080x1920, first (prepare every page, draw one, PNG): {ms(cold)}")
        print(f"preview page 2 at 1080x1920, next (preparation kept; draw, PNG): {ms(warm)}")
        print(f"desk RSS after publishing and previews: {rss_kib(pid) / 1024:.1f} MiB")

        clients = [desk.client(name) for name, role in users[1:]]
        latencies, errors = [], []
        stop = time.monotonic() + SECONDS
        lock = threading.Lock()
        peak = [0]

        def staff(c, n):
            while time.monotonic() < stop:
                t = time.perf_counter()
                status, d = c.get("/api/groups/park/draft")
                if status != 200:
                    errors.append(status)
                    continue
                status, _ = c.put("/api/groups/park/draft", {"revision": d["revision"], "playlist": d["playlist"]})
                if status not in (200, 409):
                    errors.append(status)
                status, pages = c.get(f"/api/groups/park/preview/pages?size=1080x1920&at={at}")
                page = 1 + n % max(1, len(pages.get("pages", [1])))
                status, _ = c.get(f"/api/groups/park/preview?size=1080x1920&at={at}&page={page}", raw=True)
                if status != 200:
                    errors.append(status)
                with lock:
                    latencies.append((time.perf_counter() - t) * 1000)

        def sample():
            while time.monotonic() < stop:
                peak[0] = max(peak[0], rss_kib(pid))
                time.sleep(0.2)

        threads = [threading.Thread(target=staff, args=(c, i)) for i, c in enumerate(clients)]
        threads.append(threading.Thread(target=sample))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        print(f"{STAFF} staff at once for {SECONDS:.0f} s (each round: get draft, save it, list preview pages, "
              f"render one page): {ms(latencies)}, {len(errors)} errors")
        print(f"desk RSS under {STAFF} staff: peak {peak[0] / 1024:.1f} MiB (sampled), VmHWM {rss_kib(pid, 'VmHWM') / 1024:.1f} MiB")
        time.sleep(2)
        print(f"desk RSS idle afterwards: {rss_kib(pid) / 1024:.1f} MiB")
        time.sleep(75)  # the janitor drops the kept preview preparation after 60 s idle
        print(f"desk RSS after 75 s idle (preview preparation released): {rss_kib(pid) / 1024:.1f} MiB")
    finally:
        desk.stop()


if __name__ == "__main__":
    main()
