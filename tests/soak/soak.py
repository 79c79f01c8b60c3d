"""The soak: `play URL --trusted-key` on a real X server (Xvfb 1920x1080, SDL's software
renderer) through a simulated week in a few minutes of real time, with the loop's clocks sped
up by the test hook NEWSBOARD_CLOCK_RATE (docs/architecture.md, Time). Every simulated hour a
local nginx publishes a new signed edition (signature, then playlist, each by rename) with
other items and pictures, now and then with an urgent notice; the board takes it through its
sync thread (conditional GETs every second, the cache, verification); the ticker crawls all
week. Meant for the ASan + UBSan + LSan build:

    python3 tests/soak/soak.py build-soak-asan/newsboard [--days 7] [--rate 2000]

It asserts that the process lives all week, ends with exit 0 on SIGTERM with no sanitizer
report, logs no error (a sync that read a playlist and a signature of two editions, published
between its two requests, may fail now and then: at most one in ten, each retried), keeps
changing slides (counted from --status) and takes the editions,
and that its memory after the first simulated day (the warm-up) stays within a stated bound.
It prints the simulated and real time and the memory curve."""
import argparse
import hashlib
import json
import os
import shutil
import signal
import struct
import subprocess
import sys
import time
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cli"))
from nbtest import DEMO, check, failures, finish, run, status, stop, tempdir  # noqa: E402
from servers import start_nginx, stop_nginx  # noqa: E402
from xvfb import Xvfb  # noqa: E402

HOUR = 3600
START = 1780243200  # 2026-06-01T00:00:00+08:00 (16:00Z the day before): the week's first second
# Memory bounds after the warm-up (the first simulated day), in MiB of resident memory. Under
# ASan freed blocks wait in a quarantine (capped below) before reuse, so the level is higher
# and noisier than a release build's; a leak of one page texture an hour (8 MiB at 1920x1080)
# would still pass the peak bound within a day.
PEAK_OVER_WARM_MIB = 64
LAST_DAY_OVER_DAY2_MIB = 24
QUARANTINE_MB = 32
SUPPRESSIONS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lsan.supp")


def stamp(sim_seconds):
    t = time.gmtime(START + sim_seconds + 8 * HOUR)
    return time.strftime("%Y-%m-%dT%H:%M:%S+08:00", t)


