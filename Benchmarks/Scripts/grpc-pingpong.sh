#!/usr/bin/env bash
# Benchmarks/Scripts/grpc-pingpong.sh [ROUNDS]
#
# StreamingCall ping-pong (grpc.testing.BenchmarkService): our GRPCPingPong client (room619's
# generated client over RPCChannel) against grpc-swift 2, grpc-go and room619's benchmark-server,
# ROUNDS times (default 3), one server at a time on CPU 0, the client on CPU 1. Each run: one
# stream, then 16 streams, for SECONDS (8) after a one-second warm-up. Prints the RESULT lines
# and, per server and stream count, the medians over the rounds.
#
# Env: PEERS (default ../shared/peers next to the repository), SECONDS_PER_RUN (8).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ROUNDS=${1:-3}
PEERS=${PEERS:-$(cd "$ROOT/../shared/peers" && pwd)}
. "$PEERS/lib.sh"
RUN_SECONDS=${SECONDS_PER_RUN:-8}
SERVER="$ROOT/.build/release/benchmark-server"
CLIENT="$ROOT/Benchmarks/.build/release/GRPCPingPong"
OUT=$PEERS_BUILD/results/pingpong-$(date +%Y%m%d-%H%M%S).txt
mkdir -p "$(dirname "$OUT")"

log "building benchmark-server and GRPCPingPong (release)"
(cd "$ROOT" && swift build -c release --product benchmark-server >/dev/null)
(cd "$ROOT" && swift build -c release --package-path Benchmarks --product GRPCPingPong >/dev/null)

run_client() {
  local label=$1 port=$2
  for streams in 1 16; do
    taskset -c "$LOAD_CPU" timeout $((RUN_SECONDS + 30)) "$CLIENT" --target="ipv4:127.0.0.1:$port" \
      --seconds="$RUN_SECONDS" --streams="$streams" --label="$label" | tee -a "$OUT"
  done
}

for ((round = 1; round <= ROUNDS; round++)); do
  log "=== round $round of $ROUNDS"
  for peer in grpc-swift grpc-go; do
    "$PEERS/run-peer.sh" "$peer" 18600 >/dev/null
    wait_port 18600 20
    run_client "$peer" 18600
    "$PEERS/run-peer.sh" --stop "$peer" 2>/dev/null
  done
  PORT=18610 HOST=127.0.0.1 taskset -c "$SERVER_CPU" "$SERVER" >/dev/null 2>&1 &
  pid=$!
  wait_port 18610 10 "$pid" || die "benchmark-server did not start"
  run_client room619 18610
  kill -TERM "$pid"
  wait "$pid" || true
done

python3 - "$OUT" <<'PY'
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    m = re.match(r"RESULT pingpong (\S+) streams=(\d+) .*per_s=(\d+) mean_us=([\d.]+) p50_us=([\d.]+) p99_us=([\d.]+)", line)
    if m:
        rows.setdefault((m.group(1), int(m.group(2))), []).append([float(x) for x in m.groups()[2:]])
print("\n| server | streams | runs | round trips/s | mean µs | p50 µs | p99 µs |")
print("|---|---:|---:|---:|---:|---:|---:|")
for (label, streams), runs in sorted(rows.items(), key=lambda kv: (kv[0][1], kv[0][0])):
    med = [statistics.median(column) for column in zip(*runs)]
    print(f"| {label} | {streams} | {len(runs)} | {med[0]:.0f} | {med[1]:.1f} | {med[2]:.1f} | {med[3]:.1f} |")
PY
