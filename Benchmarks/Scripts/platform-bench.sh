#!/usr/bin/env bash
# Benchmarks/Scripts/platform-bench.sh [sqlite|postgres|both] [SECONDS] [--profile]
#
# The platform benchmark of issue 14: `room619 run` (the user and product services, REST and
# gRPC on one port) on a temporary data directory with 10,000 seeded products, the platform
# (and PostgreSQL) on CPU 0, the load on CPU 1, each scenario SECONDS long (default 10) after a
# warm-up (WARMUP, default 2 s):
#
#   get-product   GET /v1/products/{id}, random seeded ids             wrk -c64 (platform-get-product.lua)
#   search        GET /v1/products:search, catalogue words, 20 a page wrk -c64 (platform-search.lua)
#   search-c1     the same, one connection: a search's own latency      wrk -c1
#   me            GET /v1/users/me with a user's bearer token          wrk -c64 (platform-me.lua)
#   register      POST /v1/users, a new email per request              wrk -c4  (platform-register.lua)
#   login         POST /v1/auth:login over 16 accounts                 wrk -c4  (platform-login.lua)
#   grpc-reserve, grpc-release   ReserveStock then ReleaseReservation  PlatformLoad, 16 workers
#                 (internal RPCs: a service token signed with <data dir>/keys/signing.pem)
#   argon2id-hash Argon2id hashes/s on one thread of CPU 0 (PlatformLoad hashes, platform idle)
#
# Durability as shipped, nothing turned off: SQLite in WAL mode with synchronous=NORMAL (the
# platform's default); PostgreSQL with its defaults fsync=on, synchronous_commit=on,
# full_page_writes=on (set explicitly, and read back into the results).
#
# Per scenario: req/s, p50, p99, errors (non-2xx answers and socket errors, with the statuses
# where tallied), and CPU µs per request of the platform process and of PostgreSQL (from
# /proc/PID/stat). Prints a Markdown table; keeps the RESULT lines (platform-TIME.txt), the
# table (.md) and the logs (platform-TIME-logs/) in ${RESULTS_DIR:-/tmp/room619-bench}.
# --profile also runs `perf record` on the platform during an extra get-product run (not in the
# table) and prints its samples grouped by module (platform-profile.py).
#
# Env: WARMUP (2), CONNECTIONS (64), HASH_CONNECTIONS (4), WORKERS (16), USERS (16),
# PRODUCTS (10000), BENCH_TMP (where the temporary directory goes; default /var/tmp, a disk,
# since tmpfs would make fsync free).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE="$ROOT/Benchmarks/Scripts"
BACKENDS=sqlite DURATION=10 PROFILE=0
positional=()
for argument in "$@"; do
  case $argument in
    --profile) PROFILE=1 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) positional+=("$argument") ;;
  esac
done
case ${positional[0]:-sqlite} in
  sqlite | postgres) BACKENDS=${positional[0]:-sqlite} ;;
  both) BACKENDS="sqlite postgres" ;;
  *) echo "usage: platform-bench.sh [sqlite|postgres|both] [SECONDS] [--profile]" >&2; exit 64 ;;
esac
DURATION=${positional[1]:-10}
[[ $DURATION =~ ^[0-9]+$ && $DURATION -ge 1 && $DURATION -le 120 ]] || { echo "SECONDS: 1 to 120" >&2; exit 64; }
WARMUP=${WARMUP:-2} CONNECTIONS=${CONNECTIONS:-64} HASH_CONNECTIONS=${HASH_CONNECTIONS:-4}
WORKERS=${WORKERS:-16} USERS=${USERS:-16} PRODUCTS=${PRODUCTS:-10000}
RESULTS_DIR=${RESULTS_DIR:-/tmp/room619-bench}
mkdir -p "$RESULTS_DIR"
STAMP=$(date +%Y%m%d-%H%M%S)
RESULTS="$RESULTS_DIR/platform-$STAMP.txt"
WORK=$(mktemp -d "${BENCH_TMP:-/var/tmp}/room619-platform-XXXXXX")
chmod 755 "$WORK"
TICKS=$(getconf CLK_TCK)
SERVER_PID="" PG_CTL=() PG_DATA=""

