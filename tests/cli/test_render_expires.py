"""`render FILE` and `render URL` judge a playlist's "expires" alike, at --at: before it, every
page the board shows then; at or after it, what a board does (the edition leaves the screen for
the standby screen), so no page, and the located error and exit 1 a refused edition gets. Before,
`render URL` judged "expires" by the machine's clock whatever --at said, and `render FILE` never."""
import json
import os
import shutil

from nbtest import check, finish, run, tempdir
from servers import start_nginx, stop_nginx

folder = tempdir()
nginx, port = start_nginx(os.path.join(folder, "nginx"))
try:
    www = os.path.join(folder, "nginx", "www")
    playlist = {"version": 1, "id": "expiring", "updated": "2019-04-08T07:00:00+08:00",
                "expires": "2019-04-09T00:00:00+08:00", "timezone": "Asia/Shanghai",
                "items": [{"id": "a", "type": "notice", "headline": "停水通知"},
                          {"id": "b", "type": "notice", "headline": "明日恢复供水"}]}
    with open(os.path.join(www, "p.json"), "w", encoding="utf-8") as f:
        json.dump(playlist, f, ensure_ascii=False)
    sources = {"FILE": os.path.join(www, "p.json"), "URL": f"http://127.0.0.1:{port}/p.json"}

    def render(source, at):
        out = os.path.join(folder, "out-" + source.replace("/", "_").replace(":", "_") + "-" + at[:10])
        code, _, err = run("render", source, "-o", out, "--size", "640x360", "--at", at)
        pages = sorted(n for n in os.listdir(out) if n.endswith(".png")) if os.path.isdir(out) else []
        return code, pages, err

    for kind, source in sources.items():
        # Before "expires" (long past by the machine's clock): shown, as on a board at that time.
        code, pages, err = render(source, "2019-04-08T09:00:00+08:00")
        check(code == 0 and pages == ["001.png", "002.png", "sheet.png"],
              f"render {kind} before expires shows every page: exit {code}, {pages}\n{err}")
        # At and after it: the board's standby screen; no page, and why.
        for at in ("2019-04-09T00:00:00+08:00", "2019-04-10T09:00:00+08:00"):
            code, pages, err = render(source, at)
            check(code == 1 and pages == [], f"render {kind} at {at} shows nothing: exit {code}, {pages}\n{err}")
            check(f"{source}: error: this edition expired at 2019-04-08T16:00:00Z" in err,
                  f"render {kind} at {at} says the edition expired, located at the source: {err}")
finally:
    stop_nginx(nginx)

shutil.rmtree(folder)
finish("render_expires")
