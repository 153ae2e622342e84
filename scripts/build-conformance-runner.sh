#!/usr/bin/env bash
# Builds Google's protobuf conformance runner (`conformance_test_runner`) from Debian's `protobuf`
# source package, against the system libprotobuf, and copies the conformance schemas for the
# testee package in Tests/Conformance/. Idempotent: each step is skipped when its output exists.
#
#   scripts/build-conformance-runner.sh     prints the runner's path on stdout (logs go to stderr)
#
# Everything lands in .build-conformance/ (git-ignored):
#   apt/                      a private apt configuration with deb-src lines for the system's own
#                             mirrors, so /etc/apt stays untouched
#   protobuf-<version>/       the extracted source package (`apt-get source`)
#   runner/                   generated code, objects and the conformance_test_runner binary
# and the schemas are copied to Tests/Conformance/Protos/ (git-ignored there).
#
# Needs (setup.sh installs them): libprotobuf-dev, protobuf-compiler, g++, dpkg-dev.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
WORK=$ROOT/.build-conformance
APT=$WORK/apt
OUT=$WORK/runner
RUNNER=$OUT/conformance_test_runner
PROTOS=$ROOT/Tests/Conformance/Protos

say() { printf '[conformance-runner] %s\n' "$*" >&2; }
die() { printf '[conformance-runner] error: %s\n' "$*" >&2; exit 1; }

for tool in g++ protoc dpkg-source apt-get; do
  command -v "$tool" >/dev/null || die "$tool is missing: run ./setup.sh"
done
# The source must match the library we link against, so ask dpkg which one is installed.
VERSION=$(dpkg-query -W -f='${Version}' libprotobuf-dev 2>/dev/null) || die "libprotobuf-dev is missing: run ./setup.sh"
UPSTREAM=${VERSION%%-*}
SRC=$WORK/protobuf-$UPSTREAM

# apt-get with a private configuration: our deb-src lists, our cache, no binary cache files.
private_apt() {
  apt-get -q \
    -o Dir::Etc::SourceList=/dev/null \
    -o Dir::Etc::SourceParts="$APT/sources.list.d" \
    -o Dir::State::Lists="$APT/lists" \
    -o Dir::Cache="$APT/cache" \
    -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= \
    -o APT::Sandbox::User=root \
    "$@"
}

# deb-src entries for exactly the mirrors and suites the system uses (deb822 and one-line style).
write_source_list() {
  mkdir -p "$APT/sources.list.d" "$APT/lists/partial" "$APT/cache/archives/partial"
  local list=$APT/sources.list.d/system-src.sources one=$APT/sources.list.d/system-src.list f
  : >"$list"
  : >"$one"
  for f in /etc/apt/sources.list.d/*.sources; do
    if [[ -f $f ]]; then sed 's/^Types:.*\bdeb\b.*$/Types: deb-src/' "$f" >>"$list" && echo >>"$list"; fi
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    if [[ -f $f ]]; then sed -n 's/^deb \(.*\)$/deb-src \1/p' "$f" >>"$one"; fi
  done
}

fetch_source() {
  [[ -f $SRC/conformance/conformance.proto ]] && return 0
  say "fetching the protobuf $VERSION source package into ${WORK#"$ROOT"/}/"
  write_source_list
  private_apt update >&2
  (cd "$WORK" && private_apt source "protobuf=$VERSION" >&2)
  [[ -f $SRC/conformance/conformance.proto ]] || die "apt-get source did not produce $SRC"
}

# The testee generates Swift from these; they are copied, not committed (Tests/Conformance/.gitignore).
# They go flat into Protos/: nothing imports them, and outside google/protobuf/ the generator
# does not take them for well-known types (which it maps to ProtoRuntime).
copy_protos() {
  local from staged
  mkdir -p "$PROTOS"
  for from in conformance/conformance.proto \
    src/google/protobuf/test_messages_proto3.proto src/google/protobuf/test_messages_proto2.proto; do
    staged=$WORK/${from##*/}
    cp "$SRC/$from" "$staged"
    # Replace only on change, so an unchanged schema reruns no code generation.
    if cmp -s "$staged" "$PROTOS/${from##*/}"; then rm "$staged"; else mv "$staged" "$PROTOS/${from##*/}"; fi
  done
}

build_runner() {
  local stamp=$OUT/.built-from
  if [[ -x $RUNNER && -f $stamp && $(cat "$stamp") == "$VERSION" ]]; then return 0; fi
  say "building conformance_test_runner against the system libprotobuf $VERSION (about 1.5 minutes)"
  rm -rf "$OUT"
  mkdir -p "$OUT/gen" "$OUT/obj"
  local start=$SECONDS
  protoc --proto_path="$SRC/conformance" --cpp_out="$OUT/gen" "$SRC/conformance/conformance.proto"
  protoc --proto_path="$SRC/src" --cpp_out="$OUT/gen" \
    google/protobuf/test_messages_proto3.proto google/protobuf/test_messages_proto2.proto
  local sources=(
    "$OUT/gen/conformance.pb.cc"
    "$OUT/gen/google/protobuf/test_messages_proto3.pb.cc"
    "$OUT/gen/google/protobuf/test_messages_proto2.pb.cc"
    "$SRC/conformance/conformance_test.cc"
    "$SRC/conformance/conformance_test_main.cc"
    "$SRC/conformance/conformance_test_runner.cc"
    "$SRC/conformance/binary_json_conformance_suite.cc"
    "$SRC/conformance/text_format_conformance_suite.cc"
    "$SRC/conformance/third_party/jsoncpp/jsoncpp.cpp"
  )
  # System headers win; the source tree is searched last (-idirafter), only for the internal
  # headers the Debian package does not ship (google/protobuf/stubs/stringprintf.h).
  local flags=(-std=c++14 -O2 -w -pthread -I"$OUT/gen" -I"$SRC/conformance" -idirafter "$SRC/src")
  local jobs
  jobs=$(nproc 2>/dev/null || echo 2)
  printf '%s\n' "${sources[@]}" | xargs -P "$jobs" -I{} sh -c \
    'g++ "$@" -c "$0" -o "'"$OUT/obj"'/$(basename "$0").o"' {} "${flags[@]}"
  g++ -pthread -o "$RUNNER.tmp" "$OUT"/obj/*.o -lprotobuf
  mv "$RUNNER.tmp" "$RUNNER"
  echo "$VERSION" >"$stamp"
  say "built in $((SECONDS - start)) s"
}

mkdir -p "$WORK"
fetch_source
copy_protos
build_runner
say "runner: ${RUNNER#"$ROOT"/}"
echo "$RUNNER"