def png(path, w, h, seed):
    """A valid PNG of a gradient in colours that depend on `seed` (cheap to make, still a picture)."""
    first = bytearray()
    for x in range(w):
        first += bytes(((x * 255 // max(1, w - 1) + seed * 70) % 256, 0, (seed * 90 + x // 7) % 256))
    raw = bytearray()
    for y in range(h):
        line = bytearray(first)
        line[1::3] = bytes([(y * 255 // max(1, h - 1) + seed * 40) % 256]) * w
        raw += b"\0" + line

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
                chunk(b"IDAT", zlib.compress(bytes(raw), 6)) + chunk(b"IEND", b""))


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class Editions:
    """The playlists of the week: the demo's items in another order each hour, pictures from a
    small set, a full-screen picture and a headline index now and then, an urgent notice every
    seventh hour (gone the hour after)."""

    def __init__(self, folder):
        self.folder = folder
        with open(DEMO, encoding="utf-8") as f:
            self.demo = json.load(f)
        media = os.path.join(folder, "media")
        os.makedirs(media)
        shutil.copy(os.path.join(os.path.dirname(DEMO), "media", "garden.jpg"), media)
        self.pictures = ["media/garden.jpg"]
        for i, (w, h) in enumerate([(1600, 900), (900, 1200), (2400, 1350), (640, 480)]):
            name = f"media/soak{i}.png"
            png(os.path.join(folder, name), w, h, i + 1)
            self.pictures.append(name)
        self.pins = {p: sha(os.path.join(folder, p)) for p in self.pictures}

    def picture(self, n):
        p = self.pictures[n % len(self.pictures)]
        return {"src": p, "sha256": self.pins[p]}

    def make(self, hour):
        items = [dict(it) for it in self.demo["items"]]
        shift = hour % len(items)
        items = items[shift:] + items[:shift]
        for it in items:
            it["id"] = f"{it['id']}-{hour % 5}"  # new ids now and then: pages made afresh
            if it["type"] == "photo":
                it["image"] = self.picture(hour)
        if hour % 3 == 0:
            items.append({"id": f"full-{hour % 4}", "type": "image", "image": self.picture(hour + 1),
                          "caption": f"第{hour}小时", "duration": 10})
        if hour % 4 == 1:
            items.append({"id": "index", "type": "index", "headline": "今日要闻", "duration": 10})
        if hour % 7 == 3:
            items.insert(0, {"id": f"urgent-{hour}", "type": "notice", "priority": "urgent",
                             "headline": "紧急通知", "text": f"第{hour}小时:蓼河湿地公园临时封闭,请绕行。",
                             "duration": 8})
        return {"version": 1, "id": "soak", "title": self.demo["title"], "updated": stamp(hour * HOUR),
                "timezone": "Asia/Shanghai", "defaults": {"duration": 15 + hour % 10, "transition":
                                                          ["crossfade", "push", "cut"][hour % 3]},
                "items": items, "ticker": [f"第{hour}小时 · 融媒体新闻热线:6557709", self.demo["ticker"][1]]}

    def publish(self, hour, key):
        """Signed, and put up as staff do: the signature first, then the playlist by rename, so
        nginx never serves half a file."""
        path = os.path.join(self.folder, "soak.json")
        with open(path + ".tmp", "w", encoding="utf-8") as f:
            json.dump(self.make(hour), f, ensure_ascii=False)
        # nginx's ETag is mtime and length: an mtime of its own for each edition keeps two of one
        # length apart (a simulated hour is under two real seconds).
        os.utime(path + ".tmp", (START + hour * HOUR, START + hour * HOUR))
        code, _, err = run("sign", path + ".tmp", "--key", key)
        check(code == 0, f"edition {hour} is signed: {err}")
        os.replace(path + ".tmp.sig", path + ".sig")
        os.replace(path + ".tmp", path)
        return path


def memory(pid):
    """(RSS, PSS) in KiB from /proc, or None once the process is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            rss = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
        with open(f"/proc/{pid}/smaps_rollup") as f:
            pss = next(int(line.split()[1]) for line in f if line.startswith("Pss:"))
        return rss, pss
    except (OSError, StopIteration):
        return None


def mib(kib):
    return kib / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--days", type=float, default=7)
    ap.add_argument("--rate", type=float, default=2000)
    args = ap.parse_args()
    sim_total = args.days * 24 * HOUR
    real_total = sim_total / args.rate
    folder = tempdir()
    nginx, port = start_nginx(os.path.join(folder, "nginx"))
    editions = Editions(os.path.join(folder, "nginx", "www"))
    code, _, err = run("keygen", os.path.join(folder, "staff"))
    check(code == 0, f"keygen: {err}")
    secret, pub = os.path.join(folder, "staff.key"), os.path.join(folder, "staff.pub")
    editions.publish(0, secret)
    url = f"http://127.0.0.1:{port}/soak.json"
    st, log_path = os.path.join(folder, "status.json"), os.path.join(folder, "play.log")

    x = Xvfb("1920x1080")
    env = dict(x.env, NEWSBOARD_CLOCK_RATE=str(args.rate), NEWSBOARD_CLOCK_START=stamp(0),
               SDL_RENDER_DRIVER="software")
    # Leaks are looked for: only those inside the X11/GL stack that SDL loads are suppressed.
    env["ASAN_OPTIONS"] = f"detect_leaks=1:abort_on_error=0:quarantine_size_mb={QUARANTINE_MB}"
    env["LSAN_OPTIONS"] = f"suppressions={SUPPRESSIONS}:print_suppressions=0"
    env["UBSAN_OPTIONS"] = "print_stacktrace=1:halt_on_error=1"
    log = open(log_path, "w")
    proc = subprocess.Popen([os.path.abspath(args.binary), "play", url, "--trusted-key", pub, "--poll", "1",
                             "--cache", os.path.join(folder, "cache"), "--state", os.path.join(folder, "state"),
                             "--status", st, "--board-id", "soak"],
                            env=env, stderr=log)
    t0 = time.monotonic()
    samples = []  # (simulated hours, rss KiB, pss KiB)
    shown, editions_seen, urgent_seen = [], set(), set()
    published = 0
    next_sample = 0.0
    try:
        while True:
            real = time.monotonic() - t0
            sim = real * args.rate
            if sim >= sim_total or proc.poll() is not None:
                break
            hour = int(sim // HOUR)
            if hour > published:
                published = hour
                editions.publish(hour, secret)
            s = status(st)
            if s and s.get("item"):
                key = (s["item"]["id"], s["item"].get("page"))
                if not shown or shown[-1] != key:
                    shown.append(key)
                editions_seen.add((s.get("playlist") or {}).get("updated"))
                if key[0].startswith("urgent-"):
                    urgent_seen.add(key[0])
            if real >= next_sample and shown:  # from the first slide on: start-up is not the curve
                m = memory(proc.pid)
                if m:
                    samples.append((sim / HOUR, *m))
                next_sample = real + 1.0
            time.sleep(0.02)
        alive = check(proc.poll() is None, f"the player lives through the week (exit {proc.poll()})")
        proc.send_signal(signal.SIGTERM)
        try:
            code = proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            code = None
        real_end = time.monotonic() - t0
    finally:
        stop(proc)
        log.close()
        x.close()
        stop_nginx(nginx)

    with open(log_path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    lines = text.splitlines()
    # A sync can meet the signature of one edition and the playlist of the next (published
    # between its two requests); it fails, says so, and the next poll takes the edition.
    races = [line for line in lines if line.startswith("newsboard: sync: failed:") and "signature" in line]
    # The first start has an empty cache, and says so once.
    first_boot = [line for line in lines if "no playlist in the cache yet" in line][:1]
    errors = [line for line in lines if ("error" in line.lower() or "Sanitizer" in line or "failed" in line)
              and line not in races and line not in first_boot]
    syncs = sum(1 for line in lines if line.startswith("newsboard: sync: "))
    check(len(races) <= max(2, published // 10), f"few syncs met a publication half done: {len(races)} of "
          f"{published + 1} editions:\n  " + "\n  ".join(races[:10]))
    if alive:
        check(code == 0, f"exit 0 on SIGTERM, got {code}")
    check("LeakSanitizer" not in text, "no leak report")
    check("AddressSanitizer" not in text and "runtime error" not in text, "no ASan or UBSan report")
    check(not errors, "no error in the log:\n  " + "\n  ".join(errors[:20]))
    changes = len(shown) - 1
    hours = sim_total / HOUR
    # At this rate a slide lasts milliseconds of real time: slides change as fast as the worker
    # makes pages (under ASan about one a second), so the bound is one per two simulated hours.
    check(changes >= hours / 2, f"slides kept changing: {changes} changes seen in {hours:.0f} simulated hours")
    check(len(editions_seen) >= hours / 4, f"editions reached the screen: {len(editions_seen)} of {published + 1}")
    check(len(urgent_seen) >= 1, f"urgent notices reached the screen: {sorted(urgent_seen)[:5]}")

    print(f"soak: simulated {hours / 24:.2f} days ({hours:.0f} h) in {real_end:.0f} s real time "
          f"(clock rate {args.rate:g}); {published + 1} editions published, {len(editions_seen)} seen on screen, "
          f"{len(urgent_seen)} urgent notices seen, {changes} slide changes seen in the status file; "
          f"{syncs} syncs logged, {len(races)} met a publication half done")
    if samples:
        warm = [s for s in samples if s[0] < 24]
        after = [s for s in samples if s[0] >= 24]
        day2 = [s for s in samples if 24 <= s[0] < 48]
        last = [s for s in samples if s[0] >= hours - 24]
        print("memory (MiB)      RSS     PSS")
        step = max(1, len(samples) // 12)
        for h, rss, pss in samples[::step] + [samples[-1]]:
            print(f"  day {h / 24:5.2f}   {mib(rss):7.1f} {mib(pss):7.1f}")
        print("per simulated day  RSS mean   RSS max  PSS mean  (MiB)")
        for day in range(int(-(-hours // 24))):
            of_day = [s for s in samples if day * 24 <= s[0] < (day + 1) * 24]
            if of_day:
                print(f"  day {day + 1}        {mib(sum(s[1] for s in of_day) / len(of_day)):7.1f}   "
                      f"{mib(max(s[1] for s in of_day)):7.1f}   {mib(sum(s[2] for s in of_day) / len(of_day)):7.1f}")
        peak = max(samples, key=lambda s: s[1])
        print(f"  start {mib(samples[0][1]):.1f}, peak {mib(peak[1]):.1f} (day {peak[0] / 24:.2f}), "
              f"end {mib(samples[-1][1]):.1f} MiB RSS")
        if warm and after:
            warm_peak = max(s[1] for s in warm)
            after_peak = max(s[1] for s in after)
            print(f"  warm-up (day 1) peak {mib(warm_peak):.1f} MiB; after it peak {mib(after_peak):.1f} MiB "
                  f"(bound: warm-up peak + {PEAK_OVER_WARM_MIB} MiB)")
            check(after_peak <= warm_peak + PEAK_OVER_WARM_MIB * 1024,
                  f"memory flat after warm-up: peak {mib(after_peak):.1f} MiB > {mib(warm_peak):.1f} + "
                  f"{PEAK_OVER_WARM_MIB} MiB")
        if day2 and last and hours >= 72:
            d2 = sum(s[1] for s in day2) / len(day2)
            dl = sum(s[1] for s in last) / len(last)
            print(f"  mean RSS day 2 {mib(d2):.1f} MiB, last day {mib(dl):.1f} MiB "
                  f"(bound: day 2 + {LAST_DAY_OVER_DAY2_MIB} MiB)")
            check(dl <= d2 + LAST_DAY_OVER_DAY2_MIB * 1024,
                  f"no growth: last day {mib(dl):.1f} MiB > day 2 {mib(d2):.1f} + {LAST_DAY_OVER_DAY2_MIB} MiB")
    if not failures:
        shutil.rmtree(folder, ignore_errors=True)
    else:
        print(f"soak: the log and status are in {folder}", file=sys.stderr)
    finish("soak")


if __name__ == "__main__":
    main()
