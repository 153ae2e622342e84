#!/usr/bin/env bash
# Benchmarks/Scripts/grpc-compare.sh [ROUNDS]
#
# The gRPC benchmark: room619's `benchmark-server` (grpc.testing.BenchmarkService over h2c)
# against grpc-swift 2 and grpc-go, ROUNDS times (default 3) in one sitting, then the medians.
# Each round is ../shared/peers/compare.sh grpc-swift grpc-go with CANDIDATE_GRPC_CMD set:
# grpc-load.sh runs h2load on UnaryCall with 64-byte payloads at 1 client × 1 stream (latency)
# and 16 × 16 (throughput), one server at a time, server on CPU 0 and load on CPU 1.
#
# Env: PEERS (default ../shared/peers next to the repository), PEERS_BUILD, and the knobs of
# grpc-load.sh. Needs an idle machine: run nothing else meanwhile.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ROUNDS=${1:-3}
PEERS=${PEERS:-$(cd "$ROOT/../shared/peers" && pwd)}
. "$PEERS/lib.sh"
SERVER="$ROOT/.build/release/benchmark-server"
RES="$PEERS_BUILD/results"
mkdir -p "$RES"

log "building benchmark-server (release)"
(cd "$ROOT" && swift build -c release --product benchmark-server >/dev/null)

FILES=()
for ((round = 1; round <= ROUNDS; round++)); do
  log "=== round $round of $ROUNDS: compare.sh grpc-swift grpc-go + room619"
  before=$(ls "$RES"/compare-*.txt 2>/dev/null | sort | tail -1 || true)
  CANDIDATE_NAME=room619 CANDIDATE_GRPC_CMD="$SERVER" CANDIDATE_GRPC_BIN="$SERVER" \
    "$PEERS/compare.sh" grpc-swift grpc-go >&2
  latest=$(ls "$RES"/compare-*.txt | sort | tail -1)
  [[ $latest != "$before" ]] || die "compare.sh wrote no result file"
  FILES+=("$latest")
done

python3 "$PEERS/summarize.py" "${FILES[@]}"
