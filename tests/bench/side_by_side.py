#!/usr/bin/python3
"""Newsboard beside a Chromium kiosk in the side-by-side harness (../shared/bench/side-by-side/,
its measure.py and README): the same three slides (an article, a full-screen photo with a
caption, a second article), 5 s each, 1 s crossfades, no ticker, under a fresh Xvfb
1920x1080x24. Prints the table of issue 14 (first paint, PSS of all processes at 20 s, CPU from
20 s to 50 s; beside Chromium, feh showing the three pictures where feh is installed: the
issue's anchor for first paint), then where the player's memory goes at 20 s (memory_map.py). Figures, not
pass/fail; run it on an idle machine, the load average is printed with the figures.

    tests/bench/side_by_side.py BINARY [--runs N] [--harness DIR] [--no-chromium]

BINARY is build/newsboard. N newsboard runs (default 3) and one Chromium run, one after the
other. The harness folder defaults to ../shared/bench/side-by-side next to the repository, or
$NEWSBOARD_SIDE_BY_SIDE. Results are kept in $BENCH_WORK (default: a new temporary folder)."""
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
sys.path.insert(0, os.path.join(HERE, "..", "cli"))
from xvfb import Xvfb  # noqa: E402

import memory_map  # noqa: E402

# The slideshow.html of the harness as a playlist: the same words, picture and timing.
PLAYLIST = {
    "version": 1,
    "id": "side-by-side",
    "title": "济宁新闻",
    "defaults": {"duration": 5, "transition": "crossfade"},
    "ticker": [],
    "items": [
        {"id": "s1", "type": "article", "headline": "济宁高新区召开重点工作部署会议", "body": [
            "本报济宁4月7日讯 4月7日上午，高新区召开重点工作部署会议，总结一季度经济运行情况，分析当前面临的形势，"
            "安排部署下一阶段重点任务。",
            "会议指出，一季度全区上下聚焦项目建设、招商引资和产业升级，主要经济指标实现良好开局。各部门要进一步增强紧迫感"
            "和责任感，确保各项工作落地见效。",
            "会议强调，要坚持问题导向，紧盯重点项目节点，强化要素保障，持续优化营商环境，全力以赴推动高质量发展迈上新台阶。",
            "会议还就安全生产、森林防火和民生保障等工作作了具体安排。"]},
        {"id": "s2", "type": "photo", "image": "assets/photo.jpg", "headline": "“郁”你相见",
         "caption": "清明假期，外出踏青郊游、赏花看景成为了不少市民的选择。而蓼河湿地公园17万株绚丽多彩的郁金香争相怒放，"
                    "吸引了众多市民前来观赏拍照，感受春日美好。"},
        {"id": "s3", "type": "article", "headline": "城区公交线路优化调整方案发布", "body": [
            "本报济宁4月7日讯 为方便市民出行，市交通运输部门近日发布城区公交线路优化调整方案，新开通线路三条，调整线路五条，"
            "进一步提升公交服务覆盖面。",
            "调整后的线路将重点加密学校、医院和大型居住区周边站点，早晚高峰发车间隔缩短至8分钟以内。",
            "市民可通过公交站牌及官方服务平台查询具体线路走向和运营时间。"]},
    ],
}


def arg(name, default):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else default


def free_display():
    for n in range(80, 200):
        if not os.path.exists(f"/tmp/.X{n}-lock") and not os.path.exists(f"/tmp/.X11-unix/X{n}"):
            return f":{n}"
    sys.exit("no free X display number")


def measure(harness, work, target, label, command=()):
    """One run of the harness; its JSON result."""
    cmd = ["/usr/bin/python3", os.path.join(harness, "measure.py"), target, label, "--display", free_display()]
    if command:
        cmd += ["--", *command]
    env = dict(os.environ, BENCH_WORK=work, NEWSBOARD_FONT_DIR=os.path.join(SOURCE, "fonts"))
    subprocess.run(cmd, env=env, cwd=work, check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(work, "results", f"{target}-{label}.json")) as f:
        return json.load(f)


def figures(result):
    fp = result["fpoll"]
    return {
        "first paint (ms)": fp.get("first_paint_ms"),
        "first change (ms)": fp.get("first_change_ms"),
        "ΣPSS at 20 s (MiB)": result["mem_at_20s"]["total"]["pss_kb"] / 1024,
        "CPU 20-50 s (% core)": result["cpu_player_pct_of_one_core"],
    }


