#!/usr/bin/env bash
# Runs Google's protobuf conformance suite against our testee (Tests/Conformance/) and reports
# the counts. Builds what is missing first: the runner (scripts/build-conformance-runner.sh) and
# the testee (swift build -c release).
#
#   scripts/conformance.sh              run the suite; exit status is the runner's
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
swift build -c release --package-path Tests/Conformance --product conformance-testee >&2
testee=$(swift build -c release --package-path Tests/Conformance --show-bin-path)/conformance-testee

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
exit "$status"
