"""`newsboard check`: one located diagnostic for each kind of mistake staff make, exit 0/1,
and no crash on hostile input (invalid UTF-8, 100 000 levels of nesting, a 50 MB string)."""
import os
import re
import shutil

from nbtest import DEMO, check, finish, run, tempdir

LOCATED = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning): (?P<msg>.*)$", re.M)


def playlist_with(item_json, extra=""):
    return ('{\n  "version": 1,\n  "id": "t",\n  "updated": "2019-04-08T07:00:00+08:00",\n'
            f'  "items": [\n    {item_json}\n  ]{extra}\n}}\n')


def write(folder, name, text, mode="w"):
    path = os.path.join(folder, name)
    with open(path, mode) as f:
        f.write(text)
    return path


def diagnostics(path):
    code, _, err = run("check", path)
    return code, [m.groupdict() for m in LOCATED.finditer(err)], err


folder = tempdir()
cases = [
    # name, file text, expected line, expected column (None: any), message substring, severity
    ("trailing_comma", playlist_with('{"id": "a", "type": "notice", "headline": "停水通知",}'), 6, None,
     "", "error"),
    ("wrong_type", playlist_with('{"id": "a", "type": "notice", "headline": "停水", "duration": "ten"}'), 6, 65,
     'items[0].duration: expected a positive number, got "ten"', "error"),
    ("unknown_type", playlist_with('{"id": "a", "type": "video", "headline": "停水"}'), 6, 25, "video", "error"),
    ("missing_image", playlist_with('{"id": "a", "type": "photo", "headline": "郁金香", "image": "media/none.jpg"}'),
     6, None, "none.jpg", "error"),
    ("no_glyph", playlist_with('{"id": "a", "type": "notice", "headline": "通知：\U00031350来了"}'), 6, 51,
     "no font has a glyph for U+31350", "warning"),
]
for name, text, line, col, message, severity in cases:
    path = write(folder, name + ".json", text)
    code, diags, err = diagnostics(path)
    wanted = [d for d in diags if d["sev"] == severity]
    check(code == (1 if severity == "error" else 0), f"{name}: exit {code}\n{err}")
    check(len(wanted) == 1, f"{name}: expected one {severity}, got {len(wanted)}:\n{err}")
    if wanted:
        d = wanted[0]
        check(int(d["line"]) == line, f"{name}: line {d['line']} instead of {line}: {err}")
        if col is not None:
            check(int(d["col"]) == col, f"{name}: column {d['col']} instead of {col}: {err}")
        check(message in d["msg"], f"{name}: message {d['msg']!r} lacks {message!r}")
        check(d["path"] == path, f"{name}: path {d['path']!r}")

# The summary line counts in English: "1 error", "2 errors", never "1 errors".
summaries = [
    ("one_each", '{"id": "a", "type": "notice", "headline": "停水", "duration": "ten", "colour": 1}',
     "invalid (1 error, 1 warning)"),
    ("two_errors", '{"id": "a", "type": "notice", "headline": "停水", "duration": 0, "transition": "fade"}',
     "invalid (2 errors, 0 warnings)"),
    ("two_warnings", '{"id": "a", "type": "notice", "headline": "停水", "colour": 1, "size": 2}',
     "valid (0 errors, 2 warnings)"),
]
for name, item, summary in summaries:
    path = write(folder, name + ".json", playlist_with(item))
    _, _, err = run("check", path)
    check(f"{path}: {summary}\n" in err, f"{name}: summary is not {summary!r}: {err}")

# The demo is valid: exit 0 and no errors.
code, diags, err = diagnostics(DEMO)
check(code == 0 and not [d for d in diags if d["sev"] == "error"], f"demo: exit {code}: {err}")

# Hostile input: a clean located error and exit 1, never a crash (exit codes above 3, signals).
hostile = {
    "invalid_utf8.json": b'{"version": 1, "id": "t", "items": [{"id": "a", "type": "notice", "headline": "\xe6\x96"}]}',
    "deep.json": b"[" * 100000 + b"]" * 100000,
    "huge_string.json": b'{"version": 1, "id": "' + b"x" * (50 * 1024 * 1024) + b'"}',
    "empty.json": b"",
    "not_object.json": b"[1, 2, 3]",
}
for name, data in hostile.items():
    path = write(folder, name, data, "wb")
    code, diags, err = diagnostics(path)
    check(code == 1, f"{name}: exit {code} (want 1): {err[-300:]}")
    check(any(d["sev"] == "error" for d in diags) or (path + ": error:") in err, f"{name}: no located error: {err[-300:]}")

# A missing file is invalid content with a message; a missing argument is a usage error.
code, _, err = run("check", os.path.join(folder, "nope.json"))
check(code == 1 and "nope.json" in err, f"missing file: exit {code}: {err}")
check(run("check")[0] == 2, "check without SOURCE is not a usage error")

shutil.rmtree(folder)
finish("check")