def spread(values):
    values = [v for v in values if v is not None]
    if not values:
        return "-", None
    med = statistics.median(values)
    text = f"{min(values):.1f}-{max(values):.1f} (median {med:.1f})" if len(values) > 1 else f"{med:.1f}"
    return text, med


def memory_breakdown(binary, playlist):
    """The player alone under its own Xvfb; where its memory is at 20 s."""
    x = Xvfb("1920x1080")
    env = dict(x.env, NEWSBOARD_FONT_DIR=os.path.join(SOURCE, "fonts"))
    proc = subprocess.Popen([binary, "play", playlist], env=env, stderr=subprocess.DEVNULL)
    try:
        time.sleep(20)  # the moment the harness measures
        memory_map.report(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        x.close()


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    binary = os.path.abspath(sys.argv[1])
    runs = int(arg("--runs", "3"))
    harness = os.path.abspath(arg("--harness", os.environ.get(
        "NEWSBOARD_SIDE_BY_SIDE", os.path.join(SOURCE, "..", "shared", "bench", "side-by-side"))))
    if not os.path.exists(os.path.join(harness, "measure.py")):
        sys.exit(f"no side-by-side harness at {harness} (--harness DIR)")
    # The harness needs these and installs none of them (its README): say so before a run, not
    # with a traceback from inside it.
    missing = [tool for tool in ("convert", "Xvfb", "gcc")
               if not shutil.which(tool)]
    if missing:
        sys.exit("the side-by-side harness needs: " + ", ".join(missing) +
                 " (scripts/deps.sh bench installs them)")
    work = os.environ.get("BENCH_WORK") or tempfile.mkdtemp(prefix="newsboard-side-by-side-")
    os.makedirs(work, exist_ok=True)
    print(f"== load average before: {open('/proc/loadavg').read().split()[:3]}, {os.cpu_count()} cores; "
          f"results in {work}")

    # The harness makes its pictures before it starts the player: assets/photo.jpg is there then.
    playlist = os.path.join(work, "play.json")
    with open(playlist, "w") as f:
        json.dump(PLAYLIST, f, ensure_ascii=False)
    rows = []
    for n in range(runs):
        r = measure(harness, work, "cmd", f"newsboard-{n}", [binary, "play", playlist])
        rows.append(figures(r))
        print(f"   newsboard run {n + 1}: " + ", ".join(f"{k} {v:.1f}" for k, v in rows[-1].items() if v is not None))
    # The anchor for first paint: feh, a picture viewer, showing the slideshow's three
    # pictures full screen (the harness README's floor for a picture-only player). Absolute
    # figures drift between machines; this one comes from the same sitting.
    viewer = None
    if shutil.which("feh"):
        assets = sorted(os.path.join(work, "assets", n) for n in os.listdir(os.path.join(work, "assets")))
        viewer = figures(measure(harness, work, "cmd", "feh", ["feh", "-F", "-Y", "-D", "5", *assets]))
        print("   feh: " + ", ".join(f"{k} {v:.1f}" for k, v in viewer.items() if v is not None))
    anchor = None
    if "--no-chromium" not in sys.argv and shutil.which("chromium"):
        anchor = figures(measure(harness, work, "chromium", "anchor"))
        print("   chromium: " + ", ".join(f"{k} {v:.1f}" for k, v in anchor.items() if v is not None))

    goals = {"first paint (ms)": "<= 75 every run", "first change (ms)": "",
             "ΣPSS at 20 s (MiB)": "<= 40", "CPU 20-50 s (% core)": "<= Chromium's / 8"}
    print()
    print(f"| | Newsboard ({runs} runs) | Chromium kiosk | ratio | feh (picture viewer) | goal |")
    print("|---|---|---|---|---|---|")
    for key, goal in goals.items():
        text, med = spread([r[key] for r in rows])
        other = anchor[key] if anchor and anchor.get(key) is not None else None
        ratio = f"{other / med:.1f}×" if other and med else "-"
        floor = f"{viewer[key]:.1f}" if viewer and viewer.get(key) is not None else "-"
        print(f"| {key} | {text} | {other:.1f} | {ratio} | {floor} | {goal} |" if other is not None
              else f"| {key} | {text} | - | - | {floor} | {goal} |")
    print(f"\n== load average after: {open('/proc/loadavg').read().split()[:3]}")
    print()
    memory_breakdown(binary, playlist)


if __name__ == "__main__":
    main()
