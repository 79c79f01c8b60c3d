#!/usr/bin/env bash
# Benchmarks (figures, not pass/fail): layout time for a 3,000-character article, the
# time to prepare and draw each demo slide (1920x1080, 1080x1920), and the player under Xvfb
# beside a Chromium kiosk. Usage: tests/bench/run.sh [--quick]
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/deps.sh
newsboard_install "${NEWSBOARD_BUILD_DEPS[@]}"
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DNEWSBOARD_TESTS=ON >/dev/null
cmake --build build --target newsboard_bench newsboard -j"$(nproc)" >/dev/null
echo "== $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
build/tests/newsboard_bench playlists/jining-gaoxin-p03.json 1920 1080
echo
build/tests/newsboard_bench playlists/jining-gaoxin-p03.json 1080 1920 | tail -n +3
echo
out=$(mktemp -d)
start=$(date +%s%N)
build/newsboard render playlists/jining-gaoxin-p03.json -o "$out" --size 1920x1080 2>/dev/null
end=$(date +%s%N)
echo "newsboard render of the whole demo at 1920x1080 (process start to sheet.png): $(( (end - start) / 1000000 )) ms"
rm -rf "$out"
echo
# The player on a real X server against a Chromium kiosk showing the same content as a web
# page: first slide, memory, CPU of a standing slide, crossfade frames.
newsboard_install xvfb x11-apps libgl1-mesa-dri chromium
python3 tests/bench/player_bench.py build/newsboard "$@"
echo
# The sync against a real nginx on 127.0.0.1: what a 304 poll costs, upload to screen.
newsboard_install nginx-light
python3 tests/bench/sync_bench.py build/newsboard "$@"

echo
# The desk: publish and preview times, RSS idle and under 20 staff at once.
cmake --build build --target newsboard-desk -j"$(nproc)" >/dev/null
python3 tests/bench/desk_bench.py build/desk/newsboard-desk build/newsboard
