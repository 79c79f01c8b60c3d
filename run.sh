#!/usr/bin/env bash
# Builds Newsboard and runs it.
#   ./run.sh            preview the demo playlist in a window, or, with no display,
#                       render it to out/demo/ and say where
#   ./run.sh ARGS…      build, then run build/newsboard ARGS…
set -euo pipefail
cd "$(dirname "$0")"
source scripts/deps.sh
newsboard_install "${NEWSBOARD_BUILD_DEPS[@]}"

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DNEWSBOARD_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" >/dev/null

if (($#)); then
  exec build/newsboard "$@"
fi

demo=playlists/jining-gaoxin-p03.json
if [[ -n ${DISPLAY:-}${WAYLAND_DISPLAY:-} ]]; then
  status=0
  build/newsboard preview "$demo" || status=$?
  [[ $status -ne 3 ]] && exit "$status"
  echo "run.sh: the preview could not open; rendering instead" >&2
fi
build/newsboard render "$demo" -o out/demo
echo "run.sh: no display here; the demo is rendered in out/demo/ (pages NNN.png, sheet.png, layout.json)"
