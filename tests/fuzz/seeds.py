#!/usr/bin/env python3
"""Builds the fuzz targets' seed corpora from the project's own data (tests/data/, playlists/).

    seeds.py OUT_DIR      writes OUT_DIR/{playlist,layout,image,cache}/

The hand-made seeds in tests/fuzz/seeds/ and the saved crashes in tests/data/fuzz/ are
passed to the targets beside these; run.sh calls this before each run.
"""
import hashlib
import json
import pathlib
import shutil
import struct
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
PLAYLISTS = sorted((ROOT / "tests/data/playlists").glob("*.json")) + sorted((ROOT / "playlists").glob("*.json"))
PLAYLISTS = [p for p in PLAYLISTS if p.name != "schema.json"]
PICTURES = sorted((ROOT / "tests/data/images").glob("*.jpg")) + sorted((ROOT / "tests/data/playlists/media").iterdir())
SEPARATOR = b"\n--8<--\n"  # fuzz::kPartSeparator
SOURCE = "http://127.0.0.1:9/playlist.json"  # cache_entry.cpp's kSource


def texts(value):
    """Every string in a parsed playlist, in document order."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for v in value:
            yield from texts(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from texts(v)


def layout_style(size, width, flags):
    """layout_entry's four bytes: size - 4, width in sixteenths of a px (big-endian), flags."""
    return bytes([size - 4]) + struct.pack(">H", int(width * 16)) + bytes([flags])


def write(folder, name, data):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)


def main(out):
    out = pathlib.Path(out)
    shutil.rmtree(out, ignore_errors=True)

    for p in PLAYLISTS:
        write(out / "playlist", p.name, p.read_bytes())

    # Headlines at headline sizes, bodies justified with an indent, in narrow and wide columns.
    styles = [layout_style(64, 900, 0x01), layout_style(32, 420, 0x37 | 0x40), layout_style(24, 150, 0x93)]
    strings = []
    for p in PLAYLISTS:
        try:
            strings += [s for s in texts(json.loads(p.read_bytes())) if len(s.encode()) > 3]
        except (ValueError, UnicodeDecodeError):
            pass  # the broken fixtures have nothing to lay out
    for i, s in enumerate(dict.fromkeys(strings)):
        write(out / "layout", f"text-{i:03}", styles[i % len(styles)] + s.encode()[:2000])

    for pic in PICTURES:
        write(out / "image", pic.name, pic.read_bytes())

    # A cache holding each playlist as `current`, unsigned, with one picture in media/.
    picture = (ROOT / "tests/data/playlists/media/red-2x1.png").read_bytes()
    for p in PLAYLISTS:
        current = {"source": SOURCE, "playlist": "@PLAYLIST@", "updated": "2019-04-08T07:00:00+08:00",
                   "media": {"http://127.0.0.1:9/media/red-2x1.png": "@MEDIA@"}}
        validators = {"source": SOURCE, "etag": '"5cab1c8e-1b22"', "last_modified": "Mon, 08 Apr 2019 00:00:00 GMT",
                      "sha256": "@PLAYLIST@"}
        parts = [json.dumps(current).encode(), json.dumps(validators).encode(), p.read_bytes(), b"", b"", picture]
        write(out / "cache", p.name, SEPARATOR.join(parts))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
