"""What both players are asked to show, and how each run is timed. The three variants of the
demo playlist: `still` (the first article alone, no ticker), `ticker` (the same with the
crawl) and `fades` (every item for 2 s, crossfades, no ticker). Schedules are dropped so the
photo shows whatever today's date is."""
import json
import os
import shutil
import statistics
import time

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.normpath(os.path.join(HERE, "..", ".."))
DEMO = os.path.join(SOURCE, "playlists", "jining-gaoxin-p03.json")


def _still(p):
    p["ticker"] = []
    p["items"] = [dict(p["items"][0], duration=600)]


def _ticker(p):
    p["items"] = [dict(p["items"][0], duration=600)]


def _fades(p):
    p["ticker"] = []
    p["defaults"] = {"duration": 2, "transition": "crossfade"}
    for item in p["items"]:
        item.pop("duration", None)


VARIANTS = {"still": _still, "ticker": _ticker, "fades": _fades}


def write_variants(folder):
    """{name: path of the playlist} in folder, each beside a copy of the demo's media."""
    paths = {}
    for name, change in VARIANTS.items():
        with open(DEMO, encoding="utf-8") as f:
            p = json.load(f)
        for item in p["items"]:
            item.pop("schedule", None)
        change(p)
        sub = os.path.join(folder, name)
        os.makedirs(sub, exist_ok=True)
        # A copy, not a link: the player refuses media that resolve outside the playlist's folder.
        shutil.copytree(os.path.join(os.path.dirname(DEMO), "media"), os.path.join(sub, "media"))
        paths[name] = os.path.join(sub, "playlist.json")
        with open(paths[name], "w", encoding="utf-8") as f:
            json.dump(p, f, ensure_ascii=False)
    return paths


def frame_stats(times_ms):
    """(median, p99, max) of frame times in ms, or None when there are none."""
    if not times_ms:
        return None
    t = sorted(times_ms)
    return statistics.median(t), t[min(len(t) - 1, int(len(t) * 0.99))], t[-1]


def sleep_until(t):
    time.sleep(max(0.0, t - time.monotonic()))
