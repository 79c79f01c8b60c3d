#!/usr/bin/python3
"""Build the character set for the Newsboard Noto Sans CJK SC subset.

Writes one ``U+XXXX`` per line, sorted by code point, to the output file
(default: fonts/charset.txt next to this script) and prints a summary to
stderr.

The set is the union of:

* the 8,105 characters of 通用规范汉字表 (Table of General Standard Chinese
  Characters, 2013), i.e. every code point that has a ``kTGH`` field in the
  Unihan database shipped by Debian's ``unicode-data`` package.  The count is
  asserted to be exactly 8105;
* all of GB2312: rows 1-9 (the non-Han symbols: punctuation, numerals, Latin,
  Greek, Cyrillic, kana, pinyin, bopomofo, box drawing) and rows 16-87 (the
  6,763 Han characters, 125 of which are not in 通用规范汉字表: radical forms
  such as 亻 氵 扌 and older forms such as 後 馀 菸, still met in names and
  quotations), i.e. every two-byte code 0xA1A1-0xF7FE that Python's
  ``gb2312`` codec decodes;
* the assigned code points (per the same package's UnicodeData.txt) of
  Basic Latin U+0020-U+007E, Latin-1 Supplement U+00A0-U+00FF,
  General Punctuation U+2000-U+206F, Enclosed Alphanumerics U+2460-U+24FF,
  CJK Symbols and Punctuation U+3000-U+303F and
  Halfwidth and Fullwidth Forms U+FF00-U+FFEF.

CJK Radicals Supplement U+2E80-U+2EFF is deliberately not included.

Only Python's standard library is used; run it with /usr/bin/python3.
"""

import argparse
import bz2
import gzip
import io
import os
import sys
import zipfile

KTGH_EXPECTED = 8105

# (first, last, label) - inclusive ranges; only assigned code points are kept.
RANGES = [
    (0x0020, 0x007E, "Basic Latin (printable)"),
    (0x00A0, 0x00FF, "Latin-1 Supplement"),
    (0x2000, 0x206F, "General Punctuation"),
    (0x2460, 0x24FF, "Enclosed Alphanumerics"),
    (0x3000, 0x303F, "CJK Symbols and Punctuation"),
    (0xFF00, 0xFFEF, "Halfwidth and Fullwidth Forms"),
]
EXCLUDED = (0x2E80, 0x2EFF)  # CJK Radicals Supplement: not wanted


def die(msg):
    sys.stderr.write("subset_chars.py: error: %s\n" % msg)
    sys.exit(1)


def _open_text(path):
    """Yield text lines of a plain, .bz2 or .gz Unihan_*.txt file."""
    if path.endswith(".bz2"):
        return io.TextIOWrapper(bz2.open(path, "rb"), encoding="utf-8")
    if path.endswith(".gz"):
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8")
    return open(path, encoding="utf-8")


def _ktgh_from_lines(lines, found):
    for line in lines:
        if line.startswith("#") or "\tkTGH\t" not in line:
            continue
        cp, field, _value = line.rstrip("\n").split("\t", 2)
        if field == "kTGH" and cp.startswith("U+"):
            found.add(int(cp[2:], 16))


def find_unihan_sources(unicode_dir):
    """Return (zips, texts): Unihan.zip files and Unihan_*.txt[.bz2|.gz] files.

    Debian has shipped Unihan both as Unihan.zip and as extracted (and, in
    Debian 12, bzip2-compressed) Unihan_*.txt files, so all forms are handled.
    """
    zips, texts = [], []
    for root, _dirs, files in os.walk(unicode_dir):
        for name in sorted(files):
            path = os.path.join(root, name)
            if name.lower().startswith("unihan") and name.lower().endswith(".zip"):
                zips.append(path)
            elif name.startswith("Unihan") and (
                name.endswith(".txt") or name.endswith(".txt.bz2") or name.endswith(".txt.gz")
            ):
                texts.append(path)
    return sorted(zips), sorted(texts)


