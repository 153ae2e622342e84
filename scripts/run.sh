#!/usr/bin/env bash
# The platform's main job, as `./setup.sh run` starts it. Today: generate the Swift code for the
# sample contracts in Protos/ and print it (`room619 generate`). Extra arguments go to room619.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --product room619 >&2
bin=$(swift build --show-bin-path)
if (($#)); then exec "$bin/room619" "$@"; fi
mapfile -t protos < <(cd Protos && find . -name '*.proto' -not -path './google/*' | sed 's|^\./||' | sort)
exec "$bin/room619" generate --proto-path Protos --access public "${protos[@]}"
