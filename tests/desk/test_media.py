"""Uploading pictures: type from the bytes, picture bombs refused from the header, oversized
and chunked uploads stopped at the limit, names never used as paths (docs/desk-api.md, Media)."""
import hashlib
import os
import struct
import zlib

import deskrun
from deskrun import Desk
from nbtest import check, finish, DATA, SOURCE_DIR
from test_auth import raw_request

LIMIT = 64 * 1024 * 1024


def multipart(files, boundary="nbdesk-test-boundary"):
    body = b""
    for field, name, data in files:
        body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\n"
                 f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    return body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def upload(client, name, data):
    body, headers = multipart([("file", name, data)])
    return client.post("/api/media", body, headers=headers)


def png_header(width, height):
    """A PNG that claims width×height: the signature, an IHDR with its CRC and one tiny IDAT."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def test_upload_and_fetch(desk):
    ed = desk.client("ed")
    photo = open(os.path.join(SOURCE_DIR, "playlists", "media", "garden.jpg"), "rb").read()
    sha = hashlib.sha256(photo).hexdigest()
    status, body = upload(ed, "garden.jpg", photo)
    check(status == 200 and body["sha256"] == sha and body["src"] == f"media/{sha}.jpg", f"upload: {status} {body}")
    check(os.path.exists(os.path.join(desk.dir, "public", "media", f"{sha}.jpg")), "stored by sha256 in public/media")
    status, again = upload(ed, "another name.jpg", photo)
    check(status == 200 and again["src"] == body["src"], "the same picture twice is stored once")
    status, data = ed.get(f"/api/media/{sha}.jpg", raw=True)
    check(status == 200 and data == photo and ed.last_headers["content-type"] == "image/jpeg", "fetch it back")

    side = open(os.path.join(DATA, "images", "exif-6.jpg"), "rb").read()
    status, body = upload(ed, "IMG_0001.JPG", side)
    check(status == 200 and (body["width"], body["height"]) == (20, 40),
          f"a photo taken on its side reports its upright size: {body}")

    status, body = upload(ed, "../../keys/desk.key", photo)
    check(status == 200 and body["src"].startswith("media/") and "/" not in body["src"][6:],
          f"a path in the file name is only a name: {body}")
    key = open(os.path.join(desk.dir, "keys", "desk.key")).read()
    check(key.startswith("newsboard-ed25519-secret"), "the key is untouched")


def test_refused(desk):
    ed = desk.client("ed")
    media = os.path.join(desk.dir, "public", "media")
    before = sorted(os.listdir(media))
    status, body = upload(ed, "photo.jpg", b"<html><script>alert(1)</script></html>")
    check(status == 415 and body.get("at") == "file", f"a page named .jpg is not a picture: {status} {body}")
    status, body = upload(ed, "bomb.png", png_header(100000, 100000))
    check(status == 422 and "100000×100000" in body["error"], f"a picture bomb is refused from its header: {status} {body}")
    status, body = upload(ed, "broken.png", png_header(4000, 3000))
    check(status == 422 and "damaged" in body["error"], f"a picture that does not decode: {status} {body}")
    check(desk.dir not in body["error"] and "upload." not in body["error"],
          f"the refusal names the upload, not the desk's temp file: {body}")
    status, body = upload(ed, "empty.jpg", b"")
    check(status == 400, f"an empty file: {status} {body}")
    body, headers = multipart([("file", "a.jpg", b"x"), ("file", "b.jpg", b"y")])
    status, resp = ed.post("/api/media", body, headers=headers)
    check(status == 400 and "one file" in resp["error"], f"two files in one upload: {status} {resp}")
    check(resp.get("at") == "file", f"at the file: {resp}")
    form = multipart([("file", "a.jpg", b"x")])[0]
    for what, body in (("no file", b"--nbdesk-test-boundary--\r\n"), ("a form cut short", form[:-20])):
        status, resp = ed.post("/api/media", body, headers=headers)
        check(status == 400 and resp.get("at") == "file", f"{what}: 400 at the file ({status} {resp})")
    status, resp = ed.post("/api/media", b"just bytes", headers={"Content-Type": "image/jpeg"})
    check(status == 415, f"not a form: {status} {resp}")
    check(sorted(os.listdir(media)) == before, "nothing refused was stored")
    check(os.listdir(os.path.join(desk.dir, "tmp")) == [], "no temp files left behind")

    # Roles and tokens apply to uploads as to everything.
    anon = deskrun.Client(desk.port)
    status, _ = upload(anon, "garden.jpg", b"x")
    check(status == 401, f"logged out: 401 ({status})")
    body, headers = multipart([("file", "a.jpg", b"x")])
    status, _ = ed.post("/api/media", body, headers=headers, csrf=False)
    check(status == 403, f"no CSRF token: 403 ({status})")


def test_oversized(desk):
    ed = desk.client("ed")
    head = (f"POST /api/media HTTP/1.1\r\nHost: 127.0.0.1:{desk.port}\r\nCookie: {ed.cookie}\r\n"
            f"X-CSRF-Token: {ed.csrf}\r\nContent-Type: multipart/form-data; boundary=b\r\n").encode()
    line, sent, _ = raw_request(desk.port, head + f"Content-Length: {LIMIT + 1}\r\n\r\n".encode())
    check(line is not None and " 413 " in line, f"an upload over 64 MiB is refused from its headers: {line}")
    # Chunked, 96 MiB offered: the desk reads up to the limit and stops.
    part = b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.jpg\"\r\n\r\n"
    chunk = b"100000\r\n" + b"\xff" * 0x100000 + b"\r\n"
    first = f"{len(part):x}\r\n".encode() + part + b"\r\n"
    line, sent, _ = raw_request(desk.port, head + b"Transfer-Encoding: chunked\r\n\r\n", [first] + [chunk] * 96)
    check(line is None or " 413 " in line, f"a chunked upload over 64 MiB: 413 or cut ({line})")
    check(sent < 80 * 1024 * 1024, f"the desk stopped reading near the limit ({sent >> 20} MiB sent)")
    check("POST /api/media 413" in desk.read_log(), "the desk logged the chunked upload as 413")
    check(os.listdir(os.path.join(desk.dir, "tmp")) == [], "the partial upload was removed")
    check(desk.client("ed").get("/api/me")[0] == 200, "the desk still answers")


def main():
    d = Desk().start()
    try:
        test_upload_and_fetch(d)
        test_refused(d)
        test_oversized(d)
    finally:
        d.stop()
    finish("desk media")


if __name__ == "__main__":
    main()
