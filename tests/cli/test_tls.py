"""https for real: the test makes its own CAs and certificates with the openssl command line (in a
temporary folder) and runs nginx with TLS on 127.0.0.1. A board given the right CA (--ca-file)
takes the playlist; a certificate from another CA, an expired one and one for another host name
are each refused with a hint that names the cause. These refusals pass only while peer and host
verification are on: switch either off and this test fails. An https address that redirects to
http is refused too."""
import os
import shutil
import subprocess

from nbtest import check, finish, publish, run, tempdir
from servers import die_with_parent, free_port, stop_nginx
from xvfb import wait_for
import socket

PLAYLIST = {"version": 1, "id": "tls", "updated": "2026-09-01T07:00:00+08:00", "ticker": [],
            "items": [{"id": "n", "type": "notice", "text": "加密"}]}


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def make_ca(folder, name):
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{name}.key", "-out", f"{name}.pem",
            "-days", "30", "-subj", f"/CN=Newsboard test {name}", "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=folder)


def make_cert(folder, name, ca, san, dates=None):
    """A server certificate NAME.pem/NAME.key for `san`, signed by CA; `dates` (start, end) in
    openssl ca's YYYYMMDDHHMMSSZ form makes one valid only then (an expired one)."""
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{name}.key", "-out", f"{name}.csr",
            "-subj", f"/CN={name}", cwd=folder)
    db = os.path.join(folder, f"{name}-db")
    os.makedirs(db)
    open(os.path.join(db, "index.txt"), "w").close()
    with open(os.path.join(db, "serial"), "w") as f:
        f.write("1000\n")
    with open(os.path.join(folder, f"{name}.cnf"), "w") as f:
        f.write(f"[ca]\ndefault_ca = own\n[own]\ndatabase = {db}/index.txt\nserial = {db}/serial\n"
                f"new_certs_dir = {db}\ndefault_md = sha256\npolicy = any\ncopy_extensions = none\n"
                f"x509_extensions = server\n[any]\ncommonName = supplied\n"
                f"[server]\nsubjectAltName = {san}\nbasicConstraints = CA:FALSE\n"
                f"extendedKeyUsage = serverAuth\n")
    start, end = dates or ("20250101000000Z", "21000101000000Z")
    openssl("ca", "-batch", "-config", f"{name}.cnf", "-cert", f"{ca}.pem", "-keyfile", f"{ca}.key",
            "-in", f"{name}.csr", "-out", f"{name}.pem", "-startdate", start, "-enddate", end, "-notext", cwd=folder)


def start_tls_nginx(prefix, certs, http_port):
    """nginx with one TLS server per (name, port) in `certs`, all serving PREFIX/www, and a plain
    http server on http_port; on the "good" server /down.json redirects to http."""
    os.makedirs(os.path.join(prefix, "www"), exist_ok=True)
    os.makedirs(os.path.join(prefix, "tmp"), exist_ok=True)
    temps = "".join(f"  {k}_temp_path {prefix}/tmp/{k};\n" for k in ("client_body", "proxy", "fastcgi", "uwsgi",
                                                                     "scgi"))
    servers = f"  server {{ listen 127.0.0.1:{http_port}; root {prefix}/www; }}\n"
    for name, port in certs.items():
        servers += (f"  server {{ listen 127.0.0.1:{port} ssl; root {prefix}/www;\n"
                    f"    ssl_certificate {prefix}/../{name}.pem; ssl_certificate_key {prefix}/../{name}.key;\n"
                    f"    location = /down.json {{ return 302 http://127.0.0.1:{http_port}/p.json; }}\n  }}\n")
    with open(os.path.join(prefix, "nginx.conf"), "w") as f:
        f.write(f"daemon off;\nmaster_process off;\npid {prefix}/nginx.pid;\nerror_log {prefix}/error.log;\n"
                f"events {{ worker_connections 64; }}\nhttp {{\n  access_log {prefix}/access.log;\n{temps}"
                "  types { application/json json; text/plain sig; }\n" + servers + "}\n")
    proc = subprocess.Popen(["/usr/sbin/nginx", "-p", prefix + "/", "-c", prefix + "/nginx.conf", "-e",
                             prefix + "/error.log"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            preexec_fn=die_with_parent)

    def listening():
        try:
            for port in list(certs.values()) + [http_port]:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            return proc.poll() is not None  # it died: stop waiting
    wait_for(listening, 10)
    assert proc.poll() is None, open(os.path.join(prefix, "error.log")).read()
    return proc


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
