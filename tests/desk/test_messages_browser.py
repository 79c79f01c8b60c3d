"""The desk's refusals on its Chinese page, in a real Chromium behind a real nginx: what the
server refuses, and what the boards' validation finds in what the form lets staff type, is
told in Chinese, said from the reply's `code` — never the server's English
`error` (which stays as it was, for scripts). A publisher made an editor meanwhile presses 批准
(403), a text file goes up as a photo (415), a save loses to someone else's (409), an admin
adds a user whose name is taken (409, summed up as blocking the add, not a publish), a preview
of a draft with an error (422, listed at its item). Screenshots at 1366×768 and 390×844."""
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
import browser  # noqa: E402
from deskrun import PASSWORD, Desk  # noqa: E402
from nbtest import check, finish  # noqa: E402

SHOTS = os.environ.get("NEWSBOARD_DESK_SHOTS", tempfile.mkdtemp(prefix="nbdesk-shots-"))
LAPTOP = (1366, 768)
ENGLISH = re.compile(r"[a-z]{3,}")  # a word of the server's English; formats (JPEG, WebP) and user names (ed) pass

desk = Desk(groups=("park=公园",)).start("--trusted-proxy", "127.0.0.1")
prefix = tempfile.mkdtemp(prefix="nbdesk-nginx-")
nginx, staff_port, _ = browser.start_nginx(prefix, desk.port, os.path.join(desk.dir, "public"))
driver = None


def in_chinese(text, expected, what):
    check(expected in text, f"{what}: '{expected}' in {text!r}")
    check(not ENGLISH.search(text), f"{what}: no English words in {text!r}")


