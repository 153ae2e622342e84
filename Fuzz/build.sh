#!/usr/bin/env bash
# Builds the protobuf decoder fuzzers (libFuzzer + AddressSanitizer) and their seed corpora:
# proto-decoder-fuzzer (binary decoder), json-decoder-fuzzer (proto3 JSON decoder) and
# validation-fuzzer (generated validators and the RE2 engine).
#
#   Fuzz/build.sh                      build both into .build-fuzz/fuzz/
#   FUZZ_BUILD_DIR=/some/dir Fuzz/build.sh
#   PROTOC_GEN_ROOM619=path/to/binary Fuzz/build.sh    use an already-built generator
#   FUZZ_PROTOS_ROOT=/some/dir Fuzz/build.sh           read room619/testing/v1/*.proto from there
#
# `swift build --sanitize=fuzzer` would also instrument the generator and the build plugin's
# tools, which then fail to link (each gets libFuzzer's main), so this script calls swiftc
# directly: Bytes and ProtoRuntime become separate modules (generated code writes
# `ProtoRuntime.ByteBuffer`, re-exported from Bytes), then the generated test contracts and
# the harness are linked with them into one executable per target. Everything is instrumented.
#
# Output (nothing here is committed):
#   <dir>/proto-decoder-fuzzer   the binary decoder fuzzer (harness: Fuzz/ProtoDecoder)
#   <dir>/json-decoder-fuzzer    the JSON decoder fuzzer (harness: Fuzz/JSONDecoder, root message
#                                Fuzz/Protos/room619/fuzz/v1/json_fuzz.proto)
#   <dir>/validation-fuzzer      generated validators (harness: Fuzz/Validation, root message
#                                golden.validation.Everything) and the RE2 engine
#   <dir>/src/, build-info.txt   the runtime sources they were compiled from, and their commit
#   <dir>/seeds/, json-seeds/    seed inputs, rebuilt every time
#   <dir>/corpus/, json-corpus/  libFuzzer's working corpora (kept between runs, see run.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SCRATCH=$ROOT/.build-fuzz
OUT=${FUZZ_BUILD_DIR:-$SCRATCH/fuzz}
PROTOS=${FUZZ_PROTOS_ROOT:-$ROOT/Tests/ContractsTests/Protos}
TEST_PROTOS=(room619/testing/v1/all_types.proto room619/testing/v1/proto2_types.proto)
# The JSON fuzzer's root message (fuzz-only; it imports the test protos above).
FUZZ_PROTOS=$ROOT/Fuzz/Protos
JSON_PROTOS=(room619/fuzz/v1/json_fuzz.proto)
INCLUDE=/usr/include
# The validation fuzzer's root message: every family of standard rules (the generator's golden input).
VALIDATION_PROTOS_ROOT=$ROOT/Tests/ContractCodegenTests/Golden
VALIDATION_PROTOS=(validation.proto)
# Small well-known files, for seeds that fit under run.sh's -max_len.
SMALL_PROTOS=(google/protobuf/any.proto google/protobuf/duration.proto google/protobuf/empty.proto
  google/protobuf/timestamp.proto google/protobuf/wrappers.proto)

say() { printf '[fuzz/build] %s\n' "$*" >&2; }

# The same language settings as Package.swift's `strict`, plus what the fuzzer needs.
SWIFT_FLAGS=(
  -swift-version 6
  -enable-upcoming-feature InternalImportsByDefault
  -enable-upcoming-feature MemberImportVisibility
  -enable-upcoming-feature ExistentialAny
  -package-name room619
  -parse-as-library -wmo -O -g
  -sanitize=fuzzer,address
)

build_generator() {
  if [[ -n ${PROTOC_GEN_ROOM619:-} ]]; then
    GENERATOR=$PROTOC_GEN_ROOM619
    return
  fi
  say "building protoc-gen-room619"
  swift build --product protoc-gen-room619 --scratch-path "$SCRATCH" >&2
  GENERATOR="$(swift build --product protoc-gen-room619 --scratch-path "$SCRATCH" --show-bin-path)/protoc-gen-room619"
}

