internal import ProtoRuntime

/// Decodes one input as proto3 JSON, with the default options and with `ignoreUnknownFields`,
/// and checks what must hold for any input:
///
/// - Decoding from a ``ByteBuffer``, from `[UInt8]` and (for valid UTF-8) from a `String`
///   agree: the same error, or the same message. An error's offset lies within the input.
/// - What decodes with the default options decodes to the same message when unknown fields are
///   ignored (ignoring only turns errors into skips).
/// - A decoded message encodes to JSON, or fails with `ProtoEncodingError.invalidValue` (a
///   `Timestamp` out of range, a `Value` holding NaN, a `FieldMask` path with no camel-case
///   form); JSON it writes, plain or with `.proto` names and defaults, decodes to the same
///   message (same binary encoding too), and that message writes the same JSON again.
/// - A decoded message encodes to binary, which decodes to the same message, which encodes to
///   the same bytes.
struct JSONCheck {
    /// The input.
    let input: ByteBuffer

    /// Runs every check for `type`, trapping on the first that fails.
    func run<M: Message>(_ type: M.Type) {
        let strict = decode(M.self, options: .strict)
        let lenient = decode(M.self, options: .lenient)
        if traceEnabled { trace(strict, "strict"); trace(lenient, "ignoreUnknownFields") }
        switch (strict, lenient) {
        case (.success(let message), .success(let skipping)):
            require(isSame(message, skipping), M.self, "ignoreUnknownFields changes a message that decodes without it")
            checkRoundTrips(message, decoding: .strict)
        case (.success, .failure(let error)):
            failCheck(M.self, "decodes, but not with ignoreUnknownFields: \(error)")
        case (.failure, .success(let message)):
            checkRoundTrips(message, decoding: .lenient)
        case (.failure, .failure):
            break
        }
    }

    private func trace<M: Message>(_ result: Result<M, JSONDecodingError>, _ label: String) {
        switch result {
        case .success(let message):
            let json = (try? message.jsonString(options: .plain)) ?? "(no JSON form)"
            print("[\(label)] decodes: \(json)")
        case .failure(let error):
            print("[\(label)] fails: \(error)")
        }
    }

    /// Decodes the input three ways, which must agree; returns the first way's result.
    private func decode<M: Message>(_ type: M.Type, options: JSONDecodingOptions) -> Result<M, JSONDecodingError> {
        let fromBuffer = Result { () throws(JSONDecodingError) in try M(decodingJSON: input, options: options) }
        let bytes = input.readableBytesArray
        let fromArray = Result { () throws(JSONDecodingError) in try M(jsonUTF8Bytes: bytes, options: options) }
        requireAgreement(fromBuffer, fromArray, "buffer", "array")
        if let text = String(validating: bytes, as: UTF8.self) {
            let fromString = Result { () throws(JSONDecodingError) in try M(jsonString: text, options: options) }
            requireAgreement(fromBuffer, fromString, "buffer", "string")
        }
        if case .failure(let error) = fromBuffer {
            require(
                (0...bytes.count).contains(error.offset), M.self,
                "error offset \(error.offset) outside the \(bytes.count)-byte input: \(error)")
        }
        return fromBuffer
    }

    private func requireAgreement<M: Message>(
        _ lhs: Result<M, JSONDecodingError>, _ rhs: Result<M, JSONDecodingError>, _ left: String, _ right: String
    ) {
        switch (lhs, rhs) {
        case (.success(let a), .success(let b)):
            require(isSame(a, b), M.self, "\(left) and \(right) decoding give different messages")
        case (.failure(let a), .failure(let b)):
            require(a == b, M.self, "\(left) and \(right) decoding fail differently: \(a) vs \(b)")
        case (.success, .failure(let error)):
            failCheck(M.self, "\(left) decoding succeeds, \(right) decoding fails: \(error)")
        case (.failure(let error), .success):
            failCheck(M.self, "\(right) decoding succeeds, \(left) decoding fails: \(error)")
        }
    }

    private func checkRoundTrips<M: Message>(_ message: M, decoding: JSONDecodingOptions) {
        let binary = checkBinaryRoundTrip(message, jsonDepth: decoding.maxDepth)
        for encoding in [JSONEncodingOptions.plain, .verbose] {
            checkJSONRoundTrip(message, binary: binary, encoding: encoding, decoding: decoding.redecoding)
        }
    }

    /// JSON → message → JSON → message: the same message, and the same JSON the second time.
    private func checkJSONRoundTrip<M: Message>(
        _ message: M, binary: [UInt8], encoding: JSONEncodingOptions, decoding: JSONDecodingOptions
    ) {
        let json: [UInt8]
        do {
            json = try message.jsonUTF8Bytes(options: encoding)
        } catch {
            // Values JSON cannot express; the input itself cannot contain them, so they come
            // from a conversion (an `Any` holding a `Value` with NaN, say).
            require(error.code == .invalidValue, M.self, "JSON encoding fails with \(error)")
            return
        }
        let decoded: M
        do {
            decoded = try M(jsonUTF8Bytes: json, options: decoding)
        } catch {
            failCheck(M.self, "its own JSON does not decode: \(error); JSON \(text(json))")
        }
        require(isSame(decoded, message), M.self, "JSON round trip changed the message; JSON \(text(json))")
        let decodedBinary = encodeDeterministically(decoded)
        require(
            decodedBinary == binary, M.self,
            "JSON round trip changed the binary encoding: \(hex(binary)) then \(hex(decodedBinary)); "
                + "JSON \(text(json))")
        let rewritten: [UInt8]
        do {
            rewritten = try decoded.jsonUTF8Bytes(options: encoding)
        } catch {
            failCheck(M.self, "JSON encodes once, not twice: \(error); JSON \(text(json))")
        }
        require(rewritten == json, M.self, "re-encoded JSON differs: \(text(json)) then \(text(rewritten))")
    }

    /// message → binary → message → binary: the same message and the same bytes. Returns the
    /// encoding.
    ///
    /// Read back with a depth limit three times the JSON one: one JSON object of a `Struct` is
    /// three levels of binary messages (`Struct`, its map entry, the `Value`).
    private func checkBinaryRoundTrip<M: Message>(_ message: M, jsonDepth: Int) -> [UInt8] {
        let encoded = encodeDeterministically(message)
        var options = BinaryDecodingOptions()
        options.extensions = fuzzExtensions
        options.allowPartial = true
        options.maxDepth = 3 * jsonDepth + 1
        let decoded: M
        do {
            decoded = try M(serializedBytes: encoded, options: options)
        } catch {
            failCheck(M.self, "its binary encoding does not decode: \(error); encoding \(hex(encoded))")
        }
        require(isSame(decoded, message), M.self, "binary round trip changed the message; encoding \(hex(encoded))")
        let reencoded = encodeDeterministically(decoded)
        require(reencoded == encoded, M.self, "binary re-encoding differs: \(hex(encoded)) then \(hex(reencoded))")
        return encoded
    }
}
