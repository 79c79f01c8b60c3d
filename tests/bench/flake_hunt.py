#!/usr/bin/python3
"""Runs a selection of the suite's live tests N times in a row with `ctest -j2` while a compile
load runs beside it, and prints per-test pass/fail counts and the load average.

    tests/bench/flake_hunt.py [--build build] [--rounds 20] [--tier xvfb|slow|all] [-R REGEX]
                              [--load build|spin|none] [--load-jobs 2] [--logs DIR]

The issue's bar for CI is "never flakes": a race that shows 1 time in 20 sinks a landing. The
tiers are the tests that start a real X server, nginx, Mosquitto, the desk or Chromium (not
desk.test_package: it runs cpack, which builds in the build directory):
  xvfb  the on-screen player tests and the quick server tests (seconds to a minute each)
  slow  the fault matrix's two shards and the Chromium tests (minutes each)
  all   both
The load: `--load build` rebuilds the player's libraries from a scratch build directory
(ccache off, `make -jJOBS`, cleaned after every pass) for the whole run, as a developer's or
CI's build beside the tests would; `--load spin` runs JOBS busy loops; `--load none` nothing.
A failed round's ctest output is kept under --logs (default /tmp/flake-hunt-<time>/).
"""
import argparse
import collections
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET

SOURCE = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

TIERS = {
    # Xvfb: the player on screen; nginx/Mosquitto/the desk: the quick server tests.
    "xvfb": r"^(cli\.test_(containment|display_off|display_wait|drift|fleet|page_identity|play_sync|service|show"
            r"|trust|video_driver|sync|tls)|desk\.test_(auth|drafts|media|paste|preview|publish|fleet|fleet_board"
            r"|fleet_board_refused))$",
    # The fault matrix against a live board, and the desk driven through Chromium.
    "slow": r"^(faults\.[12]|desk\.test_(browser|fleet_browser|gallery_browser|reorder))$",
}
TIERS["all"] = TIERS["xvfb"][:-2] + "|" + TIERS["slow"][2:]


