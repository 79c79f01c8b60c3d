#!/usr/bin/python3
"""Font helpers for fonts/make-subset.sh (fontTools from Debian's fonttools).

Sub-commands:

  face-index TTC FAMILY      print the index of the face whose family name
                             (name ID 16, else 1; Windows, en-US) equals FAMILY;
                             fails unless exactly one face matches.
  rename IN OUT FAMILY PSFAMILY
                             rename the family of a subset font (see below).
  verify CHARSET SRC_TTC INDEX FONT...
                             check every code point of CHARSET is mapped in
                             each FONT; anything missing must be missing from
                             the source face as well, otherwise fail.
  probe SRC_TTC INDEX FONT CHAR...
                             report which CHARs are in the subset and the source.
  licence DEBIAN_COPYRIGHT SRC_TTC INDEX OUT
                             write the SIL OFL 1.1 text from Debian's copyright
                             file, headed by the font's copyright notices.

Renaming: the family is renamed from "Noto Sans CJK SC" to
"Noto Sans CJK SC Subset" (PostScript "NotoSansCJKscSubset-<Style>").
The OFL would allow keeping the name: the Reserved Font Name of this font
software is "Source" (Adobe's, from Source Han Sans), and "Noto" is not a
Reserved Font Name.  We rename anyway because the file only holds ~9,300 of
the ~44,000 characters of the real font: if it were ever installed where
fontconfig can see it next to (or instead of) the Debian package, a request
for "Noto Sans CJK SC" could be served by this subset and show tofu for rarer
characters.  A distinct family name makes the subset impossible to confuse
with the full font while still crediting Noto.  The player opens the .otf by
path, so the family name does not affect it.

The CFF table of the Debian .ttc is shared by all faces and is named
"NotoSansCJKjp-<Style>"; in a stand-alone OpenType/CFF font the CFF FontName
must equal name ID 6, so it (and CFF FullName/FamilyName) is set here too.

All fonts are opened with recalcTimestamp=False so head.modified stays the
source font's value and the output is byte-for-byte reproducible.
"""

import sys

from fontTools.ttLib import TTCollection, TTFont

WIN = (3, 1)  # platformID, platEncID (Windows, Unicode BMP)
EN_US = 0x409


def die(msg):
    sys.stderr.write("fontutil.py: error: %s\n" % msg)
    sys.exit(1)


def family_name(font):
    name = font["name"]
    for nid in (16, 1):
        rec = name.getName(nid, WIN[0], WIN[1], EN_US)
        if rec is not None:
            return rec.toUnicode()
    return None


def cmd_face_index(ttc, family):
    coll = TTCollection(ttc, lazy=True)
    matches = [i for i, f in enumerate(coll.fonts) if family_name(f) == family]
    if len(matches) != 1:
        names = ["%d=%s" % (i, family_name(f)) for i, f in enumerate(coll.fonts)]
        die("%d faces named %r in %s (faces: %s)"
            % (len(matches), family, ttc, ", ".join(names)))
    print(matches[0])


def cmd_rename(src, dst, new_family, ps_family):
    font = TTFont(src, recalcTimestamp=False, recalcBBoxes=False)
    name = font["name"]
    old_family = family_name(font)
    style = name.getName(2, WIN[0], WIN[1], EN_US).toUnicode()  # Regular / Bold
    if name.getName(16, WIN[0], WIN[1], EN_US) or name.getName(17, WIN[0], WIN[1], EN_US):
        die("font has typographic family names (ID 16/17); rename logic needs updating")
    ps_name = "%s-%s" % (ps_family, style)
    full = new_family if style == "Regular" else "%s %s" % (new_family, style)
    old_ps = name.getName(6, WIN[0], WIN[1], EN_US).toUnicode()

    for rec in name.names:
        if rec.nameID == 1:
            rec.string = new_family
        elif rec.nameID == 4:
            rec.string = full
        elif rec.nameID == 6:
            rec.string = ps_name
        elif rec.nameID == 3:
            rec.string = rec.toUnicode().replace(old_ps, ps_name)
        elif rec.nameID == 5:
            rec.string = rec.toUnicode() + "; Newsboard subset of " + old_ps

    cff = font["CFF "].cff
    cff.fontNames = [ps_name]
    top = cff.topDictIndex[0]
    top.FullName = full
    top.FamilyName = new_family
    font.save(dst, reorderTables=True)
    sys.stderr.write("renamed %r (%s) -> %r (%s)\n" % (old_family, old_ps, new_family, ps_name))


def read_charset(path):
    cps = []
    with open(path, encoding="ascii") as fh:
        for line in fh:
            line = line.strip()
            if line:
                if not line.startswith("U+"):
                    die("bad line in %s: %r" % (path, line))
                cps.append(int(line[2:], 16))
    return cps


def fmt(cp):
    ch = chr(cp)
    shown = ch if ch.isprintable() and not ch.isspace() else ""
    return "U+%04X %s" % (cp, shown)


