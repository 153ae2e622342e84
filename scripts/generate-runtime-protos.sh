#!/usr/bin/env bash
# Regenerates the descriptor and well-known types that ProtoRuntime ships, and the option
# contracts (buf/validate, google/api, room619/api under Protos/) the generator reads (self-hosted:
# they are produced by this repository's own generator and committed, since the build plugin
# cannot run on the targets the generator itself depends on).
#
#   scripts/generate-runtime-protos.sh            # rewrite Sources/ProtoRuntime/{Descriptors,WellKnownTypes}
#                                                 # and Sources/ContractCodegen/Options
#   scripts/generate-runtime-protos.sh --check    # fail if the committed files differ from fresh output
#   PROTOC_GEN_ROOM619=path/to/binary …           # use an already-built generator
set -euo pipefail
cd "$(dirname "$0")/.."
check=0
[[ ${1:-} == --check ]] && check=1
gen=${PROTOC_GEN_ROOM619:-}
if [[ -z $gen ]]; then
  swift build --product protoc-gen-room619 >/dev/null
  gen="$(swift build --show-bin-path)/protoc-gen-room619"
fi
include=/usr/include
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
wkt=(any api duration empty field_mask source_context struct timestamp type wrappers)
files=(google/protobuf/descriptor.proto google/protobuf/compiler/plugin.proto)
for name in "${wkt[@]}"; do files+=("google/protobuf/$name.proto"); done
protoc --plugin=protoc-gen-room619="$gen" --room619_out="$out" \
  --room619_opt=access=public,module=ProtoRuntime,file_naming=path_to_underscores \
  -I "$include" "${files[@]}"
mkdir -p "$out/Descriptors" "$out/WellKnownTypes"
mv "$out"/google_protobuf_descriptor.pb.swift "$out"/google_protobuf_compiler_plugin.pb.swift "$out/Descriptors/"
mv "$out"/google_protobuf_*.pb.swift "$out/WellKnownTypes/"
mkdir -p "$out/Options"
# The options the generator reads: protovalidate's rules, google.api.http and field_behavior,
# room619's own HTTP options (and google.rpc.Code, which they use).
option_protos=(buf/validate/validate.proto google/api/http.proto google/api/annotations.proto
  google/api/field_behavior.proto google/api/httpbody.proto google/rpc/code.proto room619/api/v1/options.proto)
protoc --plugin=protoc-gen-room619="$gen" --room619_out="$out/Options" \
  --room619_opt=access=package,module=ContractCodegen,file_naming=path_to_underscores \
  -I Protos -I "$include" "${option_protos[@]}"
# The generator carries those files' text too, so `import "buf/validate/validate.proto"` (and
# google/api/annotations.proto, room619/api/v1/options.proto) works in any package that uses the
# build plugin, without copying the files there.
{
  printf '%s\n' '// DO NOT EDIT. Written by scripts/generate-runtime-protos.sh from Protos/.' \
    '// swift-format-ignore-file' '' \
    "/// Contracts the generator makes importable everywhere: the driver puts them on protoc's path." \
    'enum BundledProtos {' '    /// `.proto` path → source text.' '    static let files: [String: String] = ['
  for file in "${option_protos[@]}"; do
    printf '        "%s": #"""\n' "$file"
    cat "Protos/$file"
    printf '%s\n' '"""#,'
  done
  printf '%s\n' '    ]' '}'
} >"$out/Options/BundledProtos.swift"
status=0
for dir in Descriptors WellKnownTypes Options; do
  target=Sources/ProtoRuntime/$dir
  [[ $dir == Options ]] && target=Sources/ContractCodegen/Options
  if ((check)); then
    for f in "$out/$dir"/*.swift; do
      if ! cmp -s "$f" "$target/$(basename "$f")"; then echo "out of date: $target/$(basename "$f")" >&2; status=1; fi
    done
  else
    mkdir -p "$target"
    rm -f "$target"/*.swift
    cp "$out/$dir"/*.swift "$target/"
  fi
done
((check)) && ((status == 0)) && echo "runtime protos are up to date"
exit $status