class Load:
    """A compile (or busy) load that runs until stopped; its processes are its own group."""

    def __init__(self, kind, jobs, workdir):
        self.kind, self.jobs, self.workdir = kind, jobs, workdir
        self.stopping = threading.Event()
        self.procs = []
        self.passes = 0
        self.thread = None

    def start(self):
        if self.kind == "none":
            return
        if self.kind == "spin":
            for _ in range(self.jobs):
                self.procs.append(subprocess.Popen([sys.executable, "-c", "while True: pass"],
                                                   start_new_session=True))
            return
        build = os.path.join(self.workdir, "load-build")
        env = dict(os.environ, CCACHE_DISABLE="1")
        env.pop("CMAKE_CXX_COMPILER_LAUNCHER", None)
        subprocess.run(["cmake", "-S", SOURCE, "-B", build, "-DCMAKE_BUILD_TYPE=Release",
                        "-DCMAKE_CXX_COMPILER_LAUNCHER=", "-G", "Unix Makefiles"],
                       env=env, check=True, stdout=subprocess.DEVNULL)
        self.thread = threading.Thread(target=self.loop, args=(build, env), daemon=True)
        self.thread.start()

    def loop(self, build, env):
        while not self.stopping.is_set():
            p = subprocess.Popen(["make", "-C", build, "-j" + str(self.jobs), "nb_app"], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            self.procs = [p]
            p.wait()
            if p.returncode == 0:
                self.passes += 1
            subprocess.run(["make", "-C", build, "clean"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def stop(self):
        self.stopping.set()
        for p in self.procs:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGTERM)
                p.wait()
        if self.thread:
            self.thread.join(30)


class LoadMeter:
    """Samples /proc/loadavg's 1-minute figure every few seconds."""

    def __init__(self):
        self.samples = []
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self.loop, daemon=True)

    def loop(self):
        while not self.stopping.wait(5):
            with open("/proc/loadavg") as f:
                self.samples.append(float(f.read().split()[0]))

    def summary(self, since=0):
        s = self.samples[since:]
        if not s:
            return "no samples"
        return "load (1 min) min %.2f mean %.2f max %.2f over %d samples" % (min(s), sum(s) / len(s), max(s), len(s))


def run_round(args, regex, junit, log):
    """One `ctest -j2` pass; returns {test: (passed, seconds)}."""
    if os.path.exists(junit):
        os.remove(junit)
    cmd = ["ctest", "--test-dir", args.build, "-j" + str(args.ctest_jobs), "-R", regex, "--output-on-failure",
           "--output-junit", junit]
    with open(log, "w") as out:
        subprocess.run(cmd, stdout=out, stderr=subprocess.STDOUT)
    results = {}
    if not os.path.exists(junit):
        return results
    for case in ET.parse(junit).getroot().iter("testcase"):
        status = case.get("status")
        failed = status not in ("run", None) or case.find("failure") is not None or case.find("error") is not None
        results[case.get("name")] = (not failed, float(case.get("time") or 0))
    return results


def main():
    # SIGTERM (and SIGINT, which a shell ignores in a background job) end the run in order:
    # the load stops and the counts so far are printed.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(SOURCE, "build"))
    ap.add_argument("--rounds", type=int, default=20)
    ap.add_argument("--tier", choices=sorted(TIERS), default="xvfb")
    ap.add_argument("-R", dest="regex", help="a ctest -R selection instead of a tier")
    ap.add_argument("--load", choices=["build", "spin", "none"], default="build")
    ap.add_argument("--load-jobs", type=int, default=2)
    ap.add_argument("--ctest-jobs", type=int, default=2)
    ap.add_argument("--logs")
    args = ap.parse_args()
    args.build = os.path.abspath(args.build)
    regex = args.regex or TIERS[args.tier]
    logs = args.logs or tempfile.mkdtemp(prefix="flake-hunt-%s-" % time.strftime("%H%M"))
    os.makedirs(logs, exist_ok=True)
    print("selection: %s\nlogs: %s" % (regex, logs), flush=True)

    meter = LoadMeter()
    meter.thread.start()
    load = Load(args.load, args.load_jobs, logs)
    load.start()
    passes, fails, worst = collections.Counter(), collections.Counter(), collections.defaultdict(float)
    failed_rounds = []
    started = time.monotonic()
    rounds_run = 0
    try:
        for n in range(1, args.rounds + 1):
            rounds_run = n
            since = len(meter.samples)
            t0 = time.monotonic()
            log = os.path.join(logs, "round-%02d.log" % n)
            results = run_round(args, regex, os.path.join(logs, "round-%02d.xml" % n), log)
            if not results:
                print("round %d: ctest ran nothing (see %s)" % (n, log), flush=True)
                failed_rounds.append(n)
                continue
            bad = sorted(t for t, (ok, _) in results.items() if not ok)
            for t, (ok, secs) in results.items():
                (passes if ok else fails)[t] += 1
                worst[t] = max(worst[t], secs)
            if bad:
                failed_rounds.append(n)
            else:
                os.remove(log)
            print("round %2d: %d tests, %s, %.0f s, %s" % (n, len(results), "FAILED " + " ".join(bad) if bad else "all passed",
                                                           time.monotonic() - t0, meter.summary(since)), flush=True)
    except KeyboardInterrupt:
        print("interrupted", flush=True)
    finally:
        load.stop()
        meter.stopping.set()

    print("\n%-34s %6s %6s %9s" % ("test", "passed", "failed", "slowest s"))
    for t in sorted(set(passes) | set(fails)):
        print("%-34s %6d %6d %9.1f" % (t, passes[t], fails[t], worst[t]))
    print("\n%d rounds in %.0f min; failed rounds: %s; %s; load: %s x%d (%d build passes)"
          % (rounds_run, (time.monotonic() - started) / 60,
             failed_rounds or "none", meter.summary(), args.load, args.load_jobs, load.passes))
    if args.load == "build":
        shutil.rmtree(os.path.join(logs, "load-build"), ignore_errors=True)
    return 1 if fails or failed_rounds else 0


if __name__ == "__main__":
    sys.exit(main())
