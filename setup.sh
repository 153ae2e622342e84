#!/usr/bin/env bash
# room619 setup: installs what is missing, then optionally runs something. Idempotent: a second
# run checks and returns in a second or two.
#
#   ./setup.sh          install what is missing (Debian packages, the Python venv)
#   ./setup.sh run      … then run the platform (`room619 run`: the user and product services,
#                       REST and gRPC on http://127.0.0.1:8080, data in ./room619-data)
#   ./setup.sh test     … then run every test (what CI runs: .ci/run)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD

say() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '[setup] error: %s\n' "$*" >&2; exit 1; }

# Debian packages the project needs, each with the reason (ARCHITECTURE.md, "Dependencies").
APT_PACKAGES=(
  protobuf-compiler   # protoc: parses .proto files for the generator
  libprotobuf-dev     # well-known .proto files in /usr/include/google/protobuf; headers and library for
                      # the conformance runner (scripts/build-conformance-runner.sh)
  libprotoc-dev       # google/protobuf/compiler/plugin.proto
  libprotobuf-c-dev   # an independent C protobuf runtime for cross-checks
  protobuf-c-compiler # protoc-c, generates that C code
  grpc-proto          # standard gRPC contracts in /usr/share/grpc-proto
  gcc libc6-dev       # builds the protobuf-c cross-check driver
  g++                 # builds Google's conformance_test_runner (scripts/build-conformance-runner.sh)
  dpkg-dev            # dpkg-source, which `apt-get source protobuf` needs to unpack the conformance suite
  python3 python3-venv
  nghttp2-client      # nghttp and h2load: HTTP/2 clients for the peer tests in Tests/Transport
  nginx               # the HTTP client tests talk to an nginx they start on a loopback port
  curl ca-certificates
  zlib1g-dev          # zlib: gzip message compression for gRPC (Sources/CZlib)
  libssl-dev          # OpenSSL 3 (Sources/COpenSSL): signatures, HMAC, SHA-256 and randomness for Auth
  libargon2-dev       # Argon2id password hashes (Sources/CArgon2), the reference implementation of RFC 9106
  libsqlite3-dev      # SQLite 3 with FTS5: the embedded database driver (Sources/CSQLite, Storage)
  libpq-dev           # libpq: the PostgreSQL driver, SCRAM and TLS included (Sources/CPostgres, Storage)
  postgresql          # initdb/pg_ctl (+ contrib's unaccent) for the throwaway clusters the Storage tests start
)

install_apt() {
  local missing=() pkg
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  ((${#missing[@]} == 0)) && return 0
  say "installing Debian packages: ${missing[*]}"
  local sudo=()
  if [[ $(id -u) != 0 ]]; then
    command -v sudo >/dev/null || die "need root (or sudo) to apt-get install ${missing[*]}"
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

check_swift() {
  command -v swift >/dev/null || die "Swift 6 is not on PATH: install a Swift 6.x toolchain from swift.org (Debian has none) and retry"
  local version
  version=$(swift --version 2>/dev/null | sed -n 's/.*Swift version \([0-9]*\)\..*/\1/p' | head -1)
  [[ ${version:-0} -ge 6 ]] || die "Swift 6 or newer is needed (found: $(swift --version 2>&1 | head -1))"
}

install_venv() {
  local venv=$ROOT/.venv stamp=$ROOT/.venv/.requirements.sha256
  local want
  want=$(sha256sum requirements.txt | cut -d' ' -f1)
  if [[ -x $venv/bin/python && -f $stamp && $(cat "$stamp") == "$want" ]]; then return 0; fi
  say "creating the Python environment .venv (requirements.txt)"
  # Prefer the system Python (python3-venv), which a fresh Debian machine has after install_apt.
  local python=/usr/bin/python3
  [[ -x $python ]] || python=$(command -v python3)
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r requirements.txt
  echo "$want" >"$stamp"
}

install_apt
check_swift
install_venv

case "${1:-}" in
  "") say "ready" ;;
  run) shift; exec scripts/run.sh "$@" ;;
  test) shift; exec scripts/test.sh "$@" ;;
  *) die "unknown command '$1' (use: ./setup.sh [run|test])" ;;
esac
