#!/usr/bin/env bash
# Runs the libFuzzer targets (tests/fuzz/fuzz_*.cpp) for a given time each and prints, per
# target, executions, exec/s, coverage, corpus size and crashes. Exits 1 when any target
# crashed: the input is in build-fuzz/artifacts/TARGET/; save it under
# tests/data/fuzz/TARGET/ once the bug is fixed (README, "Fuzzing").
#
#   tests/fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]   default: 60 s each, all targets
#   TARGET: playlist layout image cache
#
# Builds with clang (ASan + UBSan + libFuzzer) in build-fuzz/. The working corpus grows in
# build-fuzz/corpus/TARGET/ from run to run; the seeds are tests/fuzz/seeds/TARGET/, the
# saved crashes tests/data/fuzz/TARGET/ and what tests/fuzz/seeds.py makes from tests/data/.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
source scripts/deps.sh

seconds=${1:-60}
[[ $seconds =~ ^[0-9]+$ && $seconds -gt 0 ]] || { echo "usage: tests/fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]" >&2; exit 2; }
shift || true
all=(playlist layout image cache)
targets=("$@")
((${#targets[@]})) || targets=("${all[@]}")
for t in "${targets[@]}"; do
  [[ " ${all[*]} " == *" $t "* ]] || { echo "run.sh: no fuzz target \"$t\" (${all[*]})" >&2; exit 2; }
done

# clang-14 and its runtime (libclang-rt-14-dev holds libFuzzer and the sanitizers) on Debian 12.
newsboard_install "${NEWSBOARD_BUILD_DEPS[@]}" clang-14 libclang-rt-14-dev python3 util-linux

build=build-fuzz
mkdir -p "$build"
# Two runs may share the build: one builds while the other waits.
(
  flock 9
  if [[ ! -f $build/CMakeCache.txt ]]; then
    CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DNEWSBOARD_FUZZ=ON -DNEWSBOARD_TESTS=OFF >/dev/null
  fi
  nice -n 10 cmake --build "$build" -j2 --target "${targets[@]/#/fuzz_}"
  python3 tests/fuzz/seeds.py "$build/seeds"
) 9>"$build/.lock"

export NEWSBOARD_FONT_DIR=$root/fonts
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

declare -A max_len=([playlist]=16384 [layout]=2048 [image]=65536 [cache]=16384)
declare -A dict=([playlist]=tests/fuzz/playlist.dict [cache]=tests/fuzz/playlist.dict [image]=tests/fuzz/image.dict)

# What libFuzzer saves for a failure (a slow-unit-* file is only a note).
failures() { find "$1" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) "${@:2}"; }

summary=()
failed=0
for t in "${targets[@]}"; do
  corpus=$build/corpus/$t artifacts=$build/artifacts/$t
  log=$build/logs/$t-$(date +%Y%m%dT%H%M%S).log
  mkdir -p "$corpus" "$artifacts" "$build/logs"
  seeds=()
  for d in tests/fuzz/seeds/$t tests/data/fuzz/$t $build/seeds/$t; do [[ -d $d ]] && seeds+=("$d"); done
  options=(-max_total_time="$seconds" -max_len="${max_len[$t]}" -timeout=25 -rss_limit_mb=3072
           -print_final_stats=1 -artifact_prefix="$artifacts/")
  [[ -n ${dict[$t]:-} ]] && options+=(-dict="${dict[$t]}")
  before=$(failures "$artifacts" | wc -l)
  touch "$log.start"
  echo "== fuzz_$t: $seconds s, log in $log"
  status=0
  nice -n 10 "$build/tests/fuzz/fuzz_$t" "${options[@]}" "$corpus" "${seeds[@]}" >"$log" 2>&1 || status=$?
  crashes=$(( $(failures "$artifacts" | wc -l) - before ))
  # libFuzzer's last status line ("#N DONE cov: C ft: F corp: U/S ...") and its final stats.
  last=$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)
  cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$last")
  ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$last")
  corp=$(sed -nE 's/.* corp: ([0-9]+\/[0-9]+[a-zA-Z]*).*/\1/p' <<<"$last")
  execs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+).*/\1/p' "$log")
  rate=$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+).*/\1/p' "$log")
  if ((status != 0 || crashes > 0)); then
    failed=1
    echo "   CRASH (exit $status): $(grep -m1 -E 'ERROR: |runtime error|newsboard fuzz:|deadly signal' "$log" || echo 'see the log')"
    failures "$artifacts" -newer "$log.start" -printf '   saved %p\n' || true
  fi
  summary+=("$(printf '%-9s %6ss %12s %8s %7s %8s %14s %7s' "$t" "$seconds" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$crashes")")
done

printf '\n%-9s %7s %12s %8s %7s %8s %14s %7s\n' target time execs exec/s cov ft corpus crashes
printf '%s\n' "${summary[@]}"
exit "$failed"
