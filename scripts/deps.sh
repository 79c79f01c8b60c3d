#!/usr/bin/env bash
# Installs the Debian packages Newsboard needs to build, run and test, when any is missing.
# Sourced by run.sh and test.sh. Debian 12 (bookworm) names; as root or through sudo.
set -euo pipefail

NEWSBOARD_BUILD_DEPS=(
  g++ cmake make pkg-config
  libsdl2-dev libsdl2-image-dev
  libgif-dev  # GIFs' first frame (SDL_image 2.6's GIF decoder fails under fuzzing)
  libwebp-dev  # an animated WebP's first frame (libwebpdemux: SDL_image 2.6 refuses them)
  libjpeg62-turbo-dev  # JPEGs scaled down as they decode, and CMYK/YCCK in true colours
  libfreetype-dev libharfbuzz-dev libfontconfig-dev libicu-dev
  nlohmann-json3-dev libsodium-dev libexif-dev libcurl4-openssl-dev
  libsystemd-dev  # sd_notify: READY and the watchdog of the board's service
  libdrm-dev  # the panel off (DPMS) in the display-off hours, through SDL's DRM descriptor
  libqrencode-dev  # QR codes for an item's link and the paper's own account
  libcpp-httplib-dev libsqlite3-dev libssl-dev  # the desk: HTTP server, database, HMAC-SHA1 for TOTP
  libmosquitto-dev  # MQTT (docs/fleet.md): doorbells, board statuses
)
NEWSBOARD_TEST_DEPS=(
  catch2 python3
  nginx-light         # a real web server for the sync tests
  fonts-dejavu-core   # a system font with scripts the bundled CJK subset lacks (fallback tests)
  fonts-noto-cjk      # the full CJK face: rare characters beyond the bundled subset
  xvfb xdotool x11-apps x11-utils  # a real X server, key presses, xwd screenshots, window sizes
  libxtst6            # RECORD: the order the X server served requests in (tests/cli/x_record.py)
  openbox             # a window manager, for what only one does (full screen on F in preview)
  chromium chromium-driver python3-selenium  # the desk's page in a real browser (tests/desk/test_browser.py)
  faketime libfaketime  # the fault matrix's clock cell: the wall clock jumps under the player
  zbar-tools          # zbarimg: a real decoder reads every QR code render draws
  libgl1-mesa-dri     # llvmpipe: SDL's OpenGL renderer under Xvfb, a GPU renderer for the drift test
  mosquitto mosquitto-clients  # a real MQTT broker and mosquitto_sub/pub for the fleet tests
  python3-cryptography  # Ed25519 in the tests' boards that sign desk requests (tests/desk/fleetrun.py)
  python3-pil         # a board's screenshot compared with the page `render` draws (tests/desk/test_fleet_board.py)
  dpkg-dev file        # CPack makes the desk's package in tests/desk/test_package.py (dpkg-shlibdeps)
)
# Not for the build or the tests: what tests/bench/ needs besides them (the side-by-side
# harness builds its poller with gcc against Xlib and makes its pictures with ImageMagick; feh
# and Chromium are the anchors it compares with). `scripts/deps.sh bench` installs them.
NEWSBOARD_BENCH_DEPS=(
  imagemagick xvfb x11-utils gcc libx11-dev libxext-dev
  feh chromium  # the picture viewer and the kiosk browser the player is measured beside
)

newsboard_missing_packages() {
  local pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed"; then
      printf '%s\n' "$pkg"
    fi
  done
}

newsboard_install() {
  local missing
  mapfile -t missing < <(newsboard_missing_packages "$@")
  ((${#missing[@]})) || return 0
  echo "newsboard: installing ${missing[*]}" >&2
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "newsboard: need root or sudo to install: ${missing[*]}" >&2; return 1; }
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  # A mirror mid-sync can fail one index (seen with a foreign architecture's); the packages may
  # still be installable from the indexes apt has, so go on and let the install decide.
  "${sudo[@]}" apt-get update -qq || echo "newsboard: apt-get update failed; installing from the indexes apt has" >&2
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Run rather than sourced: `scripts/deps.sh bench` installs the benchmarks' packages.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  case "${1:-}" in
    bench) newsboard_install "${NEWSBOARD_BENCH_DEPS[@]}" ;;
    *) echo "usage: scripts/deps.sh bench   (run.sh and test.sh install the rest themselves)" >&2; exit 2 ;;
  esac
fi
