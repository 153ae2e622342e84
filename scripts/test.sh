#!/usr/bin/env bash
# Every test, as `./setup.sh test` (and CI, through .ci/run) runs them, after the setup.
#
# 1. Lint: swift-format, explicit access levels on imports, no traps in Sources/.
# 2. Build everything with warnings as errors and the explicit dependency-import check.
# 3. Generated runtime code is up to date with the system .proto files.
# 4. swift test: unit, golden, round-trip and cross-check tests (Python protobuf, protobuf-c).
#    Then the HTTP/2 peer tests: h2, nghttp, h2load and curl against http-bench-server, and the
#    gRPC peer tests: grpcio's client and server against ours (interop cases both ways, health,
#    reflection) and raw HTTP/2 frames (compression flags on the wire, bad input), and grpcio
#    against a validated service; then the validation peers: validate.proto against upstream's,
#    the protovalidate oracle's self-checks.
# 5. The Examples package (a user's package depending on room619 by path) builds and tests.
# 6. Google's protobuf conformance suite (Debian's protobuf source package) against
#    Tests/Conformance's testee.
# 7. The benchmark package and the fuzzer builds (so they do not rot); short bounded fuzz runs.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export PATH="$ROOT/.venv/bin:$PATH"

passed=0
failed=0
failures=()       # the steps that failed, repeated at the end (CI shows the tail of the output)
failed_tests=""   # the Swift tests that failed, likewise
step() { printf '\n==> %s\n' "$*"; }
ok() { passed=$((passed + 1)); printf '    ok: %s\n' "$*"; }
fail() { failed=$((failed + 1)); failures+=("$*"); printf '    FAILED: %s\n' "$*"; }
finish() {
  printf '\nsteps: %d passed, %d failed\n' "$passed" "$failed"
  if [[ -n ${tests_total:-} ]]; then
    printf 'tests: %d passed, %d failed\n' "$((tests_total - tests_failed))" "$tests_failed"
  fi
  for failure in "${failures[@]}"; do printf 'FAILED: %s\n' "$failure"; done
  if [[ -n $failed_tests ]]; then printf '%s\n' "$failed_tests" | sed 's/^/  /'; fi
  ((failed == 0))
}

STRICT=(-Xswiftc -warnings-as-errors --explicit-target-dependency-import-check error)

