#!/usr/bin/python3
"""Where a running process's memory goes, from /proc/PID/smaps: proportional set size (PSS)
by kind of mapping, largest first.

    tests/bench/memory_map.py PID

Kinds: the X shared-memory window surface (SYSV segments, shared with the X server, so half
of it counts here), large anonymous mappings (>= 4 MiB: page textures, decoded pictures, the
rotation target - glibc gives such blocks their own mapping), the heap and small anonymous
mappings (glyph caches, layouts, playlists, allocator arenas of the worker threads), fonts,
ICU's data library, other libraries by name, everything else. Run beside the benchmarks;
figures, not pass/fail."""
import collections
import os
import re
import sys

HEADER = re.compile(r"^[0-9a-f]+-[0-9a-f]+ ")
BIG = 4 << 20


def kind_of(path, size):
    if path.startswith("/SYSV"):
        return "X shared memory (window surface)"
    if path in ("", "[anon]") or path.startswith("[anon:"):
        return "anonymous >= 4 MiB (textures, pictures)" if size >= BIG else "heap and small anonymous"
    if path == "[heap]":
        return "heap and small anonymous"
    if path.startswith("[stack"):
        return "stacks"
    if path.startswith("["):
        return "kernel ([vdso], [vvar])"
    base = os.path.basename(path)
    if base.endswith((".otf", ".ttc", ".ttf")):
        return "fonts: " + base
    if base.startswith("libicudata"):
        return "ICU data (libicudata)"
    if ".so" in base:
        return "library " + base.split(".so")[0]
    if "/locale/" in path or "gconv" in path:
        return "locale data"
    return "file " + base


def breakdown(pid, blocks=None):
    """{kind: {"Pss": kB, "Rss": kB, ...}} of one process; the RSS of each large anonymous
    block (kB) is appended to `blocks` when given."""
    rows = collections.defaultdict(lambda: collections.Counter())
    kind = None
    with open(f"/proc/{pid}/smaps") as f:
        for line in f:
            if HEADER.match(line):
                parts = line.split(None, 5)
                lo, hi = (int(x, 16) for x in parts[0].split("-"))
                path = parts[5].strip() if len(parts) > 5 else ""
                kind = kind_of(path, hi - lo)
            elif line.startswith(("Pss:", "Pss_Anon:", "Pss_File:", "Pss_Shmem:", "Rss:")):
                key, value = line.split(":")
                rows[kind][key] += int(value.split()[0])
                if key == "Rss" and blocks is not None and kind.startswith("anonymous >="):
                    blocks.append(int(value.split()[0]))
    return rows


def block_sizes(blocks):
    """Large anonymous blocks as "7.9 + 7.9 + 4.6 MiB" (a 1920x1080 page texture is 7.9)."""
    return " + ".join(f"{b / 1024:.1f}" for b in sorted(blocks, reverse=True) if b > 0) + " MiB"


def report(pid, out=sys.stdout, rows=None, blocks=None):
    if rows is None:
        blocks = []
        rows = breakdown(pid, blocks)
    total = sum(r["Pss"] for r in rows.values())
    libs = sum(r["Pss"] for k, r in rows.items() if k.startswith("library "))
    out.write(f"memory of pid {pid}: PSS {total / 1024:.1f} MiB (libraries together {libs / 1024:.1f} MiB)\n")
    out.write(f"  {'PSS MiB':>8} {'RSS MiB':>8}  kind\n")
    shown = 0
    for kind, r in sorted(rows.items(), key=lambda kv: -kv[1]["Pss"]):
        if r["Pss"] < 256 and shown >= 12:
            continue
        shown += 1
        out.write(f"  {r['Pss'] / 1024:8.2f} {r['Rss'] / 1024:8.2f}  {kind}\n")
    rest = sum(r["Pss"] for k, r in rows.items()) - sum(
        r["Pss"] for k, r in sorted(rows.items(), key=lambda kv: -kv[1]["Pss"])[:shown])
    if rest > 0:
        out.write(f"  {rest / 1024:8.2f} {'':>8}  (the rest, each under 0.25 MiB)\n")
    if blocks:
        out.write(f"  large anonymous blocks: {block_sizes(blocks)}\n")
    return total


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    report(int(sys.argv[1]))
