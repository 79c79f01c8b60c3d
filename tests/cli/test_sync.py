"""`newsboard check URL` and `render URL` fetch through the board's own sync code from a real
nginx on 127.0.0.1 (ephemeral port, everything inside a temporary prefix): what passes `check`
from the server is what a board shows; a bad signature is invalid content (1); a server that
is not there is a runtime failure (3) with a hint."""
import json
import os
import shutil

from nbtest import DEMO, check, finish, png_size, run, tempdir
from servers import free_port, start_nginx, stop_nginx


folder = tempdir()
nginx, port = start_nginx(os.path.join(folder, "nginx"))
try:
    www = os.path.join(folder, "nginx", "www")
    shutil.copy(DEMO, os.path.join(www, "p03.json"))
    shutil.copytree(os.path.join(os.path.dirname(DEMO), "media"), os.path.join(www, "media"))
    url = f"http://127.0.0.1:{port}/p03.json"

    code, _, err = run("check", url)
    check(code == 0, f"check URL passes for the demo on nginx: {code} {err}")

    out = os.path.join(folder, "out")
    code, _, err = run("render", url, "-o", out, "--size", "1280x720", "--at", "2019-04-08T09:00:00+08:00")
    check(code == 0, f"render URL exits 0: {code} {err}")
    check(os.path.exists(os.path.join(out, "001.png")) and png_size(os.path.join(out, "001.png")) == (1280, 720),
          "render URL writes 001.png at the screen size")
    pages = [n for n in os.listdir(out) if n.endswith(".png") and n != "sheet.png"]
    check(len(pages) >= 3, f"render URL shows every item, got {len(pages)} pages")

    os.chdir(folder)
    run("keygen", "staff")
    run("keygen", "other")
    code, _, err = run("sign", os.path.join(www, "p03.json"), "--key", "staff.key")
    check(code == 0, f"sign: {code} {err}")
    code, _, err = run("check", url, "--trusted-key", "staff.pub")
    check(code == 0, f"check URL with the signer's key passes: {code} {err}")
    code, _, err = run("check", url, "--trusted-key", "other.pub")
    check(code == 1 and "signature" in err, f"check URL with another key is invalid content: {code} {err}")
    # The refusal is a diagnostic like a local file's (`PATH: error: signature: …`), and the
    # summary counts it: not "invalid (0 errors, 0 warnings)".
    check(f"\n{url}: error: signature: " in "\n" + err and f"{url}: invalid (1 error," in err,
          f"a refused URL's error is located and counted: {err}")

    with open(os.path.join(www, "broken.json"), "w") as f:
        f.write('{"version": 1, "id": "x",\n  "items": [}\n')
    code, _, err = run("check", f"http://127.0.0.1:{port}/broken.json")
    check(code == 1 and f"127.0.0.1:{port}/broken.json:2:" in err,
          f"a broken playlist on the server gets located diagnostics: {code} {err}")

    # A picture on the server that does not decode is named as the playlist names it, not by
    # the temporary cache file it was read from (gone when the command ends).
    with open(os.path.join(www, "media", "page.jpg"), "w") as f:
        f.write("<html>an error page, not a picture</html>")
    with open(os.path.join(www, "undecodable.json"), "w", encoding="utf-8") as f:
        f.write('{"version": 1, "id": "u", "items": [\n'
                '  {"id": "ok", "type": "notice", "headline": "好"},\n'
                '  {"id": "pic", "type": "photo", "image": "media/page.jpg"}]}\n')
    undecodable = f"http://127.0.0.1:{port}/undecodable.json"
    code, _, err = run("check", undecodable)
    check(code == 1 and f"{undecodable}:3:" in err and "media/page.jpg: not a JPEG" in err and "newsboard-" not in err,
          f"check URL names an undecodable picture by its src: {code} {err}")
    out = os.path.join(folder, "out-undecodable")
    code, _, err = run("render", undecodable, "-o", out)
    with open(os.path.join(out, "layout.json"), encoding="utf-8") as f:
        skipped = json.load(f)["skipped"]
    check(code == 1 and "media/page.jpg: not a JPEG" in err and "newsboard-" not in err + json.dumps(skipped),
          f"render URL names an undecodable picture by its src: {code} {err} {skipped}")

    code, _, err = run("check", f"http://127.0.0.1:{port}/missing.json")
    check(code == 3 and "HTTP 404" in err and "upload" in err, f"a missing URL is a runtime failure: {code} {err}")
finally:
    stop_nginx(nginx)

code, _, err = run("check", f"http://127.0.0.1:{free_port()}/p03.json")
check(code == 3 and "nothing answers" in err, f"no server: exit 3 with a hint: {code} {err}")
shutil.rmtree(folder, ignore_errors=True)
finish("test_sync")
