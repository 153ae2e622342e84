public import Bytes

/// How one field kind reads and writes its proto3 JSON value. Generic field helpers
/// (``JSONScanner/readField(_:into:)-…``, ``JSONWriter/writeRepeated(_:_:)``) name the kind.
public protocol ProtoJSONKind: ProtoScalarKind {
    /// Whether JSON `null` is a value of this kind (`google.protobuf.Value`, `NullValue`);
    /// elsewhere `null` means "not set".
    static var jsonAcceptsNull: Bool { get }
    /// Reads one value; `nil` when an unknown enum name is skipped because unknown fields are
    /// being ignored.
    static func readJSON(from scanner: inout JSONScanner) throws(JSONDecodingError) -> Value?
    /// Writes one value.
    static func writeJSON(_ value: Value, to writer: inout JSONWriter) throws(ProtoEncodingError)
}

extension ProtoJSONKind {
    @inlinable public static var jsonAcceptsNull: Bool { false }
}

/// A map key kind: JSON object keys are strings, so keys are written and parsed as text.
public protocol ProtoJSONMapKeyKind: ProtoMapKeyKind, ProtoJSONKind {
    /// The key as an object member name.
    static func jsonKey(_ value: Value) -> String
    /// The key from an object member name, or `nil` if the text is not a valid key.
    static func parseJSONKey(_ text: String) -> Value?
}

// The integer kinds share their JSON by value type: `int32`, `sint32` and `sfixed32` differ on
// the wire, not in JSON. Constrained defaults implement them once per value type.

extension ProtoJSONMapKeyKind where Value: FixedWidthInteger {
    @inlinable public static func jsonKey(_ value: Value) -> String { String(value) }

    /// Decimal, as protobuf writes keys (`"-12"`); never a leading `+`.
    @inlinable public static func parseJSONKey(_ text: String) -> Value? {
        guard text.utf8.first != UInt8(ascii: "+") else { return nil }
        return Value(text, radix: 10)
    }
}

extension ProtoJSONKind where Value == Int32 {
    @inlinable public static func readJSON(from scanner: inout JSONScanner) throws(JSONDecodingError) -> Int32? {
        try scanner.readInt32()
    }
    @inlinable public static func writeJSON(_ value: Int32, to writer: inout JSONWriter) { writer.writeInt32(value) }
}

extension ProtoJSONKind where Value == UInt32 {
    @inlinable public static func readJSON(from scanner: inout JSONScanner) throws(JSONDecodingError) -> UInt32? {
        try scanner.readUInt32()
    }
    @inlinable public static func writeJSON(_ value: UInt32, to writer: inout JSONWriter) { writer.writeUInt32(value) }
}

extension ProtoJSONKind where Value == Int64 {
    @inlinable public static func readJSON(from scanner: inout JSONScanner) throws(JSONDecodingError) -> Int64? {
        try scanner.readInt64()
    }
    @inlinable public static func writeJSON(_ value: Int64, to writer: inout JSONWriter) { writer.writeInt64(value) }
}

extension ProtoJSONKind where Value == UInt64 {
    @inlinable public static func readJSON(from scanner: inout JSONScanner) throws(JSONDecodingError) -> UInt64? {
        try scanner.readUInt64()
    }
    @inlinable public static func writeJSON(_ value: UInt64, to writer: inout JSONWriter) { writer.writeUInt64(value) }
}

extension ProtoInt32: ProtoJSONMapKeyKind {}
extension ProtoSInt32: ProtoJSONMapKeyKind {}
extension ProtoSFixed32: ProtoJSONMapKeyKind {}
extension ProtoUInt32: ProtoJSONMapKeyKind {}
extension ProtoFixed32: ProtoJSONMapKeyKind {}
extension ProtoInt64: ProtoJSONMapKeyKind {}
extension ProtoSInt64: ProtoJSONMapKeyKind {}
extension ProtoSFixed64: ProtoJSONMapKeyKind {}
extension ProtoUInt64: ProtoJSONMapKeyKind {}
extension ProtoFixed64: ProtoJSONMapKeyKind {}

extension ProtoBool: ProtoJSONMapKeyKind {
    @inlinable public static func readJSON(from scanner: inout JSONScanner) throws(JSONDecodingError) -> Bool? {
        try scanner.readBool()
    }
    @inlinable public static func writeJSON(_ value: Bool, to writer: inout JSONWriter) { writer.writeBool(value) }
    @inlinable public static func jsonKey(_ value: Bool) -> String { value ? "true" : "false" }
    @inlinable public static func parseJSONKey(_ text: String) -> Bool? {
        switch text {
        case "true": true
        case "false": false
        default: nil
        }
    }
}

