#!/usr/bin/env bash
# protobench.sh [SECONDS] [ROUNDS]: room619 against swift-protobuf, binary encode/decode.
#
# Builds ProtoBench as the product ships (release, no -Ounchecked), then for each round runs
# the peer (../../shared/peers/protobench.sh) immediately followed by ours, so each pair of
# numbers comes from one sitting. All RESULT lines go to $RESULTS_DIR/protobench-<time>.txt;
# the table of medians per (msg, op), the ratio and the size/fnv check go to stdout.
#
# Env: PEERS_DIR (../../shared/peers), RESULTS_DIR (/tmp/room619-bench), BENCH_CPU (unset:
# no pinning; a CPU number pins both sides to it with taskset), OURS_ARGS (extra arguments
# for ProtoBench, e.g. --like-for-like to also time the peer's array-in/array-out shapes).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
seconds="${1:-2}"
rounds="${2:-3}"
peers="${PEERS_DIR:-$here/../../shared/peers}"
results_dir="${RESULTS_DIR:-/tmp/room619-bench}"
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

[[ -x $peers/protobench.sh ]] || { echo "ERROR: $peers/protobench.sh not found (set PEERS_DIR)" >&2; exit 1; }
pin=()
if [[ -n ${BENCH_CPU:-} ]]; then pin=(taskset -c "$BENCH_CPU"); fi

log "building ProtoBench (swift build -c release) ..."
swift build -c release --package-path "$here" --product ProtoBench >&2
ours="$(swift build -c release --package-path "$here" --show-bin-path)/ProtoBench"

mkdir -p "$results_dir"
out="$results_dir/protobench-$(date +%Y%m%d-%H%M%S).txt"
{
  echo "# protobench seconds=$seconds rounds=$rounds cpu=${BENCH_CPU:-any} ours_args=${OURS_ARGS:-} host=$(hostname)"
  echo "# $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //') nproc=$(nproc)"
  echo "# git $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$here" diff --quiet HEAD -- ../Sources/ProtoRuntime ../Sources/Bytes 2>/dev/null || echo ' (ProtoRuntime/Bytes modified)')"
} >"$out"
for ((r = 1; r <= rounds; r++)); do
  echo "# round $r start $(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out"
  log "round $r/$rounds: swift-protobuf ..."
  "${pin[@]}" "$peers/protobench.sh" "$seconds" | grep '^RESULT' | sed "s/\$/ round=$r/" | tee -a "$out" >&2
  log "round $r/$rounds: room619 ..."
  # shellcheck disable=SC2086  # OURS_ARGS is a list of flags
  "${pin[@]}" "$ours" "$seconds" ${OURS_ARGS:-} | grep '^RESULT' | sed "s/\$/ round=$r/" | tee -a "$out" >&2
done
echo "# end $(date +%T) load $(cut -d' ' -f1-3 /proc/loadavg)" >>"$out"
log "raw results: $out"
python3 "$here/Scripts/summarize-protobench.py" "$out"
