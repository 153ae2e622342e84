/// Writes JSON text (RFC 8259) into a ``ByteBuffer``, with the value forms of the proto3 JSON
/// mapping: 64-bit integers as strings, `NaN`/`Infinity` as strings, bytes as base64.
///
/// Generated JSON codecs drive it; it inserts the commas between members and elements itself.
///
/// ```swift
/// var writer = JSONWriter()
/// writer.beginObject()
/// writer.writeKey("orderId")
/// writer.writeString("ord-1")
/// writer.writeKey("customerId")
/// writer.writeInt64(9_876_543_210)   // "9876543210", a string: JSON numbers lose 64-bit precision
/// writer.endObject()
/// let json = writer.finish()          // {"orderId":"ord-1","customerId":"9876543210"}
/// ```
public struct JSONWriter {
    @usableFromInline var buffer: ByteBuffer
    /// Whether the next member or element needs a comma before it: true after any finished
    /// value (a container that ends is one too), false right after `{`, `[` or a key.
    @usableFromInline var needsComma = false
    /// The options generated codecs consult (default values, field names, `Any` types).
    public let options: JSONEncodingOptions

    /// A writer appending to `buffer` (empty by default).
    @inlinable
    public init(buffer: ByteBuffer = ByteBuffer(), options: JSONEncodingOptions = .defaults) {
        self.buffer = buffer
        self.options = options
    }

    /// The JSON written so far.
    @inlinable
    public consuming func finish() -> ByteBuffer { buffer }

    // MARK: Structure

    @inlinable
    mutating func separate() {
        if needsComma { buffer.writeInteger(UInt8(ascii: ",")) }
        needsComma = true
    }

    /// Starts an object (as a value: after a key, as an array element, or at the top).
    @inlinable
    public mutating func beginObject() { open(UInt8(ascii: "{")) }

    /// Ends the innermost object.
    @inlinable
    public mutating func endObject() { close(UInt8(ascii: "}")) }

    /// Starts an array.
    @inlinable
    public mutating func beginArray() { open(UInt8(ascii: "[")) }

    /// Ends the innermost array.
    @inlinable
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    @inlinable
    mutating func open(_ bracket: UInt8) {
        buffer.writeInteger(bracket)
        needsComma = false
    }

    /// A container that ends is a finished value, so whatever follows it needs a comma.
    @inlinable
    mutating func close(_ bracket: UInt8) {
        buffer.writeInteger(bracket)
        needsComma = true
    }

    /// Writes a member name (and the colon) inside an object; the value comes next.
    @inlinable
    public mutating func writeKey(_ name: String) {
        separate()
        writeQuoted(name)
        buffer.writeInteger(UInt8(ascii: ":"))
        needsComma = false  // the value that follows is not a new member
    }