# gen/: the test protos (both fuzzers); gen-json/: the JSON fuzzer's own message.
generate_contracts() {
  say "generating Swift for ${TEST_PROTOS[*]} ${JSON_PROTOS[*]}"
  rm -rf "$OUT/gen" "$OUT/gen-json"
  mkdir -p "$OUT/gen" "$OUT/gen-json"
  protoc --plugin=protoc-gen-room619="$GENERATOR" --room619_out="$OUT/gen" \
    --room619_opt=access=internal,file_naming=path_to_underscores \
    -I "$PROTOS" -I "$INCLUDE" "${TEST_PROTOS[@]}"
  protoc --plugin=protoc-gen-room619="$GENERATOR" --room619_out="$OUT/gen-json" \
    --room619_opt=access=internal,file_naming=path_to_underscores \
    -I "$FUZZ_PROTOS" -I "$PROTOS" -I "$INCLUDE" "${JSON_PROTOS[@]}"
  rm -rf "$OUT/gen-validation"
  mkdir -p "$OUT/gen-validation"
  protoc --plugin=protoc-gen-room619="$GENERATOR" --room619_out="$OUT/gen-validation" \
    --room619_opt=access=internal,file_naming=path_to_underscores \
    -I "$VALIDATION_PROTOS_ROOT" -I "$ROOT/Protos" -I "$INCLUDE" "${VALIDATION_PROTOS[@]}"
}

# compile_module NAME DIR: one instrumented object and .swiftmodule for every .swift file under DIR.
compile_module() {
  local name=$1 dir=$2 sources=()
  mapfile -t sources < <(find "$dir" -name '*.swift' | sort)
  say "compiling $name (${#sources[@]} files)"
  swiftc "${SWIFT_FLAGS[@]}" -module-name "$name" -I "$OUT/modules" \
    -emit-module -emit-module-path "$OUT/modules/$name.swiftmodule" \
    -c -o "$OUT/obj/$name.o" "${sources[@]}"
}

# link_fuzzer EXECUTABLE MODULE DIR…: the harness and generated code in the DIRs, compiled as
# MODULE and linked with the runtime's objects ($EXTRA_OBJECTS adds more, such as Validation's).
# lld, because gold prints a warning for each of ASan's local check symbols it cannot export.
link_fuzzer() {
  local executable=$1 module=$2 sources=()
  shift 2
  mapfile -t sources < <(find "$@" -name '*.swift' | sort)
  say "linking $executable (${#sources[@]} files)"
  # From obj/: with -g the driver leaves a module for the debugger in the working directory.
  (cd "$OUT/obj" && swiftc "${SWIFT_FLAGS[@]}" -module-name "$module" -I "$OUT/modules" \
    "${sources[@]}" "$OUT/obj/Bytes.o" "$OUT/obj/ProtoRuntime.o" ${EXTRA_OBJECTS:-} \
    -use-ld=lld -o "$OUT/$executable")
}

