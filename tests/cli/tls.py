"""Real TLS for tests: CAs and certificates made with the openssl command line, and nginx with
TLS on 127.0.0.1 (tests/cli/test_tls.py, the fault matrix's https cell)."""
import os
import socket
import subprocess

from servers import die_with_parent
from xvfb import wait_for


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
    http server on http_port; on the TLS servers /down.json redirects to http, and so does
    /p.json while the file PREFIX/www/downgrade exists (the fault matrix's cell)."""
    os.makedirs(os.path.join(prefix, "www"), exist_ok=True)
    os.makedirs(os.path.join(prefix, "tmp"), exist_ok=True)
    temps = "".join(f"  {k}_temp_path {prefix}/tmp/{k};\n" for k in ("client_body", "proxy", "fastcgi", "uwsgi",
                                                                     "scgi"))
    servers = f"  server {{ listen 127.0.0.1:{http_port}; root {prefix}/www; }}\n"
    for name, port in certs.items():
        servers += (f"  server {{ listen 127.0.0.1:{port} ssl; root {prefix}/www;\n"
                    f"    ssl_certificate {prefix}/../{name}.pem; ssl_certificate_key {prefix}/../{name}.key;\n"
                    f"    location = /down.json {{ return 302 http://127.0.0.1:{http_port}/p.json; }}\n"
                    f"    location = /p.json {{ if (-f {prefix}/www/downgrade) "
                    f"{{ return 302 http://127.0.0.1:{http_port}/p.json; }} }}\n  }}\n")
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
