"""What the page shows after a refused or failed request, in a real Chromium behind a real
nginx: the truth the desk holds, not what the page last believed.
- pat, made an editor meanwhile, is refused 批准: the bar then says 编辑, not 签发人, and the
  editor no longer offers 批准 or 发布 (they come back when an admin's session is read).
- A sign-in elsewhere in this browser (as ada) replaces the session the page's token belongs
  to: a save is refused, the bar then names ada, and the next save goes through.
- Two quick clicks on 保存, 把 N 条加入草稿 or 添加用户 make one request, not a conflict with
  staff's own.
- A publish that went out, then the draft's re-read failed, is told as published.
- An admin's role change that fails (no connection) puts the list's role back.
- 退出 with unsaved changes asks first; staying keeps the changes and the session.
Screenshots at 1366×768 and 390×844."""
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
import browser  # noqa: E402
from deskrun import PASSWORD, Desk  # noqa: E402
from nbtest import SOURCE_DIR, check, finish  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

SHOTS = os.environ.get("NEWSBOARD_DESK_SHOTS", tempfile.mkdtemp(prefix="nbdesk-shots-"))
LAPTOP = (1366, 768)
with open(os.path.join(SOURCE_DIR, "tests", "data", "paste", "seed-p03.txt"), encoding="utf-8") as f:
    SEED = f.read()

desk = Desk(groups=("park=公园",)).start("--trusted-proxy", "127.0.0.1")
prefix = tempfile.mkdtemp(prefix="nbdesk-nginx-")
nginx, staff_port, _ = browser.start_nginx(prefix, desk.port, os.path.join(desk.dir, "public"))
driver = None


def edit_title(page, text):
    """Types into the playlist's title: an unsaved change."""
    if not page.find("details.settings").get_attribute("open"):
        page.click("details.settings > summary")
    title = page.visible("details.settings input[name=title]")
    title.clear()
    title.send_keys(text)
    page.text_appears(".badge.dirty", "有未保存的修改")


