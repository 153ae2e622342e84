#!/usr/bin/env bash
# run-http.sh [SECONDS] [http1|http2|hpack|routing|all]: runs the transport fuzzers and the
# gateway's routing fuzzer built by Fuzz/build-http.sh for SECONDS each (default 60; `all` runs
# the four one after another).
# Corpora persist in .build-fuzz/http/corpus-<target>/, crashes go to .build-fuzz/http/artifacts/,
# logs to .build-fuzz/http/logs/. Seeds are written fresh each run (Fuzz/README.md lists them).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${FUZZ_HTTP_BUILD_DIR:-$PWD/.build-fuzz/http}
seconds=${1:-60}
which=${2:-all}
mkdir -p "$OUT/artifacts" "$OUT/logs"

seed() {  # seed TARGET NAME BYTES (printf format)
  mkdir -p "$OUT/corpus-$1"
  printf "$3" >"$OUT/corpus-$1/seed-$2"
}
seed http1 get 'GET /v1/items/42?x=1 HTTP/1.1\r\nHost: a\r\nAccept: */*\r\n\r\n'
seed http1 chunked 'POST /v1/echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;x=1\r\nhello\r\n0\r\nT: v\r\n\r\n'
seed http1 length 'POST / HTTP/1.0\r\nContent-Length: 3\r\nConnection: keep-alive\r\n\r\nabc'
seed http2 settings '\x00\x00\x0c\x04\x00\x00\x00\x00\x00\x00\x03\x00\x00\x00\x64\x00\x04\x00\x01\x00\x00'
seed http2 headers '\x00\x00\x11\x01\x05\x00\x00\x00\x01\x82\x86\x84\x41\x8c\xf1\xe3\xc2\xe5\xf2\x3a\x6b\xa0\xab\x90\xf4\xff'
seed http2 padded '\x00\x00\x08\x00\x09\x00\x00\x00\x03\x02abcde\x00\x00\x00\x00\x08\x06\x00\x00\x00\x00\x00\x01\x02\x03\x04\x05\x06\x07\x08'
seed hpack c3 '\x82\x86\x84\x41\x0f\x77\x77\x77\x2e\x65\x78\x61\x6d\x70\x6c\x65\x2e\x63\x6f\x6d\xff\x00\x82\x86\x84\xbe\x58\x08\x6e\x6f\x2d\x63\x61\x63\x68\x65'
seed hpack c4 '\x82\x86\x84\x41\x8c\xf1\xe3\xc2\xe5\xf2\x3a\x6b\xa0\xab\x90\xf4\xff\xff\x00\x82\x87\x85\xbf\x40\x88\x25\xa8\x49\xe9\x5b\xa9\x7d\x7f\x89\x25\xa8\x49\xe9\x5b\xb8\xe8\xb4\xbf'
seed hpack resize '\x3f\xe1\x1f\x82\xff\x00\x20\x82'
seed routing book '\x00/v1/shelves/1/books/2?view=FULL&page.size=10\nq=a+b&tag=x&tag=y'
seed routing files '\x13/v1/files/a/b%%2Fc/d:undelete\nx=%%E2%%82%%AC'

run() {  # run TARGET BINARY
  local log="$OUT/logs/$1-$(date -u +%Y%m%dT%H%M%SZ).log"
  printf '[fuzz/run-http] %s for %s s (log %s)\n' "$1" "$seconds" "$log" >&2
  local status=0
  "$OUT/$2" -max_total_time="$seconds" -max_len=16384 -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix="$OUT/artifacts/$1-" "$OUT/corpus-$1" >"$log" 2>&1 || status=$?
  grep -E '^#[0-9]+.*DONE|ERROR|SUMMARY|runtime failure|^Done' "$log" >&2 || true
  if ((status != 0)); then
    printf '[fuzz/run-http] %s FAILED (exit %s): see %s and %s\n' "$1" "$status" "$log" "$OUT/artifacts" >&2
    return 1
  fi
}
case $which in
  http1) run http1 http1-parser-fuzzer ;;
  http2) run http2 http2-frame-fuzzer ;;
  hpack) run hpack hpack-fuzzer ;;
  routing) run routing gateway-routing-fuzzer ;;
  all) run http1 http1-parser-fuzzer; run http2 http2-frame-fuzzer; run hpack hpack-fuzzer
    run routing gateway-routing-fuzzer ;;
  *) echo "usage: Fuzz/run-http.sh [SECONDS] [http1|http2|hpack|routing|all]" >&2; exit 2 ;;
esac