    /// Writes a field's key: `json` (its JSON name), or `proto` (its `.proto` name) when
    /// ``JSONEncodingOptions/preserveProtoFieldNames`` is set. Generated code passes names that
    /// need no escaping, so they are copied as they are.
    @inlinable
    public mutating func writeFieldKey(_ json: StaticString, _ proto: StaticString) {
        separate()
        let name = options.preserveProtoFieldNames ? proto : json
        buffer.writeInteger(UInt8(ascii: "\""))
        buffer.writeBytes(UnsafeRawBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        buffer.writeInteger(UInt8(ascii: "\""))
        buffer.writeInteger(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Marks the start of an array element (writes the comma if one is due).
    @inlinable
    public mutating func beginElement() {
        separate()
    }

    // MARK: Values

    /// Ends a value: the next member or element needs a comma.
    @inlinable
    mutating func valueWritten() { needsComma = true }

    /// `null`.
    @inlinable
    public mutating func writeNull() {
        buffer.writeString("null")
        valueWritten()
    }

    /// `true` or `false`.
    @inlinable
    public mutating func writeBool(_ value: Bool) {
        buffer.writeString(value ? "true" : "false")
        valueWritten()
    }

    /// A JSON string.
    @inlinable
    public mutating func writeString(_ value: String) {
        writeQuoted(value)
        valueWritten()
    }

    /// `int32`, `sint32`, `sfixed32`: a JSON number.
    @inlinable
    public mutating func writeInt32(_ value: Int32) {
        writeDecimal(Int64(value))
        valueWritten()
    }

    /// `uint32`, `fixed32`: a JSON number.
    @inlinable
    public mutating func writeUInt32(_ value: UInt32) {
        writeDecimal(UInt64(value))
        valueWritten()
    }

    /// `int64`, `sint64`, `sfixed64`: a decimal string (JSON numbers are doubles in most parsers).
    @inlinable
    public mutating func writeInt64(_ value: Int64) {
        buffer.writeInteger(UInt8(ascii: "\""))
        writeDecimal(value)
        buffer.writeInteger(UInt8(ascii: "\""))
        valueWritten()
    }

    /// `uint64`, `fixed64`: a decimal string.
    @inlinable
    public mutating func writeUInt64(_ value: UInt64) {
        buffer.writeInteger(UInt8(ascii: "\""))
        writeDecimal(value)
        buffer.writeInteger(UInt8(ascii: "\""))
        valueWritten()
    }

    /// `double`: a number in shortest round-trip form, or `"NaN"`, `"Infinity"`, `"-Infinity"`.
    @inlinable
    public mutating func writeDouble(_ value: Double) { writeFloatingPoint(value) }

    /// `float`: the shortest text that reads back as the same `Float`, or the non-finite names.
    @inlinable
    public mutating func writeFloat(_ value: Float) { writeFloatingPoint(value) }

    @inlinable
    mutating func writeFloatingPoint<F: BinaryFloatingPoint & CustomStringConvertible>(_ value: F) {
        if value.isFinite {
            writeNumberText(value.description)
        } else {
            writeNonFinite(isNaN: value.isNaN, isNegative: value.sign == .minus)
        }
        valueWritten()
    }

    /// `bytes`: standard base64 with padding (RFC 4648 §4), in a JSON string.
    @inlinable
    public mutating func writeBase64(_ value: ByteBuffer) {
        buffer.writeInteger(UInt8(ascii: "\""))
        value.withUnsafeReadableBytes { Base64.encode($0, into: &buffer) }
        buffer.writeInteger(UInt8(ascii: "\""))
        valueWritten()
    }

    /// Already-encoded JSON (a nested document a well-known type produced, for instance).
    @inlinable
    public mutating func writeRawJSON(_ json: ByteBuffer) {
        buffer.writeBuffer(json)
        valueWritten()
    }

    // MARK: Text

    @usableFromInline
    mutating func writeNonFinite(isNaN: Bool, isNegative: Bool) {
        buffer.writeString(isNaN ? "\"NaN\"" : (isNegative ? "\"-Infinity\"" : "\"Infinity\""))
    }

    /// Swift prints finite floating-point values in shortest round-trip form (`0.1`, `1e-05`,
    /// `1.0`), all valid JSON numbers that read back to the same value. Integral values lose
    /// the `.0` (`5`, as Go, C++ and Java write them).
    @usableFromInline
    mutating func writeNumberText(_ text: String) {
        var text = text
        if text.hasSuffix(".0") { text.removeLast(2) }
        buffer.writeString(text)
    }

    @inlinable
    mutating func writeDecimal(_ value: Int64) { buffer.writeDecimal(value) }

    @inlinable
    mutating func writeDecimal(_ value: UInt64) { buffer.writeDecimal(value) }

    /// Writes `"…"` with the escapes RFC 8259 §7 requires (quote, backslash, control characters).
    @usableFromInline
    mutating func writeQuoted(_ value: String) {
        buffer.writeInteger(UInt8(ascii: "\""))
        var text = value
        text.withUTF8 { typed in
            let utf8 = UnsafeRawBufferPointer(typed)
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                if runStart < index { buffer.writeBytes(UnsafeRawBufferPointer(rebasing: utf8[runStart..<index])) }
                writeEscape(byte)
                runStart = index + 1
            }
            if runStart < utf8.count { buffer.writeBytes(UnsafeRawBufferPointer(rebasing: utf8[runStart...])) }
        }
        buffer.writeInteger(UInt8(ascii: "\""))
    }

    @usableFromInline
    mutating func writeEscape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): buffer.writeString("\\\"")
        case UInt8(ascii: "\\"): buffer.writeString("\\\\")
        case 0x08: buffer.writeString("\\b")
        case 0x0C: buffer.writeString("\\f")
        case 0x0A: buffer.writeString("\\n")
        case 0x0D: buffer.writeString("\\r")
        case 0x09: buffer.writeString("\\t")
        default:
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            buffer.writeString("\\u00")
            buffer.writeInteger(hex[Int(byte >> 4)])
            buffer.writeInteger(hex[Int(byte & 0x0F)])
        }
    }
}
