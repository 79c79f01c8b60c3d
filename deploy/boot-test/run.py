#!/usr/bin/python3
"""The boot test's scenario; deploy/boot-test.sh prepares the image and disk and calls this.

1. Power on the kiosk image; wait for the first slide of edition 1 on the virtual screen.
2. Publish edition 2 (a large, slowly served picture first), wait until the board fetches the
   playlist, and cut the power while the picture is still downloading.
3. Power on again from the same disk; wait for content (edition 1 or 2, never blank or standby).
4. Display-off hours (the guest's probe.sh adds them for the coming one to two minutes and
   restarts the player): inside the guest, the connector's `dpms` in sysfs reads Off, the player
   uses ~no CPU meanwhile, then `dpms` reads On and content is back on the screen.
Printed: power on to the first slide, and the player's start to its first present (systemd's
"Starting" to "Started": READY=1 comes with the first present).

Every picture is judged against what `newsboard render` makes of the same playlist at the
screen's size. Exit 0 when all of it passed, 1 when a check failed.
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time

from PIL import Image

import picture
from machine import GUEST_SERVER, Machine
from server import SLOW_PREFIX, Nginx

SCREEN = "1280x800"        # virtio-gpu's default mode; the board's `size =` in disk.sh
BOOT_DEADLINE = 420        # s from power on: TCG boots take 60-100 s here, on a loaded host more
SYNC_DEADLINE = 120        # s for the board to fetch a newly published playlist (poll = 5)
CUT_AFTER_FETCH = 4        # s after the playlist's fetch: the picture is then mid-download
WATCH_AFTER_CONTENT = 20   # s of screendumps after content is up: it must stay content
BOARD_PATH = "board/playlist.json"


class Failed(Exception):
    pass


def log(msg):
    print(f"boot-test: {msg}", flush=True)


def publish(www, playlist, media):
    """Puts a playlist and its media on the server; the playlist last, renamed into place."""
    board = os.path.join(www, os.path.dirname(BOARD_PATH))
    os.makedirs(os.path.join(board, "media"), exist_ok=True)
    for src in media:
        dst = os.path.join(board, "media", os.path.basename(src))
        if not os.path.exists(dst):
            shutil.copyfile(src, dst)
    tmp = os.path.join(www, BOARD_PATH + ".tmp")
    with open(tmp, "w") as f:
        json.dump(playlist, f, ensure_ascii=False, indent=1)
    os.replace(tmp, os.path.join(www, BOARD_PATH))


def big_picture(path):
    """A picture of several MB (a gradient under noise: JPEG cannot shrink it), so that served at
    the slow rate its download lasts long enough to cut the power inside it."""
    size = (3000, 2000)
    gradient = Image.linear_gradient("L").resize(size)
    base = Image.merge("RGB", (gradient, gradient.transpose(Image.Transpose.ROTATE_90).resize(size),
                               Image.new("L", size, 150)))
    noise = Image.effect_noise(size, 60).convert("RGB")
    Image.blend(base, noise, 0.35).save(path, quality=95)


def editions(demo, work):
    """Edition 1 is the demo playlist; edition 2 the same with a new full-screen picture first."""
    with open(demo) as f:
        ed1 = json.load(f)
    demo_media = [os.path.join(os.path.dirname(demo), item["image"]["src"])
                  for item in ed1["items"] if isinstance(item.get("image"), dict)]
    big = os.path.join(work, f"{SLOW_PREFIX}edition2.jpg")
    big_picture(big)
    with open(big, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    ed2 = json.loads(json.dumps(ed1))
    ed2["updated"] = "2019-04-09T07:00:00+08:00"
    ed2["items"].insert(0, {"id": "edition2", "type": "image", "caption": "第二版 · 断电测试",
                            "image": {"src": f"media/{os.path.basename(big)}", "sha256": digest}})
    return (ed1, demo_media), (ed2, demo_media + [big])


def render_reference(newsboard, name, playlist, media, work, refs):
    """`newsboard render` of a playlist, laid out as on the server, at the screen's size."""
    src = os.path.join(work, name)
    publish(src, playlist, media)
    out = os.path.join(work, f"{name}-pages")
    subprocess.run([newsboard, "render", os.path.join(src, BOARD_PATH), "-o", out, "--size", SCREEN],
                   check=True, stdout=subprocess.DEVNULL)
    pages = sorted(p for p in os.listdir(out) if p[:3].isdigit() and p.endswith(".png"))
    for page in pages:
        refs.add(f"{name}/{page}", os.path.join(out, page))
    return pages