log() { printf '%s platform-bench: %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

cleanup() {
  local status=$?
  stop_platform
  stop_postgres
  mkdir -p "${RESULTS%.txt}-logs"
  cp "$WORK"/*.log "${RESULTS%.txt}-logs/" 2>/dev/null || true
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v wrk >/dev/null || die "wrk is missing (apt-get install wrk)"
command -v taskset >/dev/null || die "taskset is missing (util-linux)"

log "building room619 and PlatformLoad (release)"
(cd "$ROOT" && swift build -c release --product room619 >"$WORK/build.log" 2>&1) || { cat "$WORK/build.log" >&2; die "room619 did not build"; }
(cd "$ROOT/Benchmarks" && swift build -c release --product PlatformLoad >>"$WORK/build.log" 2>&1) || { cat "$WORK/build.log" >&2; die "PlatformLoad did not build"; }
ROOM619="$ROOT/.build/release/room619"
LOAD="$ROOT/Benchmarks/.build/release/PlatformLoad"

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
# alive PID: the process runs (a zombie waiting for `wait` does not).
alive() {
  local state
  state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) && [[ -n $state && $state != Z ]]
}
ticks_of() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }

# The CPU ticks of PostgreSQL: the postmaster and its children (the backends serving the pools).
postgres_ticks() {
  [[ -n $PG_DATA && -s $PG_DATA/postmaster.pid ]] || { echo 0; return; }
  local master total=0 pid
  master=$(head -1 "$PG_DATA/postmaster.pid")
  total=$(ticks_of "$master")
  for pid in $(pgrep -P "$master" || true); do total=$((total + $(ticks_of "$pid"))); done
  echo "$total"
}

# start_postgres: a throwaway cluster on a free loopback port in $WORK/pg, on CPU 0, at
# PostgreSQL's default durability; sets DATABASE_URL. As root it runs as the `postgres` user
# (initdb refuses root), like Tests/Platform/postgres_cluster.py.
start_postgres() {
  local initdb bin port dir=$WORK/pg as=()
  initdb=$(ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1 || true)
  [[ -n $initdb ]] || die "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run ./setup.sh"
  bin=$(dirname "$initdb")
  mkdir -p "$dir"
  if [[ $(id -u) == 0 ]]; then
    chown postgres:postgres "$dir"
    as=(/usr/sbin/runuser -u postgres --)
  fi
  PG_DATA=$dir/data
  port=$(free_port)
  log "postgres: initdb and start on 127.0.0.1:$port (CPU 0)"
  (cd / && "${as[@]}" "$bin/initdb" -D "$PG_DATA" -U postgres --auth=trust -E UTF8) >"$WORK/postgres-initdb.log" 2>&1 ||
    { cat "$WORK/postgres-initdb.log" >&2; die "initdb failed"; }
  PG_CTL=("${as[@]}" "$bin/pg_ctl")
  (cd / && taskset -c 0 "${PG_CTL[@]}" start -w -D "$PG_DATA" -l "$dir/server.log" \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c full_page_writes=on") \
    >/dev/null || die "PostgreSQL did not start (see $dir/server.log)"
  "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres room619
  DATABASE_URL=postgres://postgres@127.0.0.1:$port/room619
  local settings version
  settings=$("$bin/psql" "$DATABASE_URL" -At -c "select string_agg(name || '=' || setting, ' ' order by name)
    from pg_settings where name in ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method',
    'shared_buffers', 'max_connections')")
  version=$("$bin/psql" "$DATABASE_URL" -At -c 'show server_version')
  echo "NOTE postgres $version: $settings (shared_buffers in 8 kB pages); postmaster on CPUs" \
    "$(taskset -pc "$(head -1 "$PG_DATA/postmaster.pid")" | awk '{print $NF}')" | tee -a "$RESULTS"
}

stop_postgres() {
  [[ -n $PG_DATA && ${#PG_CTL[@]} -gt 0 ]] || return 0
  (cd / && "${PG_CTL[@]}" stop -D "$PG_DATA" -m fast -w >/dev/null 2>&1) || true
  cp "$(dirname "$PG_DATA")/server.log" "$WORK/postgres-server.log" 2>/dev/null || true
  PG_DATA="" PG_CTL=()
}

# platform_env BACKEND: sets PLATFORM_ENV, the `env` arguments of the platform's processes for
# BACKEND (an array, so that `env "${PLATFORM_ENV[@]}" taskset … room619 run &` execs into
# room619 itself and $! is its pid).
platform_env() {
  PLATFORM_ENV=(HOST=127.0.0.1 ROOM619_DATA_DIR="$DATA" ROOM619_ADMIN_PASSWORD="bench administrator password")
  if [[ $1 == postgres ]]; then
    PLATFORM_ENV+=(DATABASE_URL="$DATABASE_URL")
  else
    PLATFORM_ENV=(-u DATABASE_URL "${PLATFORM_ENV[@]}")
  fi
}

start_platform() {
  local backend=$1 port
  port=$(free_port)
  URL=http://127.0.0.1:$port
  log "$backend: room619 run on $URL (CPU 0)"
  env "${PLATFORM_ENV[@]}" PORT="$port" taskset -c 0 "$ROOM619" run >"$WORK/platform-$backend.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 600); do
    if curl -sf "$URL/health/ready" >/dev/null 2>&1; then
      # The CPU figures read /proc/$SERVER_PID: it must be room619 itself, not a shell around it.
      [[ $(cat "/proc/$SERVER_PID/comm") == room619 ]] || die "pid $SERVER_PID is not room619"
      return 0
    fi
    alive "$SERVER_PID" || { cat "$WORK/platform-$backend.log" >&2; die "room619 run exited"; }
    sleep 0.1
  done
  die "room619 run was not ready within 60 s"
}

stop_platform() {
  [[ -n $SERVER_PID ]] || return 0
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 150); do alive "$SERVER_PID" || break; sleep 0.1; done
  kill -KILL "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

# measure BACKEND COMMAND…: runs the load COMMAND (it prints RESULT lines) and appends them to
# $RESULTS with the backend and the CPU time the platform and PostgreSQL spent meanwhile, per
# request (over all the lines' requests: reserve and release share one figure).
measure() {
  local backend=$1 output s0 d0 s1 d1
  shift
  s0=$(ticks_of "$SERVER_PID") d0=$(postgres_ticks)
  output=$("$@" | grep '^RESULT ') || die "no result from: $*"
  s1=$(ticks_of "$SERVER_PID") d1=$(postgres_ticks)
  python3 -c "$CPU_FIELDS" "$backend" $((s1 - s0)) $((d1 - d0)) "$TICKS" <<<"$output" | tee -a "$RESULTS"
}

# Appends the per-request CPU figures to each RESULT line on stdin (for measure()).
CPU_FIELDS='
import re, sys
backend, server, database, ticks = sys.argv[1], *map(int, sys.argv[2:])
lines = sys.stdin.read().splitlines()
requests = sum(int(re.search(r" requests=(\d+)", line).group(1)) for line in lines)
def per(t):
    return f"{t / ticks * 1e6 / requests:.1f}" if requests else "-"
for line in lines:
    db = per(database) if backend == "postgres" else "-"
    print(line.replace("RESULT ", f"RESULT backend={backend} ", 1) + f" server_cpu_us={per(server)} db_cpu_us={db}")
'

# wrk_scenario BACKEND NAME CONNECTIONS [LABEL]: a warm-up, then the measured run of
# platform-NAME.lua, reported as LABEL (default NAME).
wrk_scenario() {
  local backend=$1 name=$2 connections=$3 label=${4:-$2}
  run_wrk() {
    env PLATFORM_SCENARIO="$label" PLATFORM_DATA="$FILES" PLATFORM_LUA_DIR="$HERE" PLATFORM_RUN="$backend$1$RANDOM" \
      taskset -c 1 wrk -t1 -c"$connections" -d"$1s" --timeout 10s -s "$HERE/platform-$name.lua" "$URL"
  }
  if [[ $WARMUP -gt 0 ]]; then
    run_wrk "$WARMUP" >"$WORK/warmup-$backend-$label.log" 2>&1 ||
      { cat "$WORK/warmup-$backend-$label.log" >&2; die "the warm-up of $label failed"; }
  fi
  log "$backend: $label, ${DURATION} s, $connections connections"
  measure "$backend" run_wrk "$DURATION"
}

grpc_scenario() {
  local backend=$1
  local command=(taskset -c 1 "$LOAD" reserve --target="127.0.0.1:${URL##*:}" --key="$DATA/keys/signing.pem"
    --workers="$WORKERS" --label="$backend")
  if [[ $WARMUP -gt 0 ]]; then
    "${command[@]}" --seconds="$WARMUP" --warm-up=0 >"$WORK/warmup-$backend-grpc.log" 2>&1 ||
      { cat "$WORK/warmup-$backend-grpc.log" >&2; die "the gRPC warm-up failed"; }
  fi
  log "$backend: grpc reserve/release, ${DURATION} s, $WORKERS workers"
  measure "$backend" "${command[@]}" --seconds="$DURATION" --warm-up=0
}

# profile BACKEND: perf record on the platform during an extra get-product run; the samples by
# module and the top symbols, printed and kept next to the results.
profile() {
  local backend=$1 out="${RESULTS%.txt}-$backend-profile.md"
  command -v perf >/dev/null || { log "perf is not installed: no profile"; return 0; }
  log "$backend: profiling get-product for ${DURATION} s (perf record -e cpu-clock, not in the table)"
  perf record -e cpu-clock -F 999 -p "$SERVER_PID" -o "$WORK/perf.data" -- sleep "$DURATION" \
    >"$WORK/perf-record.log" 2>&1 &
  local perf=$!
  env PLATFORM_SCENARIO=get-product-profiled PLATFORM_DATA="$FILES" PLATFORM_LUA_DIR="$HERE" \
    taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" -s "$HERE/platform-get-product.lua" "$URL" |
    grep '^RESULT' >"$WORK/profiled.txt" || true
  wait "$perf" || { cat "$WORK/perf-record.log" >&2; log "perf record failed: no profile"; return 0; }
  {
    echo "## $backend: where the platform's CPU time goes, GET /v1/products/{id}"
    echo
    echo "perf record -e cpu-clock -F 999 (self time, no call graphs) during: $(cat "$WORK/profiled.txt")"
    echo
    python3 "$HERE/platform-profile.py" "$WORK/perf.data" 25
  } | tee "$out"
}

run_backend() {
  local backend=$1
  DATA=$WORK/$backend-data FILES=$WORK/$backend-load DATABASE_URL=""
  mkdir -p "$DATA" "$FILES"
  if [[ $backend == postgres ]]; then
    start_postgres
  else
    echo "NOTE sqlite: WAL journal, synchronous=NORMAL (the platform's default: a commit survives a" \
      "process crash; an OS crash may lose the last commits), one file per service" | tee -a "$RESULTS"
  fi
  log "$backend: seeding $PRODUCTS products"
  platform_env "$backend"
  env "${PLATFORM_ENV[@]}" taskset -c 0 "$ROOM619" seed --products="$PRODUCTS" | sed 's/^/NOTE seed: /' | tee -a "$RESULTS"
  log "$backend: Argon2id hashes per second on CPU 0 (3 s)"
  taskset -c 0 "$LOAD" hashes --seconds=3 --label="$backend" | grep '^RESULT' |
    sed "s/^RESULT /RESULT backend=$backend /" | tee -a "$RESULTS"
  start_platform "$backend"
  log "$backend: listing products, checking queries, signing up $USERS users"
  python3 "$HERE/platform-setup.py" "$URL" "$FILES" --users="$USERS" --expect-products="$PRODUCTS" >&2
  wrk_scenario "$backend" get-product "$CONNECTIONS"
  wrk_scenario "$backend" search "$CONNECTIONS"
  wrk_scenario "$backend" search 1 search-c1
  wrk_scenario "$backend" me "$CONNECTIONS"
  wrk_scenario "$backend" register "$HASH_CONNECTIONS"
  wrk_scenario "$backend" login "$HASH_CONNECTIONS"
  grpc_scenario "$backend"
  [[ $PROFILE == 1 ]] && profile "$backend"
  stop_platform
  stop_postgres
}

{
  echo "NOTE started $(date -Is) commit $(git -C "$ROOT" describe --always --dirty) on $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))"
  echo "NOTE load average at start: $(cut -d' ' -f1-3 /proc/loadavg); scenarios ${DURATION} s after ${WARMUP} s warm-up"
  echo "NOTE data on $(df -T "$WORK" | awk 'NR == 2 {print $2}') ($WORK)"
} | tee "$RESULTS"

for backend in $BACKENDS; do
  run_backend "$backend"
done

python3 "$HERE/platform-summary.py" "$RESULTS" | tee "${RESULTS%.txt}.md"
log "results: $RESULTS and ${RESULTS%.txt}.md"
