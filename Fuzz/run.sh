#!/usr/bin/env bash
# Runs the protobuf decoder fuzzer for a bounded time, then prints its statistics.
#
#   Fuzz/run.sh [SECONDS] [libFuzzer flags…]     default 60 seconds; builds first if needed
#   FUZZ_KEEP_GOING=1 Fuzz/run.sh 600             fork mode: keep fuzzing after a crash
#   FUZZ_MAX_LEN=32768 Fuzz/run.sh                 longest input libFuzzer makes (default 8192)
#   FUZZ_BUILD_DIR=/some/dir Fuzz/run.sh           as for build.sh
#
# The corpus grows in <build dir>/corpus/ across runs (seeds/ is read too, never written).
# A crash, timeout, leak or out-of-memory input is saved in <build dir>/artifacts/, and the
# script then exits non-zero. Reproduce one with
#   SWIFT_BACKTRACE=enable=no <build dir>/proto-decoder-fuzzer <artifact>
# and shrink it with -minimize_crash=1 -runs=10000 (see README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=${FUZZ_BUILD_DIR:-$ROOT/.build-fuzz/fuzz}
FUZZER=$OUT/proto-decoder-fuzzer
SECONDS_TO_RUN=${1:-60}
shift || true

[[ $SECONDS_TO_RUN =~ ^[0-9]+$ ]] || { echo "usage: Fuzz/run.sh [SECONDS] [libFuzzer flags…]" >&2; exit 2; }
[[ -x $FUZZER ]] || "$ROOT/Fuzz/build.sh"
mkdir -p "$OUT/corpus" "$OUT/artifacts" "$OUT/logs"
LOG=$OUT/logs/run-$(date -u +%Y%m%dT%H%M%SZ).log
START_MARK=$LOG.start
touch "$START_MARK"

FLAGS=(
  -max_total_time="$SECONDS_TO_RUN"
  -rss_limit_mb=2048
  -malloc_limit_mb=2048
  -timeout=5
  # Fits the small descriptor and CodeGeneratorRequest seeds (the largest are cut to this);
  # past it exec/s drops about 2x for little new coverage.
  -max_len="${FUZZ_MAX_LEN:-8192}"
  -artifact_prefix="$OUT/artifacts/"
  -print_final_stats=1
  -print_funcs=0
)
if [[ ${FUZZ_KEEP_GOING:-0} == 1 ]]; then
  FLAGS+=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
fi

# The Swift runtime's own crash backtracer would run instead of libFuzzer's and ASan's
# handlers (and can hang once the process is gone); leave crash reports to them.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:handle_abort=1:symbolize=1}

echo "[fuzz/run] $SECONDS_TO_RUN s, log $LOG" >&2
status=0
started=$(date +%s)
"$FUZZER" "${FLAGS[@]}" "$@" "$OUT/corpus" "$OUT/seeds" 2>&1 | tee "$LOG" >&2 || status=${PIPESTATUS[0]}

elapsed=$(($(date +%s) - started))

# The last status line looks like
#   #123456 DONE cov: 5619 ft: 8240 corp: 8/57Kb lim: 4096 exec/s: 2000 rss: 74Mb
# or, in fork mode,
#   #123456: cov: 5619 ft: 8240 corp: 530 exec/s: 1567 oom/timeout/crash: 0/0/1 time: 22s job: 5 dft_time: 0
last=$(grep -E '^#[0-9]+' "$LOG" | tail -1 || true)
stat() { sed -n "s/^stat::$1: *//p" "$LOG" | tail -1; }
field() { sed -n "s|.* $1 \([^ ]*\).*|\1|p" <<<"$last"; }
executions=$(stat number_of_executed_units)
executions=${executions:-$(sed -n 's/^#\([0-9]*\).*/\1/p' <<<"$last")}
executions=${executions:-0}
new_artifacts=$(find "$OUT/artifacts" -type f -newer "$START_MARK" | wc -l)
{
  echo "---- fuzz summary ----"
  echo "time:            $elapsed s ($SECONDS_TO_RUN s requested)"
  echo "executions:      $executions"
  echo "exec/s:          $((executions / (elapsed > 0 ? elapsed : 1))) overall (libFuzzer's last figure: $(field 'exec/s:'))"
  echo "coverage:        cov: $(field 'cov:') ft: $(field 'ft:')"
  echo "corpus:          corp: $(field 'corp:') in memory; $(find "$OUT/corpus" -type f | wc -l) files in $OUT/corpus"
  [[ -z $(stat peak_rss_mb) ]] || echo "peak RSS:        $(stat peak_rss_mb) MB"
  [[ -z $(field 'oom/timeout/crash:') ]] || echo "oom/timeout/crash: $(field 'oom/timeout/crash:')"
  echo "libFuzzer exit:  $status"
  echo "new artifacts:   $new_artifacts (in $OUT/artifacts)"
  find "$OUT/artifacts" -type f -newer "$START_MARK" -printf '  %p\n'
  echo "log:             $LOG"
} | tee -a "$LOG"
rm -f "$START_MARK"

if ((status != 0 || new_artifacts > 0)); then exit 1; fi