def wait_for_content(machine, refs, want, deadline):
    """Screendumps until one shows a page that WANT accepts; returns (seconds, page, distance, shot)."""
    last = None
    while machine.seconds() < deadline:
        if machine.proc.poll() is not None:
            raise Failed(f"{machine.name}: QEMU stopped ({machine.proc.returncode})")
        shot = machine.screendump()
        t = machine.seconds()
        last = shot
        if not picture.is_blank(shot):
            page, dist = refs.closest(shot)
            if dist <= picture.SAME_PAGE and want(page):
                return t, page, dist, shot
        time.sleep(1)  # one screendump a second: each one costs the guest's CPU time under TCG
    if last is not None:
        last.save(os.path.join(machine.out_dir, f"{machine.name}-timeout.png"))
    raise Failed(f"{machine.name}: no content on screen within {deadline} s "
                 f"(last screendump: {machine.name}-timeout.png)")


def watch_content(machine, refs, seconds):
    """Screendumps for SECONDS: each must be a page of the playlists. One shot may fall inside a
    transition (0.8 s) and match no page; two in a row mean standby, a console or garbage."""
    end = machine.seconds() + seconds
    seen = []
    strays = 0
    while machine.seconds() < end:
        shot = machine.screendump()
        page, dist = refs.closest(shot)
        strays = 0 if dist <= picture.SAME_PAGE else strays + 1
        seen.append(f"{page}({dist:.1f})" if strays == 0 else f"other({dist:.1f})")
        if picture.is_blank(shot) or strays >= 2:
            shot.save(os.path.join(machine.out_dir, f"{machine.name}-lost.png"))
            raise Failed(f"{machine.name}: content left the screen at {machine.seconds():.0f} s "
                         f"({machine.name}-lost.png; seen: {' '.join(seen)})")
        time.sleep(1)  # as in wait_for_content
    return seen


def service_lines(machine):
    """The serial console's lines about the player: systemd's (with their kernel time stamps)
    and the player's own, colours taken out."""
    text = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", machine.serial_text())
    return [line.strip() for line in text.splitlines()
            if "] newsboard[" in line or "] systemd[1]: newsboard.service" in line
            or "] systemd[1]: " in line and "newsboard.service - " in line]


def check_service_started(machine):
    """The service said READY (systemd's "Started"); a start that failed before it is reported:
    the screen recovered through Restart=, but a board would show its console meanwhile."""
    lines = service_lines(machine)
    if not any("systemd[1]: Started newsboard.service" in line for line in lines):
        raise Failed(f"{machine.name}: the serial log has no start of newsboard.service "
                     f"(see {os.path.basename(machine.serial_log)})")
    failed = [line for line in lines if "Failed to start newsboard.service" in line]
    if failed:
        log(f"WARNING: {machine.name}: newsboard.service failed to start {len(failed)} time(s) "
            "before it came up; see the serial log below")
    return lines


PROBE = re.compile(r"boot-test-probe: t=([\d.]+) pid=(\d+) ticks=(\d+) hz=(\d+) panel=(\w*) dpms=(.*)")


def probe_samples(machine):
    """The probe's once-a-second lines: (uptime, pid, CPU seconds, panel, dpms)."""
    samples = []
    for line in machine.serial_text().splitlines():
        m = PROBE.search(line)
        if m:
            t, pid, ticks, hz, panel, dpms = m.groups()
            samples.append((float(t), int(pid), int(ticks) / int(hz), panel, dpms.strip()))
    return samples


