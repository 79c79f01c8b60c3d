"""`newsboard keygen` and `sign`, and `check --trusted-key`: keygen → sign → check passes; a
flipped byte, a key that is not trusted, a missing .sig and garbage key files all fail clearly."""
import os
import shutil
import stat

from nbtest import DEMO, check, finish, run, tempdir

folder = tempdir()
os.chdir(folder)
demo_dir = os.path.dirname(DEMO)
playlist = os.path.join(folder, "p03.json")
shutil.copy(DEMO, playlist)
if os.path.isdir(os.path.join(demo_dir, "media")):
    shutil.copytree(os.path.join(demo_dir, "media"), os.path.join(folder, "media"))

code, _, err = run("keygen", "staff")
check(code == 0, f"keygen exits 0, got {code}: {err}")
check(stat.S_IMODE(os.stat("staff.key").st_mode) == 0o600, "staff.key has mode 0600")
check(open("staff.pub").readline() == "newsboard-ed25519-public\n", "staff.pub starts with its kind")
check(open("staff.key").readline() == "newsboard-ed25519-secret\n", "staff.key starts with its kind")
before = open("staff.key").read()
code, _, err = run("keygen", "staff")
check(code == 3 and "already exists" in err, f"keygen refuses to overwrite a key: {code} {err}")
check(open("staff.key").read() == before, "the old key is untouched")

code, _, err = run("sign", playlist, "--key", "staff.key")
check(code == 0, f"sign exits 0, got {code}: {err}")
check(open(playlist + ".sig").readline() == "newsboard-ed25519-signature\n", "PLAYLIST.sig is written")

code, _, err = run("check", playlist, "--trusted-key", "staff.pub")
check(code == 0, f"check with the signer's key passes, got {code}: {err}")

run("keygen", "other")
code, _, err = run("check", playlist, "--trusted-key", "other.pub")
check(code == 1 and "signature" in err, f"a signature by an untrusted key fails with 1: {code} {err}")
code, _, err = run("check", playlist, "--trusted-key", "other.pub", "--trusted-key", "staff.pub")
check(code == 0, f"any one trusted key is enough: {code} {err}")

data = bytearray(open(playlist, "rb").read())
index = data.index(b'"id"')  # a byte that keeps the JSON valid once flipped: the quote's neighbour
data[index + 1] = ord("I")
flipped = os.path.join(folder, "flipped.json")
open(flipped, "wb").write(bytes(data))
shutil.copy(playlist + ".sig", flipped + ".sig")
code, _, err = run("check", flipped, "--trusted-key", "staff.pub")
check(code == 1 and "does not match" in err, f"one changed byte fails with 1: {code} {err}")

os.remove(flipped + ".sig")
code, _, err = run("check", flipped, "--trusted-key", "staff.pub")
check(code == 1 and "not signed" in err, f"a missing .sig fails with 1: {code} {err}")

open("garbage.key", "w").write("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n")
code, _, err = run("sign", playlist, "--key", "garbage.key")
check(code == 2 and "not a Newsboard key" in err, f"a garbage secret key is a usage error: {code} {err}")
code, _, err = run("sign", playlist, "--key", "staff.pub")
check(code == 2 and "newsboard-ed25519-public" in err, f"a public key given as --key is named: {code} {err}")
code, _, err = run("sign", playlist, "--key", "missing.key")
check(code == 3 and "missing.key" in err, f"a missing key file names the path: {code} {err}")
code, _, err = run("check", playlist, "--trusted-key", "garbage.key")
check(code == 2 and "garbage.key" in err, f"a garbage trusted key is a usage error: {code} {err}")

# check FILE --trusted-key refuses what every board that trusts the key refuses, as check URL
# does: a signed playlist without "updated", and a picture without "sha256".
import json  # noqa: E402
with open(DEMO, encoding="utf-8") as f:
    demo = json.load(f)
undated = dict(demo)
del undated["updated"]
with open("undated.json", "w", encoding="utf-8") as f:
    json.dump(undated, f, ensure_ascii=False, indent=1)
run("sign", "undated.json", "--key", "staff.key")
code, _, err = run("check", "undated.json", "--trusted-key", "staff.pub")
check(code == 1 and "undated.json: error: " in err and '"updated"' in err,
      f"a signed playlist without updated is refused by check as by a board: {code} {err}")
code, _, err = run("check", "undated.json")
check(code == 0, f"without a trusted key it may lack updated: {code} {err}")
unpinned = json.loads(json.dumps(demo))
for item in unpinned["items"]:
    if isinstance(item.get("image"), dict):
        item["image"] = item["image"]["src"]
with open("unpinned.json", "w", encoding="utf-8") as f:
    json.dump(unpinned, f, ensure_ascii=False, indent=1)
run("sign", "unpinned.json", "--key", "staff.key")
code, _, err = run("check", "unpinned.json", "--trusted-key", "staff.pub")
check(code == 1 and "unpinned.json:" in err and '"sha256"' in err and ": error: " in err,
      f"a signed playlist with an unpinned picture is refused by check as by a board: {code} {err}")

# keygen and sign say what they are missing, not a play SOURCE.
code, _, err = run("keygen")
first = err.splitlines()[0] if err else ""
check(code == 2 and "NAME" in first and "SOURCE" not in first, f"keygen without NAME: {code} {first}")
code, _, err = run("sign", "--key", "staff.key")
first = err.splitlines()[0] if err else ""
check(code == 2 and "PLAYLIST" in first and "SOURCE" not in first, f"sign without PLAYLIST: {code} {first}")

finish("test_sign")
