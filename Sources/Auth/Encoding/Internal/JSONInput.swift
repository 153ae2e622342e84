internal import ProtoRuntime

/// Parsing over a borrowed byte buffer with ProtoRuntime's strict scanner (RFC 8259, valid
/// UTF-8, bounded depth); numbers are sliced from the input so their text survives.
struct JSONInput {
    let base: UnsafeRawBufferPointer

    /// Runs `body` over `bytes` and requires that nothing but whitespace follows.
    static func parse<R>(
        _ bytes: [UInt8], maxDepth: Int, _ body: (inout JSONScanner, JSONInput) throws(AuthError) -> R
    ) throws(AuthError) -> R {
        var options = JSONDecodingOptions()
        options.maxDepth = maxDepth
        // The scanner's closure throws its own error type: an AuthError waits here meanwhile.
        var failure: AuthError?
        let result = bytes.withUnsafeBytes { raw -> Result<R, JSONDecodingError> in
            let input = JSONInput(base: raw)
            do throws(JSONDecodingError) {
                return .success(
                    try JSONScanner.withScanner(bytes: raw, options: options) { scanner throws(JSONDecodingError) in
                        do throws(AuthError) {
                            return try body(&scanner, input)
                        } catch {
                            failure = error
                            throw JSONDecodingError(code: .malformed, message: error.message, offset: scanner.offset)
                        }
                    })
            } catch {
                return .failure(error)
            }
        }
        if let failure { throw failure }
        switch result {
        case .success(let value): return value
        case .failure(let error): throw AuthError(.malformed, "invalid JSON: \(error.message)", cause: error)
        }
    }

    /// Runs a scanner call, turning its error into ``AuthError/Code/malformed``.
    @inline(__always)
    static func scan<R>(_ body: () throws(JSONDecodingError) -> R) throws(AuthError) -> R {
        do {
            return try body()
        } catch {
            throw AuthError(.malformed, "invalid JSON: \(error.message) at offset \(error.offset)", cause: error)
        }
    }

    /// Reads any value.
    func readValue(_ scanner: inout JSONScanner) throws(AuthError) -> JSONValue {
        switch scanner.peek() {
        case UInt8(ascii: "{"):
            var members: [String: JSONValue] = [:]
            try readObject(&scanner) { (key, scanner) throws(AuthError) in
                members[key] = try readValue(&scanner)
            }
            return .object(members)
        case UInt8(ascii: "["):
            var elements: [JSONValue] = []
            try Self.scan { () throws(JSONDecodingError) in try scanner.beginArray() }
            var isFirst = true
            while try Self.scan({ () throws(JSONDecodingError) in try scanner.nextElement(isFirst: &isFirst) }) {
                elements.append(try readValue(&scanner))
            }
            return .array(elements)
        case UInt8(ascii: "\""):
            return .string(try Self.scan { () throws(JSONDecodingError) in try scanner.readString() })
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            return .bool(try Self.scan { () throws(JSONDecodingError) in try scanner.readBool() })
        case UInt8(ascii: "n"):
            guard scanner.readNull() else { throw AuthError(.malformed, "invalid JSON literal") }
            return .null
        default:
            return .number(try readNumberText(&scanner))
        }
    }

    /// A JSON number's text (not a quoted one).
    func readNumberText(_ scanner: inout JSONScanner) throws(AuthError) -> String {
        guard let first = scanner.peek(), first == UInt8(ascii: "-") || (0x30...0x39).contains(first) else {
            throw AuthError(.malformed, "expected a JSON number at offset \(scanner.offset)")
        }
        let start = scanner.offset
        try Self.scan { () throws(JSONDecodingError) in try scanner.skipValue() }
        return String(decoding: base[start..<scanner.offset], as: UTF8.self)
    }

    /// Reads an object, calling `member` for each key; a key seen twice is refused (RFC 7515
    /// §5.2 lets a parser refuse them, and accepting either copy invites confusion attacks).
    func readObject(
        _ scanner: inout JSONScanner, _ member: (String, inout JSONScanner) throws(AuthError) -> Void
    ) throws(AuthError) {
        try Self.scan { () throws(JSONDecodingError) in try scanner.beginObject() }
        var seen = Set<String>()
        var isFirst = true
        while let key = try Self.scan({ () throws(JSONDecodingError) in try scanner.nextKey(isFirst: &isFirst) }) {
            guard seen.insert(key).inserted else {
                throw AuthError(.malformed, "duplicate member \(AuthError.quoted(key))")
            }
            try member(key, &scanner)
        }
    }

    /// A string member's value.
    func readString(_ scanner: inout JSONScanner, member: String) throws(AuthError) -> String {
        guard scanner.peek() == UInt8(ascii: "\"") else {
            throw AuthError(.malformed, "\(member) must be a string")
        }
        return try Self.scan { () throws(JSONDecodingError) in try scanner.readString() }
    }

    /// An array of strings.
    func readStringArray(_ scanner: inout JSONScanner, member: String) throws(AuthError) -> [String] {
        guard scanner.peek() == UInt8(ascii: "[") else {
            throw AuthError(.malformed, "\(member) must be an array of strings")
        }
        guard case .array(let elements) = try readValue(&scanner) else { return [] }
        var strings: [String] = []
        strings.reserveCapacity(elements.count)
        for element in elements {
            guard case .string(let string) = element else {
                throw AuthError(.malformed, "\(member) must be an array of strings")
            }
            strings.append(string)
        }
        return strings
    }
}
