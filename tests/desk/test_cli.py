"""The desk's command line as docs/desk-api.md gives it: `init` refuses what it cannot make
before it makes anything (a refused init leaves no half desk that blocks the next one)."""
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
from deskrun import run  # noqa: E402
from nbtest import check, finish  # noqa: E402


def test_init_with_a_group_twice():
    folder = os.path.join(tempfile.mkdtemp(prefix="nbdesk-cli-"), "desk")
    code, _, err = run("init", folder, "--group", "park=公园", "--group", "park=广场")
    check(code == 2, f"the same group id twice is a usage error (exit 2): {code} {err}")
    check("park" in err, f"the message names the id: {err}")
    check(not os.path.exists(os.path.join(folder, "desk.db")), "a refused init makes no desk")
    code, _, err = run("init", folder, "--group", "park=公园")
    check(code == 0, f"the corrected init then works: {code} {err}")


test_init_with_a_group_twice()
finish("desk cli")