try:
    ada = desk.client("ada")
    driver, page = browser.editor_as(staff_port, SHOTS, "pat", PASSWORD)
    page.text_appears("li.item .summary", "公园")

    # A role changed under the page: the refusal brings the bar up to date.
    status, _ = ada.put("/api/users/pat", {"role": "editor"})
    check(status == 200, f"pat made an editor: {status}")
    page.press_for_toast("批准", "只有签发人或管理员")
    page.text_appears("#who", "pat（编辑）", timeout=15)
    check(not any(a.text == "紧急通知" for a in page.finds("#nav a")), "the bar no longer offers urgent notices")
    offered = lambda: [b.text for b in page.finds(".toolbar button") if b.is_displayed() and b.text in ("批准", "发布")]  # noqa: E731
    check(page.wait(lambda d: not offered(), "批准 and 发布 hidden", timeout=15) and not offered(),
          f"the editor no longer offers 批准 or 发布 to an editor: {offered()}")
    page.shoot("32-role-refused", desktop=LAPTOP)

    # Another sign-in in this browser: the page's token is stale; the refusal reads the session
    # again, and the save after it is ada's and goes through.
    status = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch('/api/login', {method: 'POST', credentials: 'same-origin', headers: {'Content-Type': 'application/json'},"
        " body: JSON.stringify({user: 'ada', password: arguments[0]})}).then((r) => done(r.status), () => done(0));", PASSWORD)
    check(status == 200, f"ada signs in elsewhere in this browser: {status}")
    edit_title(page, "公园新闻")
    page.press_for_toast("保存", "登录信息已过时")
    page.text_appears("#who", "ada（管理员）", timeout=15)
    page.shoot("33-stale-session", desktop=LAPTOP)
    page.press_for_toast("保存", "已保存")
    _, draft = ada.get("/api/groups/park/draft")
    check(draft["playlist"].get("title") == "公园新闻" and draft.get("updated_by") == "ada",
          f"the second save is ada's: {draft.get('updated_by')} {draft['playlist'].get('title')}")

    # Two clicks on 保存 before the first answer: one save, not a conflict with staff's own.
    edit_title(page, "公园新闻二")
    driver.execute_script("const b = [...document.querySelectorAll('.toolbar button')].find((e) => e.textContent === '保存');"
                          "document.getElementById('toast').textContent = ''; b.click(); b.click();")
    page.toast("已保存")
    _, draft = ada.get("/api/groups/park/draft")
    check(draft["revision"] == 3 and draft["playlist"].get("title") == "公园新闻二", f"saved once: revision {draft['revision']}")
    check(not page.find(".conflict").is_displayed(), "no conflict with one's own save")

    # A publish that went out, then the draft's re-read failed: the page says it was published.
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/api/groups/park/draft"]})
    page.button("发布")
    page.wait(lambda d: d.switch_to.alert, "发布 asks first", timeout=10).accept()
    done = page.wait(lambda d: next((e.text for e in page.finds(".ok-box") if e.is_displayed()), None), "the publish is told", timeout=30)
    check("已发布第 1 版" in done and "请刷新页面" in done, f"published, and the page's copy is old: {done}")
    check("已发布第 1 版" in page.find("#toast").get_attribute("textContent"), "the toast says published, not an error")
    page.shoot("37-published-reread-failed", desktop=LAPTOP)
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
    _, editions = ada.get("/api/groups/park/editions")
    check(len(editions["editions"]) == 1, f"the edition is out: {editions}")

    # Two clicks on 把 3 条加入草稿: the items go in once, and no one else's change is claimed.
    page.go("#/g/park/paste")
    page.set_value(page.visible("textarea[name=paste]"), SEED)
    page.button("识别")
    page.text_appears(".paste-result h2", "识别出 3 条稿件")
    twice = ("const b = [...document.querySelectorAll('button')].find((e) => e.textContent === arguments[0]);"
             "document.getElementById('toast').textContent = ''; b.click(); b.click();")
    driver.execute_script(twice, "把 3 条加入草稿")
    page.toast("已加入草稿")
    page.wait(lambda d: len(page.finds("li.item")) == 4, "the editor with the starter notice and 3 pasted items")
    _, draft = ada.get("/api/groups/park/draft")
    check(len(draft["playlist"]["items"]) == 4, f"the pasted items went in once: {len(draft['playlist']['items'])} items")
    check("别人" not in page.find("#toast").get_attribute("textContent"), "no conflict claimed with one's own change")

    # Two clicks on 添加用户: one user added, no 'name taken' for one's own add.
    page.go("#/admin")
    page.visible("input[name=new-user]").send_keys("kim")
    page.find("input[name=new-password]").send_keys("a long new password")
    driver.execute_script(twice, "添加用户")
    page.toast("已添加用户")
    page.text_appears("tbody", "kim")
    check(not any(e.is_displayed() for e in page.finds(".problems")), "no refusal shown for one's own add")

    # A role change that never reached the desk: the list shows the role the desk holds.
    row = page.wait(lambda d: next((r for r in page.finds("tbody tr") if r.text.startswith("ed")), None), "ed's row")
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*/api/users/ed"]})
    Select(page.find("select[name=role]", row)).select_by_value("admin")
    page.toast("ed 的角色没有改")
    check(page.find("select[name=role]", row).get_attribute("value") == "editor",
          f"the list shows ed's role as the desk holds it: {page.find('select[name=role]', row).get_attribute('value')}")
    page.shoot("34-role-not-changed", desktop=LAPTOP)
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})
    _, users = ada.get("/api/users")
    check({u["name"]: u["role"] for u in users["users"]}["ed"] == "editor", "the desk still has ed as an editor")

    # 退出 with an unsaved change asks; staying keeps the change and the session.
    page.go("#/g/park")
    page.text_appears("li.item .summary", "公园")
    edit_title(page, "未保存的标题")
    page.button("退出")
    alert = page.wait(lambda d: d.switch_to.alert, "退出 asks about the unsaved change", timeout=10)
    check("未保存" in alert.text, f"the question names the unsaved change: {alert.text}")
    alert.dismiss()
    check(page.find("details.settings input[name=title]").get_attribute("value") == "未保存的标题", "the change is still there")
    check("ada（管理员）" in page.find("#who").text and not page.finds("form.login"), "still signed in")
    page.button("退出")
    page.wait(lambda d: d.switch_to.alert, "asked again", timeout=10).accept()
    page.visible("form.login", timeout=15)

    page.last_checks(check, "ERR_BLOCKED_BY_CLIENT")
finally:
    browser.close(driver, nginx, desk, prefix)
finish("test_stale_browser")
