#!/usr/bin/env python3
"""The player on a real X server (Xvfb 1920x1080), demo playlist, for the default renderer and
SDL_RENDER_DRIVER=software: time to the first slide on screen, PSS after 20 s, CPU while a
slide stands (with and without the ticker), frame times during crossfades. Prints a table;
figures, not pass/fail. Usage: player_bench.py BINARY [--quick]"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "cli"))
from xvfb import Xvfb, wait_for  # noqa: E402

SOURCE = os.path.normpath(os.path.join(HERE, "..", ".."))
DEMO = os.path.join(SOURCE, "playlists", "jining-gaoxin-p03.json")
BINARY = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(SOURCE, "build", "newsboard"))
QUICK = "--quick" in sys.argv
TICK = os.sysconf("SC_CLK_TCK")


def cpu_ticks(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def pss_kib(pid):
    for line in open(f"/proc/{pid}/smaps_rollup"):
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def playlist(folder, change):
    with open(DEMO, encoding="utf-8") as f:
        p = json.load(f)
    change(p)
    path = os.path.join(folder, "bench.json")
    os.makedirs(folder, exist_ok=True)
    if not os.path.exists(os.path.join(folder, "media")):
        os.symlink(os.path.join(os.path.dirname(DEMO), "media"), os.path.join(folder, "media"))
    with open(path, "w", encoding="utf-8") as f:
        json.dump(p, f, ensure_ascii=False)
    return path


def start(x, path, env_extra, frame_log=None):
    status = tempfile.mktemp(prefix="nbbench-", suffix=".json")
    env = dict(x.env, NEWSBOARD_FONT_DIR=os.path.join(SOURCE, "fonts"), **env_extra)
    if frame_log:
        env["NEWSBOARD_FRAME_LOG"] = frame_log
    t0 = time.monotonic()
    proc = subprocess.Popen([BINARY, "play", path, "--status", status], env=env, stderr=subprocess.DEVNULL)

    def on_screen():
        try:
            return json.load(open(status)).get("item")
        except (OSError, ValueError):
            return None

    wait_for(on_screen, 30, step=0.002)
    return proc, time.monotonic() - t0


def stop(proc):
    proc.terminate()
    proc.wait(timeout=5)


def measure(renderer_env):
    row = {}
    folder = tempfile.mkdtemp(prefix="nbbench-")
    standing = playlist(os.path.join(folder, "still"), lambda p: (p.__setitem__("ticker", []),
                                                                   p.__setitem__("items", [dict(p["items"][0], duration=600)])))
    ticker = playlist(os.path.join(folder, "ticker"), lambda p: p.__setitem__("items", [dict(p["items"][0], duration=600)]))
    fades = playlist(os.path.join(folder, "fades"), lambda p: (p.__setitem__("ticker", []),
                                                                p.__setitem__("defaults", {"duration": 2, "transition": "crossfade"}),
                                                                [i.pop("duration", None) for i in p["items"]]))
    x = Xvfb("1920x1080")
    try:
        proc, first = start(x, standing, renderer_env)
        row["first slide (ms)"] = f"{first * 1000:.0f}"
        time.sleep(2)
        a = cpu_ticks(proc.pid)
        time.sleep(5)
        row["CPU standing, no ticker (% core)"] = f"{(cpu_ticks(proc.pid) - a) / TICK / 5 * 100:.1f}"
        time.sleep(3 if QUICK else 13)
        row["PSS after 20 s (MiB)"] = f"{pss_kib(proc.pid) / 1024:.1f}"
        stop(proc)

        proc, _ = start(x, ticker, renderer_env)
        time.sleep(2)
        a = cpu_ticks(proc.pid)
        time.sleep(5)
        row["CPU standing, ticker (% core)"] = f"{(cpu_ticks(proc.pid) - a) / TICK / 5 * 100:.1f}"
        stop(proc)

        log = os.path.join(folder, "frames.log")
        proc, _ = start(x, fades, renderer_env, log)
        time.sleep(6 if QUICK else 12)
        stop(proc)
        stamps = [tuple(map(int, line.split())) for line in open(log) if line.strip()]
        # Frames within a crossfade (the first one's gap is the whole standing slide).
        gaps = [(b[0] - a[0]) / 1000 for a, b in zip(stamps, stamps[1:]) if a[1] == 1 and b[1] == 1]
        if gaps:
            gaps.sort()
            row["crossfade frame ms (median/p99/max)"] = (f"{statistics.median(gaps):.1f}/"
                                                         f"{gaps[min(len(gaps) - 1, int(len(gaps) * 0.99))]:.1f}/{gaps[-1]:.1f}")
        inside = [s for s in stamps if s[1] == 1]
        if inside:
            row["crossfade draw/present ms (median)"] = (f"{statistics.median(s[2] for s in inside) / 1000:.1f}/"
                                                        f"{statistics.median(s[3] for s in inside) / 1000:.1f}")
    finally:
        x.close()
    return row


def main():
    rows = {"default": measure({}), "software": measure({"SDL_RENDER_DRIVER": "software"})}
    keys = list(rows["default"].keys())
    print(f"newsboard play, demo playlist, Xvfb 1920x1080, {os.cpu_count()} cores")
    print(f"{'':40} {'default':>18} {'software':>18}")
    for k in keys:
        print(f"{k:40} {rows['default'].get(k, '-'):>18} {rows['software'].get(k, '-'):>18}")


main()
