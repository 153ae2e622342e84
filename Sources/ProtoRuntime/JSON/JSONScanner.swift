/// Limits and switches for JSON decoding.
public struct JSONDecodingOptions: Sendable {
    /// The deepest nesting of objects and arrays accepted. Default 100.
    public var maxDepth: Int = 100
    /// The largest input accepted, in bytes. Default 64 MiB.
    public var maxMessageSize: Int = 64 << 20
    /// Whether keys the message does not declare are skipped instead of rejected. Default `false`.
    public var ignoreUnknownFields: Bool = false
    /// The message types an `Any` may hold. Default: the well-known types.
    public var typeRegistry: MessageTypeRegistry = .wellKnownTypes
    /// The extension fields read from `[full.name]` keys; others are unknown fields.
    public var extensions = ExtensionRegistry()

    /// The defaults described above.
    public static var defaults: JSONDecodingOptions { JSONDecodingOptions() }

    /// Creates the defaults.
    public init() {}
}

/// Reads JSON (RFC 8259) token by token from a borrowed view of bytes, with the value forms of
/// the proto3 JSON mapping: numbers or numeric strings for every numeric type, `"NaN"` and
/// `"Infinity"` for floating point, base64 (either alphabet) for bytes.
///
/// Generated JSON codecs drive it: `beginObject()`, then `nextKey(isFirst:)` in a loop and one
/// `read…` per member. Every read checks the grammar and the bounds; nesting is limited by
/// ``JSONDecodingOptions/maxDepth`` so hostile input hits a limit, not the stack.
public struct JSONScanner {
    @usableFromInline var cursor: UnsafePointer<UInt8>
    @usableFromInline let end: UnsafePointer<UInt8>
    @usableFromInline let origin: UnsafePointer<UInt8>
    @usableFromInline var remainingDepth: Int
    /// The depth (as `remainingDepth` inside it) of the `Any` object whose `@type` key the
    /// message being decoded must skip; -1 outside an `Any`.
    @usableFromInline var anyTypeKeyDepth = -1
    /// The options this decode runs with.
    public let options: JSONDecodingOptions

    @usableFromInline
    init(bytes: UnsafeRawBufferPointer, options: JSONDecodingOptions) {
        let base =
            bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
            ?? UnsafePointer(_ByteStorage.empty.pointer.assumingMemoryBound(to: UInt8.self))
        cursor = base
        origin = base
        end = base + bytes.count
        remainingDepth = options.maxDepth
        self.options = options
    }

    /// Runs `body` with a scanner over `bytes`, after checking the size limit; then requires
    /// that nothing but whitespace follows.
    public static func withScanner<R>(
        bytes: UnsafeRawBufferPointer, options: JSONDecodingOptions,
        _ body: (inout JSONScanner) throws(JSONDecodingError) -> R
    ) throws(JSONDecodingError) -> R {
        guard bytes.count <= options.maxMessageSize else {
            throw JSONDecodingError(
                code: .tooLarge, message: "input of \(bytes.count) bytes exceeds \(options.maxMessageSize)", offset: 0)
        }
        var scanner = JSONScanner(bytes: bytes, options: options)
        let result = try body(&scanner)
        scanner.skipWhitespace()
        guard scanner.cursor == scanner.end else {
            throw scanner.error(.malformed, "unexpected characters after the JSON value")
        }
        return result
    }

    /// The byte offset of the read position.
    public var offset: Int { cursor - origin }

    @usableFromInline
    func error(_ code: JSONDecodingError.Code, _ message: String) -> JSONDecodingError {
        JSONDecodingError(code: code, message: message, offset: cursor - origin)
    }

    // MARK: Whitespace and peeking

    @inlinable
    mutating func skipWhitespace() {
        while cursor < end {
            switch cursor.pointee {
            case 0x20, 0x09, 0x0A, 0x0D: cursor += 1
            default: return
            }
        }
    }

    /// The next non-whitespace byte, without consuming it; `nil` at the end.
    @inlinable
    public mutating func peek() -> UInt8? {
        skipWhitespace()
        return cursor < end ? cursor.pointee : nil
    }

    @inlinable
    mutating func expect(_ byte: UInt8, _ what: String) throws(JSONDecodingError) {
        guard peek() == byte else { throw error(.malformed, "expected \(what)") }
        cursor += 1
    }

