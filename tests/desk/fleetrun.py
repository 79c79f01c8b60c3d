"""For the fleet tests (docs/fleet.md): a real Mosquitto on 127.0.0.1 at an ephemeral port with
its own conf, mosquitto_sub/mosquitto_pub as independent clients, and a board that signs its
requests the way docs/fleet.md says (Ed25519 from python3-cryptography)."""
import base64
import hashlib
import http.client
import json
import os
import secrets
import subprocess
import time
import uuid

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

import servers
from nbtest import tempdir
from xvfb import patience


class Mosquitto:
    def __init__(self, port=None):
        self.dir = tempdir()
        self.port = port
        self.proc = None

    def start(self):
        """Starts (or starts again, on the same port) the broker: servers.start_mosquitto."""
        self.proc, self.port = servers.start_mosquitto(self.dir, port=self.port)
        return self

    def stop(self):
        if self.proc:
            self.proc.kill()
            self.proc.wait()
            self.proc = None

    def url(self):
        return f"mqtt://127.0.0.1:{self.port}"

    def publish(self, topic, payload, retain=False):
        args = ["mosquitto_pub", "-h", "127.0.0.1", "-p", str(self.port), "-q", "1", "-t", topic, "-m", payload]
        if retain:
            args.append("-r")
        subprocess.run(args, check=True, timeout=60)

    def subscribe(self, topic):
        return Subscription(self.port, topic)


class Subscription:
    """mosquitto_sub in debug mode: it prints when the broker has taken the subscription, so the
    test publishes only after that (no sleeps)."""

    def __init__(self, port, topic):
        # stdbuf: mosquitto_sub buffers its output when it goes to a pipe.
        self.proc = subprocess.Popen(["stdbuf", "-oL", "mosquitto_sub", "-d", "-h", "127.0.0.1", "-p", str(port), "-q", "1", "-t", topic],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, preexec_fn=servers.die_with_parent)
        self._until(lambda line: "SUBACK" in line, "the subscription")

    def _until(self, test, what):
        os.set_blocking(self.proc.stdout.fileno(), False)
        deadline = time.monotonic() + 30 * patience()
        buf = b""
        while time.monotonic() < deadline:
            chunk = self.proc.stdout.read()
            if chunk:
                buf += chunk
                *lines, rest = buf.split(b"\n")
                buf = rest
                for line in lines:
                    text = line.decode("utf-8", "replace")
                    if test(text):
                        return text
            else:
                time.sleep(0.02)  # polling a pipe; the deadline bounds the wait
        raise AssertionError(f"mosquitto_sub: no {what} within the deadline")

    def message(self):
        return json.loads(self._until(lambda line: line.startswith("{"), "message"))

    def close(self):
        self.proc.kill()
        self.proc.wait()
        self.proc.stdout.close()


class Board:
    """A board's identity: its key pair, and requests signed as docs/fleet.md says."""

    def __init__(self, board_id, group="park", key=None):
        self.id = board_id
        self.group = group
        self.key = key or Ed25519PrivateKey.generate()

    def public_b64(self):
        from cryptography.hazmat.primitives import serialization
        raw = self.key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return base64.b64encode(raw).decode()

    def signed_headers(self, method, path, body, board=None, nonce=None, at=None, key=None):
        at = str(int(time.time()) if at is None else at)
        nonce = nonce or secrets.token_hex(16)
        message = "\n".join(["newsboard-board-v1", method, path, at, nonce, hashlib.sha256(body).hexdigest()])
        sig = (key or self.key).sign(message.encode())
        return {"X-Board": board or self.id, "X-Board-Time": at, "X-Board-Nonce": nonce,
                "X-Board-Signature": base64.b64encode(sig).decode()}

    def request(self, port, method, path, body=b"", content_type="application/json", headers=None, **sign):
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
        h = {"Content-Type": content_type, **(headers or self.signed_headers(method, path, body, **sign))}
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        data = r.read()
        conn.close()
        try:
            return r.status, json.loads(data)
        except ValueError:
            return r.status, data

    def enrol(self, port):
        body = json.dumps({"board": self.id, "key": self.public_b64(), "group": self.group}).encode()
        return self.request(port, "POST", "/api/fleet/enrol", body, headers={})


def desk_public_key(desk_dir):
    with open(os.path.join(desk_dir, "keys", "desk.pub")) as f:
        raw = base64.b64decode(f.read().splitlines()[1])
    return Ed25519PublicKey.from_public_bytes(raw)


def doorbell_valid(bell, desk_dir):
    """True when `bell` carries the desk's signature over exactly its fields."""
    message = "\n".join(["newsboard-doorbell-v1", bell["group"], bell["playlist_id"], str(bell["edition"]),
                         bell["sha256"], bell["updated"]])
    try:
        desk_public_key(desk_dir).verify(base64.b64decode(bell["sig"]), message.encode())
        return True
    except Exception:
        return False


# Shared by test_fleet.py and test_fleet_browser.py (not importable from test_fleet: tests/cli has
# a test_fleet.py of its own, and it comes first on the browser tests' sys.path).
def publish(desk, group="park"):
    pat = desk.client("pat")
    _, d = pat.get(f"/api/groups/{group}/draft")
    status, body = pat.post(f"/api/groups/{group}/publish", {"revision": d["revision"]})
    assert status == 200, (status, body)
    return body


def board_entry(client, board_id):
    status, body = client.get("/api/fleet/boards")
    assert status == 200, (status, body)
    for b in body["boards"]:
        if b["id"] == board_id:
            return b
    return None


def play(item="a", sha="0" * 64, start="2026-12-04T10:15:00Z"):
    return {"uuid": str(uuid.uuid4()), "item": item, "playlist": "park", "sha256": sha, "start": start, "duration_ms": 8000}


def plays_total(client):
    status, body = client.get("/api/fleet/plays?from=2026-12-01T00:00:00Z&to=2026-12-31T00:00:00Z")
    assert status == 200, (status, body)
    return sum(r["plays"] for r in body["rows"])


def status_payload(board, sha, updated="2026-12-04T10:00:00Z", sync_error=None):
    """`sync_error`: the player's text of a failed last sync (None: it went well)."""
    sync = {"result": "error", "at": None, "error": sync_error} if sync_error else {"result": "ok", "at": None, "error": None}
    return json.dumps({"v": 1, "board": board.id, "group": board.group, "online": True, "version": "1.0.0",
                       "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                       "showing": {"playlist_id": "park", "updated": updated, "sha256": sha}, "item": "a",
                       "sync": sync, "standby": False, "display_off": False,
                       "quarantined": False, "uptime_s": 12, "cache_free_bytes": 1000, "cpu_temp_c": None})
