"""deploy/raspberry-pi/provision.sh on a fake Pi (--root): what a technician's run leaves behind.
The board's configuration must be one the real player accepts, the boot line must stay one line
that still boots (root= kept) with the quiet options once each, and a second run with other
values must update, not duplicate."""
import os
import shutil
import subprocess

from nbtest import BINARY, DEMO, SOURCE_DIR, check, finish, run, tempdir

SCRIPT = os.path.join(SOURCE_DIR, "deploy", "raspberry-pi", "provision.sh")
PI_CMDLINE = ("console=serial0,115200 console=tty1 root=PARTUUID=4e639091-02 rootfstype=ext4 "
              "fsck.repair=yes rootwait quiet init=/usr/lib/raspberrypi-sys-mods/firstboot\n")


def fake_pi():
    root = tempdir()
    os.makedirs(os.path.join(root, "etc", "newsboard"))
    shutil.copy(os.path.join(SOURCE_DIR, "deploy", "packaging", "newsboard.conf"),
                os.path.join(root, "etc", "newsboard", "newsboard.conf"))
    os.makedirs(os.path.join(root, "boot", "firmware"))
    with open(os.path.join(root, "boot", "firmware", "cmdline.txt"), "w") as f:
        f.write(PI_CMDLINE)
    with open(os.path.join(root, "boot", "firmware", "config.txt"), "w") as f:
        f.write("# For more options and information see\n[all]\ndtoverlay=vc4-kms-v3d\n")
    os.makedirs(os.path.join(root, "usr", "share", "zoneinfo", "Asia"))
    open(os.path.join(root, "usr", "share", "zoneinfo", "Asia", "Shanghai"), "w").close()
    with open(os.path.join(root, "etc", "fstab"), "w") as f:
        f.write("proc /proc proc defaults 0 0\n")
    return root


def provision(root, *args):
    p = subprocess.run(["/bin/sh", SCRIPT, "--root", root, *args], capture_output=True, text=True, timeout=60,
                       env={**os.environ, "NEWSBOARD": BINARY})
    return p.returncode, p.stdout, p.stderr


def read(root, *path):
    with open(os.path.join(root, *path)) as f:
        return f.read()


def settings(conf_text):
    """The `name = value` lines that are not comments, in order."""
    out = []
    for line in conf_text.splitlines():
        line = line.split("#", 1)[0].strip()
        if "=" in line:
            name, value = line.split("=", 1)
            out.append((name.strip(), value.strip()))
    return out


root = fake_pi()
key = os.path.join(root, "staff.pub")
code, _, err = run("keygen", os.path.join(root, "staff"))
check(code == 0, f"keygen for the test key: {code} {err}")

code, out, err = provision(root, "--url", "https://news.example.cn/park.json", "--board-id", "park-east",
                           "--key", key, "--rotate", "90", "--timezone", "Asia/Shanghai",
                           "--data-partition", "/dev/mmcblk0p3")
check(code == 0, f"provision on a fresh fake Pi: {code} {err}")
check("Reboot" in out and "journalctl -u newsboard" in out, f"it ends by saying how to reboot and read logs: {out}")
conf_path = os.path.join(root, "etc", "newsboard", "newsboard.conf")
conf = read(root, "etc", "newsboard", "newsboard.conf")
check(settings(conf) == [("source", "https://news.example.cn/park.json"), ("board-id", "park-east"),
                         ("trusted-key", "/etc/newsboard/keys/staff.pub"), ("rotate", "90"),
                         ("state", "/var/lib/newsboard-data/state"), ("cache", "/var/lib/newsboard-data/cache")],
      f"the configuration sets exactly what was asked, in the package's order: {settings(conf)}")
check("# The playlist this board shows" in conf, "the package's comments stay for the next technician")
check(read(root, "etc", "newsboard", "keys", "staff.pub") == read(root, "staff.pub"), "the key is copied")

# The player itself accepts the file: every name is a real option, every value valid. (The
# key path is the board's, so the copy in the fake root stands in for it.)
shutil.copy(key, os.path.join(root, "board.pub"))
board_conf = os.path.join(root, "board.conf")
with open(board_conf, "w") as f:
    f.write(conf.replace("/etc/newsboard/keys/staff.pub", os.path.join(root, "board.pub")))
code, _, err = run("check", DEMO, "--config", board_conf)
# A config file's mistakes are warnings (the board plays on), so look for them, not an exit code.
check(code in (0, 1) and "line ignored" not in err and "unknown option" not in err
      and "config" not in err.split(":", 1)[0],
      f"newsboard accepts the written configuration: {code} {err}")

cmdline = read(root, "boot", "firmware", "cmdline.txt")
words = cmdline.split()
check(cmdline.count("\n") == 1 and cmdline.endswith("\n"), f"cmdline.txt stays one line: {cmdline!r}")
check("console=tty1" not in words and words.count("console=tty3") == 1, f"the console leaves tty1: {cmdline}")
for word in ("quiet", "loglevel=0", "logo.nologo", "vt.global_cursor_default=0", "consoleblank=0"):
    check(words.count(word) == 1, f"{word} once in cmdline.txt: {cmdline}")
for word in ("root=PARTUUID=4e639091-02", "rootwait", "console=serial0,115200"):
    check(word in words, f"{word} kept: the Pi must still boot: {cmdline}")
config_txt = read(root, "boot", "firmware", "config.txt")
check(config_txt.count("disable_splash=1") == 1 and "dtoverlay=vc4-kms-v3d" in config_txt,
      f"config.txt: no rainbow splash, the KMS overlay kept: {config_txt}")