def cmd_verify(charset, src_ttc, index, fonts):
    cps = read_charset(charset)
    src = TTFont(src_ttc, fontNumber=int(index), lazy=True)
    src_cmap = src.getBestCmap()
    src_lacks = [cp for cp in cps if cp not in src_cmap]
    print("charset: %d code points; source face lacks %d" % (len(cps), len(src_lacks)))
    if src_lacks:
        print("  not in the source face (so not in the subset either):")
        for i in range(0, len(src_lacks), 12):
            print("    " + " ".join("U+%04X" % cp for cp in src_lacks[i:i + 12]))
    bad = False
    for path in fonts:
        f = TTFont(path, lazy=True)
        cmap = f.getBestCmap()
        missing = [cp for cp in cps if cp not in cmap]
        unexpected = [cp for cp in missing if cp in src_cmap]
        extra = sorted(set(cmap) - set(cps))
        print("%s: %d glyphs, %d mapped code points, %d of charset missing "
              "(%d missing although the source has them), %d mapped beyond charset"
              % (path, f["maxp"].numGlyphs, len(cmap), len(missing), len(unexpected), len(extra)))
        for cp in unexpected:
            print("  MISSING: %s" % fmt(cp))
            bad = True
    if bad:
        die("subset lacks characters the source font has")


def cmd_probe(src_ttc, index, font, chars):
    src_cmap = TTFont(src_ttc, fontNumber=int(index), lazy=True).getBestCmap()
    cmap = TTFont(font, lazy=True).getBestCmap()
    for ch in "".join(chars):
        cp = ord(ch)
        print("%s  subset: %-3s  full system font: %s"
              % (fmt(cp).ljust(9), "yes" if cp in cmap else "no",
                 "yes" if cp in src_cmap else "no"))


def cmd_licence(debian_copyright, src_ttc, index, out):
    # Extract the "License: SIL-1.1" stand-alone paragraph (DEP-5 format).
    with open(debian_copyright, encoding="utf-8") as fh:
        paras = fh.read().split("\n\n")
    body = None
    for p in paras:
        lines = p.split("\n")
        if lines[0].strip() in ("License: SIL-1.1", "License: OFL-1.1") and len(lines) > 10:
            body = lines[1:]
            break
    if body is None:
        die("no SIL OFL 1.1 licence paragraph in %s" % debian_copyright)
    text = []
    for line in body:
        line = line[1:] if line.startswith(" ") else line
        text.append("" if line == "." else line)
    if not any("SIL OPEN FONT LICENSE Version 1.1" in t for t in text):
        die("licence paragraph in %s is not the SIL OFL 1.1" % debian_copyright)

    debian_summary = "?"
    for p in paras:
        lines = p.split("\n")
        if lines[0].strip() == "Files: *":
            for l in lines:
                if l.startswith("Copyright:"):
                    debian_summary = "Copyright: " + l.split(":", 1)[1].strip()
    name = TTFont(src_ttc, fontNumber=int(index), lazy=True)["name"]
    notice = name.getName(0, WIN[0], WIN[1], EN_US).toUnicode()
    trademark = name.getName(7, WIN[0], WIN[1], EN_US).toUnicode()
    header = [
        "Noto Sans CJK SC (subset: fonts/NotoSansCJKsc-*.subset.otf)",
        "",
        "Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'.",
        trademark,
        "",
        "(The upstream notice above is the one published with noto-cjk /",
        " Noto Sans SC on Google Fonts. The font itself carries, in name ID 0:",
        " \"%s\"; Debian's copyright file summarises" % notice,
        " it as \"%s\".)" % debian_summary,
        "",
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.",
        "This license is copied below, and is also available with a FAQ at:",
        "https://openfontlicense.org",
        "",
        "(Licence text taken verbatim from Debian's fonts-noto-cjk package,",
        " %s.)" % debian_copyright,
        "",
        "",
    ]
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(header + text).rstrip("\n") + "\n")


def main(argv):
    if len(argv) < 2:
        die("usage: see module docstring")
    cmd, args = argv[1], argv[2:]
    table = {
        "face-index": (cmd_face_index, 2, 2),
        "rename": (cmd_rename, 4, 4),
        "verify": (cmd_verify, 4, None),
        "probe": (cmd_probe, 4, None),
        "licence": (cmd_licence, 4, 4),
    }
    if cmd not in table:
        die("unknown command %r" % cmd)
    fn, lo, hi = table[cmd]
    if len(args) < lo or (hi is not None and len(args) > hi):
        die("wrong number of arguments for %s" % cmd)
    if cmd in ("verify",):
        fn(args[0], args[1], args[2], args[3:])
    elif cmd == "probe":
        fn(args[0], args[1], args[2], args[3:])
    else:
        fn(*args)


if __name__ == "__main__":
    main(sys.argv)
