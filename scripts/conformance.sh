#!/usr/bin/env bash
# Runs Google's protobuf conformance suite against our testee (Tests/Conformance/) and reports
# the counts. Builds what is missing first: the runner (scripts/build-conformance-runner.sh) and
# the testee (swift build -c release). Right after the build, the protocol tests
# (Tests/Conformance/protocol_test.py, pytest in .venv) drive the same testee with hand-made
# requests: framing, handshake, error kinds, exact binary/JSON values.
#
#   scripts/conformance.sh              run both; exit status is non-zero if either fails
#   scripts/conformance.sh --verbose    … passing extra runner flags (before the testee path)
#
# Known failures are listed, with a reason each, in Tests/Conformance/failure_list.txt (one test
# name per line, '#' comments). The runner writes failing_tests.txt, succeeding_tests.txt
# (listed but now passing) and nonexistent_tests.txt to .build-conformance/results/ when they
# are not empty, with its full output in run.log there.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RESULTS=$ROOT/.build-conformance/results
FAILURE_LIST=$ROOT/Tests/Conformance/failure_list.txt

say() { printf '[conformance] %s\n' "$*" >&2; }

runner=$(scripts/build-conformance-runner.sh)
say "building conformance-testee"
# A path dependency's added files go unseen by a kept build plan (see replan in scripts/test.sh).
rm -f Tests/Conformance/.build/*/description.json
swift build -c release --package-path Tests/Conformance --product conformance-testee >&2
testee=$(swift build -c release --package-path Tests/Conformance --show-bin-path)/conformance-testee

# The protocol tests first (a few seconds); the runner runs whatever they say.
[[ -x $ROOT/.venv/bin/python ]] || { say "error: .venv is missing: run ./setup.sh"; exit 1; }
say "protocol tests: Tests/Conformance/protocol_test.py against ${testee#"$ROOT"/}"
protocol_status=0
CONFORMANCE_TESTEE=$testee "$ROOT/.venv/bin/python" -m pytest -q Tests/Conformance/protocol_test.py >&2 ||
  protocol_status=$?
if ((protocol_status != 0)); then say "protocol tests FAILED (pytest exit status $protocol_status)"; fi

rm -rf "$RESULTS"
mkdir -p "$RESULTS"
say "running $(basename "$runner") --enforce_recommended against ${testee#"$ROOT"/}"
status=0
"$runner" --enforce_recommended --failure_list "$FAILURE_LIST" --output_dir "$RESULTS" "$@" "$testee" \
  >"$RESULTS/run.log" 2>&1 || status=$?

# The runner prints one summary line per suite (binary+JSON, then text format).
grep -E '^CONFORMANCE SUITE' "$RESULTS/run.log" >&2 || say "no summary line: see $RESULTS/run.log"
for list in failing_tests succeeding_tests nonexistent_tests; do
  if [[ -s $RESULTS/$list.txt ]]; then
    say "$list: $(wc -l <"$RESULTS/$list.txt") (${RESULTS#"$ROOT"/}/$list.txt)"
  fi
done
say "full output: ${RESULTS#"$ROOT"/}/run.log"
if ((status == 0 && protocol_status != 0)); then status=$protocol_status; fi
exit "$status"