    /// Consumes `literal` (such as `null`) if it is next, as a whole token.
    @usableFromInline
    mutating func consumeLiteral(_ literal: StaticString) -> Bool {
        skipWhitespace()
        let count = literal.utf8CodeUnitCount
        guard end - cursor >= count else { return false }
        for index in 0..<count where cursor[index] != literal.utf8Start[index] { return false }
        if end - cursor > count, Self.isIdentifierByte(cursor[count]) { return false }
        cursor += count
        return true
    }

    @usableFromInline
    static func isIdentifierByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
    }

    // MARK: Containers

    /// Consumes `{`.
    public mutating func beginObject() throws(JSONDecodingError) {
        guard peek() == UInt8(ascii: "{") else { throw error(.wrongType, "expected an object") }
        try enter()
        cursor += 1
    }

    /// Reads the next member's key and its colon, or consumes the closing `}` and returns `nil`.
    /// `isFirst` starts `true` for each object and tracks whether a comma is due.
    public mutating func nextKey(isFirst: inout Bool) throws(JSONDecodingError) -> String? {
        switch peek() {
        case UInt8(ascii: "}"):
            cursor += 1
            remainingDepth += 1
            return nil
        case UInt8(ascii: ","):
            guard !isFirst else { throw error(.malformed, "expected a key or '}', found ','") }
            cursor += 1
        default:
            guard isFirst else { throw error(.malformed, "expected ',' or '}' after a member") }
        }
        isFirst = false
        guard peek() == UInt8(ascii: "\"") else { throw error(.malformed, "expected a quoted key") }
        let key = try readString()
        try expect(UInt8(ascii: ":"), "':' after a key")
        return key
    }

    /// Consumes `[`.
    public mutating func beginArray() throws(JSONDecodingError) {
        guard peek() == UInt8(ascii: "[") else { throw error(.wrongType, "expected an array") }
        try enter()
        cursor += 1
    }

    /// Whether another element follows (its comma consumed), or `false` after the closing `]`.
    public mutating func nextElement(isFirst: inout Bool) throws(JSONDecodingError) -> Bool {
        switch peek() {
        case UInt8(ascii: "]"):
            cursor += 1
            remainingDepth += 1
            return false
        case UInt8(ascii: ","):
            guard !isFirst else { throw error(.malformed, "expected a value or ']', found ','") }
            cursor += 1
        case nil:
            throw error(.malformed, "unterminated array")
        default:
            guard isFirst else { throw error(.malformed, "expected ',' or ']' after an element") }
        }
        isFirst = false
        return true
    }

    mutating func enter() throws(JSONDecodingError) {
        remainingDepth -= 1
        guard remainingDepth >= 0 else {
            throw error(.tooDeep, "objects and arrays nested deeper than \(options.maxDepth) levels")
        }
    }

    // MARK: Literals

    /// Consumes `null` if it is next (proto3 JSON: the field keeps its default).
    public mutating func readNull() -> Bool {
        consumeLiteral("null")
    }

    /// `true` or `false`.
    public mutating func readBool() throws(JSONDecodingError) -> Bool {
        if consumeLiteral("true") { return true }
        if consumeLiteral("false") { return false }
        throw error(.wrongType, "expected true or false")
    }

    // MARK: Strings

    /// A JSON string, unescaped, which must be valid UTF-8.
    public mutating func readString() throws(JSONDecodingError) -> String {
        guard peek() == UInt8(ascii: "\"") else { throw error(.wrongType, "expected a string") }
        cursor += 1
        let start = cursor
        // Fast path: no escapes.
        while cursor < end {
            let byte = cursor.pointee
            if byte == UInt8(ascii: "\"") {
                let count = cursor - start
                guard UTF8Validation.isValid(start, count: count) else {
                    throw error(.invalidUTF8, "string is not valid UTF-8")
                }
                cursor += 1
                return String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw error(.malformed, "control character in a string must be escaped") }
            cursor += 1
        }
        var bytes = [UInt8](UnsafeBufferPointer(start: start, count: cursor - start))
        return try readEscapedRest(into: &bytes)
    }

    mutating func readEscapedRest(into bytes: inout [UInt8]) throws(JSONDecodingError) -> String {
        while cursor < end {
            let byte = cursor.pointee
            cursor += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard let string = String(validating: bytes, as: UTF8.self) else {
                    throw error(.invalidUTF8, "string is not valid UTF-8")
                }
                return string
            case UInt8(ascii: "\\"):
                try readEscape(into: &bytes)
            case 0..<0x20:
                throw error(.malformed, "control character in a string must be escaped")
            default:
                bytes.append(byte)
            }
        }
        throw error(.malformed, "unterminated string")
    }

    mutating func readEscape(into bytes: inout [UInt8]) throws(JSONDecodingError) {
        guard cursor < end else { throw error(.malformed, "unterminated escape") }
        let byte = cursor.pointee
        cursor += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(byte)
        case UInt8(ascii: "b"): bytes.append(0x08)
        case UInt8(ascii: "f"): bytes.append(0x0C)
        case UInt8(ascii: "n"): bytes.append(0x0A)
        case UInt8(ascii: "r"): bytes.append(0x0D)
        case UInt8(ascii: "t"): bytes.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = UInt32(try readHex4())
            if (0xD800...0xDBFF).contains(scalar) {
                // A high surrogate must be followed by an escaped low surrogate (RFC 8259 §7).
                guard end - cursor >= 2, cursor[0] == UInt8(ascii: "\\"), cursor[1] == UInt8(ascii: "u") else {
                    throw error(.malformed, "unpaired surrogate in \\u escape")
                }
                cursor += 2
                let low = UInt32(try readHex4())
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw error(.malformed, "unpaired surrogate in \\u escape")
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(scalar) {
                throw error(.malformed, "unpaired surrogate in \\u escape")
            }
            guard let unicode = Unicode.Scalar(scalar) else { throw error(.malformed, "invalid \\u escape") }
            bytes.append(contentsOf: String(Character(unicode)).utf8)
        default:
            throw error(.malformed, "invalid escape '\\\(Character(Unicode.Scalar(byte)))'")
        }
    }

    mutating func readHex4() throws(JSONDecodingError) -> UInt16 {
        guard end - cursor >= 4 else { throw error(.malformed, "truncated \\u escape") }
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard let digit = Self.hexValue(cursor.pointee) else { throw error(.malformed, "invalid \\u escape") }
            value = value << 4 | UInt16(digit)
            cursor += 1
        }
        return value
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    // MARK: Numbers

    /// The text of a number: a JSON number, or (as proto3 JSON allows) one inside a string.
    /// Returns the digits and whether they were quoted.
    mutating func readNumberText() throws(JSONDecodingError) -> (text: Substring, isQuoted: Bool) {
        if peek() == UInt8(ascii: "\"") {
            let string = try readString()
            return (Substring(string), true)
        }
        let start = cursor
        guard let length = Self.numberLength(start, end - start), length > 0 else {
            throw error(.wrongType, "expected a number")
        }
        cursor += length
        if cursor < end, Self.isIdentifierByte(cursor.pointee) || cursor.pointee == UInt8(ascii: ".") {
            throw error(.malformed, "malformed number")
        }
        return (Substring(String(decoding: UnsafeBufferPointer(start: start, count: length), as: UTF8.self)), false)
    }

    /// The length of a JSON number (RFC 8259 §6) at `start`, or `nil` if none is there.
    static func numberLength(_ start: UnsafePointer<UInt8>, _ available: Int) -> Int? {
        var index = 0
        func isDigit(_ i: Int) -> Bool { i < available && start[i] >= 0x30 && start[i] <= 0x39 }
        if index < available && start[index] == UInt8(ascii: "-") { index += 1 }
        guard isDigit(index) else { return nil }
        if start[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while isDigit(index) { index += 1 }
        }
        if index < available && start[index] == UInt8(ascii: ".") {
            index += 1
            guard isDigit(index) else { return nil }
            while isDigit(index) { index += 1 }
        }
        if index < available && (start[index] == UInt8(ascii: "e") || start[index] == UInt8(ascii: "E")) {
            index += 1
            if index < available && (start[index] == UInt8(ascii: "+") || start[index] == UInt8(ascii: "-")) {
                index += 1
            }
            guard isDigit(index) else { return nil }
            while isDigit(index) { index += 1 }
        }
        return index
    }

    static func isNumber(_ text: Substring) -> Bool {
        var utf8 = Array(text.utf8)
        return utf8.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return false }
            return numberLength(base, buffer.count) == buffer.count
        }
    }

    /// An integer in `range`, from a number or a numeric string; fractions and exponents are
    /// accepted when the value is integral (`1e3`, `5.0`), as protobuf's own parsers do.
    mutating func readInteger<T: FixedWidthInteger>(_ type: T.Type) throws(JSONDecodingError) -> T {
        let start = offset
        let (text, _) = try readNumberText()
        guard Self.isNumber(text) else {
            throw JSONDecodingError(code: .wrongType, message: "expected an integer, found \"\(text)\"", offset: start)
        }
        if let exact = T(text, radix: 10) { return exact }
        let isPlainInteger = !text.contains { $0 == "." || $0 == "e" || $0 == "E" }
        if !isPlainInteger, let value = Double(text), value.rounded(.towardZero) == value,
            let exact = T(exactly: value)
        {
            return exact
        }
        let problem = isPlainInteger ? "out of range for \(T.self)" : "not an integer, or out of range for \(T.self)"
        throw JSONDecodingError(code: .outOfRange, message: "\(text) is \(problem)", offset: start)
    }

    /// `int32`, `sint32`, `sfixed32`.
    public mutating func readInt32() throws(JSONDecodingError) -> Int32 { try readInteger(Int32.self) }
    /// `uint32`, `fixed32`.
    public mutating func readUInt32() throws(JSONDecodingError) -> UInt32 { try readInteger(UInt32.self) }
    /// `int64`, `sint64`, `sfixed64`.
    public mutating func readInt64() throws(JSONDecodingError) -> Int64 { try readInteger(Int64.self) }
    /// `uint64`, `fixed64`.
    public mutating func readUInt64() throws(JSONDecodingError) -> UInt64 { try readInteger(UInt64.self) }

    /// `double`: a number, a numeric string, or `"NaN"`, `"Infinity"`, `"-Infinity"`. Finite
    /// text that overflows a double is an error, not infinity.
    public mutating func readDouble() throws(JSONDecodingError) -> Double {
        let start = offset
        let (text, isQuoted) = try readNumberText()
        if isQuoted {
            switch text {
            case "NaN": return .nan
            case "Infinity": return .infinity
            case "-Infinity": return -.infinity
            default: break
            }
        }
        guard Self.isNumber(text), let value = Double(text) else {
            throw JSONDecodingError(code: .wrongType, message: "expected a number, found \"\(text)\"", offset: start)
        }
        guard value.isFinite else {
            throw JSONDecodingError(code: .outOfRange, message: "\(text) is out of range for double", offset: start)
        }
        return value
    }

    /// `float`: as ``readDouble()``, and the value must fit a `Float`: finite text that rounds
    /// to infinity is out of range. Text just above the largest float that rounds down to it is
    /// not: `3.4028235e+38`, which every writer prints for `Float.greatestFiniteMagnitude`.
    public mutating func readFloat() throws(JSONDecodingError) -> Float {
        let start = offset
        let value = try readDouble()
        let float = Float(value)
        guard !value.isFinite || float.isFinite else {
            throw JSONDecodingError(code: .outOfRange, message: "\(value) is out of range for float", offset: start)
        }
        return float
    }

    /// `bytes`: a base64 string, standard or URL-safe alphabet, padded or not.
    public mutating func readBytes() throws(JSONDecodingError) -> ByteBuffer {
        let start = offset
        // Base64 never needs escapes: decode straight from the input when there are none.
        if peek() == UInt8(ascii: "\"") {
            var scan = cursor + 1
            while scan < end && scan.pointee != UInt8(ascii: "\"") && scan.pointee != UInt8(ascii: "\\") { scan += 1 }
            if scan < end && scan.pointee == UInt8(ascii: "\"") {
                let text = UnsafeRawBufferPointer(start: cursor + 1, count: scan - cursor - 1)
                guard let decoded = Base64.decode(text) else {
                    throw error(.wrongType, "expected base64 for a bytes field")
                }
                cursor = scan + 1
                return decoded
            }
        }
        let text = try readString()
        var utf8 = Array(text.utf8)
        let decoded = utf8.withUnsafeMutableBytes { Base64.decode(UnsafeRawBufferPointer($0)) }
        guard let decoded else {
            throw JSONDecodingError(code: .wrongType, message: "expected base64 for a bytes field", offset: start)
        }
        return decoded
    }

    // MARK: Skipping

    /// Skips one value of any kind (an unknown field's), checking its grammar and depth.
    public mutating func skipValue() throws(JSONDecodingError) {
        switch peek() {
        case UInt8(ascii: "{"):
            try beginObject()
            var isFirst = true
            while try nextKey(isFirst: &isFirst) != nil { try skipValue() }
        case UInt8(ascii: "["):
            try beginArray()
            var isFirst = true
            while try nextElement(isFirst: &isFirst) { try skipValue() }
        case UInt8(ascii: "\""):
            _ = try readString()
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            _ = try readBool()
        case UInt8(ascii: "n"):
            guard readNull() else { throw error(.malformed, "expected a value") }
        case nil:
            throw error(.malformed, "expected a value, found the end of the input")
        case let byte? where byte == UInt8(ascii: "-") || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")):
            _ = try readNumberText()
        default:
            throw error(.malformed, "expected a value")
        }
    }
}
