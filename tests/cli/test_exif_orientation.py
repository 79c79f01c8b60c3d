"""A PNG's eXIf chunk and a WebP's EXIF chunk turn the picture upright as a JPEG's APP1 segment
does: browsers and phones honour them, so a photo saved from one shows on the board as it did
there. The test makes the files itself with Pillow: a 40x20 picture, its left half red, with
orientation 6 (turn 90° clockwise), 8 (90° counter-clockwise) or 3 (180°); the eXIf chunk
before and after the pixels; the WebP's block bare, as its specification says, and after
"Exif\\0\\0", as Pillow writes it. A chunk of garbage leaves the picture as stored."""
import io
import json
import os
import struct
import zlib

from PIL import Image

from nbtest import check, finish, run, tempdir

RED, BLUE = (220, 20, 20), (20, 60, 220)


def picture():
    im = Image.new("RGB", (40, 20), BLUE)
    im.paste(RED, (0, 0, 20, 20))
    return im


def exif_block(orientation):
    exif = Image.Exif()
    exif[0x0112] = orientation
    return exif.tobytes()  # "Exif\0\0" and the TIFF block


def png_chunks(data):
    at, chunks = 8, []
    while at < len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        chunks.append((data[at + 4:at + 8], data[at + 8:at + 8 + length]))
        at += 12 + length
    return chunks


def png(chunks):
    out = b"\x89PNG\r\n\x1a\n"
    for kind, body in chunks:
        out += struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    return out


def png_with_exif(exif, after_pixels=False):
    """The picture as a PNG with `exif` (bare TIFF) in an eXIf chunk, before or after IDAT."""
    buf = io.BytesIO()
    picture().save(buf, format="PNG")
    chunks = png_chunks(buf.getvalue())
    at = [kind for kind, _ in chunks].index(b"IEND" if after_pixels else b"IDAT")
    return png(chunks[:at] + [(b"eXIf", exif)] + chunks[at:])


def webp_with_exif(orientation, bare):
    """The picture as a lossless WebP with an EXIF chunk, its block bare or after "Exif\\0\\0"."""
    buf = io.BytesIO()
    picture().save(buf, format="WEBP", lossless=True, exif=exif_block(orientation))
    data = buf.getvalue()
    at, chunks = 12, []
    while at < len(data):
        kind, (size,) = data[at:at + 4], struct.unpack("<I", data[at + 4:at + 8])
        chunks.append((kind, data[at + 8:at + 8 + size]))
        at += 8 + size + (size & 1)
    check(any(kind == b"EXIF" for kind, _ in chunks), "Pillow wrote no EXIF chunk")
    body = b""
    for kind, chunk in chunks:
        if kind == b"EXIF":
            chunk = chunk[6:] if bare and chunk.startswith(b"Exif\0\0") else chunk
            chunk = chunk if bare or chunk.startswith(b"Exif\0\0") else b"Exif\0\0" + chunk
        body += kind + struct.pack("<I", len(chunk)) + chunk + (b"\0" if len(chunk) & 1 else b"")
    return b"RIFF" + struct.pack("<I", 4 + len(body)) + b"WEBP" + body


# Where the red half stands once upright, for each file.
FILES = [
    ("png-6.png", png_with_exif(exif_block(6)[6:]), "top"),
    ("png-8-after-pixels.png", png_with_exif(exif_block(8)[6:], after_pixels=True), "bottom"),
    ("png-3.png", png_with_exif(exif_block(3)[6:]), "right"),
    ("png-garbage.png", png_with_exif(b"\xff" * 37), "left"),
    ("webp-6-bare.webp", webp_with_exif(6, bare=True), "top"),
    ("webp-6-after-exif-header.webp", webp_with_exif(6, bare=False), "top"),
    ("webp-8-bare.webp", webp_with_exif(8, bare=True), "bottom"),
]

folder = tempdir()
os.makedirs(os.path.join(folder, "media"))
items = []
for name, data, _ in FILES:
    with open(os.path.join(folder, "media", name), "wb") as f:
        f.write(data)
    items.append({"id": name.split(".")[0], "type": "image", "image": "media/" + name, "fit": "contain"})
path = os.path.join(folder, "exif.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump({"version": 1, "id": "exif", "title": "EXIF", "ticker": [], "items": items}, f)


def reddish(p):
    return p[0] > 150 and p[2] < 90


def bluish(p):
    return p[2] > 150 and p[0] < 90


# Contained in 1920x1080: upright (20x40) it stands 540x1080 at x 690..1230; as stored (40x20)
# it lies 1920x960 across y 60..1020. Points well inside each half, clear of the masthead.
POINTS = {"top": ((900, 350), (900, 800)), "bottom": ((900, 800), (900, 350)),
          "left": ((600, 540), (1320, 540)), "right": ((1320, 540), (600, 540))}

out = tempdir()
code, _, err = run("render", path, "-o", out, "--size", "1920x1080")
check(code == 0, f"render exited {code}: {err}")
with open(os.path.join(out, "layout.json"), encoding="utf-8") as f:
    pages = {p["slide"]: p["file"] for p in json.load(f)["pages"]}
for name, _, red_side in FILES:
    slide = name.split(".")[0]
    if not check(slide in pages, f"{name}: not rendered ({err})"):
        continue
    shot = Image.open(os.path.join(out, pages[slide])).convert("RGB")
    red_at, blue_at = POINTS[red_side]
    check(reddish(shot.getpixel(red_at)) and bluish(shot.getpixel(blue_at)),
          f"{name}: the red half is not at the {red_side} ({red_at}: {shot.getpixel(red_at)}, "
          f"{blue_at}: {shot.getpixel(blue_at)})")

finish("exif_orientation")
