"""The fleet page in a real Chromium, behind a real nginx, with a real Mosquitto: a board that
enrols appears pending, an admin approves it on the page, its status off the broker shows it on
an old edition — flagged, not green — beside its screenshot and its plays; the group filter
hides other groups' boards. Screenshots at 1280 and 390 px wide go to BUILD/desk-shots/."""
import os
import shutil
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
import browser  # noqa: E402
import servers  # noqa: E402
from deskrun import DESK, PASSWORD, Desk  # noqa: E402
from fleetrun import Board, Mosquitto, board_entry, play, publish, status_payload  # noqa: E402
from nbtest import check, finish, solid_png  # noqa: E402
from xvfb import wait_for  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

SHOTS = os.environ.get("NEWSBOARD_DESK_SHOTS", os.path.join(os.path.dirname(os.path.dirname(DESK)), "desk-shots"))

broker = Mosquitto().start()
desk = Desk(groups=("park=公园", "lobby=大厅")).start("--trusted-proxy", "127.0.0.1", "--broker", broker.url())
prefix = tempfile.mkdtemp(prefix="nbdesk-nginx-")
nginx, staff_port, _ = browser.start_nginx(prefix, desk.port, os.path.join(desk.dir, "public"))
driver = None
try:
    park, lobby = Board("park-entrance", "park"), Board("lobby-1", "lobby")
    for b in (park, lobby):
        status, body = b.enrol(desk.port)
        assert status == 202, (status, body)
    driver = browser.chromium()
    page = browser.Page(driver, f"http://127.0.0.1:{staff_port}", SHOTS)
    page.go("#/")
    page.visible("form.login")
    page.find("input[name=user]").send_keys("ada")
    page.find("input[name=password]").send_keys(PASSWORD)
    page.click("form.login button[type=submit]")
    page.visible("#nav a[href='#/fleet']")
    page.click("#nav a[href='#/fleet']")

    card = "article[data-board=park-entrance]"
    page.visible(card + "[data-state=pending]")
    page.text_appears(card, "待批准")
    page.press_for_toast("批准", "park-entrance：批准", root=page.find(card))
    page.visible(card + "[data-state=approved]")
    check(board_entry(desk.client("ed"), "park-entrance")["state"] == "approved", "approved on the server too")

    # Two editions; the board still shows the first.
    first = publish(desk)
    publish(desk)
    # Its last sync failed, in the player's English (player/sync/http.cpp), markup and all.
    unreachable = ("http://127.0.0.1:9/park.json: Couldn't connect to server <b>x</b> (nothing answers at that "
                   "address; is the server up and the network connected?)")
    broker.publish("newsboard/board/park-entrance/status",
                   status_payload(park, first["sha256"], first["updated"], sync_error=unreachable), retain=True)
    shot = solid_png(320, 180, (40, 90, 200))
    status, body = park.request(desk.port, "POST", "/api/fleet/boards/park-entrance/screenshot", shot, content_type="image/png")
    check(status == 200, f"the board's screenshot is stored: {status} {body}")
    plays = [play("a", first["sha256"], "2026-12-04T09:10:00Z"), play("a", first["sha256"], "2026-12-04T09:20:00Z"),
             play("b", first["sha256"], "2026-12-04T10:05:00Z")]
    status, body = park.request(desk.port, "POST", "/api/fleet/plays", {"board": park.id, "plays": plays})
    check(status == 200 and body["accepted"] == 3, f"plays stored: {status} {body}")

    # The broker's status reaches the desk on its own thread: wait for it there, then reload the
    # page once (a reload redraws every card, so it must not race the checks below).
    ed = desk.client("ed")
    check(wait_for(lambda: board_entry(ed, park.id)["edition"]["verdict"] == "stale" and board_entry(ed, park.id)["online"], 30),
          "the desk has the board's status")
    page.button("刷新")
    badge = page.visible(card + " [data-verdict=stale]")
    check("旧版本" in badge.text and "最新第" in badge.text, f"the old edition is flagged in words: {badge.text}")
    check("ok" not in badge.get_attribute("class").split(), "a stale board is not shown green")
    check(page.find(card).get_attribute("class").find("stale") >= 0, "its card is marked stale")
    page.visible(card + " .badge.ok")  # online
    # The sync error in Chinese, what kind of problem it is; the board's own words beside it, as text.
    summary = page.visible(card + " .errors li .summary").text
    check("连不上内容服务器" in summary, f"the sync error is said in Chinese: {summary!r}")
    detail = page.visible(card + " .errors li .detail").text
    check(detail == unreachable, f"the board's own words stay, as text: {detail!r}")
    check(not page.finds(card + " .errors b"), "the board's text is never markup")
    img = page.visible(card + " figure.shot img")
    check(page.wait(lambda d: d.execute_script("return arguments[0].naturalWidth", img) == 320, "the screenshot loads"),
          "the board's last screenshot shows")

    # The proof-of-play report for that day.
    date_from = page.find("section.plays input[type=date]")
    page.set_value(date_from, "2026-12-04", "change")
    page.text_appears("table.plays", "park-entrance")
    csv = page.find("section.plays a.button").get_attribute("href")
    check("format=csv" in csv, f"the CSV link: {csv}")

    page.visible("article[data-board=lobby-1]")
    page.shoot("20-fleet", desktop=(1280, 900))
    Select(page.find("main select")).select_by_value("park")
    page.wait(lambda d: not page.finds("article[data-board=lobby-1]"), "the lobby board is filtered out")
    check(page.finds(card), "the park board stays under the park filter")

    check(not page.overflow(), "the fleet page does not scroll sideways at phone width")
    errors = [e for e in page.console_errors() if "favicon" not in e and "the server responded with a status of" not in e]
    check(not errors, f"no script errors in the console: {errors}")
    print("screenshots:\n  " + "\n  ".join(page.taken))
finally:
    if driver:
        driver.quit()
    servers.stop_nginx(nginx)
    desk.stop()
    broker.stop()
    shutil.rmtree(prefix, ignore_errors=True)
finish("test_fleet_browser")