def check_display_off(machine, server, refs):
    """Step 4. Returns a line for timings.txt."""
    os.makedirs(os.path.join(server.www, "probe"), exist_ok=True)
    with open(os.path.join(server.www, "probe", "display-off"), "w") as f:
        f.write("now\n")
    end = time.monotonic() + 300  # the probe polls every 2 s; the hours last 1-2 min

    def phase():
        samples = probe_samples(machine)
        off = [s for s in samples if "=Off" in s[4]]
        on_after = [s for s in samples if off and s[0] > off[-1][0] and "=On" in s[4]]
        return samples, off, on_after

    samples, off, on_after = phase()
    while not (off and len(on_after) >= 3) and time.monotonic() < end:
        if machine.proc.poll() is not None:
            raise Failed(f"{machine.name}: QEMU stopped ({machine.proc.returncode})")
        time.sleep(2)
        samples, off, on_after = phase()
    if not off:
        last = samples[-1] if samples else "no probe line"
        raise Failed(f"{machine.name}: the connector's dpms never read Off in the display-off hours ({last})")
    if not on_after:
        raise Failed(f"{machine.name}: the connector's dpms did not read On after the display-off hours")
    same = [s for s in off if s[1] == off[-1][1]]
    span = same[-1][0] - same[0][0]
    cpu = same[-1][2] - same[0][2]
    share = cpu / span * 100 if span > 0 else 0.0
    log(f"{machine.name}: dpms Off for {off[-1][0] - off[0][0] + 1:.0f} s (panel={off[-1][3]}), the player used "
        f"{cpu:.2f} s of CPU in {span:.0f} s ({share:.1f} % of a core); then dpms On ({on_after[0][4]})")
    if off[-1][3] != "off":
        raise Failed(f"{machine.name}: the status file's panel was {off[-1][3]!r} while dpms read Off")
    t, page, dist, shot = wait_for_content(machine, refs, lambda p: True, machine.seconds() + 120)
    shot.save(os.path.join(machine.out_dir, f"{machine.name}-after-display-off.png"))
    log(f"{machine.name}: content ({page}) back after the display-off hours: {machine.name}-after-display-off.png")
    return f"display-off: dpms Off then On in the guest; player CPU while off {share:.1f} % of a core\n"


def start_to_first_present(lines):
    """Seconds from systemd's "Starting newsboard.service" to its "Started" (READY=1, sent with
    the first present), from the kernel time stamps of the serial console; None if absent."""
    stamp = re.compile(r"\[\s*([\d.]+)\]")
    starting = started = None
    for line in lines:
        m = stamp.search(line)
        if not m:
            continue
        if "Starting newsboard.service" in line:
            starting = float(m.group(1))
        elif "Started newsboard.service" in line and starting is not None and started is None:
            started = float(m.group(1))
    return started - starting if starting is not None and started is not None else None


