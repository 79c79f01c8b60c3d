"""The desk's command line as docs/desk-api.md gives it: `init` refuses what it cannot make
before it makes anything (a refused init leaves no half desk that blocks the next one), and
`user add` refuses a name holding any kind of space or control character, not only ASCII's,
and a second --role."""
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
from deskrun import PASSWORD, Desk, run  # noqa: E402
from nbtest import check, finish  # noqa: E402


def test_init_with_a_group_twice():
    folder = os.path.join(tempfile.mkdtemp(prefix="nbdesk-cli-"), "desk")
    code, _, err = run("init", folder, "--group", "park=公园", "--group", "park=广场")
    check(code == 2, f"the same group id twice is a usage error (exit 2): {code} {err}")
    check("park" in err, f"the message names the id: {err}")
    check(not os.path.exists(os.path.join(folder, "desk.db")), "a refused init makes no desk")
    code, _, err = run("init", folder, "--group", "park=公园")
    check(code == 0, f"the corrected init then works: {code} {err}")


def test_user_names_without_spaces_or_controls():
    folder = os.path.join(tempfile.mkdtemp(prefix="nbdesk-cli-"), "desk")
    code, _, err = run("init", folder)
    check(code == 0, f"init: {err}")
    # An ideographic space (a Chinese keyboard's), a no-break space, a C1 control (NEL), a
    # line separator, a zero-width space: none of them is seen in a list of users or the log.
    for name in ("张\u3000三", "ed\u00a0", "ed\u0085", "ed\u2028x", "e\u200bd"):
        code, _, err = run("user", "add", folder, name, "--role", "editor", stdin=(PASSWORD + "\n").encode())
        check(code == 1, f"user add {name!r}: invalid content (exit 1), got {code} {err}")
    code, _, err = run("user", "add", folder, "张三", "--role", "editor", stdin=(PASSWORD + "\n").encode())
    check(code == 0, f"a Chinese name is a name: {code} {err}")


def test_user_add_with_two_roles():
    """Two --role options are a mistake to say, not a choice to make silently: the last one was
    taken, so `--role editor --role admin` made an admin."""
    folder = os.path.join(tempfile.mkdtemp(prefix="nbdesk-cli-"), "desk")
    code, _, err = run("init", folder)
    check(code == 0, f"init: {err}")
    code, _, err = run("user", "add", folder, "ed", "--role", "editor", "--role", "admin",
                       stdin=(PASSWORD + "\n").encode())
    check(code == 2 and "--role" in err, f"two roles are a usage error (exit 2): {code} {err}")
    code, _, err = run("user", "add", folder, "ed", "--role", "editor", stdin=(PASSWORD + "\n").encode())
    check(code == 0, f"then one role makes the user: {code} {err}")


def test_init_group_names():
    """A group's name is its starter draft's title and headline: a name the boards' checker
    refuses (over 200 characters, a control character) made a group whose first draft could
    not be approved or published. Refused before anything is made, as a bad id is."""
    for name, said in (("公" * 201, "201 characters; the limit is 200"), ("公\a园", "control character"),
                       ("公\n园", "control character"), ("   ", "")):
        folder = os.path.join(tempfile.mkdtemp(prefix="nbdesk-cli-"), "desk")
        code, _, err = run("init", folder, "--group", "park=" + name)
        check(code == 2 and "--group park" in err and said in err, f"--group park={name[:8]!r}…: exit 2 ({code} {err})")
        check(not os.path.exists(os.path.join(folder, "desk.db")), "a refused init makes no desk")
    desk = Desk(groups=("park=" + "公" * 200,), users=(("ed", "editor"),)).start()
    try:
        status, draft = desk.client("ed").get("/api/groups/park/draft")
        check(status == 200 and draft["playlist"]["title"] == "公" * 200 and draft["problems"] == [],
              f"a name of 200 characters makes a valid starter draft: {status} {draft.get('problems')}")
    finally:
        desk.stop()


test_init_with_a_group_twice()
test_init_group_names()
test_user_names_without_spaces_or_controls()
test_user_add_with_two_roles()
finish("desk cli")
