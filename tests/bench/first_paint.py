#!/usr/bin/python3
"""First paint alone, many runs: Newsboard and feh taking turns, each under a fresh Xvfb timed by
the side-by-side harness's own poller (../shared/bench/side-by-side/fpoll.c), started the way its
measure.py starts it (Xvfb 1920x1080x24, 2 s to settle, T0 just before the player is launched,
the frame that then stands 1.5 s). measure.py also spends 50 s on memory and CPU per run; this
takes ~5 s a run, so a change to start-up can be judged over a dozen runs of each in one sitting
instead of three. It then prints where Newsboard's start-up went, from its startup log lined up
with T0 (NEWSBOARD_STARTUP_LOG, core/startup_log.h): the median of each step over the runs.

    tests/bench/first_paint.py BINARY [BINARY2 ...] [--runs N] [--harness DIR] [--no-feh] [--cold | --idle]

Each BINARY is a build of newsboard (two builds compare a change in one sitting). Figures, not
pass/fail: run it on an idle machine; the load average is printed with them.

--cold (root): the page cache is dropped before each launch, once the X server is up, so the
player's libraries, fonts and pictures come from disk: a board's start after a power cut. The
harness's poller starts cold too, as it would in measure.py after such a start.

--idle: only the player's own files (its program, the libraries it loads, the fonts and the
pictures) leave the page cache before each launch, except pages some running process maps: a
start after the player's files sat unused for a while. Machines that hand idle memory back to
their host do this on their own: this one runs DAMON with a scheme that pages out unmapped file
pages idle for 60 s (/sys/kernel/mm/damon/admin), so the harness's first run, or any run after
Chromium's minute, starts like this."""
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
from side_by_side import PLAYLIST, free_display  # noqa: E402


GOAL_MS = 75  # issue 14's first paint: a run past it prints its start-up steps