check(os.readlink(os.path.join(root, "etc", "systemd", "system", "getty@tty1.service")) == "/dev/null",
      "the tty1 login is masked")
check(os.readlink(os.path.join(root, "etc", "localtime")) == "/usr/share/zoneinfo/Asia/Shanghai",
      "the time zone is set")
fstab = read(root, "etc", "fstab")
check(fstab.count("/var/lib/newsboard-data ext4") == 1 and "proc /proc" in fstab, f"fstab mounts the data: {fstab}")
dropin = read(root, "etc", "systemd", "system", "newsboard.service.d", "data-partition.conf")
check("ReadWritePaths=/var/lib/newsboard-data/cache /var/lib/newsboard-data/state" in dropin and "RequiresMountsFor=" in dropin,
      f"the service may write its cache there: {dropin}")
check(not [n for n in os.listdir(os.path.join(root, "etc", "newsboard")) if "tmp" in n],
      "no temporary files are left behind")

# A second run, as after a technician's typo: values change, nothing is duplicated.
code, _, err = provision(root, "--url", "https://news.example.cn/square.json", "--rotate", "0",
                         "--data-partition", "/dev/mmcblk0p3")
check(code == 0, f"a second run: {code} {err}")
conf = read(root, "etc", "newsboard", "newsboard.conf")
names = [n for n, _ in settings(conf)]
check(len(names) == len(set(names)), f"no option twice after a second run: {names}")
check(dict(settings(conf)).get("source") == "https://news.example.cn/square.json" and
      dict(settings(conf)).get("rotate") == "0" and dict(settings(conf)).get("board-id") == "park-east",
      f"the second run updates what it was given and keeps the rest: {settings(conf)}")
check(read(root, "boot", "firmware", "cmdline.txt") == cmdline, "cmdline.txt is the same after a second run")
check(read(root, "boot", "firmware", "config.txt") == config_txt, "config.txt is the same after a second run")
check(read(root, "etc", "fstab") == fstab, "fstab is the same after a second run")

# A board without a trusted key yet (a fresh package's newsboard.conf) is not provisioned
# without --key: it would refuse to play an unsigned URL.
fresh = os.path.join(root, "fresh")
os.makedirs(os.path.join(fresh, "etc", "newsboard"))
with open(os.path.join(fresh, "etc", "newsboard", "newsboard.conf"), "w") as f:
    f.write("# trusted-key = /etc/newsboard/keys/staff.pub\n")
code, _, err = provision(fresh, "--url", "https://x/p.json")
check(code != 0 and "--key is required" in err, f"no key: refused with '--key is required': {code} {err}")
check(read(fresh, "etc", "newsboard", "newsboard.conf").startswith("# trusted-key"), "…and nothing is written")

# Mistakes stop the script before it changes anything.
before = read(root, "etc", "newsboard", "newsboard.conf")
for args, says in ((["--board-id", "x"], "--url is required"),
                   (["--url", "ftp://x/p.json"], "http:// or https://"),
                   (["--url", "https://x/p.json", "--rotate", "45"], "0, 90, 180 or 270"),
                   (["--url", "https://x/p.json", "--key", "/nonexistent.pub"], "cannot read the key"),
                   (["--url", "https://x/p.json", "--read-only"], "--data-partition"),
                   (["--url", "https://x/p.json", "--timezone", "Mars/Olympus"], "unknown time zone")):
    code, _, err = provision(root, *args)
    check(code != 0 and says in err, f"{args}: refused with '{says}': {code} {err}")
    check(read(root, "etc", "newsboard", "newsboard.conf") == before, f"{args}: the configuration is untouched")

# The fleet (docs/fleet.md): the board's own key pair, made once, its public half printed for
# staff; the broker's password kept out of the configuration, readable by the service only.
password = os.path.join(root, "park-east.password")
with open(password, "w") as f:
    f.write("s3cret-broker-password\n")
fleet_args = ("--url", "https://news.example.cn/park.json", "--broker", "mqtt://broker.example.cn:1883",
              "--broker-password-file", password, "--group", "park", "--desk", "https://desk.example.cn")
code, out, err = provision(root, *fleet_args)
check(code == 0, f"provision for the fleet: {code} {err}")
board_key = os.path.join(root, "etc", "newsboard", "keys", "board.key")
check(os.path.exists(board_key) and os.stat(board_key).st_mode & 0o077 == 0, "the board's key is made, 0600")
public = read(root, "etc", "newsboard", "keys", "board.pub").splitlines()[1]
check(public in out, f"the public key is printed for staff: {out}")
options = dict(settings(read(root, "etc", "newsboard", "newsboard.conf")))
check(options.get("broker") == "mqtt://broker.example.cn:1883" and options.get("broker-user") == "park-east" and
      options.get("broker-password-file") == "/etc/newsboard/keys/broker.password" and options.get("group") == "park"
      and options.get("desk") == "https://desk.example.cn" and options.get("board-key") == "/etc/newsboard/keys/board.key",
      f"the fleet's options: {options}")
check(os.stat(os.path.join(root, "etc", "newsboard", "keys", "broker.password")).st_mode & 0o077 == 0,
      "the broker's password is 0600")
code, _, err = provision(root, *fleet_args)
check(code == 0 and read(root, "etc", "newsboard", "keys", "board.pub").splitlines()[1] == public,
      f"a second run keeps the board's key (staff approved it): {err}")
code, _, err = provision(root, "--url", "https://x/p.json", "--broker", "http://x")
check(code != 0 and "mqtt://" in err, f"a bad --broker is refused: {err}")

shutil.rmtree(root, ignore_errors=True)
finish("test_provision")