# Seeds: the text-format files in corpus-src/ (each names its type in a `# proto-message:` line),
# descriptor sets, and CodeGeneratorRequests captured from protoc.
build_seeds() {
  local seeds=$OUT/seeds file type
  rm -rf "$seeds"
  mkdir -p "$seeds" "$OUT/corpus"
  for file in "$ROOT"/Fuzz/corpus-src/*.txtpb; do
    type=$(sed -n 's/^# proto-message: //p' "$file")
    protoc --encode="$type" -I "$PROTOS" -I "$INCLUDE" "${TEST_PROTOS[@]}" <"$file" \
      >"$seeds/$(basename "$file" .txtpb).bin"
  done
  protoc --descriptor_set_out="$seeds/test_protos.desc" -I "$PROTOS" -I "$INCLUDE" "${TEST_PROTOS[@]}"
  protoc --descriptor_set_out="$seeds/test_protos_full.desc" --include_imports --include_source_info \
    -I "$PROTOS" -I "$INCLUDE" "${TEST_PROTOS[@]}"
  protoc --descriptor_set_out="$seeds/well_known_types.desc" -I "$INCLUDE" "${SMALL_PROTOS[@]}"
  # A plugin that saves its request and answers with a response that only declares proto3
  # `optional` support (field 2 = FEATURE_PROTO3_OPTIONAL, bytes 10 01).
  local capture=$OUT/capture-request.sh
  cat >"$capture" <<'SCRIPT'
#!/bin/sh
cat >"$FUZZ_CAPTURE_REQUEST"
printf '\020\001'
SCRIPT
  chmod +x "$capture"
  mkdir -p "$OUT/capture-out"
  FUZZ_CAPTURE_REQUEST="$seeds/code_generator_request.bin" \
    protoc --plugin=protoc-gen-capture="$capture" --capture_out=param1,param2:"$OUT/capture-out" \
    -I "$PROTOS" -I "$INCLUDE" "${TEST_PROTOS[@]}"
  FUZZ_CAPTURE_REQUEST="$seeds/code_generator_request_small.bin" \
    protoc --plugin=protoc-gen-capture="$capture" --capture_out=access=public:"$OUT/capture-out" \
    -I "$INCLUDE" google/protobuf/timestamp.proto
  say "seeds: $(find "$seeds" -type f | wc -l) files in $seeds"
}

# JSON seeds: the documents in json-corpus-src/, as they are, and its text-format files
# (binary JsonFuzz messages, for the harness's binary-to-JSON pass) through protoc --encode.
build_json_seeds() {
  local seeds=$OUT/json-seeds file type
  rm -rf "$seeds"
  mkdir -p "$seeds" "$OUT/json-corpus"
  cp "$ROOT"/Fuzz/json-corpus-src/*.json "$seeds/"
  for file in "$ROOT"/Fuzz/json-corpus-src/*.txtpb; do
    type=$(sed -n 's/^# proto-message: //p' "$file")
    protoc --encode="$type" -I "$FUZZ_PROTOS" -I "$PROTOS" -I "$INCLUDE" "${JSON_PROTOS[@]}" <"$file" \
      >"$seeds/$(basename "$file" .txtpb).bin"
  done
  say "JSON seeds: $(find "$seeds" -type f | wc -l) files in $seeds"
}

# Validation seeds: the text-format files in validation-corpus-src/ through protoc --encode.
build_validation_seeds() {
  local seeds=$OUT/validation-seeds file type
  rm -rf "$seeds"
  mkdir -p "$seeds" "$OUT/validation-corpus"
  for file in "$ROOT"/Fuzz/validation-corpus-src/*.txtpb; do
    type=$(sed -n 's/^# proto-message: //p' "$file")
    protoc --encode="$type" -I "$VALIDATION_PROTOS_ROOT" -I "$ROOT/Protos" -I "$INCLUDE" "${VALIDATION_PROTOS[@]}" \
      <"$file" >"$seeds/$(basename "$file" .txtpb).bin"
  done
  printf '%s' '^(a+)+$' >"$seeds/pattern-nested.txt"
  printf '%s' '(?i)[\p{L}\d_-]{2,8}\b|x*?y{3,}' >"$seeds/pattern-classes.txt"
  say "validation seeds: $(find "$seeds" -type f | wc -l) files in $seeds"
}

# Copies the runtime's sources into <dir>/src and compiles that copy, so that what was fuzzed
# stays on disk even while Sources/ keeps changing; build-info.txt says where it came from.
snapshot_sources() {
  rm -rf "$OUT/src" "$OUT/sources.diff"
  mkdir -p "$OUT/src"
  cp -R "$ROOT/Sources/Bytes" "$ROOT/Sources/ProtoRuntime" "$ROOT/Sources/Validation" "$OUT/src/"
  {
    echo "built: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "commit: $(git rev-parse HEAD 2>/dev/null || echo unknown)"
    echo "local changes to Sources/Bytes, ProtoRuntime and Validation (compiled from $OUT/src):"
    git status --short -- Sources/Bytes Sources/ProtoRuntime Sources/Validation 2>/dev/null | sed 's/^/  /'
    swiftc --version 2>&1 | head -1
  } >"$OUT/build-info.txt"
}

mkdir -p "$OUT/modules" "$OUT/obj"
snapshot_sources
build_generator
generate_contracts
compile_module Bytes "$OUT/src/Bytes"
compile_module ProtoRuntime "$OUT/src/ProtoRuntime"
link_fuzzer proto-decoder-fuzzer ProtoDecoderFuzz "$ROOT/Fuzz/ProtoDecoder" "$OUT/gen"
link_fuzzer json-decoder-fuzzer JSONDecoderFuzz "$ROOT/Fuzz/JSONDecoder" "$OUT/gen" "$OUT/gen-json"
compile_module Validation "$OUT/src/Validation"
EXTRA_OBJECTS="$OUT/obj/Validation.o" link_fuzzer validation-fuzzer ValidationFuzz "$ROOT/Fuzz/Validation" \
  "$OUT/gen-validation"
build_seeds
build_json_seeds
build_validation_seeds
say "built $OUT/proto-decoder-fuzzer, $OUT/json-decoder-fuzzer and $OUT/validation-fuzzer"
