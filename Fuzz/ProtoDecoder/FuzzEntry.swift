internal import ProtoRuntime

/// The libFuzzer entry point: decodes one input as every target message type and checks the
/// decoder's invariants (see ``DecodeCheck``).
///
/// Each input is read three ways:
/// 1. all of it, with the default limits, so the seed corpus can be plain encodings;
/// 2. from its second byte on, with the limits and switches its first byte chooses
///    (``FuzzOptions``), so small depth and size limits, `allowPartial` and
///    `discardUnknownFields` are explored too;
/// 3. as the value of a `string` field, against the standard library's UTF-8 handling
///    (``StringFieldCheck``).
///
/// A broken invariant traps with a message; libFuzzer then saves the input as a crash.
///
/// - Parameters:
///   - data: the input, valid only during the call (libFuzzer may pass `nil` for an empty input).
///   - size: its length in bytes.
/// - Returns: 0, as libFuzzer requires.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzProtoDecoder(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = ByteBuffer(bytes: UnsafeBufferPointer(start: data, count: size))

    let defaults = FuzzOptions.defaults
    checkEveryTarget(input, defaults)
    checkMergeEqualsConcatenation(input)
    StringFieldCheck(value: input.readableBytesArray).run()

    guard let control = input.readableBytesView.first else { return 0 }
    var payload = input
    // Dropping the first byte also gives the `bytes`-sharing path a non-zero reader index.
    _ = payload.moveReaderIndex(forwardBy: 1)
    checkEveryTarget(payload, FuzzOptions(control: control, payloadSize: payload.readableBytes))
    return 0
}

/// The proto2 test message's extensions, built once: the registry is a dictionary.
private let proto2Extensions = Room619_Testing_V1_Proto2Types_Extensions.registry

/// Runs ``DecodeCheck/run(_:)`` for each target message type.
private func checkEveryTarget(_ input: ByteBuffer, _ fuzz: FuzzOptions) {
    let bytes = input.readableBytesArray
    DecodeCheck(input: input, bytes: bytes, fuzz: fuzz).run(Room619_Testing_V1_AllTypes.self)
    DecodeCheck(input: input, bytes: bytes, fuzz: fuzz).run(Room619_Testing_V1_Proto2Types.self)
    DecodeCheck(input: input, bytes: bytes, fuzz: fuzz.with(extensions: proto2Extensions, allowPartial: true))
        .run(Room619_Testing_V1_Proto2Types.self)
    DecodeCheck(input: input, bytes: bytes, fuzz: fuzz).run(Google_Protobuf_FileDescriptorSet.self)
    DecodeCheck(input: input, bytes: bytes, fuzz: fuzz).run(Google_Protobuf_FileDescriptorProto.self)
    DecodeCheck(input: input, bytes: bytes, fuzz: fuzz).run(Google_Protobuf_Compiler_CodeGeneratorRequest.self)
}

/// Checks that merging the input twice equals decoding it concatenated with itself (protobuf's
/// merge rule), for the two test messages, whose fields cover every kind.
private func checkMergeEqualsConcatenation(_ input: ByteBuffer) {
    let registryOptions = FuzzOptions.defaults.with(extensions: proto2Extensions, allowPartial: true)
    MergeCheck(input: input, options: FuzzOptions.defaults.decoding).run(Room619_Testing_V1_AllTypes.self)
    MergeCheck(input: input, options: registryOptions.decoding).run(Room619_Testing_V1_Proto2Types.self)
    MergeCheck(input: input, options: FuzzOptions.defaults.decoding).run(Google_Protobuf_FileDescriptorSet.self)
}