def wait_for_fetch(server, since, deadline):
    """Until the board has fetched the playlist (200) after SINCE; returns that request's time."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        for when, status, _, request in server.requests():
            if when > since and status == 200 and BOARD_PATH in request:
                return when
        time.sleep(0.5)  # nginx writes its log line when the response is done
    raise Failed(f"the board did not fetch the new playlist within {deadline} s")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--arch", required=True)
    ap.add_argument("--image", required=True, help="folder with vmlinuz and initrd.img")
    ap.add_argument("--disk", required=True)
    ap.add_argument("--newsboard", required=True, help="a host binary for the reference render")
    ap.add_argument("--demo", required=True, help="edition 1, a playlist with its media beside it")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    out = args.out
    work = os.path.join(out, "work")
    os.makedirs(work, exist_ok=True)

    (ed1, media1), (ed2, media2) = editions(args.demo, work)
    refs = picture.References()
    pages1 = render_reference(args.newsboard, "edition1", ed1, media1, work, refs)
    render_reference(args.newsboard, "edition2", ed2, media2, work, refs)

    server = Nginx(os.path.join(work, "server"))
    publish(server.www, ed1, media1)
    port = server.start()
    log(f"playlist server on 127.0.0.1:{port}, the guest's http://{GUEST_SERVER}/{BOARD_PATH}")
    machines = []
    try:
        # 1. First boot: the first slide of edition 1.
        boot1 = Machine(args.arch, args.image, args.disk, port, out, "boot1")
        machines.append(boot1)
        boot1.power_on()
        first = f"edition1/{pages1[0]}"
        t1, page, dist, shot = wait_for_content(boot1, refs, lambda p: p == first, BOOT_DEADLINE)
        shot.save(os.path.join(out, "boot1-first-slide.png"))
        log(f"boot 1: first slide ({page}, distance {dist:.1f}) on screen {t1:.1f} s after power on: "
            "boot1-first-slide.png")
        lines = check_service_started(boot1)
        log("boot 1, serial log:\n  " + "\n  ".join(lines))
        present = start_to_first_present(lines)
        present_text = f"{present:.1f} s" if present is not None else "not in the serial log"
        log(f"boot 1: the player's start to its first present (systemd Starting to Started): {present_text}")

        # 2. A new edition, and the power cut while its picture downloads.
        published = time.time()
        publish(server.www, ed2, media2)
        fetched = wait_for_fetch(server, published, SYNC_DEADLINE)
        log(f"boot 1: edition 2 published; the board fetched it {fetched - published:.1f} s later")
        time.sleep(CUT_AFTER_FETCH)  # into the picture's download, which takes ~40 s at the slow rate
        boot1.screendump().save(os.path.join(out, "boot1-before-cut.png"))
        boot1.power_cut()
        machines.remove(boot1)
        log(f"boot 1: power cut at {boot1.seconds():.1f} s, {time.time() - fetched:.1f} s after the fetch")
        # The picture's request is logged when its connection closes; a whole one would be 200
        # with its full size.
        big = os.path.join(server.www, "board/media", f"{SLOW_PREFIX}edition2.jpg")
        full = os.path.getsize(big)
        got = [size for _, _, size, request in server.requests() if SLOW_PREFIX in request]
        if any(size >= full for size in got):
            raise Failed("the large picture was fully downloaded before the cut: nothing was interrupted")
        log(f"boot 1: the cut fell inside the download ({max(got, default=0)} of {full} bytes sent)")

        # 3. Power on again: content, never blank or standby.
        boot2 = Machine(args.arch, args.image, args.disk, port, out, "boot2")
        machines.append(boot2)
        boot2.power_on()
        t2, page, dist, shot = wait_for_content(boot2, refs, lambda p: True, BOOT_DEADLINE)
        shot.save(os.path.join(out, "boot2-content.png"))
        log(f"boot 2: content ({page}, distance {dist:.1f}) on screen {t2:.1f} s after power on: "
            "boot2-content.png")
        seen = watch_content(boot2, refs, WATCH_AFTER_CONTENT)
        log(f"boot 2: the next {WATCH_AFTER_CONTENT} s: " + " ".join(seen))
        boot2.screendump().save(os.path.join(out, "boot2-later.png"))
        lines = check_service_started(boot2)
        log("boot 2, serial log:\n  " + "\n  ".join(lines))

        # 4. The display-off hours, seen from inside the guest.
        dark = check_display_off(boot2, server, refs)
        boot2.power_cut()
        machines.remove(boot2)
        with open(os.path.join(out, "timings.txt"), "w") as f:
            f.write(f"power on to first slide: {t1:.1f} s\nplayer start to first present: {present_text}\n"
                    f"reboot after power cut to content: {t2:.1f} s\n" + dark)
        log(f"PASS: first slide {t1:.1f} s after power on (player start to first present {present_text}); "
            f"after the power cut, content {t2:.1f} s after power on; " + dark.strip())
        return 0
    except Failed as e:
        log(f"FAIL: {e}")
        return 1
    finally:
        for m in machines:
            m.power_cut()
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
