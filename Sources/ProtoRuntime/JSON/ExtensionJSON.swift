// Extension fields in proto3 JSON: the key is the field's full name in brackets
// (`"[acme.v1.priority]": 3`), the value the field's usual JSON form.

extension OptionalExtension {
    public static func readJSON(
        from scanner: inout JSONScanner, into value: inout K.Value?
    )
        throws(JSONDecodingError)
    {
        try scanner.readField(K.self, into: &value)
    }
    public static func writeJSON(_ value: K.Value, to writer: inout JSONWriter) throws(ProtoEncodingError) {
        try K.writeJSON(value, to: &writer)
    }
}

extension RepeatedExtension {
    public static func readJSON(
        from scanner: inout JSONScanner, into value: inout [K.Value]?
    )
        throws(JSONDecodingError)
    {
        var array = value ?? []
        try scanner.readRepeated(K.self, into: &array)
        value = array
    }
    public static func writeJSON(_ value: [K.Value], to writer: inout JSONWriter) throws(ProtoEncodingError) {
        try writer.writeRepeated(K.self, value)
    }
}

extension PackedExtension {
    public static func readJSON(
        from scanner: inout JSONScanner, into value: inout [K.Value]?
    )
        throws(JSONDecodingError)
    {
        try RepeatedExtension<K>.readJSON(from: &scanner, into: &value)
    }
    public static func writeJSON(_ value: [K.Value], to writer: inout JSONWriter) throws(ProtoEncodingError) {
        try writer.writeRepeated(K.self, value)
    }
}

extension OptionalGroupExtension {
    public static func readJSON(from scanner: inout JSONScanner, into value: inout M?) throws(JSONDecodingError) {
        try scanner.readField(ProtoMessageKind<M>.self, into: &value)
    }
    public static func writeJSON(_ value: M, to writer: inout JSONWriter) throws(ProtoEncodingError) {
        try value._protoEncodeJSON(to: &writer)
    }
}

extension RepeatedGroupExtension {
    public static func readJSON(from scanner: inout JSONScanner, into value: inout [M]?) throws(JSONDecodingError) {
        var array = value ?? []
        try scanner.readRepeated(ProtoMessageKind<M>.self, into: &array)
        value = array
    }
    public static func writeJSON(_ value: [M], to writer: inout JSONWriter) throws(ProtoEncodingError) {
        try writer.writeRepeated(ProtoMessageKind<M>.self, value)
    }
}

extension OptionalEnumExtension {
    public static func readJSON(from scanner: inout JSONScanner, into value: inout E?) throws(JSONDecodingError) {
        try scanner.readField(ProtoEnumKind<E>.self, into: &value)
    }
    public static func writeJSON(_ value: E, to writer: inout JSONWriter) {
        ProtoEnumKind<E>.writeJSON(value, to: &writer)
    }
}

extension RepeatedEnumExtension {
    public static func readJSON(from scanner: inout JSONScanner, into value: inout [E]?) throws(JSONDecodingError) {
        var array = value ?? []
        try scanner.readRepeated(ProtoEnumKind<E>.self, into: &array)
        value = array
    }
    public static func writeJSON(_ value: [E], to writer: inout JSONWriter) throws(ProtoEncodingError) {
        try writer.writeRepeated(ProtoEnumKind<E>.self, value)
    }
}

extension PackedEnumExtension {
    public static func readJSON(from scanner: inout JSONScanner, into value: inout [E]?) throws(JSONDecodingError) {
        try RepeatedEnumExtension<E>.readJSON(from: &scanner, into: &value)
    }
    public static func writeJSON(_ value: [E], to writer: inout JSONWriter) throws(ProtoEncodingError) {
        try writer.writeRepeated(ProtoEnumKind<E>.self, value)
    }
}

extension JSONScanner {
    /// A key the message does not declare, in a message with extension ranges: `[full.name]`
    /// keys of extensions in ``JSONDecodingOptions/extensions`` are read into `extensions`;
    /// other keys are handled as ``skipUnknownField(_:in:)`` handles them.
    public mutating func decodeExtensionOrSkip(
        _ key: String, in messageName: String, extensions: inout ExtensionFieldSet
    ) throws(JSONDecodingError) {
        if key.utf8.first == UInt8(ascii: "["), key.utf8.last == UInt8(ascii: "]"),
            let field = options.extensions.field(extending: messageName, fullName: String(key.dropFirst().dropLast()))
        {
            try field._decodeJSON(from: &self, into: &extensions)
            return
        }
        try skipUnknownField(key, in: messageName)
    }
}

extension JSONWriter {
    /// Writes each set extension field as `"[full.name]": value`, in field-number order.
    public mutating func writeExtensionFields(_ extensions: ExtensionFieldSet) throws(ProtoEncodingError) {
        for number in extensions.fieldNumbers {
            guard let value = extensions.values[number] else { continue }
            writeKey("[" + value.fullName + "]")
            try value.encodeJSON(to: &self)
        }
    }
}
