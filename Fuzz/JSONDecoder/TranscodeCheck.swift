internal import ProtoRuntime

/// Reads the input as a binary message and checks its JSON form, as a service transcoding
/// binary requests to JSON would produce it:
///
/// - encoding to JSON never traps; it succeeds or fails with `ProtoEncodingError.invalidValue`
///   (a binary message can hold what JSON cannot: a `Duration` with mixed signs, a `Timestamp`
///   past 9999, an `Any` of an unknown type or with bytes that are not its type);
/// - the JSON decodes (without a depth limit worth the name: an `Any` nests its held message as
///   bytes, which the binary decoder does not count, and the JSON encoder expands);
/// - after that first trip the message is a fixed point: its JSON decodes to the same message
///   (same binary encoding too), which writes the same JSON again.
///
/// The first trip may change the message: JSON has no form for unknown fields, nor for a
/// `NullValue` number other than 0 (written `null`, as protobuf's Python library writes it:
/// finding 10 in README.md), and an `Any`'s bytes are re-encoded.
struct TranscodeCheck {
    /// The input.
    let input: ByteBuffer

    /// Runs the check for `type`, trapping if it fails.
    func run<M: Message>(_ type: M.Type) {
        var binaryOptions = BinaryDecodingOptions()
        binaryOptions.extensions = fuzzExtensions
        binaryOptions.allowPartial = true
        guard let message = try? M(decoding: input, options: binaryOptions) else { return }
        let json: [UInt8]
        do {
            json = try message.jsonUTF8Bytes(options: .plain)
        } catch {
            require(error.code == .invalidValue, M.self, "[binary input] JSON encoding fails with \(error)")
            return
        }
        let once = decode(json, M.self)
        let onceJSON = encode(once, after: json)
        let twice = decode(onceJSON, M.self)
        require(
            isSame(twice, once), M.self, "[binary input] second JSON trip changed the message; JSON \(text(onceJSON))")
        let onceBinary = encodeDeterministically(once)
        let twiceBinary = encodeDeterministically(twice)
        require(
            twiceBinary == onceBinary, M.self,
            "[binary input] second JSON trip changed the binary encoding: \(hex(onceBinary)) then \(hex(twiceBinary))")
        let twiceJSON = encode(twice, after: onceJSON)
        require(
            twiceJSON == onceJSON, M.self,
            "[binary input] re-encoded JSON differs: \(text(onceJSON)) then \(text(twiceJSON))")
    }

    private func decode<M: Message>(_ json: [UInt8], _ type: M.Type) -> M {
        var options = JSONDecodingOptions.strict
        options.maxDepth = 100_000
        do {
            return try M(jsonUTF8Bytes: json, options: options)
        } catch {
            failCheck(M.self, "[binary input] its JSON does not decode: \(error); JSON \(text(json))")
        }
    }

    private func encode<M: Message>(_ message: M, after json: [UInt8]) -> [UInt8] {
        do {
            return try message.jsonUTF8Bytes(options: .plain)
        } catch {
            failCheck(M.self, "[binary input] JSON encodes once, not twice: \(error); first JSON \(text(json))")
        }
    }
}
