"""One QEMU virtual machine of the boot test: power on, screendumps through the monitor, power cut."""

import os
import signal
import socket
import subprocess
import time

from PIL import Image

# Per architecture: the emulator, the machine, and the serial console's name in the guest.
# TCG only: this kind of host has /dev/kvm but a CPU without vmx/svm (-cpu host aborts).
MACHINES = {
    "amd64": (["qemu-system-x86_64", "-M", "q35", "-cpu", "qemu64", "-vga", "none"], "ttyS0"),
    "arm64": (["qemu-system-aarch64", "-M", "virt", "-cpu", "cortex-a72"], "ttyAMA0"),
}

# The guest reaches the playlist server at http://GUEST_SERVER/ and nothing else: restrict=on
# cuts the guest off from the host and the world; guestfwd hands each connection to this one
# address and port to socat, which joins it to the host's 127.0.0.1:PORT. (A `tcp:` target
# instead of `cmd:` is one chardev connected once at QEMU's start, not a connection per request.)
GUEST_SERVER = "10.0.2.100"


def _die_with_parent():
    """In the child: a killed test run takes its QEMU with it (Linux PR_SET_PDEATHSIG)."""
    import ctypes
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)


class Machine:
    """A running QEMU. power_on() is the t=0 of every time this test reports."""

    def __init__(self, arch, image_dir, disk, host_port, out_dir, name):
        self.arch = arch
        self.out_dir = out_dir
        self.name = name
        self.serial_log = os.path.join(out_dir, f"{name}-serial.log")
        self.monitor_path = os.path.join(out_dir, f"{name}-monitor.sock")
        emulator, console = MACHINES[arch]
        self.command = emulator + [
            "-accel", "tcg", "-smp", "2", "-m", "2048",
            "-kernel", os.path.join(image_dir, "vmlinuz"), "-initrd", os.path.join(image_dir, "initrd.img"),
            # The journal goes to the serial console too: the log shows the service start and the
            # player's own lines without logging in.
            "-append", f"root=/dev/vda rw console={console} systemd.journald.forward_to_console=1",
            "-drive", f"file={disk},format=raw,if=virtio",
            "-device", "virtio-gpu-pci",
            "-netdev", f"user,id=n,restrict=on,guestfwd=tcp:{GUEST_SERVER}:80-cmd:socat STDIO TCP:127.0.0.1:{host_port}",
            "-device", "virtio-net-pci,netdev=n",
            "-display", "none", "-serial", f"file:{self.serial_log}",
            "-monitor", f"unix:{self.monitor_path},server,nowait", "-no-reboot",
        ]
        self.proc = None
        self.started = None
        self._monitor = None

    def power_on(self):
        for path in (self.monitor_path, self.serial_log):
            if os.path.exists(path):
                os.unlink(path)
        self.started = time.monotonic()
        self.proc = subprocess.Popen(self.command, stdin=subprocess.DEVNULL,
                                     stdout=open(os.path.join(self.out_dir, f"{self.name}-qemu.log"), "w"),
                                     stderr=subprocess.STDOUT, preexec_fn=_die_with_parent)
        deadline = time.monotonic() + 30
        while self._monitor is None:
            if self.proc.poll() is not None:
                raise RuntimeError(f"QEMU exited at once ({self.proc.returncode}); see {self.name}-qemu.log")
            try:
                sock = socket.socket(socket.AF_UNIX)
                sock.connect(self.monitor_path)
                self._monitor = sock
            except OSError:
                sock.close()
                if time.monotonic() > deadline:
                    raise RuntimeError("QEMU's monitor socket did not open within 30 s")
                time.sleep(0.1)  # QEMU is still creating its socket
        self._monitor.settimeout(60)
        self._read_prompt()

    def seconds(self):
        """Seconds since power on."""
        return time.monotonic() - self.started

    def _read_prompt(self):
        data = b""
        while not data.endswith(b"(qemu) "):
            chunk = self._monitor.recv(4096)
            if not chunk:
                raise RuntimeError("QEMU's monitor closed")
            data += chunk
        return data.decode(errors="replace")

    def command_line(self, text):
        """One human-monitor command; returns once QEMU has carried it out (its next prompt)."""
        self._monitor.sendall(text.encode() + b"\n")
        return self._read_prompt()

    def screendump(self):
        """What the virtual screen shows now, as an RGB PIL image."""
        path = os.path.join(self.out_dir, f"{self.name}-last.ppm")
        self.command_line(f"screendump {path}")
        with Image.open(path) as img:
            return img.convert("RGB")

    def power_cut(self):
        """Quit at once, as a pulled plug: the guest gets no shutdown and flushes nothing."""
        try:
            self._monitor.sendall(b"quit\n")
        except OSError:
            pass  # already gone
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._monitor.close()
        self._monitor = None
        last = os.path.join(self.out_dir, f"{self.name}-last.ppm")
        if os.path.exists(last):
            os.unlink(last)

    def serial_text(self):
        with open(self.serial_log, errors="replace") as f:
            return f.read()
