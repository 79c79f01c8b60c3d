"""Every refusal of the desk carries a `code` the page says in Chinese: each code the server's
sources can send has its sentence in desk/web/js/messages.js, and a real desk's replies carry
the code beside their English `error`, which stays as scripts know it."""
import datetime
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
from deskrun import Desk  # noqa: E402
from nbtest import SOURCE_DIR, check, finish  # noqa: E402

SERVER = os.path.join(SOURCE_DIR, "desk", "server")
# The ways a code is written: error_reply(STATUS, "code", …), the policy's deny(STATUS, "code", …)
# the login's failed("code", …), and a reply built by hand.
SENT = [re.compile(p) for p in (r'error_reply\([^,()]+, "([a-z_]+)"', r'deny\(\d+, "([a-z_]+)"', r'failed\("([a-z_]+)"', r'\["code"\] = "([a-z_]+)"')]

sent = set()
for name in sorted(os.listdir(SERVER)):
    if name.endswith(".cpp"):
        with open(os.path.join(SERVER, name), encoding="utf-8") as f:
            text = f.read()
        for pattern in SENT:
            for m in pattern.finditer(text):
                sent.update(g for g in m.groups() if g)
with open(os.path.join(SOURCE_DIR, "desk", "web", "js", "messages.js"), encoding="utf-8") as f:
    catalogue = f.read()
table = catalogue[catalogue.index("const apiMessages = {"):]
table = table[:table.index("\n};")]
said = set(re.findall(r"^\s+([a-z_]+): ", table, re.M))
check(len(sent) > 60, f"the server's codes were found: {len(sent)}")
check(not sent - said, f"codes the page has no sentence for: {sorted(sent - said)}")
check("upload_interrupted" in said, "the page's own code for a broken upload")

desk = Desk(groups=("park=公园",)).start()
try:
    anon, ed = desk.client(), desk.client("ed")
    replies = {
        "signed_out": anon.get("/api/groups"),
        "user_missing": anon.post("/api/login", {"user": "", "password": "x"}),
        "login_wrong": anon.post("/api/login", {"user": "ed", "password": "wrong password"}),
        "csrf_missing": ed.post("/api/groups/park/submit", {"revision": 1}, csrf=False),
        "role_publisher": ed.post("/api/groups/park/approve", {"revision": 1}),
        "no_group": ed.get("/api/groups/nowhere/draft"),
        "revision_missing": ed.put("/api/groups/park/draft", {"playlist": {}}),
        "request_malformed": ed.put("/api/groups/park/draft", "{not json"),
    }
    for code, (status, body) in replies.items():
        check(isinstance(body, dict) and body.get("code") == code and isinstance(body.get("error"), str) and body["error"],
              f"{code}: the reply carries its code and its English error: {status} {body}")
        check(code in said, f"{code}: the page has a sentence for it")
    # What a code's sentence needs besides: the login's wait, an urgent notice's failures.
    for _ in range(6):
        status, limited = anon.post("/api/login", {"user": "pat", "password": "wrong password"})
    check(status == 429 and limited.get("code") == "login_limited" and isinstance(limited.get("retry_after_s"), int)
          and limited["retry_after_s"] > 0, f"the login's 429 says how long to wait: {status} {limited}")
    ada = desk.client("ada")
    _, draft = ada.get("/api/groups/park/draft")
    broken = dict(draft["playlist"], items=[{"id": "empty", "type": "notice"}])
    status, _ = ada.put("/api/groups/park/draft", {"revision": draft["revision"], "playlist": broken})
    check(status == 200, f"a draft with an error: {status}")
    tomorrow = (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    status, urgent = ada.post("/api/urgent", {"groups": "all", "headline": "停水", "expires": tomorrow})
    failed = (urgent or {}).get("failed") or [{}]
    check(status in (200, 422) and failed[0].get("code") == "publish_has_errors" and failed[0].get("at") == "items[1]",
          f"an urgent notice's failure carries the publish's code and where: {status} {urgent}")

    # The English stays what scripts and docs know.
    check(replies["signed_out"][1].get("error") == "please sign in", f"the 401's error: {replies['signed_out']}")
    check(replies["csrf_missing"][1].get("error") == "missing X-CSRF-Token header", f"the 403's error: {replies['csrf_missing']}")
    check(replies["login_wrong"][1].get("at") == "password", f"the login's at: {replies['login_wrong']}")
finally:
    desk.stop()
finish("test_messages")
