#!/usr/bin/env bash
# Benchmarks/Scripts/http-compare.sh [ROUNDS]
#
# The transport benchmark: room619's `http-bench-server` against the REST peers, ROUNDS times
# (default 3) in one sitting, then the medians.
#
# Each round runs, one server at a time (server on CPU 0, load on CPU 1):
#   1. ../shared/peers/compare.sh hummingbird nginx + room619 (CANDIDATE_REST_CMD):
#      wrk -c64 GET /v1/items/42 and POST /v1/echo over HTTP/1.1;
#   2. h2load -c16 -m16 GET /v1/items/42 over h2c (prior knowledge) against nginx's h2c
#      listener and room619 (which serves h2c on the same port as HTTP/1.1).
# Step 2 writes RESULT lines in compare.sh's format, so ../shared/peers/summarize.py takes
# both. The h2c rows are labelled `nginx-h2c-get` and `room619-h2c-get`.
#
# Env: PEERS (default ../shared/peers next to the repository), PEERS_BUILD, H2_SECONDS (10),
# H2_CLIENTS/H2_STREAMS (16/16), WARMUP (2). Needs an idle machine: run nothing else meanwhile.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
ROUNDS=${1:-3}
PEERS=${PEERS:-$(cd "$ROOT/../shared/peers" && pwd)}
. "$PEERS/lib.sh"
H2_SECONDS=${H2_SECONDS:-10}
H2_CLIENTS=${H2_CLIENTS:-16}
H2_STREAMS=${H2_STREAMS:-16}
WARMUP=${WARMUP:-2}
SERVER="$ROOT/.build/release/http-bench-server"
RES="$PEERS_BUILD/results"
RAW="$RES/raw"
mkdir -p "$RAW"

log "building http-bench-server (release)"
(cd "$ROOT" && swift build -c release --product http-bench-server >/dev/null)

# h2c_run LABEL PORT: one h2load run of GET /v1/items/42, as a RESULT line.
h2c_run() {
  local label=$1 port=$2 out="$RAW/$1-h2c.txt" line
  cpu_mark
  /usr/bin/time -f '%U %S %e' -o "$out.time" taskset -c "$LOAD_CPU" timeout $((H2_SECONDS + WARMUP + 10)) \
    h2load -c "$H2_CLIENTS" -m "$H2_STREAMS" -t 1 -D "$H2_SECONDS" --warm-up-time="$WARMUP" \
    "http://127.0.0.1:$port/v1/items/42" >"$out" 2>&1 || true
  line=$(awk -v label="$label" '
    /^finished in/ { rps = $4 }
    /^requests:/ { for (i = 1; i <= NF; i++) {
        if ($(i) ~ /^failed,?$/) failed = $(i-1); if ($(i) ~ /^errored,?$/) errored = $(i-1)
        if ($(i) ~ /^timeout,?$/) timeout = $(i-1) } }
    /^status codes:/ { non2xx = $5 + $7 + $9 }
    /^time for request:/ { mean = $6 }
    function ms(v,  n, u) { n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
      if (u == "us") n /= 1000; else if (u == "s") n *= 1000; return n }
    END { printf "RESULT rest-h2c %s throughput rps=%.1f mean_ms=%.3f errors=%d", label, rps, ms(mean), failed + errored + timeout + non2xx }' "$out")
  echo "$line$(cpu_report "$(echo "$line" | grep -o 'rps=[0-9.]*' | cut -d= -f2)")$(load_cpu_pct "$out.time")"
  rm -f "$out.time"
}

FILES=()
for ((round = 1; round <= ROUNDS; round++)); do
  log "=== round $round of $ROUNDS: compare.sh"
  before=$(ls "$RES"/compare-*.txt 2>/dev/null | sort | tail -1 || true)
  CANDIDATE_NAME=room619 CANDIDATE_REST_CMD="$SERVER" CANDIDATE_REST_BIN="$SERVER" \
    "$PEERS/compare.sh" hummingbird nginx >&2
  latest=$(ls "$RES"/compare-*.txt | sort | tail -1)
  [[ $latest != "$before" ]] || die "compare.sh wrote no result file"
  FILES+=("$latest")

  log "=== round $round of $ROUNDS: h2load over h2c"
  h2=$RES/h2c-$(date +%Y%m%d-%H%M%S).txt
  "$PEERS/run-peer.sh" nginx 18500 >/dev/null
  SERVER_PID=$(cat "$PEERS_BUILD/run/nginx.pid")
  wait_port 18501 10
  h2c_run nginx-h2c-get 18501 | tee -a "$h2"
  "$PEERS/run-peer.sh" --stop nginx 2>/dev/null
  PORT=18510 HOST=127.0.0.1 taskset -c "$SERVER_CPU" "$SERVER" >"$RAW/room619-h2c.log" 2>&1 &
  SERVER_PID=$!
  wait_port 18510 10 "$SERVER_PID" || die "http-bench-server did not start (see $RAW/room619-h2c.log)"
  h2c_run room619-h2c-get 18510 | tee -a "$h2"
  kill -TERM "$SERVER_PID"
  wait "$SERVER_PID" || true
  unset SERVER_PID
  FILES+=("$h2")
done

python3 "$PEERS/summarize.py" "${FILES[@]}"