def arg(name, default):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def settle_xvfb(display):
    """A fresh Xvfb as measure.py starts it: accepting clients, then 2 s for the machine."""
    proc = subprocess.Popen(["Xvfb", display, "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while subprocess.run(["xdpyinfo", "-display", display], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL).returncode != 0:
        if time.monotonic() > deadline or proc.poll() is not None:
            proc.kill()
            sys.exit("Xvfb did not come up on " + display)
        time.sleep(0.02)
    time.sleep(2.0)  # measure.py's "let the machine settle"
    return proc


def drop_page_cache():
    """Everything not mapped by a running process leaves the page cache (root only)."""
    os.sync()
    with open("/proc/sys/vm/drop_caches", "w") as f:
        f.write("3\n")


def files_of(command, work):
    """What a player reads to start: its program and libraries (ldd), fonts and pictures."""
    program = shutil.which(command[0]) or command[0]
    out = subprocess.run(["ldd", program], capture_output=True, text=True).stdout
    files = [program] + [part for line in out.splitlines() for part in line.split() if part.startswith("/")]
    for folder in (os.path.join(SOURCE, "fonts"), os.path.join(work, "assets")):
        files += [os.path.join(folder, n) for n in os.listdir(folder)]
    return files


def evict(files):
    """These files' pages leave the page cache, but for those a running process maps."""
    for path in files:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def one_run(fpoll, work, command, env_extra, cold=False, idle=False):
    """Milliseconds from launch to the first frame that then stood 1.5 s; the player's stderr."""
    display = free_display()
    xvfb = settle_xvfb(display)
    try:
        if cold:
            drop_page_cache()
        if idle:
            evict(files_of(command, work))
        env = dict(os.environ, DISPLAY=display, **env_extra)
        t0 = time.time_ns()
        env["NEWSBOARD_STARTUP_LOG"] = str(t0)  # the marks from T0 (ignored by feh)
        log = os.path.join(work, "player.log")
        player = subprocess.Popen(command, env=env, cwd=work, stdout=subprocess.DEVNULL, stderr=open(log, "w"),
                                  start_new_session=True)
        try:
            out = subprocess.run([fpoll, display, str(t0), "10", "1500", "8", os.path.join(work, "frame.ppm"),
                                  os.path.join(work, "fpoll.log")], capture_output=True, text=True).stdout
        finally:
            player.terminate()
            player.wait(timeout=10)
        figures = {k: float(v) for k, v in (kv.split("=") for kv in out.split())}
        with open(log, errors="replace") as f:
            return figures, f.read()
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)


def marks(stderr):
    """{step: ms} from the startup log's lines ("startup: 41.2 ms fonts (cpu 30.5 ms)")."""
    steps = {}
    for line in stderr.splitlines():
        if line.startswith("startup: ") and " ms " in line:
            ms, rest = line[len("startup: "):].split(" ms ", 1)
            steps.setdefault(rest.split(" (cpu")[0], float(ms))
    return steps


def main():
    binaries = [os.path.abspath(a) for a in sys.argv[1:] if not a.startswith("--") and
                sys.argv[sys.argv.index(a) - 1] not in ("--runs", "--harness")]
    if not binaries:
        sys.exit(__doc__)
    runs = int(arg("--runs", "10"))
    cold = "--cold" in sys.argv
    idle = "--idle" in sys.argv
    if cold and os.geteuid() != 0:
        sys.exit("--cold drops the page cache, which needs root")
    harness = os.path.abspath(arg("--harness", os.environ.get(
        "NEWSBOARD_SIDE_BY_SIDE", os.path.join(SOURCE, "..", "shared", "bench", "side-by-side"))))
    if not os.path.exists(os.path.join(harness, "fpoll.c")):
        sys.exit(f"no side-by-side harness at {harness} (--harness DIR)")
    missing = [tool for tool in ("convert", "Xvfb", "xdpyinfo", "gcc") if not shutil.which(tool)]
    if missing:
        sys.exit("needs: " + ", ".join(missing) + " (scripts/deps.sh bench installs them)")
    work = tempfile.mkdtemp(prefix="newsboard-first-paint-")
    fpoll = os.path.join(work, "fpoll")
    subprocess.run(["gcc", "-O2", "-o", fpoll, os.path.join(harness, "fpoll.c"), "-lX11", "-lXext"], check=True)
    subprocess.run([os.path.join(harness, "make_assets.sh"), os.path.join(work, "assets")], check=True,
                   stdout=subprocess.DEVNULL)
    playlist = os.path.join(work, "play.json")
    with open(playlist, "w") as f:
        json.dump(PLAYLIST, f, ensure_ascii=False)
    players = [(b, [b, "play", playlist]) for b in binaries]
    if "--no-feh" not in sys.argv and shutil.which("feh"):
        pictures = sorted(os.path.join(work, "assets", n) for n in os.listdir(os.path.join(work, "assets")))
        players.append(("feh", ["feh", "-F", "-Y", "-D", "5", *pictures]))
    env = {"NEWSBOARD_FONT_DIR": os.path.join(SOURCE, "fonts")}
    print(f"== load average before: {open('/proc/loadavg').read().split()[:3]}, {os.cpu_count()} cores"
          + ("; page cache dropped before each launch" if cold else "")
          + ("; the player's own files evicted before each launch" if idle else ""))
    paints = {name: [] for name, _ in players}
    later = {name: 0 for name, _ in players}  # runs whose first frame was not the one that stood
    steps = {name: {} for name, _ in players}
    for n in range(runs):  # in turns, so a change in the machine's load falls on all alike
        slow = []  # a run past the goal: where its start-up went, so an outlier can be told apart
        for name, command in players:
            figures, stderr = one_run(fpoll, work, command, env, cold, idle)
            paints[name].append(figures.get("first_paint_ms"))
            if figures.get("first_change_ms") != figures.get("first_paint_ms"):
                later[name] += 1
            run_marks = marks(stderr)
            for step, at in run_marks.items():
                steps[name].setdefault(step, []).append(at)
            if run_marks and (paints[name][-1] or 0) > GOAL_MS:
                slow.append(f"      {os.path.basename(name)}: " +
                            ", ".join(f"{step} {at:.1f}" for step, at in sorted(run_marks.items(), key=lambda kv: kv[1])))
        print(f"   run {n + 1}: " + ", ".join(f"{os.path.basename(k) if k != 'feh' else k} {v[-1]}"
                                              for k, v in paints.items()), flush=True)
        for line in slow:
            print(line, flush=True)
    print(f"== load average after: {open('/proc/loadavg').read().split()[:3]}\n")
    # A run whose first frame changed again before standing 1.5 s (the masthead's clock turning
    # a minute, ~1 s later) is counted at the frame that stood, as the harness counts it.
    print("| player | first paint, median (ms) | min | max | runs | runs where a later frame stood |")
    print("|---|---|---|---|---|---|")
    for name, values in paints.items():
        got = [v for v in values if v is not None and v >= 0]
        if got:
            print(f"| {name} | {statistics.median(got):.1f} | {min(got):.1f} | {max(got):.1f} | {len(got)} "
                  f"| {later[name]} |")
    for name, found in steps.items():
        if not found:
            continue
        print(f"\n{name}: start-up steps, median ms from T0 over the runs")
        for step, values in sorted(found.items(), key=lambda kv: statistics.median(kv[1])):
            print(f"   {statistics.median(values):7.1f}  {step}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
