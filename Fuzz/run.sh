#!/usr/bin/env bash
# Runs the decoder fuzzers for a bounded time, then prints their statistics.
#
#   Fuzz/run.sh [SECONDS] [TARGET] [libFuzzer flags…]   default 60 seconds; builds first if needed
#     TARGET  binary  proto-decoder-fuzzer (the binary decoder) for SECONDS
#             json    json-decoder-fuzzer (the proto3 JSON decoder) for SECONDS
#             validation  validation-fuzzer (generated validators and the RE2 engine) for SECONDS
#             all     (the default) all three, one after the other, splitting SECONDS between
#                     them (binary gets the remainder), so `Fuzz/run.sh 30` takes 30 s in all
#   FUZZ_KEEP_GOING=1 Fuzz/run.sh 600 json        fork mode: keep fuzzing after a crash
#   FUZZ_MAX_LEN=32768 Fuzz/run.sh                 longest input libFuzzer makes (default 8192)
#   FUZZ_BUILD_DIR=/some/dir Fuzz/run.sh           as for build.sh
#
# Each target's corpus grows across runs (<build dir>/corpus/, json-corpus/; seeds/ and
# json-seeds/ are read too, never written); the JSON target also gets Fuzz/json.dict (-dict=).
# A crash, timeout, leak or out-of-memory input is saved in <build dir>/artifacts/ (binary) or
# json-artifacts/ (JSON), and the script then exits non-zero. Reproduce one with
#   SWIFT_BACKTRACE=enable=no <build dir>/<fuzzer> <artifact>
# and shrink it with -minimize_crash=1 -runs=10000 (see README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=${FUZZ_BUILD_DIR:-$ROOT/.build-fuzz/fuzz}
SECONDS_TO_RUN=${1:-60}
shift || true
TARGET=all
if [[ ${1:-} == binary || ${1:-} == json || ${1:-} == validation || ${1:-} == all ]]; then
  TARGET=$1
  shift
fi

usage() { echo "usage: Fuzz/run.sh [SECONDS] [binary|json|validation|all] [libFuzzer flags…]" >&2; exit 2; }
[[ $SECONDS_TO_RUN =~ ^[0-9]+$ ]] || usage
[[ -x $OUT/proto-decoder-fuzzer && -x $OUT/json-decoder-fuzzer && -x $OUT/validation-fuzzer ]] ||
  "$ROOT/Fuzz/build.sh"
mkdir -p "$OUT/logs"

# The Swift runtime's own crash backtracer would run instead of libFuzzer's and ASan's
# handlers (and can hang once the process is gone); leave crash reports to them.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:handle_abort=1:symbolize=1}

# run_target NAME SECONDS [libFuzzer flags…]: one bounded run, its summary, and its status.
run_target() {
  local name=$1 seconds=$2 fuzzer corpus seeds artifacts extra=()
  shift 2
  case $name in
    binary)
      fuzzer=$OUT/proto-decoder-fuzzer corpus=$OUT/corpus seeds=$OUT/seeds artifacts=$OUT/artifacts
      ;;
    json)
      fuzzer=$OUT/json-decoder-fuzzer corpus=$OUT/json-corpus seeds=$OUT/json-seeds artifacts=$OUT/json-artifacts
      extra=(-dict="$ROOT/Fuzz/json.dict")
      ;;
    validation)
      fuzzer=$OUT/validation-fuzzer corpus=$OUT/validation-corpus seeds=$OUT/validation-seeds
      artifacts=$OUT/validation-artifacts
      ;;
  esac
  mkdir -p "$corpus" "$artifacts"
  local log
  log=$OUT/logs/run-$name-$(date -u +%Y%m%dT%H%M%SZ).log
  local start_mark=$log.start
  touch "$start_mark"

  local flags=(
    -max_total_time="$seconds"
    -rss_limit_mb=2048
    -malloc_limit_mb=2048
    -timeout=5
    # Fits the small descriptor and CodeGeneratorRequest seeds (the largest are cut to this);
    # past it exec/s drops about 2x for little new coverage.
    -max_len="${FUZZ_MAX_LEN:-8192}"
    -artifact_prefix="$artifacts/"
    -print_final_stats=1
    -print_funcs=0
    "${extra[@]}"
  )
  if [[ ${FUZZ_KEEP_GOING:-0} == 1 ]]; then
    flags+=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
  fi

  echo "[fuzz/run] $name: $seconds s, log $log" >&2
  local status=0 started elapsed
  started=$(date +%s)
  "$fuzzer" "${flags[@]}" "$@" "$corpus" "$seeds" 2>&1 | tee "$log" >&2 || status=${PIPESTATUS[0]}
  elapsed=$(($(date +%s) - started))

  # The last status line looks like
  #   #123456 DONE cov: 5619 ft: 8240 corp: 8/57Kb lim: 4096 exec/s: 2000 rss: 74Mb
  # or, in fork mode,
  #   #123456: cov: 5619 ft: 8240 corp: 530 exec/s: 1567 oom/timeout/crash: 0/0/1 time: 22s job: 5 dft_time: 0
  local last executions new_artifacts
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -1; }
  field() { sed -n "s|.* $1 \([^ ]*\).*|\1|p" <<<"$last"; }
  executions=$(stat number_of_executed_units)
  executions=${executions:-$(sed -n 's/^#\([0-9]*\).*/\1/p' <<<"$last")}
  executions=${executions:-0}
  new_artifacts=$(find "$artifacts" -type f -newer "$start_mark" | wc -l)
  {
    echo "---- fuzz summary: $name ($(basename "$fuzzer")) ----"
    echo "time:            $elapsed s ($seconds s requested)"
    echo "executions:      $executions"
    echo "exec/s:          $((executions / (elapsed > 0 ? elapsed : 1))) overall (libFuzzer's last figure: $(field 'exec/s:'))"
    echo "coverage:        cov: $(field 'cov:') ft: $(field 'ft:')"
    echo "corpus:          corp: $(field 'corp:') in memory; $(find "$corpus" -type f | wc -l) files in $corpus"
    [[ -z $(stat peak_rss_mb) ]] || echo "peak RSS:        $(stat peak_rss_mb) MB"
    [[ -z $(field 'oom/timeout/crash:') ]] || echo "oom/timeout/crash: $(field 'oom/timeout/crash:')"
    echo "libFuzzer exit:  $status"
    echo "new artifacts:   $new_artifacts (in $artifacts)"
    find "$artifacts" -type f -newer "$start_mark" -printf '  %p\n'
    echo "log:             $log"
  } | tee -a "$log"
  rm -f "$start_mark"
  ((status == 0 && new_artifacts == 0))
}

failed=0
case $TARGET in
  binary | json | validation)
    run_target "$TARGET" "$SECONDS_TO_RUN" "$@" || failed=1
    ;;
  all)
    json_seconds=$((SECONDS_TO_RUN / 3))
    validation_seconds=$((SECONDS_TO_RUN / 3))
    binary_seconds=$((SECONDS_TO_RUN - json_seconds - validation_seconds))
    ((json_seconds > 0)) || json_seconds=1
    ((validation_seconds > 0)) || validation_seconds=1
    run_target binary "$binary_seconds" "$@" || failed=1
    run_target json "$json_seconds" "$@" || failed=1
    run_target validation "$validation_seconds" "$@" || failed=1
    ;;
esac
exit "$failed"
