"""A real board (`newsboard play --headless`) against the real desk and a real Mosquitto
(docs/fleet.md): a board not yet approved gets nothing stored; once staff approve it, its
proof of play arrives and a screenshot asked for on the fleet page comes back as a small JPEG
that shows the page on screen, drawn by the board's own renderer."""
import io
import json
import os
import subprocess

from PIL import Image, ImageChops, ImageStat

from deskrun import PLAYER, Desk
from fleetrun import Mosquitto, board_entry, plays_total
from nbtest import check, finish, stop, tempdir
from servers import die_with_parent
from xvfb import wait_for


def notice(text):
    return {"version": 1, "id": "park", "updated": "2026-12-04T08:00:00Z",
            "defaults": {"duration": 3600, "transition": "cut"}, "ticker": [],
            "items": [{"id": "n1", "type": "notice", "text": text}]}


def rendered(folder, playlist):
    """`newsboard render` of a one-page playlist at the board's 1280×720, scaled to 640×360."""
    path = os.path.join(folder, "p.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(playlist, f, ensure_ascii=False)
    out = os.path.join(folder, "out")
    subprocess.run([PLAYER, "render", path, "-o", out, "--size", "1280x720"], check=True, capture_output=True, timeout=240)
    return Image.open(os.path.join(out, "001.png")).convert("RGB").resize((640, 360), Image.BILINEAR)


def difference(a, b):
    """The share of pixels that differ clearly (more than JPEG's noise) between two pictures."""
    d = ImageChops.difference(a, b).convert("L").point(lambda v: 255 if v > 64 else 0)
    return ImageStat.Stat(d).mean[0] / 255


def main():
    broker = Mosquitto().start()
    desk = Desk().start("--broker", broker.url())
    work = tempdir()
    text = "公园东门今日关闭 请走南门"
    playlist = os.path.join(work, "park.json")
    with open(playlist, "w", encoding="utf-8") as f:
        json.dump(notice(text), f, ensure_ascii=False)
    key = os.path.join(work, "board")
    subprocess.run([PLAYER, "keygen", key], check=True, capture_output=True)
    log = open(os.path.join(work, "board.log"), "wb")
    board = subprocess.Popen([PLAYER, "play", playlist, "--headless", "--size", "1280x720", "--board-id", "cam-1",
                              "--group", "park", "--broker", broker.url(), "--desk", f"http://127.0.0.1:{desk.port}",
                              "--board-key", key + ".key", "--state", os.path.join(work, "state"),
                              "--journal", os.path.join(work, "plays"), "--poll", "2",
                              "--status", os.path.join(work, "status.json")],
                             stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log, preexec_fn=die_with_parent)
    ada, pat = desk.client("ada"), desk.client("pat")
    shot_path = "/api/fleet/boards/cam-1/screenshot"
    try:
        read_log = lambda: open(os.path.join(work, "board.log"), encoding="utf-8", errors="replace").read()  # noqa: E731
        entry = wait_for(lambda: board_entry(ada, "cam-1"), 60)
        check(entry and entry["state"] == "pending", f"the board enrols itself and waits for staff: {entry}")
        check(wait_for(lambda: (lambda e: e and e["online"])(board_entry(ada, "cam-1")), 60),
              "its status reaches the desk through the broker")

        # Not approved: the desk will not ask it, but a request on the broker makes it answer,
        # and the desk keeps nothing.
        check(pat.post("/api/fleet/boards/cam-1/screenshot-request")[0] == 404, "the desk asks only approved boards")
        broker.publish("newsboard/board/cam-1/screenshot", json.dumps({"v": 1, "request": "early-1"}))
        check(wait_for(lambda: "screenshot: request early-1 not answered: " in read_log(), 60),
              f"a board not yet approved is refused: {read_log()[-600:]}")
        check(ada.get(shot_path, raw=True)[0] == 404, "no screenshot is stored for a pending board")
        check(plays_total(ada) == 0, "no play is stored for a pending board")

        status, reply = ada.post("/api/fleet/boards/cam-1/approve")
        check(status == 200, f"staff approve the board: {status} {reply}")
        status, reply = pat.post("/api/fleet/boards/cam-1/screenshot-request")
        check(status == 202, f"asked again: {status} {reply}")
        got = wait_for(lambda: (lambda r: r if r[0] == 200 else None)(ada.get(shot_path, raw=True)), 90)
        check(got and got[0] == 200, f"the screenshot arrives: {read_log()[-600:]}")
        if got:
            data = got[1]
            check(ada.last_headers["content-type"] == "image/jpeg" and data[:3] == b"\xff\xd8\xff",
                  "it is a JPEG")
            check(len(data) <= 100 * 1024, f"it is small: {len(data)} bytes")
            print(f"screenshot: {len(data)} bytes")
            image = Image.open(io.BytesIO(data)).convert("RGB")
            check(image.size == (640, 360), f"640 px on its long side, the screen's shape: {image.size}")
            same = difference(image, rendered(tempdir(), notice(text)))
            other = difference(image, rendered(tempdir(), notice("完全不同的一条通知 与此无关")))
            check(same < 0.01 and other > 3 * same, f"it shows the page on screen ({same:.2%} of pixels differ, "
                                                    f"{other:.2%} from another page)")
        check(f"screenshot: request {reply['request']} answered" in read_log(), "the board answered that request")

        # Its proof of play arrives once approved: the page stands for an hour, so end it.
        board.terminate()  # the page on screen ends: its play is written
        board.wait(timeout=60)
        board = subprocess.Popen([PLAYER, "play", playlist, "--headless", "--size", "1280x720", "--board-id", "cam-1",
                                  "--group", "park", "--desk", f"http://127.0.0.1:{desk.port}", "--board-key", key + ".key",
                                  "--state", os.path.join(work, "state"), "--journal", os.path.join(work, "plays"),
                                  "--poll", "2"],
                                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log,
                                 preexec_fn=die_with_parent)
        check(wait_for(lambda: plays_total(ada) >= 1, 60), f"the board's proof of play reaches the desk: {read_log()[-600:]}")
    finally:
        stop(board)
        desk.stop()
        broker.stop()
    finish("fleet board against the desk")


if __name__ == "__main__":
    main()
