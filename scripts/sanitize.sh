#!/usr/bin/env bash
# The Swift test suite under ThreadSanitizer and AddressSanitizer, each in its own build folder
# (.build-tsan, .build-asan) so the ordinary debug build stays as it is.
#
#   scripts/sanitize.sh            both
#   scripts/sanitize.sh thread     one of them (thread or address)
#
# Extra arguments after the sanitizer go to `swift test` (`--filter RPCTests`). Each run prints
# its time and the summary line; a sanitizer report fails the run (halt_on_error; set
# TSAN_OPTIONS=halt_on_error=0 to collect every report instead). SANITIZE_TIMEOUT bounds a run
# (default 1800 s).
set -euo pipefail
cd "$(dirname "$0")/.."
sanitizers=(thread address)
if [[ $# -gt 0 ]]; then
  sanitizers=("$1")
  shift
fi
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 suppressions=$PWD/scripts/tsan-suppressions.txt ${TSAN_OPTIONS:-}"
export ASAN_OPTIONS="halt_on_error=1 detect_leaks=0 ${ASAN_OPTIONS:-}"
# Whether this toolchain's TSan sees Synchronization.Mutex at all (the suppressions assume not).
mutex_check() {
  local dir
  dir=$(mktemp -d)
  if swiftc -sanitize=thread -O scripts/tsan-mutex-repro.swift -o "$dir/repro" 2>/dev/null; then
    local reports
    reports=$(TSAN_OPTIONS=halt_on_error=0 timeout 120 "$dir/repro" 2>&1 | grep -c 'WARNING: ThreadSanitizer' || true)
    if ((reports > 0)); then
      echo "thread sanitizer: a correct Mutex program gets $reports reports here (scripts/tsan-suppressions.txt applies)"
    else
      echo "thread sanitizer: sees Mutex on this toolchain: delete scripts/tsan-suppressions.txt"
    fi
  fi
  rm -rf "$dir"
}

status=0
for sanitizer in "${sanitizers[@]}"; do
  [[ $sanitizer == thread ]] && mutex_check
  case $sanitizer in
  thread) scratch=.build-tsan ;;
  address) scratch=.build-asan ;;
  *)
    echo "unknown sanitizer $sanitizer (thread or address)" >&2
    exit 2
    ;;
  esac
  start=$(date +%s)
  log=$(mktemp)
  # Bounded: a test process that dies on a report can leave a child (a test's nginx) holding
  # swift test's output pipe open, and swift test would wait for it forever.
  if timeout --kill-after=30 "${SANITIZE_TIMEOUT:-1800}" \
    swift test --sanitize="$sanitizer" --scratch-path "$scratch" "$@" >"$log" 2>&1; then
    printf '%s sanitizer: passed in %d s: %s\n' "$sanitizer" "$(($(date +%s) - start))" \
      "$(grep -E 'Test run with' "$log" | tail -1)"
  else
    status=1
    pkill -f "room619-nginx-" 2>/dev/null || true  # what a dead test process left behind
    grep -E 'WARNING: ThreadSanitizer|ERROR: AddressSanitizer|SUMMARY|✘' "$log" | head -40 || true
    tail -20 "$log"
    printf '%s sanitizer: FAILED after %d s (log: %s)\n' "$sanitizer" "$(($(date +%s) - start))" "$log"
  fi
done
exit $status
