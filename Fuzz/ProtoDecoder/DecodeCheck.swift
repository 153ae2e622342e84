internal import ProtoRuntime

/// Decodes one input as one message type and checks what must hold for any input:
///
/// - Decoding from a ``ByteBuffer`` (whose `bytes` fields share the input) and from an array
///   (which copies) agree: the same error, or equal messages.
/// - Input past `maxMessageSize` fails with `tooLarge`, and only such input does.
/// - A message decoded without `allowPartial` is initialized; with `discardUnknownFields` it
///   keeps no unknown fields.
/// - A decoded message re-encodes (deterministically), the encoding decodes to an equal
///   message, and that message encodes to the same bytes.
///
/// Values holding a NaN are not equal to themselves, so messages are compared with
/// ``isSame(_:_:)``.
struct DecodeCheck {
    /// The input as a buffer.
    let input: ByteBuffer
    /// The same input as an array.
    let bytes: [UInt8]
    /// The options to decode with.
    let fuzz: FuzzOptions

    /// Runs every check for `type`, trapping on the first that fails.
    func run<M: Message>(_ type: M.Type) {
        let shared = Result { () throws(ProtoDecodingError) in try M(decoding: input, options: fuzz.decoding) }
        let copied = Result { () throws(ProtoDecodingError) in try M(serializedBytes: bytes, options: fuzz.decoding) }
        checkSizeLimit(shared, M.self)
        switch (shared, copied) {
        case (.failure(let fromBuffer), .failure(let fromArray)):
            require(
                fromBuffer == fromArray, M.self,
                "buffer and array decoding fail differently: \(fromBuffer) vs \(fromArray)")
        case (.success(let fromBuffer), .success(let fromArray)):
            require(isSame(fromBuffer, fromArray), M.self, "buffer and array decoding give different messages")
            checkFlags(fromBuffer)
            checkRoundTrip(fromBuffer)
        case (.success, .failure(let error)):
            failCheck(M.self, "buffer decoding succeeds, array decoding fails: \(error)")
        case (.failure(let error), .success):
            failCheck(M.self, "array decoding succeeds, buffer decoding fails: \(error)")
        }
    }

    private func checkSizeLimit<M: Message>(_ result: Result<M, ProtoDecodingError>, _ type: M.Type) {
        let isTooLarge = input.readableBytes > fuzz.decoding.maxMessageSize
        switch result {
        case .success:
            require(
                !isTooLarge, M.self,
                "\(input.readableBytes) bytes decoded under a limit of \(fuzz.decoding.maxMessageSize)")
        case .failure(let error):
            require(
                isTooLarge == (error.code == .tooLarge), M.self,
                "\(input.readableBytes) bytes, limit \(fuzz.decoding.maxMessageSize), error \(error)")
        }
    }

    private func checkFlags<M: Message>(_ message: M) {
        if !fuzz.decoding.allowPartial {
            require(message.isInitialized, M.self, "decoded without allowPartial but not initialized")
        }
        if fuzz.decoding.discardUnknownFields {
            require(message.unknownFields.isEmpty, M.self, "discardUnknownFields kept \(message.unknownFields.bytes)")
        }
    }

    private func checkRoundTrip<M: Message>(_ message: M) {
        let encoded = encodeOrTrap(message)
        let decoded: M
        do {
            decoded = try M(serializedBytes: encoded, options: fuzz.redecoding)
        } catch {
            failCheck(M.self, "its own encoding does not decode: \(error); encoding \(hex(encoded))")
        }
        require(isSame(decoded, message), M.self, "round trip changed the message; encoding \(hex(encoded))")
        let reencoded = encodeOrTrap(decoded)
        require(reencoded == encoded, M.self, "re-encoding differs: \(hex(encoded)) then \(hex(reencoded))")
    }

    private func encodeOrTrap<M: Message>(_ message: M) -> [UInt8] {
        encodeDeterministically(message, partial: fuzz.decoding.allowPartial)
    }
}

/// Checks protobuf's merge rule: merging an encoding twice gives the same message as decoding
/// the encoding concatenated with itself. Only inputs that decode on their own are checked,
/// since a prefix that fails may succeed when followed by more bytes.
struct MergeCheck {
    /// The input.
    let input: ByteBuffer
    /// The options to decode with.
    let options: BinaryDecodingOptions

    /// Runs the check for `type`, trapping if it fails.
    func run<M: Message>(_ type: M.Type) {
        guard var merged = try? M(decoding: input, options: options) else { return }
        do {
            try merged.merge(decoding: input, options: options)
        } catch {
            failCheck(M.self, "merging a decodable input a second time fails: \(error)")
        }
        var doubled = input
        doubled.writeBuffer(input)
        let concatenated: M
        do {
            concatenated = try M(decoding: doubled, options: options)
        } catch {
            failCheck(M.self, "the input decodes but twice the input does not: \(error)")
        }
        require(isSame(merged, concatenated), M.self, "merging twice differs from decoding the input twice over")
        let mergedBytes = encodeDeterministically(merged, partial: options.allowPartial)
        let concatenatedBytes = encodeDeterministically(concatenated, partial: options.allowPartial)
        require(
            mergedBytes == concatenatedBytes, M.self,
            "merged encoding \(hex(mergedBytes)) differs from concatenated \(hex(concatenatedBytes))")
    }
}

/// Whether two messages hold the same values.
///
/// `==` is `false` for a NaN, even against itself (though `Array`'s `==` says `true` when both
/// sides share storage). Hashing uses the bit pattern, so equal hashes stand in for equality
/// then; a message that lost or changed a field still hashes differently.
private func isSame<M: Message>(_ lhs: M, _ rhs: M) -> Bool {
    lhs == rhs || lhs.hashValue == rhs.hashValue
}

/// Encodes with sorted map keys, trapping if encoding fails.
private func encodeDeterministically<M: Message>(_ message: M, partial: Bool) -> [UInt8] {
    do {
        return try message.serializedBytes(options: BinaryEncodingOptions(deterministic: true), partial: partial)
    } catch {
        failCheck(M.self, "a decoded message does not encode: \(error)")
    }
}

/// Traps with `message` unless `condition` holds.
private func require<M: Message>(_ condition: Bool, _ type: M.Type, _ message: @autoclosure () -> String) {
    if !condition { failCheck(type, message()) }
}

/// Traps, naming the message type: a fuzz harness reports a broken invariant by crashing.
private func failCheck<M: Message>(_ type: M.Type, _ message: String) -> Never {
    fatalError("[\(M.protoMessageName)] \(message)")
}

/// Up to the first 256 bytes in hex, for trap messages.
private func hex(_ bytes: [UInt8]) -> String {
    let digits = bytes.prefix(256).map { byte in (byte < 16 ? "0" : "") + String(byte, radix: 16) }
    return digits.joined() + (bytes.count > 256 ? "… (\(bytes.count) bytes)" : "")
}
