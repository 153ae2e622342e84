import ProtoRuntime
import Testing

@Suite("JSON scanner")
struct JSONScannerTests {
    /// Runs `body` over `json`, requiring the whole input to be used.
    static func scan<R>(
        _ json: String, options: JSONDecodingOptions = .defaults,
        _ body: (inout JSONScanner) throws(JSONDecodingError) -> R
    ) throws(JSONDecodingError) -> R {
        let bytes = Array(json.utf8)
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(JSONDecodingError) -> R in
                try JSONScanner.withScanner(bytes: raw, options: options, body)
            }
        }
        return try result.get()
    }

    static func failure<R>(
        _ json: String, _ body: (inout JSONScanner) throws(JSONDecodingError) -> R
    ) -> JSONDecodingError? {
        do {
            _ = try scan(json, body)
            return nil
        } catch {
            return error
        }
    }

    @Test("walks objects and arrays, with whitespace anywhere")
    func structure() throws {
        let json = " { \"a\" : [ 1 , 2 ] ,\n\"b\":{}, \"c\" : null } "
        var seen: [String] = []
        var numbers: [Int32] = []
        try Self.scan(json) { (s) throws(JSONDecodingError) in
            try s.beginObject()
            var first = true
            while let key = try s.nextKey(isFirst: &first) {
                seen.append(key)
                switch key {
                case "a":
                    try s.beginArray()
                    var firstElement = true
                    while try s.nextElement(isFirst: &firstElement) { numbers.append(try s.readInt32()) }
                case "c":
                    let isNull = s.readNull()
                    #expect(isNull)
                default: try s.skipValue()
                }
            }
        }
        #expect(seen == ["a", "b", "c"])
        #expect(numbers == [1, 2])
    }

    @Test(
        "rejects malformed documents with the offset",
        arguments: [
            ("{\"a\":1,}", "expected a quoted key"), ("{\"a\":1 \"b\":2}", "expected ',' or '}'"),
            ("{,\"a\":1}", "expected a key or '}'"), ("[1,,2]", "expected a value"), ("[1 2]", "expected ',' or ']'"),
            ("{\"a\" 1}", "':' after a key"), ("{\"a\":1} x", "unexpected characters"), ("[1", "unterminated array"),
        ])
    func malformed(json: String, expected: String) {
        let error = Self.failure(json) { (s) throws(JSONDecodingError) in try s.skipValue() }
        #expect(error?.code == .malformed, "\(json)")
        #expect(error?.message.contains(expected) == true, "\(json): \(String(describing: error))")
    }

    @Test("strings: escapes, surrogate pairs, and what must be rejected")
    func strings() throws {
        #expect(
            try Self.scan(#""a\"b\\c\/d\b\f\n\r\t\u00e9\ud83c\udf0d""#) { (s) throws(JSONDecodingError) in
                try s.readString()
            }
                == "a\"b\\c/d\u{8}\u{C}\n\r\té🌍")
        for bad in [#""\ud83c""#, #""\udf0d""#, #""\x""#, "\"a\u{1}\"", #""unterminated"#, #""\u12""#] {
            #expect(
                Self.failure(bad) { (s) throws(JSONDecodingError) in try s.readString() }?.code == .malformed, "\(bad)")
        }
        var invalid = Array("\"".utf8) + [0xC3, 0x28] + Array("\"".utf8)
        let error = invalid.withUnsafeMutableBytes { raw in
            Result { () throws(JSONDecodingError) in
                try JSONScanner.withScanner(bytes: UnsafeRawBufferPointer(raw), options: .defaults) {
                    (s) throws(JSONDecodingError) in try s.readString()
                }
            }
        }
        #expect(throws: JSONDecodingError.self) { try error.get() }
    }

    @Test("integers from numbers and numeric strings, with range checks")
    func integers() throws {
        #expect(
            try Self.scan("\"-9223372036854775808\"") { (s) throws(JSONDecodingError) in try s.readInt64() } == .min)
        #expect(try Self.scan("18446744073709551615") { (s) throws(JSONDecodingError) in try s.readUInt64() } == .max)
        #expect(try Self.scan("1e3") { (s) throws(JSONDecodingError) in try s.readInt32() } == 1000)
        #expect(try Self.scan("\"5.0\"") { (s) throws(JSONDecodingError) in try s.readUInt32() } == 5)
        for (json, code) in [
            ("2147483648", JSONDecodingError.Code.outOfRange), ("1.5", .outOfRange), ("-1", .outOfRange),
            ("\"abc\"", .wrongType), ("true", .wrongType), ("01", .malformed), ("+1", .wrongType),
            ("\" 1\"", .wrongType),
        ] {
            let error = Self.failure(json) { (s) throws(JSONDecodingError) in
                json == "-1" ? Int32(try s.readUInt32()) : try s.readInt32()
            }
            #expect(error?.code == code, "\(json): \(String(describing: error))")
        }
    }

    @Test("floating point: numbers, strings and the special names; overflow is an error")
    func floatingPoint() throws {
        #expect(try Self.scan("-2.5e-3") { (s) throws(JSONDecodingError) in try s.readDouble() } == -0.0025)
        #expect(try Self.scan("\"1.5\"") { (s) throws(JSONDecodingError) in try s.readDouble() } == 1.5)
        #expect(try Self.scan("\"NaN\"") { (s) throws(JSONDecodingError) in try s.readDouble() }.isNaN)
        #expect(try Self.scan("\"-Infinity\"") { (s) throws(JSONDecodingError) in try s.readFloat() } == -.infinity)
        #expect(Self.failure("1e400") { (s) throws(JSONDecodingError) in try s.readDouble() }?.code == .outOfRange)
        #expect(Self.failure("3.5e38") { (s) throws(JSONDecodingError) in try s.readFloat() }?.code == .outOfRange)
        #expect(Self.failure("\"inf\"") { (s) throws(JSONDecodingError) in try s.readDouble() }?.code == .wrongType)
        #expect(Self.failure(".5") { (s) throws(JSONDecodingError) in try s.readDouble() } != nil)
    }

    @Test("bytes from base64 in either alphabet")
    func bytes() throws {
        #expect(try Self.scan("\"-_8\"") { (s) throws(JSONDecodingError) in try s.readBytes() } == [0xFB, 0xFF])
        #expect(Self.failure("\"!!\"") { (s) throws(JSONDecodingError) in try s.readBytes() }?.code == .wrongType)
    }

    @Test("nesting past the limit is an error, not a stack overflow")
    func depth() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(Self.failure(deep) { (s) throws(JSONDecodingError) in try s.skipValue() }?.code == .tooDeep)
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(Self.failure(fine) { (s) throws(JSONDecodingError) in try s.skipValue() } == nil)
    }

    @Test("errors describe their path the way people write it")
    func pathDescription() {
        let error = JSONDecodingError(code: .wrongType, message: "expected a string", offset: 57)
            .prefixed(by: .key("currencyCode")).prefixed(by: .key("price")).prefixed(by: .index(2)).prefixed(
                by: .key("items"))
        #expect(error.description == "wrong type: \"expected a string\" at items[2].price.currencyCode (byte 57)")
    }
}
