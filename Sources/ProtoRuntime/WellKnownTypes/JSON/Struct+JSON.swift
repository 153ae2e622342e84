extension Google_Protobuf_NullValue {
    /// `NullValue` is JSON `null`.
    public static var _protoIsJSONNull: Bool { true }
}

extension Google_Protobuf_Struct {
    public static var _protoHasSpecialJSON: Bool { true }

    /// A JSON object: its members are the struct's fields.
    public mutating func _protoDecodeJSON(from scanner: inout JSONScanner) throws(JSONDecodingError) {
        try scanner.beginObject()
        var isFirst = true
        while let key = try scanner.nextKey(isFirst: &isFirst) {
            do throws(JSONDecodingError) {
                var value = Google_Protobuf_Value()
                try value._protoDecodeJSON(from: &scanner)
                fields[key] = value
            } catch {
                throw error.prefixed(by: .key(key))
            }
        }
    }

    public func _protoEncodeJSON(to writer: inout JSONWriter) throws(ProtoEncodingError) {
        try writer.writeMap(ProtoString.self, ProtoMessageKind<Google_Protobuf_Value>.self, fields)
    }
}

extension Google_Protobuf_ListValue {
    public static var _protoHasSpecialJSON: Bool { true }

    /// A JSON array of values.
    public mutating func _protoDecodeJSON(from scanner: inout JSONScanner) throws(JSONDecodingError) {
        guard scanner.peek() == UInt8(ascii: "[") else { throw scanner.error(.wrongType, "expected an array") }
        try scanner.readRepeated(ProtoMessageKind<Google_Protobuf_Value>.self, into: &values)
    }

    public func _protoEncodeJSON(to writer: inout JSONWriter) throws(ProtoEncodingError) {
        try writer.writeRepeated(ProtoMessageKind<Google_Protobuf_Value>.self, values)
    }
}

extension Google_Protobuf_Value {
    public static var _protoHasSpecialJSON: Bool { true }

    /// JSON `null` is a `Value` (`nullValue`), not "unset".
    public static var _protoJSONNullValue: Google_Protobuf_Value? {
        Google_Protobuf_Value(kind: .nullValue(.nullValue))
    }

    /// Any JSON value.
    public mutating func _protoDecodeJSON(from scanner: inout JSONScanner) throws(JSONDecodingError) {
        switch scanner.peek() {
        case UInt8(ascii: "{"):
            var value = Google_Protobuf_Struct()
            try value._protoDecodeJSON(from: &scanner)
            kind = .structValue(value)
        case UInt8(ascii: "["):
            var value = Google_Protobuf_ListValue()
            try value._protoDecodeJSON(from: &scanner)
            kind = .listValue(value)
        case UInt8(ascii: "\""):
            kind = .stringValue(try scanner.readString())
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            kind = .boolValue(try scanner.readBool())
        case UInt8(ascii: "n"):
            guard scanner.readNull() else { throw scanner.error(.malformed, "expected a value") }
            kind = .nullValue(.nullValue)
        default:
            kind = .numberValue(try scanner.readDouble())
        }
    }

    /// The JSON value; no kind set is `null`. NaN and infinities have no JSON number form.
    public func _protoEncodeJSON(to writer: inout JSONWriter) throws(ProtoEncodingError) {
        switch kind {
        case nil, .nullValue?:
            writer.writeNull()
        case .numberValue(let number)?:
            guard number.isFinite else {
                throw ProtoEncodingError(
                    code: .invalidValue, message: "google.protobuf.Value cannot hold \(number) in JSON")
            }
            writer.writeDouble(number)
        case .stringValue(let string)?:
            writer.writeString(string)
        case .boolValue(let bool)?:
            writer.writeBool(bool)
        case .structValue(let value)?:
            try value._protoEncodeJSON(to: &writer)
        case .listValue(let value)?:
            try value._protoEncodeJSON(to: &writer)
        }
    }
}
