internal import ProtoRuntime

#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// The libFuzzer entry point of `json-decoder-fuzzer`: decodes one input as proto3 JSON and
/// checks the decoder's invariants (see ``JSONCheck``), then reads it as a binary message and
/// checks that its JSON form reads back (see ``TranscodeCheck``).
///
/// The root type, `room619.fuzz.v1.JsonFuzz` (`Fuzz/Protos/room619/fuzz/v1/json_fuzz.proto`),
/// has every well-known type with a JSON form of its own (`Any`, `Struct`, `Value`,
/// `ListValue`, `NullValue`, `Timestamp`, `Duration`, `FieldMask`, `Empty`, the wrappers),
/// singular, repeated, as map values and in a oneof, plus `AllTypes` (every scalar kind, maps,
/// oneofs), `Proto2Types` (required fields, groups, closed enums, extensions) and itself.
///
/// A broken invariant traps with a message; libFuzzer then saves the input as a crash.
///
/// - Parameters:
///   - data: the input, valid only during the call (libFuzzer may pass `nil` for an empty input).
///   - size: its length in bytes.
/// - Returns: 0, as libFuzzer requires.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONDecoder(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = ByteBuffer(bytes: UnsafeBufferPointer(start: data, count: size))
    JSONCheck(input: input).run(Room619_Fuzz_V1_JsonFuzz.self)
    TranscodeCheck(input: input).run(Room619_Fuzz_V1_JsonFuzz.self)
    return 0
}

/// The message types an `Any` in the input may name: the well-known types and every type of
/// the three fuzzed `.proto` files.
let fuzzTypeRegistry = MessageTypeRegistry.wellKnownTypes
    .merging(Room619_Fuzz_V1_JSONFuzz_Types.registry)
    .merging(Room619_Testing_V1_AllTypes_Types.registry)
    .merging(Room619_Testing_V1_Proto2Types_Types.registry)

/// `FUZZ_JSON_TRACE=1` prints what each decode gives (to see what a seed or finding decodes to).
let traceEnabled = getenv("FUZZ_JSON_TRACE") != nil

/// `Proto2Types`'s extensions (`"[room619.testing.v1.ext_int32]": 1`).
let fuzzExtensions = Room619_Testing_V1_Proto2Types_Extensions.registry

extension JSONDecodingOptions {
    /// The default limits, with the fuzz registries.
    static var strict: JSONDecodingOptions {
        var options = JSONDecodingOptions()
        options.typeRegistry = fuzzTypeRegistry
        options.extensions = fuzzExtensions
        return options
    }

    /// As ``strict``, skipping unknown keys and unknown enum names.
    static var lenient: JSONDecodingOptions {
        var options = strict
        options.ignoreUnknownFields = true
        return options
    }

    /// The options a re-encoding is read with: the same, one level deeper.
    ///
    /// The encoder writes out some defaults the input left out, one level below the deepest
    /// object: `{"@type": ".../google.protobuf.Struct"}` (an `Any` holding an empty `Struct`)
    /// becomes `{"@type": "...", "value": {}}`, and with `emitDefaultValues` every empty
    /// repeated field and map is written as `[]` or `{}`. Only the deepest level can grow, so
    /// one extra level is enough (the binary fuzzer's finding 2 is the same effect).
    var redecoding: JSONDecodingOptions {
        var options = self
        options.maxDepth += 1
        return options
    }
}

extension JSONEncodingOptions {
    /// The default output, with the fuzz registries (the extensions are needed to write an
    /// `Any` holding a `Proto2Types` with extensions: see finding 5 in README.md).
    static var plain: JSONEncodingOptions {
        var options = JSONEncodingOptions()
        options.typeRegistry = fuzzTypeRegistry
        options.extensions = fuzzExtensions
        return options
    }

    /// `.proto` field names and every default written out.
    static var verbose: JSONEncodingOptions {
        var options = plain
        options.preserveProtoFieldNames = true
        options.emitDefaultValues = true
        return options
    }
}
