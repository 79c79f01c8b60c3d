"""A process and everything it started, read from /proc: CPU time and proportional memory.
Chromium is a dozen processes (browser, zygotes, renderer, GPU, utilities); Newsboard is one.
PSS shares each page among the processes that map it, so the sum over a tree is fair."""
import os

TICK = os.sysconf("SC_CLK_TCK")


def tree(root):
    """root and all its descendants that are alive now."""
    children = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            stat = open(f"/proc/{name}/stat").read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def cpu_seconds(pids):
    total = 0
    for pid in pids:
        try:
            fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended since the tree was read
        total += int(fields[11]) + int(fields[12])
    return total / TICK


def pss_mib(pids):
    total = 0
    for pid in pids:
        try:
            for line in open(f"/proc/{pid}/smaps_rollup"):
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
        except OSError:
            continue
    return total / 1024


class CpuWindow:
    """CPU of a process tree (and optionally the X server) over a fixed window, in % of one core."""

    def __init__(self, root, x_server_pid=None):
        self.root, self.x = root, x_server_pid
        self.pids = tree(root)
        self.start = cpu_seconds(self.pids)
        self.x_start = cpu_seconds([self.x]) if self.x else 0

    def percent(self, seconds):
        # Processes born during the window count from zero; the ones that died are lost (rare).
        pids = sorted(set(self.pids) | set(tree(self.root)))
        used = cpu_seconds(pids) - self.start
        x_used = (cpu_seconds([self.x]) - self.x_start) if self.x else 0
        return used / seconds * 100, x_used / seconds * 100
