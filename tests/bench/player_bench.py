#!/usr/bin/env python3
"""Newsboard against a Chromium kiosk on a real X server (Xvfb 1920x1080), demo playlist:
time from process start to the first slide on screen, PSS after 20 s, CPU while a slide
stands (with and without the ticker), frame times through crossfades. Newsboard runs with the
default renderer and with SDL_RENDER_DRIVER=software; Chromium shows the same content as a web
page (html_page.py). Prints one table with the ratios and the targets of issue 3. Figures, not
pass/fail: always exits 0 once it has measured. Usage: player_bench.py BINARY [--quick]"""
import os
import shutil
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "cli"))
from xvfb import Xvfb  # noqa: E402

from chromium_side import CHROMIUM, FLAGS, Chromium  # noqa: E402
from newsboard_side import Newsboard  # noqa: E402
from procs import CpuWindow, pss_mib, tree  # noqa: E402
from screen_probe import Screen  # noqa: E402
from sdl_driver import driver_name  # noqa: E402
from workload import SOURCE, frame_stats, sleep_until, write_variants  # noqa: E402

QUICK = "--quick" in sys.argv
SIZE = (1920, 1080)
CPU_WINDOW = 3 if QUICK else 5    # seconds of a standing slide sampled, after 2 s to settle
FADES = 7 if QUICK else 12        # seconds of the 2 s-a-slide playlist: 2 or 5 crossfades


def measure(make_player, playlists):
    """One player through the three runs on its own X server. Returns {measure: number}."""
    row = {}
    x = Xvfb(f"{SIZE[0]}x{SIZE[1]}")
    screen = Screen(x.display, *SIZE)
    player = make_player(x)
    try:
        t0 = time.monotonic()
        pid = player.start(playlists["still"])
        first = screen.wait_for_article(t0)
        row["first slide on screen (ms)"] = first * 1000 if first is not None else None
        if hasattr(player, "renderer"):
            row["renderer"] = player.renderer()
        sleep_until(time.monotonic() + 2)
        cpu = CpuWindow(pid, x.proc.pid)
        time.sleep(CPU_WINDOW)
        row["CPU, standing slide, no ticker (% core)"], row["  X server meanwhile (% core)"] = cpu.percent(CPU_WINDOW)
        sleep_until(t0 + 20)
        row["PSS after 20 s (MiB)"] = pss_mib(tree(pid))
        player.stop()

        pid = player.start(playlists["ticker"])
        screen.wait_for_article(time.monotonic())
        time.sleep(2)
        cpu = CpuWindow(pid, x.proc.pid)
        time.sleep(CPU_WINDOW)
        row["CPU, standing slide, ticker (% core)"], row["  X server meanwhile (% core) "] = cpu.percent(CPU_WINDOW)
        player.stop()

        player.start(playlists["fades"], frames=True)
        screen.wait_for_article(time.monotonic())
        time.sleep(FADES)
        player.stop()
        time.sleep(0.2)  # the last frame report may still be in flight (Chromium posts it)
        stats = frame_stats(player.frame_times())
        for name, value in zip(("median", "p99", "max"), stats or (None,) * 3):
            row[f"crossfade frame time, {name} (ms)"] = value
        if hasattr(player, "late"):
            row["fades left unfinished until the next (n)"] = player.late
    finally:
        screen.close()
        if hasattr(player, "close"):
            player.close()
        x.close()
    return row


def fmt(v):
    if isinstance(v, str) or v is None:
        return v or "-"
    return f"{v:.1f}" if v < 100 else f"{v:.0f}"


def ratio(c, n):
    if not isinstance(c, (int, float)) or not isinstance(n, (int, float)) or n <= 0:
        return "-"
    return f"{c / n:.1f}x"


TARGETS = [  # (measure, limit, description), on the default renderer unless said
    ("first slide on screen (ms)", lambda r, c: r <= 150, "first slide <= 150 ms"),
    ("PSS after 20 s (MiB)", lambda r, c: c is not None and r <= c / 8, "PSS <= 1/8 of Chromium's"),
    ("CPU, standing slide, no ticker (% core)", lambda r, c: r <= 1.0, "standing slide, no ticker <= 1% of a core"),
    ("crossfade frame time, max (ms)", lambda r, c: r <= 33.0, "no frame over 33 ms at a slide change"),
    ("crossfade frame time, p99 (ms)", lambda r, c: r <= 16.7, "crossfade p99 <= 16.7 ms"),
]


def main():
    binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].startswith("-")
                             else os.path.join(SOURCE, "build", "newsboard"))
    folder = tempfile.mkdtemp(prefix="nbbench-")
    try:
        playlists = write_variants(folder)
        x = Xvfb(f"{SIZE[0]}x{SIZE[1]}")
        sdl_default = driver_name(x.env)
        x.close()
        columns = {
            "newsboard default": measure(lambda x: Newsboard(binary, x, {}, folder), playlists),
            "newsboard software": measure(lambda x: Newsboard(binary, x, {"SDL_RENDER_DRIVER": "software"}, folder),
                                          playlists),
        }
        if os.access(CHROMIUM, os.X_OK):
            columns["chromium"] = measure(lambda x: Chromium(x, folder), playlists)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    nb, sw, ch = columns["newsboard default"], columns["newsboard software"], columns.get("chromium", {})
    print(f"Xvfb {SIZE[0]}x{SIZE[1]}, demo playlist, {os.cpu_count()} cores. Renderer: default = "
          f"{nb.get('renderer')}, software = {sw.get('renderer')} (what the player mapped); "
          f"SDL's own default here = {sdl_default}")
    print(f"chromium {CHROMIUM} {' '.join(FLAGS)}" if ch else "chromium: not installed, column left out")
    print(f"{'':42}{'newsboard':>11}{'newsboard':>11}{'chromium':>10}{'chromium /':>12}")
    print(f"{'':42}{'default':>11}{'software':>11}{'':>10}{'newsboard':>12}")
    for k in nb:
        if k == "renderer":
            continue
        print(f"{k:42}{fmt(nb.get(k)):>11}{fmt(sw.get(k)):>11}{fmt(ch.get(k)):>10}{ratio(ch.get(k), nb.get(k)):>12}")
    print()
    for key, ok, text in TARGETS:
        value = nb.get(key)
        verdict = "not measured" if value is None else "met" if ok(value, ch.get(key)) else "NOT MET"
        extra = f" (chromium {fmt(ch.get(key))})" if key.startswith("PSS") else ""
        print(f"target {text:44} {verdict:8} default {fmt(value)}, software {fmt(sw.get(key))}{extra}")


main()