extension ProtoString: ProtoJSONMapKeyKind {
    @inlinable public static func readJSON(from scanner: inout JSONScanner) throws(JSONDecodingError) -> String? {
        try scanner.readString()
    }
    @inlinable public static func writeJSON(_ value: String, to writer: inout JSONWriter) { writer.writeString(value) }
    @inlinable public static func jsonKey(_ value: String) -> String { value }
    @inlinable public static func parseJSONKey(_ text: String) -> String? { text }
}

extension ProtoFloat: ProtoJSONKind {
    @inlinable public static func readJSON(from scanner: inout JSONScanner) throws(JSONDecodingError) -> Float? {
        try scanner.readFloat()
    }
    @inlinable public static func writeJSON(_ value: Float, to writer: inout JSONWriter) { writer.writeFloat(value) }
}

extension ProtoDouble: ProtoJSONKind {
    @inlinable public static func readJSON(from scanner: inout JSONScanner) throws(JSONDecodingError) -> Double? {
        try scanner.readDouble()
    }
    @inlinable public static func writeJSON(_ value: Double, to writer: inout JSONWriter) { writer.writeDouble(value) }
}

extension ProtoBytes: ProtoJSONKind {
    @inlinable public static func readJSON(from scanner: inout JSONScanner) throws(JSONDecodingError) -> ByteBuffer? {
        try scanner.readBytes()
    }
    @inlinable public static func writeJSON(_ value: ByteBuffer, to writer: inout JSONWriter) {
        writer.writeBase64(value)
    }
}

extension ProtoEnumKind: ProtoJSONKind {
    @inlinable public static var jsonAcceptsNull: Bool { E._protoIsJSONNull }

    /// A value name (any alias) or a number. Unknown names, and numbers a closed enum does not
    /// declare, are errors, or `nil` when unknown fields are being ignored.
    @inlinable
    public static func readJSON(from scanner: inout JSONScanner) throws(JSONDecodingError) -> E? {
        if E._protoIsJSONNull && scanner.readNull() { return E() }
        let start = scanner.offset
        if scanner.peek() == UInt8(ascii: "\"") {
            let name = try scanner.readString()
            if let value = E(protoName: name) { return value }
            if scanner.options.ignoreUnknownFields { return nil }
            throw JSONDecodingError(
                code: .wrongType, message: "\"\(name)\" is not a value of enum \(E.protoEnumName)", offset: start)
        }
        guard let next = scanner.peek(), next == UInt8(ascii: "-") || (next >= 0x30 && next <= 0x39) else {
            throw JSONDecodingError(
                code: .wrongType, message: "expected a value name or number of enum \(E.protoEnumName)", offset: start)
        }
        let number = try scanner.readInt32()
        // `NullValue` is written `null` whatever its number, so only its declared value reads.
        if let value = E(rawValue: number), !E._protoIsJSONNull || value.protoName != nil { return value }
        if scanner.options.ignoreUnknownFields { return nil }
        throw JSONDecodingError(
            code: .wrongType, message: "\(number) is not a value of enum \(E.protoEnumName)", offset: start)
    }

    /// The value's name; a number the enum does not know (open enums keep them) as a number.
    @inlinable
    public static func writeJSON(_ value: E, to writer: inout JSONWriter) {
        if E._protoIsJSONNull {
            writer.writeNull()
        } else if let name = value.protoName {
            writer.writeString(name)
        } else {
            writer.writeInt32(value.rawValue)
        }
    }
}

extension ProtoMessageKind: ProtoJSONKind {
    @inlinable public static var jsonAcceptsNull: Bool { M._protoJSONNullValue != nil }

    @inlinable
    public static func readJSON(from scanner: inout JSONScanner) throws(JSONDecodingError) -> M? {
        if let null = M._protoJSONNullValue, scanner.readNull() { return null }
        var message = M()
        try message._protoDecodeJSON(from: &scanner)
        return message
    }

    @inlinable
    public static func writeJSON(_ value: M, to writer: inout JSONWriter) throws(ProtoEncodingError) {
        try value._protoEncodeJSON(to: &writer)
    }
}
