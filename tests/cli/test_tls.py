"""https for real: the test makes its own CAs and certificates with the openssl command line (in a
temporary folder) and runs nginx with TLS on 127.0.0.1. A board given the right CA (--ca-file)
takes the playlist; a certificate from another CA, an expired one and one for another host name
are each refused with a hint that names the cause. These refusals pass only while peer and host
verification are on: switch either off and this test fails. An https address that redirects to
http is refused too."""
import os
import shutil

from nbtest import check, finish, publish, run, tempdir
from servers import free_port, stop_nginx
from tls import make_ca, make_cert, start_tls_nginx

PLAYLIST = {"version": 1, "id": "tls", "updated": "2026-09-01T07:00:00+08:00", "ticker": [],
            "items": [{"id": "n", "type": "notice", "text": "加密"}]}


folder = tempdir()
for ca in ("ca", "other-ca"):
    make_ca(folder, ca)
make_cert(folder, "good", "ca", "IP:127.0.0.1,DNS:localhost")
make_cert(folder, "expired", "ca", "IP:127.0.0.1,DNS:localhost", ("20200101000000Z", "20200201000000Z"))
make_cert(folder, "wrong-host", "ca", "DNS:news.example.cn")
ports = {name: free_port() for name in ("good", "expired", "wrong-host")}
http_port = free_port()
nginx = start_tls_nginx(os.path.join(folder, "nginx"), ports, http_port)
try:
    publish(os.path.join(folder, "nginx", "www"), PLAYLIST)
    ca, other = os.path.join(folder, "ca.pem"), os.path.join(folder, "other-ca.pem")

    def url(name, path="p.json"):
        return f"https://127.0.0.1:{ports[name]}/{path}"

    code, _, err = run("check", url("good"), "--ca-file", ca, timeout=60)
    check(code == 0, f"the right CA: the playlist is taken over https: {code} {err[-300:]}")
    code, _, err = run("check", url("good").replace("127.0.0.1", "localhost"), "--ca-file", ca, timeout=60)
    check(code == 0, f"…by host name too: {code} {err[-300:]}")

    # (what, URL, CA file, words of the hint)
    for what, address, ca_file, words in (
            ("another CA", url("good"), other, "CA this board does not trust"),
            ("the system's CAs only", url("good"), "", "CA this board does not trust"),
            ("an expired certificate", url("expired"), ca, "expired"),
            ("another host name", url("wrong-host"), ca, "another host name"),
            ("https redirected to http", url("good", "down.json"), ca, "never down to http")):
        code, _, err = run("check", address, *(["--ca-file", ca_file] if ca_file else []), timeout=60)
        check(code == 3 and words in err, f"{what}: refused (exit 3) with a hint naming it: {code} {err[-400:]}")
        print(f"{what}: {err.strip().splitlines()[-1][:160] if err.strip() else '(no output)'}")
finally:
    stop_nginx(nginx)
shutil.rmtree(folder, ignore_errors=True)
finish("test_tls")
