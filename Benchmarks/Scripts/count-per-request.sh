#!/usr/bin/env bash
# Benchmarks/Scripts/count-per-request.sh SERVER [SHAPE] [REQUESTS]
#
# What one request costs a server, in counts rather than time (this VM has no hardware counters,
# valgrind 3.19 cannot run Swift binaries, and wall-clock req/s moves with whatever else the two
# CPUs are doing): allocations (malloc-count.c, preloaded), executor switches (a uprobe on
# swift_task_switch; each costs the task's status-record lock), and the server's CPU time, per
# request, over REQUESTS (default 200,000) h2load requests after a warm-up of a fifth of them
# (switches over a further quarter of them, with the probe attached only then).
# Server on CPU 0, load on CPU 1. Compare two builds by running both, one after the other.
#
#   SHAPE: grpc (UnaryCall, 64-byte payloads, 16 clients x 16 streams; default), grpc-latency
#          (1 x 1), h2get (REST GET over h2c, 16 x 16) or h1get (REST GET over HTTP/1.1, 16 clients)
#   SERVER: benchmark-server for grpc*, http-bench-server for h*get (any build: they read PORT)
#
# Prints: COUNT <server> <shape> n=.. allocs/req=.. bytes/req=.. switches/req=.. cpu_us/req=..
# Needs gcc, h2load and protoc (for the gRPC request); perf for the switch count (else "-").
set -euo pipefail

SERVER=${1:?usage: count-per-request.sh SERVER [grpc|grpc-latency|h2get|h1get] [REQUESTS]}
SHAPE=${2:-grpc}
N=${3:-200000}
WORK=${RESULTS_DIR:-/tmp/room619-bench}/count
mkdir -p "$WORK"
HERE=$(cd "$(dirname "$0")" && pwd)
gcc -O2 -shared -fPIC -o "$WORK/malloc-count.so" "$HERE/malloc-count.c"

PORT=$((20000 + RANDOM % 20000))
URL=http://127.0.0.1:$PORT
case $SHAPE in
  grpc | grpc-latency)
    REQ=$WORK/unary-64.bin
    if [[ ! -s $REQ ]]; then
      printf 'response_type: COMPRESSABLE\nresponse_size: 64\npayload { type: COMPRESSABLE body: "%s" }\n' \
        "$(printf '\\000%.0s' $(seq 64))" |
        protoc -I /usr/share/grpc-proto --encode=grpc.testing.SimpleRequest grpc/testing/messages.proto >"$REQ.msg"
      len=$(stat -c %s "$REQ.msg")
      { printf '\x00'; printf "\\x$(printf %02x $((len >> 24 & 255)))\\x$(printf %02x $((len >> 16 & 255)))"
        printf "\\x$(printf %02x $((len >> 8 & 255)))\\x$(printf %02x $((len & 255)))"; cat "$REQ.msg"; } >"$REQ"
    fi
    streams=16; [[ $SHAPE == grpc-latency ]] && streams=1
    LOAD=(h2load -c"$streams" -m"$streams" -t1 -H 'content-type: application/grpc' -H 'te: trailers' -d "$REQ"
      "$URL/grpc.testing.BenchmarkService/UnaryCall") ;;
  h2get) LOAD=(h2load -c16 -m16 -t1 "$URL/v1/items/42") ;;
  h1get) LOAD=(h2load --h1 -c16 -t1 "$URL/v1/items/42") ;;
  *) echo "unknown shape $SHAPE" >&2; exit 64 ;;
esac

rm -f "$WORK/counts" "$WORK/switches"
PORT=$PORT LD_PRELOAD=$WORK/malloc-count.so MALLOC_COUNT_OUT=$WORK/counts taskset -c 0 "$SERVER" >"$WORK/server.log" 2>&1 &
PID=$!
trap 'kill -TERM $PID 2>/dev/null || true' EXIT
for _ in $(seq 300); do grep -q 'listening on' "$WORK/server.log" && break; sleep 0.1; done
grep -q 'listening on' "$WORK/server.log" || { cat "$WORK/server.log" >&2; exit 1; }
taskset -c 1 "${LOAD[@]}" -n $((N / 5)) >/dev/null

cputime() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
# Pass 1: allocations and CPU time, nothing attached.
kill -USR2 "$PID"; sleep 0.2; t0=$(cputime)
taskset -c 1 "${LOAD[@]}" -n "$N" >"$WORK/h2load.txt"
kill -USR2 "$PID"; sleep 0.2; t1=$(cputime)
# Pass 2: executor switches over a quarter as many requests (a uprobe hit costs about a
# microsecond, so it is kept out of the CPU time above).
NS=$((N / 4))
switches=""
CONCURRENCY=$(ldd "$SERVER" | awk '/libswift_Concurrency/ {print $3}')
if command -v perf >/dev/null && [[ -n $CONCURRENCY ]]; then
  perf probe -l 2>/dev/null | grep -q 'swift_task_switch' ||
    perf probe -q -x "$CONCURRENCY" --add swift_task_switch 2>/dev/null || true
  EVENT=$(perf probe -l 2>/dev/null | awk '/swift_task_switch/ {print $1; exit}')
  if [[ -n $EVENT ]]; then
    perf stat -x, -e "$EVENT" -p "$PID" -o "$WORK/switches" &
    PERF=$!
    sleep 0.3
    taskset -c 1 "${LOAD[@]}" -n "$NS" >/dev/null
    kill -INT "$PERF"; wait "$PERF" || true
    switches=$(awk -F, '/swift_task_switch/ {print $1}' "$WORK/switches")
  fi
fi
grep -q "succeeded, 0 failed, 0 errored" "$WORK/h2load.txt" || { grep '^requests:' "$WORK/h2load.txt" >&2; exit 1; }
python3 - "$WORK/counts" "$N" "$t0" "$t1" "$(basename "$SERVER")" "$SHAPE" "$switches" "$NS" <<'PY'
import sys
first, last = [dict(kv.split('=') for kv in line.split()) for line in open(sys.argv[1]).read().split('\n')[:2]]
n, t0, t1 = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
per = {k: (int(last[k]) - int(first[k])) / n for k in first}
allocs = per['malloc'] + per['calloc'] + per['realloc'] + per['memalign']
switches = f"{int(sys.argv[7]) / int(sys.argv[8]):.2f}" if sys.argv[7] else "-"
ticks = 100  # /proc/PID/stat counts clock ticks (USER_HZ)
print(f"COUNT {sys.argv[5]} {sys.argv[6]} n={n} allocs/req={allocs:.2f} bytes/req={per['bytes']:.0f} "
      f"switches/req={switches} cpu_us/req={(t1 - t0) / ticks * 1e6 / n:.2f}")
PY
