#!/usr/bin/env bash
# Benchmarks/Scripts/rest-compare.sh [ROUNDS]
#
# The REST transcoding benchmark (issue 13): `rest-bench-server` — the workload of
# http-bench-server declared as a contract (Protos/bench/v1/rest_service.proto: google.api.http
# rules and buf.validate rules), transcoded by the gateway onto generated handlers — against
# Hummingbird 2 (hand-written routes, no validation), grpc-gateway (transcoding in front of
# grpc-go) and room619's own hand-written `http-bench-server`, ROUNDS times (default 3) in one
# sitting, then the medians.
#
# Each round: ../shared/peers/compare.sh hummingbird grpc-gateway + rest-bench-server as the
# candidate (`room619-rest`), then compare.sh again with http-bench-server alone as the candidate
# (`room619-raw`). Both use wrk -c64 over HTTP/1.1 on GET /v1/items/42 and POST /v1/echo, server
# on CPU 0 and load on CPU 1. Needs an idle machine: run nothing else meanwhile.
#
# Env: PEERS (default ../shared/peers next to the repository), PEERS_BUILD.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ROUNDS=${1:-3}
PEERS=${PEERS:-$(cd "$ROOT/../shared/peers" && pwd)}
. "$PEERS/lib.sh"
RES="$PEERS_BUILD/results"
mkdir -p "$RES"
REST="$ROOT/.build/release/rest-bench-server"
RAW="$ROOT/.build/release/http-bench-server"

log "building rest-bench-server and http-bench-server (release)"
(cd "$ROOT" && swift build -c release --product rest-bench-server >/dev/null &&
  swift build -c release --product http-bench-server >/dev/null)

# compare LABEL COMMAND PEER…: one compare.sh run; prints the result file it wrote.
compare() {
  local name=$1 command=$2 before latest
  shift 2
  before=$(ls "$RES"/compare-*.txt 2>/dev/null | sort | tail -1 || true)
  CANDIDATE_NAME=$name CANDIDATE_REST_CMD="$command" CANDIDATE_REST_BIN="$command" "$PEERS/compare.sh" "$@" >&2
  latest=$(ls "$RES"/compare-*.txt | sort | tail -1)
  [[ $latest != "$before" ]] || die "compare.sh wrote no result file"
  echo "$latest"
}

FILES=()
for ((round = 1; round <= ROUNDS; round++)); do
  log "=== round $round of $ROUNDS: Hummingbird, grpc-gateway and rest-bench-server"
  FILES+=("$(compare room619-rest "$REST" hummingbird grpc-gateway)")
  sleep 1  # compare.sh names its files by the second
  log "=== round $round of $ROUNDS: http-bench-server"
  FILES+=("$(compare room619-raw "$RAW" candidate-rest)")
  sleep 1
done

python3 "$PEERS/summarize.py" "${FILES[@]}"
