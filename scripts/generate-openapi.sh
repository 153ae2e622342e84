#!/usr/bin/env bash
# Regenerates the OpenAPI 3.1 documents of the contracts in Protos/: one document per proto
# package with google.api.http routes, written as Generated/openapi/<package>.openapi.json by
# `room619 openapi` (stale documents are removed). The test command runs it into a temporary
# directory and fails on any difference from what is committed.
#
# usage: scripts/generate-openapi.sh [OUT_DIR]      (default: Generated/openapi)
#   ROOM619=path/to/room619 uses that binary instead of building one.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-Generated/openapi}
room619=${ROOM619:-}
if [[ -z $room619 ]]; then
  swift build --product room619 >&2
  room619="$(swift build --show-bin-path)/room619"
fi
# The contracts with routes, less the option definitions themselves (google/, buf/, room619/api/).
mapfile -t files < <(cd Protos && grep -rlE 'option \(google\.api\.http\)' --include='*.proto' . |
  sed 's|^\./||' | grep -vE '^(google|buf)/|^room619/api/' | LC_ALL=C sort)
mkdir -p "$out"
rm -f "$out"/*.openapi.json
if ((${#files[@]} > 0)); then
  "$room619" openapi -I Protos --out "$out" "${files[@]}" >/dev/null
fi
ls "$out"/*.openapi.json 2>/dev/null | sed 's/^/wrote /' || true
