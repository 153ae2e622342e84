#!/usr/bin/env bash
# Builds the transport's libFuzzer targets (libFuzzer + AddressSanitizer), outside `swift build`
# for the reason Fuzz/build.sh gives:
#   http1-parser-fuzzer   the HTTP/1.1 request parser and chunked decoder (Fuzz/HTTP/HTTP1Fuzz.swift)
#   http2-frame-fuzzer    the HTTP/2 frame decoder, padding, request-header checks (HTTP2FrameFuzz.swift)
#   hpack-fuzzer          the HPACK decoder, with an encoder round trip (HPACKFuzz.swift)
# Each harness is compiled into the Transport module itself (it tests internals); the C shim is
# compiled with clang. Output goes to .build-fuzz/http/ (or FUZZ_HTTP_BUILD_DIR).
#
#   Fuzz/build-http.sh && Fuzz/run-http.sh 600 hpack
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
OUT=${FUZZ_HTTP_BUILD_DIR:-$ROOT/.build-fuzz/http}
say() { printf '[fuzz/build-http] %s\n' "$*" >&2; }

SWIFT_FLAGS=(
  -swift-version 6
  -enable-upcoming-feature InternalImportsByDefault
  -enable-upcoming-feature MemberImportVisibility
  -enable-upcoming-feature ExistentialAny
  -package-name room619
  -parse-as-library -wmo -O -g
  -sanitize=fuzzer,address
)

rm -rf "$OUT/src" && mkdir -p "$OUT/src" "$OUT/modules" "$OUT/obj"
cp -R Sources/Bytes Sources/CTransport Sources/Transport "$OUT/src/"
git rev-parse HEAD >"$OUT/build-info.txt" 2>/dev/null || true

say "compiling CTransport (clang)"
clang -c -O1 -g -fsanitize=fuzzer-no-link,address -I "$OUT/src/CTransport/include" \
  "$OUT/src/CTransport/shim.c" -o "$OUT/obj/CTransport.o"

say "compiling Bytes"
mapfile -t bytes < <(find "$OUT/src/Bytes" -name '*.swift' | sort)
swiftc "${SWIFT_FLAGS[@]}" -module-name Bytes -emit-module -emit-module-path "$OUT/modules/Bytes.swiftmodule" \
  -c -o "$OUT/obj/Bytes.o" "${bytes[@]}"

mapfile -t transport < <(find "$OUT/src/Transport" -name '*.swift' | sort)
for target in http1-parser:HTTP1Fuzz http2-frame:HTTP2FrameFuzz hpack:HPACKFuzz; do
  name=${target%%:*}
  harness=${target##*:}
  say "building $name-fuzzer (Transport + Fuzz/HTTP/$harness.swift)"
  (cd "$OUT/obj" && swiftc "${SWIFT_FLAGS[@]}" -module-name Transport -I "$OUT/modules" \
    -Xcc -fmodule-map-file="$OUT/src/CTransport/include/module.modulemap" \
    "${transport[@]}" "$ROOT/Fuzz/HTTP/$harness.swift" "$OUT/obj/Bytes.o" "$OUT/obj/CTransport.o" \
    -use-ld=lld -o "$OUT/$name-fuzzer")
done
# The gateway's router and query parser (Sources/HTTPRouting needs only the standard library).
mapfile -t routing < <(find "$ROOT/Sources/HTTPRouting" -name '*.swift' | sort)
say "building gateway-routing-fuzzer (HTTPRouting + Fuzz/Gateway/GatewayRoutingFuzz.swift)"
(cd "$OUT/obj" && swiftc "${SWIFT_FLAGS[@]}" -module-name HTTPRouting "${routing[@]}" \
  "$ROOT/Fuzz/Gateway/GatewayRoutingFuzz.swift" -use-ld=lld -o "$OUT/gateway-routing-fuzzer")
say "built $OUT/{http1-parser,http2-frame,hpack,gateway-routing}-fuzzer"
