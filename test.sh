#!/usr/bin/env bash
# Builds Newsboard with its tests and runs the whole suite through ctest.
#   ./test.sh           release build in build/
#   ./test.sh --asan    the same suite under AddressSanitizer + UndefinedBehaviorSanitizer,
#                       in build-asan/
#   ./test.sh --long    also the tests labelled `long`: the fault matrix's SIGKILL cell with 20
#                       kills and the week-long soak (tests/faults/, tests/soak/); with --asan,
#                       under ASan. The plain suite runs every cell of the matrix already.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/deps.sh
newsboard_install "${NEWSBOARD_BUILD_DEPS[@]}" "${NEWSBOARD_TEST_DEPS[@]}"

dir=build
flags=(-DCMAKE_BUILD_TYPE=Release)
select=(-LE long)
for arg in "$@"; do
  case $arg in
    --asan) dir=build-asan; flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DNEWSBOARD_SANITIZE=ON) ;;
    --long) select=() ;;
    *) echo "usage: ./test.sh [--asan] [--long]" >&2; exit 2 ;;
  esac
done

cmake -S . -B "$dir" "${flags[@]}" -DNEWSBOARD_TESTS=ON >/dev/null
cmake --build "$dir" -j"$(nproc)"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
ctest --test-dir "$dir" --output-on-failure -j"$(nproc)" "${select[@]}"