def read_ktgh(unicode_dir):
    zips, texts = find_unihan_sources(unicode_dir)
    if not zips and not texts:
        die(
            "no Unihan data (Unihan.zip or Unihan_*.txt[.bz2]) under %s; "
            "install it with: apt-get install unicode-data" % unicode_dir
        )
    found = set()
    used = []
    for path in zips:
        with zipfile.ZipFile(path) as zf:
            for member in sorted(zf.namelist()):
                if member.endswith(".txt"):
                    before = len(found)
                    with zf.open(member) as fh:
                        _ktgh_from_lines(io.TextIOWrapper(fh, encoding="utf-8"), found)
                    if len(found) != before:
                        used.append("%s:%s" % (path, member))
    for path in texts:
        before = len(found)
        with _open_text(path) as fh:
            _ktgh_from_lines(fh, found)
        if len(found) != before:
            used.append(path)
    if len(found) != KTGH_EXPECTED:
        die(
            "expected exactly %d kTGH code points (通用规范汉字表), found %d in %s"
            % (KTGH_EXPECTED, len(found), ", ".join(used) or unicode_dir)
        )
    return found, used


def gb2312_all():
    chars = set()
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                s = bytes((row, cell)).decode("gb2312")
            except UnicodeDecodeError:
                continue
            for ch in s:
                chars.add(ord(ch))
    return chars


def assigned_code_points(unicode_data):
    """Set of code points listed in UnicodeData.txt (ranges expanded)."""
    if not os.path.isfile(unicode_data):
        die("%s not found; install it with: apt-get install unicode-data" % unicode_data)
    assigned = set()
    first = None
    with open(unicode_data, encoding="utf-8") as fh:
        for line in fh:
            fields = line.split(";")
            cp = int(fields[0], 16)
            name = fields[1]
            if name.endswith(", First>"):
                first = cp
            elif name.endswith(", Last>"):
                assigned.update(range(first, cp + 1))
                first = None
            else:
                assigned.add(cp)
    return assigned


def build(unicode_dir):
    ktgh, used = read_ktgh(unicode_dir)
    gb = gb2312_all()
    assigned = assigned_code_points(os.path.join(unicode_dir, "UnicodeData.txt"))
    parts = [("kTGH (通用规范汉字表)", ktgh), ("GB2312 (all 7,445)", gb)]
    for first, last, label in RANGES:
        parts.append(
            ("%s U+%04X-U+%04X" % (label, first, last),
             {cp for cp in range(first, last + 1) if cp in assigned})
        )
    allcps = set()
    for _label, cps in parts:
        allcps |= cps
    stray = sorted(cp for cp in allcps if EXCLUDED[0] <= cp <= EXCLUDED[1])
    if stray:
        die("unexpected code points from U+2E80-U+2EFF: %s"
            % " ".join("U+%04X" % cp for cp in stray))
    return allcps, parts, used


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--unicode-dir", default="/usr/share/unicode",
                    help="where Debian's unicode-data package puts its files")
    ap.add_argument("--out", default=os.path.join(here, "charset.txt"),
                    help="output file ('-' for stdout)")
    args = ap.parse_args()

    allcps, parts, used = build(args.unicode_dir)
    text = "".join("U+%04X\n" % cp for cp in sorted(allcps))
    if args.out == "-":
        sys.stdout.write(text)
    else:
        tmp = args.out + ".tmp"
        with open(tmp, "w", encoding="ascii", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, args.out)

    err = sys.stderr
    err.write("kTGH source(s): %s\n" % ", ".join(used))
    for label, cps in parts:
        err.write("  %-55s %5d\n" % (label, len(cps)))
    err.write("  %-55s %5d\n" % ("total (union)", len(allcps)))
    if args.out != "-":
        err.write("wrote %s\n" % args.out)


if __name__ == "__main__":
    main()