try:
    ada, ed = desk.client("ada"), desk.client("ed")
    driver = browser.chromium()
    page = browser.Page(driver, f"http://127.0.0.1:{staff_port}", SHOTS)
    page.go("#/")
    page.sign_in("pat", PASSWORD)
    page.go("#/g/park")
    page.text_appears("li.item .summary", "公园")  # the starter notice

    # The boards' validation, from what the form lets staff type: a headline of spaces, an
    # article without paragraphs, a zone that is not an IANA name, a default of 0 seconds.
    page.button("+ 文章")
    page.visible("li.item[data-id='article-1'] input[name=headline]").send_keys("   ")
    page.click("details.settings > summary")
    zone = page.visible("details.settings input[name=timezone]")
    zone.clear()
    zone.send_keys("Shanghai")
    page.set_value(page.find("input[name=default-duration]"), "0")
    page.press_for_toast("保存", "还有 4 个错误")
    for at, expected in (("items[1].headline", "标题不能为空（现在只有空格"), ("items[1].body", "正文不能为空"),
                         ("timezone", "时区要写成标准名称"), ("defaults.duration", "应为大于 0 的数")):
        said = page.wait(lambda d: page.find(f"[data-at='{at}'] > .problem").get_attribute("textContent").strip(), f"the error at {at}")
        check(expected in said and not re.search(r"expected|must|got", said), f"{at}: '{expected}' in Chinese: {said!r}")
    page.click("details.settings > summary")  # the save drew the page afresh, settings folded
    page.shoot("35-validation", desktop=LAPTOP)
    page.button("删除", page.find("li.item[data-id='article-1']"))
    page.d.switch_to.alert.accept()
    zone = page.find("details.settings input[name=timezone]")
    zone.clear()
    zone.send_keys("Asia/Shanghai")
    page.set_value(page.find("input[name=default-duration]"), "")
    page.press_for_toast("保存", "已保存")

    # pat is made an editor while the page still offers 批准: the desk says 403 role_publisher.
    status, body = ada.put("/api/users/pat", {"role": "editor"})
    check(status == 200, f"pat made an editor: {status} {body}")
    page.press_for_toast("批准", "只有签发人或管理员可以这样做")
    in_chinese(page.find("#toast").get_attribute("textContent"), "只有签发人或管理员", "a role refusal")

    # A text file chosen as a photo: 415 picture_type, at the photo field.
    page.button("+ 图片")
    text_file = os.path.join(prefix, "notes.txt")
    with open(text_file, "w") as f:
        f.write("not a picture\n")
    page.find("li.item[data-id='photo-1'] input[name=photo]").send_keys(text_file)
    problem = page.wait(lambda d: page.find("li.item[data-id='photo-1'] .photo > .problem").text.strip(), "the upload's refusal")
    in_chinese(problem, "这不是屏幕能显示的图片", "a refused upload")

    # Someone else saved first: the conflict box says so in Chinese.
    _, draft = ed.get("/api/groups/park/draft")
    status, _ = ed.put("/api/groups/park/draft", {"revision": draft["revision"], "playlist": draft["playlist"]})
    check(status == 200, f"ed's save: {status}")
    page.button("保存")
    box = page.visible(".conflict")
    said = page.find(".conflict h2 + p").text
    in_chinese(said, "ed保存了更新的版本", "a save conflict")
    page.shoot("31-editor-refusals", desktop=LAPTOP)

    # ada adds a user whose name is taken: 409 user_exists, in the form's list.
    page.button("改用对方的版本")
    page.toast("已换成对方的版本")
    page.button("退出")
    page.sign_in("ada", PASSWORD)
    page.go("#/admin")
    page.visible("input[name=new-user]").send_keys("ed")
    page.find("input[name=new-password]").send_keys("another long password")
    page.button("添加用户")
    listed = page.wait(lambda d: next((e.text for e in page.finds(".problems li") if e.is_displayed()), None), "the refusal listed")
    in_chinese(listed, "已经有同名的用户", "a taken user name")
    heading = page.find(".problems strong").text
    check("才能添加" in heading and "发布" not in heading, f"the form's summary speaks of adding a user, not publishing: {heading}")
    page.shoot("32-admin-refusal", desktop=LAPTOP)

    # A draft the boards could not show: the preview lists its errors where they are.
    _, draft = ada.get("/api/groups/park/draft")
    broken = dict(draft["playlist"], items=[{"id": "empty", "type": "notice"}])
    status, _ = ada.put("/api/groups/park/draft", {"revision": draft["revision"], "playlist": broken})
    check(status == 200, f"a draft with an error is saved: {status}")
    page.go("#/g/park/preview")
    box = page.wait(lambda d: next((e.text for e in page.finds(".error-box") if e.is_displayed()), None), "the preview's refusal")
    in_chinese(box, "第 1 条：通知要有标题或内容", "the preview's refusal lists the error at its item")
    check(page.finds(".error-box a[href='#/g/park']"), "and links back to the editor")
    page.shoot("36-preview-errors", desktop=LAPTOP)

    # An error the form cannot lead to (a hand-written item type): still opened in Chinese,
    # the checker's English quoted after it.
    _, draft = ada.get("/api/groups/park/draft")
    odd = dict(draft["playlist"], items=[{"id": "odd", "type": "hologram"}])
    status, _ = ada.put("/api/groups/park/draft", {"revision": draft["revision"], "playlist": odd})
    check(status == 200, f"a draft with an odd item is saved: {status}")
    page.go("#/g/park")
    page.go("#/g/park/preview")
    box = page.wait(lambda d: next((e.text for e in page.finds(".error-box") if e.is_displayed() and "hologram" in e.text), None),
                    "the preview's refusal of the odd item")
    check("内容检查发现的问题" in box, f"an unknown checker message opens in Chinese: {box!r}")
    page.shoot("38-preview-unknown-error", desktop=LAPTOP)

    # The API itself is unchanged for scripts: the English error beside the new code.
    status, body = ada.post("/api/users", {"name": "ed", "password": "another long password", "role": "editor"})
    check(status == 409 and body.get("code") == "user_exists" and body.get("error") == "there is already a user called ed",
          f"the reply keeps its English error and adds a code: {status} {body}")

    page.last_checks(check)
finally:
    browser.close(driver, nginx, desk, prefix)
finish("test_messages_browser")