# The packages that depend on this one by path (Examples, Benchmarks, Tests/Conformance) keep a
# build plan that SwiftPM does not redo when a source file is added to this package: an existing
# checkout then fails with "cannot find type" after a pull. Dropping the plan makes SwiftPM plan
# again (compiled objects stay).
replan() { rm -f "$1"/.build/*/description.json; }

step "lint"
if out=$(swift format lint -r --strict Sources Tests Plugins Examples Benchmarks 2>&1) && [[ -z $out ]]; then
  ok "swift format lint"
else
  printf '%s\n' "$out" | head -40
  fail "swift format lint (fix with: swift format -i -r Sources Tests Plugins Examples Benchmarks)"
fi
# (`import "…"` lines are .proto text the generator bundles, not Swift imports.)
bare=$(grep -rnE '^(@_exported )?import ' Sources --include='*.swift' | grep -v '@_exported public import' |
  grep -v ':import "' || true)
if [[ -z $bare ]]; then ok "every import in Sources/ has an access level"; else printf '%s\n' "$bare"; fail "imports without an access level"; fi
traps=$(grep -rnE --include='*.swift' '(try!|as!|fatalError\(|[]A-Za-z0-9_)]![].( ,)]|[]A-Za-z0-9_)]!$)' Sources |
  grep -v '\.pb\.swift:' | grep -vE '^\S+:\s*//' | grep -vE '!=|!==' || true)
if [[ -z $traps ]]; then ok "no force unwrap, try!, as! or fatalError in Sources/"; else printf '%s\n' "$traps"; fail "possible traps in Sources/"; fi

step "build (debug, warnings as errors)"
start=$(date +%s)
if swift build --build-tests "${STRICT[@]}"; then ok "swift build --build-tests ($(($(date +%s) - start)) s)"; else fail "swift build"; finish; exit 1; fi

step "build plugin without protoc"
if out=$(PROTOC_PATH=/nonexistent/protoc swift build --target CommonContracts 2>&1); then
  fail "the build should fail when protoc is missing"
elif grep -q 'run ./setup.sh' <<<"$out"; then
  ok "a missing protoc fails the build with 'run ./setup.sh'"
else
  printf '%s\n' "$out" | tail -5
  fail "missing-protoc error does not say how to fix it"
fi

step "generated runtime code is up to date"
if PROTOC_GEN_ROOM619="$(swift build --show-bin-path)/protoc-gen-room619" scripts/generate-runtime-protos.sh --check; then
  ok "Sources/ProtoRuntime/{Descriptors,WellKnownTypes} and Sources/ContractCodegen/Options match the generator"
else
  fail "run scripts/generate-runtime-protos.sh and commit the result"
fi

step "swift test"
log=$(mktemp)
if swift test "${STRICT[@]}" 2>&1 | tee "$log" | grep -E '✘|error:|Test run with|Executed' ; [[ ${PIPESTATUS[0]} == 0 ]]; then
  ok "swift test"
else
  grep -E '✘' "$log" | head -40 || true
  fail "swift test"
fi
tests_total=$(sed -n 's/.*Test run with \([0-9]*\) tests\{0,1\} .*/\1/p' "$log" | tail -1)
tests_total=${tests_total:-0}
failed_tests=$(grep -E '^✘ Test .* failed after' "$log" | grep -v '^✘ Test run with' || true)
tests_failed=$(grep -c . <<<"$failed_tests" || true)

step "HTTP/2 peers (Tests/Transport: h2, nghttp, h2load, curl against http-bench-server)"
out=""
if swift build --product http-bench-server "${STRICT[@]}" &&
  out=$(HTTP_BENCH_SERVER="$(swift build --show-bin-path)/http-bench-server" \
    "$ROOT/.venv/bin/python" -m pytest -q -p no:cacheprovider Tests/Transport 2>&1); then
  tail -1 <<<"$out" | sed 's/^/    /'
  ok "HTTP/2 peer tests"
else
  printf '%s\n' "${out:-}" | tail -40
  fail "HTTP/2 peer tests"
fi

step "gRPC peers (Tests/RPC: grpcio interop both ways, health, reflection, raw HTTP/2 wire checks, validation)"
out=""
if swift build --product interop-server "${STRICT[@]}" && swift build --product interop-client "${STRICT[@]}" &&
  swift build --product signup-server "${STRICT[@]}" &&
  out=$(INTEROP_SERVER="$(swift build --show-bin-path)/interop-server" \
    INTEROP_CLIENT="$(swift build --show-bin-path)/interop-client" \
    SIGNUP_SERVER="$(swift build --show-bin-path)/signup-server" \
    "$ROOT/.venv/bin/python" -m pytest -q -p no:cacheprovider Tests/RPC/interop Tests/RPC/wire Tests/RPC/validation 2>&1); then
  tail -1 <<<"$out" | sed 's/^/    /'
  ok "gRPC peer tests"
else
  printf '%s\n' "${out:-}" | tail -40
  fail "gRPC peer tests"
fi

step "Auth peers (Tests/Auth: PyJWT and cryptography against our JWTs and JWKS both ways, forged tokens, argon2-cffi)"
out=""
if swift build --product auth-tool "${STRICT[@]}" &&
  out=$(AUTH_TOOL="$(swift build --show-bin-path)/auth-tool" \
    "$ROOT/.venv/bin/python" -m pytest -q -p no:cacheprovider Tests/Auth 2>&1); then
  tail -1 <<<"$out" | sed 's/^/    /'
  ok "Auth peer tests"
else
  printf '%s\n' "${out:-}" | tail -40
  fail "Auth peer tests"
fi

step "contract peers (validate.proto and google/api against upstream's; the protovalidate oracle)"
if out=$("$ROOT/.venv/bin/python" -m pytest -q -p no:cacheprovider Tests/Validation Tests/Contracts 2>&1); then
  tail -1 <<<"$out" | sed 's/^/    /'
  ok "contract peer tests"
else
  printf '%s\n' "${out:-}" | tail -40
  fail "contract peer tests"
fi

step "OpenAPI (Generated/openapi regenerated and diffed; openapi-spec-validator 3.1; proto3 JSON against the schemas)"
start=$(date +%s)
openapi_out=$(mktemp -d)
out=""
if ROOM619="$(swift build --show-bin-path)/room619" scripts/generate-openapi.sh "$openapi_out" >/dev/null &&
  diff -r "$openapi_out" Generated/openapi; then
  if out=$("$ROOT/.venv/bin/python" -m pytest -q -p no:cacheprovider Tests/OpenAPI 2>&1); then
    tail -1 <<<"$out" | sed 's/^/    /'
    ok "OpenAPI documents up to date and valid ($(($(date +%s) - start)) s)"
  else
    printf '%s\n' "$out" | tail -40
    fail "OpenAPI document tests"
  fi
else
  fail "Generated/openapi differs from the contracts: run scripts/generate-openapi.sh and commit the result"
fi
rm -rf "$openapi_out"

step "REST (schemathesis from Generated/openapi against sample-server; every documented status reached)"
start=$(date +%s)
if out=$(SAMPLE_SERVER="$(swift build --show-bin-path)/sample-server" \
  "$ROOT/.venv/bin/python" -m pytest -q -s -p no:cacheprovider Tests/REST/schemathesis 2>&1); then
  grep -E "generated|Seed:" <<<"$out" | sed 's/^ */    /'
  tail -1 <<<"$out" | sed 's/^/    /'
  ok "schemathesis and the documented statuses ($(($(date +%s) - start)) s)"
else
  printf '%s\n' "$out" | tail -60
  fail "REST: schemathesis or a documented status"
fi

step "platform end to end (room619 run on SQLite and on a throwaway PostgreSQL: curl, grpcio, PyJWT-forged tokens, 64-client stock race, SIGTERM and SIGKILL restarts)"
out=""
if swift build --product room619 "${STRICT[@]}" &&
  out=$(ROOM619_BIN="$(swift build --show-bin-path)/room619" \
    "$ROOT/.venv/bin/python" -m pytest -q -p no:cacheprovider Tests/Platform 2>&1); then
  tail -1 <<<"$out" | sed 's/^/    /'
  ok "platform end-to-end tests"
else
  printf '%s\n' "${out:-}" | tail -60
  fail "platform end-to-end tests"
fi

step "Examples (a user's package)"
replan Examples
if swift build --package-path Examples "${STRICT[@]}" && swift test --package-path Examples; then
  ok "Examples build and test"
else
  fail "Examples"
fi

step "a new service (room619 new service widget: the scaffold builds and passes its test)"
scaffold=$(mktemp -d)
if swift build --product room619 "${STRICT[@]}" &&
  "$(swift build --show-bin-path)/room619" new service widget --out "$scaffold/widget" --room619 "$ROOT" >/dev/null &&
  swift build --package-path "$scaffold/widget" "${STRICT[@]}" && swift test --package-path "$scaffold/widget"; then
  ok "the scaffolded service builds and passes its test"
else
  fail "room619 new service"
fi
rm -rf "$scaffold"

step "protobuf conformance suite (binary and JSON cases) and the testee's protocol tests"
if out=$(scripts/conformance.sh 2>&1); then
  grep 'CONFORMANCE SUITE' <<<"$out" | sed 's/^/    /'
  ok "conformance_test_runner --enforce_recommended"
else
  printf '%s\n' "$out" | tail -30
  fail "conformance suite"
fi

if [[ -f Benchmarks/Package.swift ]]; then
  step "Benchmarks build"
  replan Benchmarks
  if swift build --package-path Benchmarks; then ok "Benchmarks build"; else fail "Benchmarks build"; fi
fi

if [[ -x Fuzz/build.sh ]]; then
  step "fuzzers (binary and JSON decoders, validators and RE2: build + ${FUZZ_SECONDS:-30} s bounded run)"
  if PROTOC_GEN_ROOM619="$(swift build --show-bin-path)/protoc-gen-room619" Fuzz/build.sh &&
    Fuzz/run.sh "${FUZZ_SECONDS:-30}"; then ok "fuzzer"; else fail "fuzzer"; fi
fi

if [[ -x Fuzz/build-http.sh ]]; then
  step "transport and routing fuzzers (HTTP/1.1 parser, HTTP/2 frames, HPACK, the gateway router: build + 10 s each)"
  if Fuzz/build-http.sh && Fuzz/run-http.sh 10 all; then ok "transport fuzzers"; else fail "transport fuzzers"; fi
fi

finish
