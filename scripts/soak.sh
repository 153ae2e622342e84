#!/usr/bin/env bash
# soak.sh [SECONDS]: a bounded leak check for the transport. Starts the release
# http-bench-server on a loopback port (one loop, CPU 0), then alternates h2load (h2c,
# 64 connections × 32 streams, GET and POST) and wrk (HTTP/1.1, 256 connections) on CPU 1 for
# SECONDS (default 120), sampling the server's resident memory every 5 s. After a 30 s
# warm-up, resident memory must stay flat: the last sample within 10 % (+ 4 MiB) of the
# warm-up sample. Prints the samples and a verdict; exits 1 if memory grew.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-120}
for tool in h2load wrk; do command -v "$tool" >/dev/null || { echo "soak: $tool missing: run ./setup.sh" >&2; exit 1; }; done

swift build -c release --product http-bench-server >&2
server="$(swift build -c release --show-bin-path)/http-bench-server"
out=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$out"' EXIT
ROOM619_EVENT_LOOPS=1 PORT=0 taskset -c 0 "$server" >"$out/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do grep -q '^listening on' "$out/server.log" && break; sleep 0.1; done
address=$(sed -n 's/^listening on //p' "$out/server.log")
[[ -n $address ]] || { echo "soak: the server did not start" >&2; cat "$out/server.log" >&2; exit 1; }
printf '{"message":"%s","id":"42"}' "$(head -c 600 /dev/zero | tr '\0' x)" >"$out/echo.json"

rss_kib() { awk '/^VmRSS/ { print $2 }' "/proc/$pid/status"; }
printf 'soak: %s for %s s; RSS every 5 s (KiB):\n' "$address" "$seconds"
end=$((SECONDS + seconds))
samples=()
(
  while ((SECONDS < end)); do
    taskset -c 1 h2load -D 10 -c 64 -m 32 "http://$address/v1/items/42" >>"$out/load.log" 2>&1 || true
    taskset -c 1 h2load -D 5 -c 16 -m 16 -d "$out/echo.json" -H 'content-type: application/json' \
      "http://$address/v1/echo" >>"$out/load.log" 2>&1 || true
    taskset -c 1 wrk -t1 -c256 -d10s "http://$address/v1/items/7" >>"$out/load.log" 2>&1 || true
  done
) &
load=$!
while ((SECONDS < end)); do
  sleep 5
  kill -0 "$pid" 2>/dev/null || { echo "soak: the server died" >&2; exit 1; }
  samples+=("$(rss_kib)")
  printf '  %3d s  %s\n' "$((seconds - (end - SECONDS)))" "${samples[-1]}"
done
wait "$load" || true
# h2load: "requests: N total, N started, N done, N succeeded, N failed, N errored, N timeout";
# wrk: "N requests in 10.00s". Load that failed would make a flat RSS meaningless.
awk '/^requests:/ { ok += $8; bad += $10 + $12 + $14 } / requests in / { wrk += $1 }
  END { printf "soak: load: h2load %d succeeded, %d failed/errored/timed out; wrk %d requests\n", ok, bad, wrk }' "$out/load.log"
warm=${samples[5]:-${samples[0]}}   # the sample at 30 s
last=${samples[-1]}
limit=$((warm + warm / 10 + 4096))
printf 'soak: RSS after warm-up %s KiB, at the end %s KiB (limit %s KiB)\n' "$warm" "$last" "$limit"
if ((last > limit)); then echo "soak: FAILED: resident memory grew" >&2; exit 1; fi
echo "soak: ok: resident memory flat after warm-up"
