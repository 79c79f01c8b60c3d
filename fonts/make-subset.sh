#!/bin/bash
# Regenerate the Noto Sans CJK SC subset used by Newsboard.
#
#   fonts/make-subset.sh
#
# Inputs (Debian 12 packages; nothing is downloaded):
#   fonts-noto-cjk  /usr/share/fonts/opentype/noto/NotoSansCJK-{Regular,Bold}.ttc
#                   /usr/share/doc/fonts-noto-cjk/copyright   (OFL 1.1 text)
#   unicode-data    /usr/share/unicode/Unihan_*  (kTGH = 通用规范汉字表)
#                   /usr/share/unicode/UnicodeData.txt
#   fonttools       fontTools for /usr/bin/python3 (pyftsubset)
#
# Outputs (all in fonts/):
#   charset.txt                        code points, one U+XXXX per line, sorted
#   NotoSansCJKsc-Regular.subset.otf   OpenType/CFF, family "Noto Sans CJK SC Subset"
#   NotoSansCJKsc-Bold.subset.otf
#   OFL.txt                            SIL Open Font License 1.1 + copyright notice
#   SHA256SUMS                         checksums of the two fonts
#
# The outputs are byte-for-byte reproducible: fontTools keeps head.modified
# from the source font (--no-recalc-timestamp, recalcTimestamp=False) and
# nothing else depends on time, locale or the environment.
#
# See README.md in this directory for the character set and the choices made.
set -euo pipefail

# Always Debian's interpreter: a pyenv/venv python3 earlier on PATH may have a
# different (or no) fontTools, which would make the output differ.
PY=/usr/bin/python3
FAMILY="Noto Sans CJK SC"             # face to pick out of each .ttc
NEW_FAMILY="Noto Sans CJK SC Subset"  # see fontutil.py for why we rename
NEW_PS_FAMILY="NotoSansCJKscSubset"
NOTO_DIR=/usr/share/fonts/opentype/noto
UNICODE_DIR=/usr/share/unicode
DEB_COPYRIGHT=/usr/share/doc/fonts-noto-cjk/copyright
WEIGHTS=(Regular Bold)
# The default and the zh-Hans language system of each script the character set reaches.
LAYOUT_SCRIPTS=DFLT.dflt
for script in hani kana latn grek cyrl; do LAYOUT_SCRIPTS+=",$script.dflt,$script.ZHS"; done

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$HERE"
export LC_ALL=C.UTF-8 PYTHONHASHSEED=0 PYTHONDONTWRITEBYTECODE=1
start=$(date +%s)

# --- check inputs ------------------------------------------------------------
missing=()
need() { # need PATH PACKAGE
    [[ -e $1 ]] || { echo "missing: $1 (Debian package $2)" >&2; missing+=("$2"); }
}
need "$PY" python3
for w in "${WEIGHTS[@]}"; do need "$NOTO_DIR/NotoSansCJK-$w.ttc" fonts-noto-cjk; done
need "$DEB_COPYRIGHT" fonts-noto-cjk
need "$UNICODE_DIR/UnicodeData.txt" unicode-data
if ! compgen -G "$UNICODE_DIR/Unihan*" >/dev/null; then
    echo "missing: $UNICODE_DIR/Unihan.zip or Unihan_*.txt[.bz2] (Debian package unicode-data)" >&2
    missing+=(unicode-data)
fi
if [[ -x $PY ]] && ! "$PY" -c 'import fontTools.subset' 2>/dev/null; then
    echo "missing: fontTools for $PY (Debian package fonttools)" >&2
    missing+=(fonttools)
fi
if ((${#missing[@]})); then
    echo "Install the inputs with:  apt-get install fonts-noto-cjk fonttools unicode-data" >&2
    exit 1
fi
echo "fontTools $("$PY" -c 'import fontTools; print(fontTools.version)'), $("$PY" --version)"

# --- character set -----------------------------------------------------------
"$PY" subset_chars.py --unicode-dir "$UNICODE_DIR" --out charset.txt

# --- subset ------------------------------------------------------------------
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for w in "${WEIGHTS[@]}"; do
    src="$NOTO_DIR/NotoSansCJK-$w.ttc"
    out="NotoSansCJKsc-$w.subset.otf"
    index=$("$PY" fontutil.py face-index "$src" "$FAMILY")
    echo "== $w: face #$index of $src is \"$FAMILY\""
    # Simplified Chinese, set horizontally, is all the player draws (text/shape.cpp:
    #   zh-Hans, left to right), so only what that reaches is kept:
    # --layout-features: ccmp/liga/locl (composition), kern/palt/halt (spacing, and
    #   halt for punctuation compression), mark. Not vert/vrt2/vkrn/vpal/vhal
    #   (vertical), aalt/fwid/hwid/pwid/ruby/hist/dlig (alternates no one asks for).
    # --layout-scripts: only the default and zh-Hans (ZHS) language systems, so the
    #   Japanese, Korean and Traditional regional forms that `locl` reaches under
    #   JAN/KOR/ZHT/ZHH are not carried (about half the glyphs).
    # vhea/vmtx/VORG (vertical metrics) are dropped with the vertical features.
    # --name-IDs/--name-languages='*': keep all names, incl. licence (13, 14)
    #   and the zh-CN (0x804) family names.
    # BASE (baseline table) is dropped by default; it has no glyph references,
    #   so keep it unchanged.
    # Hinting (CFF stem hints) is kept: +~0.65 MB per font, better small sizes.
    "$PY" -m fontTools.subset "$src" \
        --font-number="$index" \
        --unicodes-file=charset.txt \
        --layout-features='ccmp,liga,locl,kern,palt,halt,mark' \
        --layout-scripts="$LAYOUT_SCRIPTS" \
        --drop-tables+=vhea,vmtx,VORG \
        --name-IDs='*' --name-languages='*' \
        --notdef-glyph --notdef-outline \
        --drop-tables-=BASE --no-subset-tables+=BASE \
        --no-recalc-timestamp \
        --output-file="$tmp/$out"
    "$PY" fontutil.py rename "$tmp/$out" "$tmp/$out.renamed" "$NEW_FAMILY" "$NEW_PS_FAMILY"
    mv "$tmp/$out.renamed" "$out"
done

# --- licence -----------------------------------------------------------------
"$PY" fontutil.py licence "$DEB_COPYRIGHT" "$NOTO_DIR/NotoSansCJK-Regular.ttc" \
    "$("$PY" fontutil.py face-index "$NOTO_DIR/NotoSansCJK-Regular.ttc" "$FAMILY")" OFL.txt

# --- verify ------------------------------------------------------------------
for w in "${WEIGHTS[@]}"; do
    src="$NOTO_DIR/NotoSansCJK-$w.ttc"
    idx=$("$PY" fontutil.py face-index "$src" "$FAMILY")
    "$PY" fontutil.py verify charset.txt "$src" "$idx" "NotoSansCJKsc-$w.subset.otf"
done
echo "== spot check (Regular)"
"$PY" fontutil.py probe "$NOTO_DIR/NotoSansCJK-Regular.ttc" \
    "$("$PY" fontutil.py face-index "$NOTO_DIR/NotoSansCJK-Regular.ttc" "$FAMILY")" \
    NotoSansCJKsc-Regular.subset.otf 堃 喆 䶮 𠮷

sha256sum NotoSansCJKsc-*.subset.otf > SHA256SUMS
echo "== outputs"
ls -l NotoSansCJKsc-*.subset.otf charset.txt OFL.txt | awk '{print $5, $NF}'
cat SHA256SUMS
echo "done in $(( $(date +%s) - start )) s"
