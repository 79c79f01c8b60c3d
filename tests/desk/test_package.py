"""The desk's own Debian package, newsboard-desk, made by CPack from this build (as
deploy/package.sh does from its Release build): its control fields (Depends from
dpkg-shlibdeps: the desk's database, crypto and HTTP libraries), its files (the binary, every
file of the web page, the preview's fonts where the unit points, the hardened unit, the nginx
site as an example) and nothing of the boards' player; its maintainer scripts parse; and the
packaged binary, unpacked into a temporary root, makes a desk and a user."""
import glob
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
from deskrun import DESK, PASSWORD  # noqa: E402
from nbtest import SOURCE_DIR, check, finish  # noqa: E402

BUILD = os.path.dirname(os.path.dirname(DESK))
out = tempfile.mkdtemp(prefix="nbdesk-package-")
try:
    r = subprocess.run(["cpack", "-G", "DEB", "-D", "CPACK_COMPONENTS_ALL=desk", "-B", out],
                       cwd=BUILD, capture_output=True, text=True, timeout=600)
    check(r.returncode == 0, f"cpack makes the desk's package: {r.stdout[-2000:]}{r.stderr[-2000:]}")
    debs = glob.glob(os.path.join(out, "newsboard-desk_*.deb"))
    check(len(debs) == 1, f"one newsboard-desk .deb: {os.listdir(out)}")
    deb = debs[0]

    def control(name):
        return subprocess.run(["dpkg-deb", "-f", deb, name], capture_output=True, text=True, check=True).stdout.strip()

    check(control("Package") == "newsboard-desk", "Package: newsboard-desk")
    depends = [d.split(" ")[0] for d in control("Depends").split(", ")]
    for lib in ("libsqlite3-0", "libsodium23", "libssl3", "libmosquitto1", "libicu72", "adduser", "init-system-helpers"):
        check(lib in depends, f"Depends has {lib}: {depends}")
    check("newsboard" not in depends, "a desk server does not need the boards' player package")
    check(control("Suggests") == "nginx", "Suggests: nginx")
    check(control("Description").startswith("newsroom desk"), "its own description")

    root = os.path.join(out, "root")
    subprocess.run(["dpkg-deb", "-x", deb, root], check=True)
    files = {os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs}
    prefix = os.path.dirname(os.path.dirname(next(f for f in files if f.endswith("bin/newsboard-desk"))))
    web = os.path.join(SOURCE_DIR, "desk", "web")
    page = {os.path.relpath(os.path.join(d, f), web) for d, _, fs in os.walk(web) for f in fs}
    missing = [p for p in page if f"{prefix}/share/newsboard-desk/web/{p}" not in files]
    check(not missing, f"every file of the page is in the package: missing {missing}")
    for f in ("share/newsboard-desk/fonts/NotoSansCJKsc-Regular.subset.otf", "share/newsboard-desk/fonts/NotoSansCJKsc-Bold.subset.otf",
              "share/doc/newsboard-desk/copyright", "share/doc/newsboard-desk/changelog.gz",
              "share/doc/newsboard-desk/examples/newsboard-desk-site.conf"):
        check(f"{prefix}/{f}" in files, f"{f} in the package")
    check("lib/systemd/system/newsboard-desk.service" in files, "the unit in the package")
    check(not any(f.endswith("bin/newsboard") or f.startswith("etc/newsboard") or "/share/newsboard/" in f for f in files),
          f"nothing of the player's package: {sorted(files)[:8]}…")

    with open(os.path.join(root, "lib/systemd/system/newsboard-desk.service"), encoding="utf-8") as f:
        unit = f.read()
    check("Environment=NEWSBOARD_FONT_DIR=/usr/share/newsboard-desk/fonts" in unit, "the unit points the preview at the packaged fonts")
    check("ConditionPathExists=/var/lib/newsboard-desk/desk.db" in unit, "the unit waits for the desk to be made")
    for line in ("NoNewPrivileges=yes", "ProtectSystem=strict", "User=newsboard-desk"):
        check(line in unit, f"the unit is hardened: {line}")

    scripts = os.path.join(out, "control")
    subprocess.run(["dpkg-deb", "-e", deb, scripts], check=True)
    for name in ("postinst", "prerm", "postrm"):
        path = os.path.join(scripts, name)
        check(os.access(path, os.X_OK), f"{name} is executable")
        check(subprocess.run(["sh", "-n", path]).returncode == 0, f"{name} parses")
    with open(os.path.join(scripts, "postinst"), encoding="utf-8") as f:
        postinst = f.read()
    check("adduser --quiet --system --group" in postinst and "newsboard-desk" in postinst, "postinst makes the system user")

    # The packaged binary runs: a desk and an admin.
    desk = os.path.join(out, "desk")
    binary = os.path.join(root, prefix, "bin", "newsboard-desk")
    r = subprocess.run([binary, "init", desk, "--group", "park=公园"], capture_output=True, text=True, timeout=120)
    check(r.returncode == 0 and os.path.exists(os.path.join(desk, "keys", "desk.pub")), f"the packaged desk makes a desk: {r.stderr}")
    r = subprocess.run([binary, "user", "add", desk, "ada", "--role", "admin"], input=PASSWORD, capture_output=True, text=True, timeout=120)
    check(r.returncode == 0, f"and an admin: {r.stderr}")
finally:
    shutil.rmtree(out, ignore_errors=True)
finish("test_package")
