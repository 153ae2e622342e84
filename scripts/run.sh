#!/usr/bin/env bash
# The platform, as `./setup.sh run` starts it: `room619 run` — the user and product services,
# REST and gRPC on one port (PORT, default 8080), SQLite in ./room619-data (or DATABASE_URL for
# PostgreSQL). Extra arguments go to `room619 run` (`--port=9000`, `--data-dir=/tmp/x`).
# A release build: the platform is for use, not for a debugger.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "[run] building room619 (release; the first build takes a few minutes)" >&2
swift build -c release --product room619 >&2
exec "$(swift build -c release --show-bin-path)/room619" run "$@"
