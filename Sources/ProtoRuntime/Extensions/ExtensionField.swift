/// The declaration of one extension field: which message it extends, its number and its type.
///
/// Generated code declares one per `extend` field; decoding fills it only when it is in the
/// ``BinaryDecodingOptions/extensions`` registry (otherwise it stays an unknown field).
public struct ExtensionField<Extendee: ExtensibleMessage, Kind: ExtensionKind>: AnyExtensionField {
    /// The field number.
    public let fieldNumber: Int
    /// The fully qualified name of the extension, such as `acme.v1.sensitive`.
    public let fullName: String

    /// Declares an extension field.
    public init(fieldNumber: Int, fullName: String) {
        self.fieldNumber = fieldNumber
        self.fullName = fullName
    }

    /// The protobuf name of the extended message.
    public var extendeeName: String { Extendee.protoMessageName }

    public func _decode(
        from decoder: inout BinaryDecoder, tag: UInt32, into set: inout ExtensionFieldSet,
        unknownFields: inout UnknownFields
    ) throws(ProtoDecodingError) -> Bool {
        var value = set.value(of: self)
        guard try Kind.decode(from: &decoder, tag: tag, into: &value, unknownFields: &unknownFields) else {
            return false
        }
        set.setValue(value, of: self)
        return true
    }

    public func _decodeJSON(
        from scanner: inout JSONScanner, into set: inout ExtensionFieldSet
    ) throws(JSONDecodingError) {
        var value = set.value(of: self)
        try Kind.readJSON(from: &scanner, into: &value)
        set.setValue(value, of: self)
    }
}

/// An extension declaration with its types erased, as the registry holds it.
public protocol AnyExtensionField: Sendable {
    /// The field number.
    var fieldNumber: Int { get }
    /// The fully qualified name of the extension.
    var fullName: String { get }
    /// The protobuf name of the extended message.
    var extendeeName: String { get }
    /// Decodes one occurrence; returns `false` when the wire type does not fit. For the decoder.
    func _decode(
        from decoder: inout BinaryDecoder, tag: UInt32, into set: inout ExtensionFieldSet,
        unknownFields: inout UnknownFields
    ) throws(ProtoDecodingError) -> Bool

    /// Reads the field's JSON value (under its `[full.name]` key) into `set`. For generated code.
    func _decodeJSON(from scanner: inout JSONScanner, into set: inout ExtensionFieldSet) throws(JSONDecodingError)
}

/// How an extension's value is stored and coded: singular, repeated or packed.
public protocol ExtensionKind: Sendable {
    /// The Swift type of the value.
    associatedtype Value: Sendable & Hashable
    /// Decodes one occurrence into `value`; `false` when the tag's wire type does not fit.
    /// Values a closed enum does not know go to `unknownFields`, as for ordinary fields.
    static func decode(
        from decoder: inout BinaryDecoder, tag: UInt32, into value: inout Value?, unknownFields: inout UnknownFields
    ) throws(ProtoDecodingError) -> Bool
    /// Writes the field (tags included).
    static func encode(_ value: Value, fieldNumber: Int, to encoder: inout BinaryEncoder)

    /// Reads one JSON value (`null` leaves `value` as it is).
    static func readJSON(from scanner: inout JSONScanner, into value: inout Value?) throws(JSONDecodingError)

    /// Writes one JSON value.
    static func writeJSON(_ value: Value, to writer: inout JSONWriter) throws(ProtoEncodingError)
    /// Whether `value` writes nothing (an empty repeated extension), so it counts as not set.
    static func isEmpty(_ value: Value) -> Bool
}

extension ExtensionKind {
    /// Singular values are never empty.
    public static func isEmpty(_ value: Value) -> Bool { false }
}

extension ExtensionKind where Value: Collection {
    /// A repeated extension with no elements is not set: it writes nothing, as upstream.
    public static func isEmpty(_ value: Value) -> Bool { value.isEmpty }
}

/// A singular extension of a scalar, enum or message type.
public enum OptionalExtension<K: ProtoJSONKind>: ExtensionKind {
    public typealias Value = K.Value
    public static func decode(
        from decoder: inout BinaryDecoder, tag: UInt32, into value: inout K.Value?,
        unknownFields: inout UnknownFields
    ) throws(ProtoDecodingError) -> Bool {
        guard tag & 7 == UInt32(K.wireType.rawValue) else { return false }
        var current = value ?? K.defaultValue  // messages merge; scalars are replaced
        try K.decode(from: &decoder, into: &current)
        value = current
        return true
    }
    public static func encode(_ value: K.Value, fieldNumber: Int, to encoder: inout BinaryEncoder) {
        encoder.encodeScalar(K.self, value, fieldNumber: fieldNumber)
    }
}

/// A repeated extension written one tag per element (packed input is accepted too).
public enum RepeatedExtension<K: ProtoJSONKind>: ExtensionKind {
    public typealias Value = [K.Value]
    public static func decode(
        from decoder: inout BinaryDecoder, tag: UInt32, into value: inout [K.Value]?,
        unknownFields: inout UnknownFields
    ) throws(ProtoDecodingError) -> Bool {
        let wireType = tag & 7
        let packedInput = wireType == 2 && K.wireType != .lengthDelimited
        guard wireType == UInt32(K.wireType.rawValue) || packedInput else { return false }
        var array = value ?? []
        try decoder.decodeRepeated(K.self, tag: tag, into: &array)
        value = array
        return true
    }
    public static func encode(_ value: [K.Value], fieldNumber: Int, to encoder: inout BinaryEncoder) {
        encoder.encodeUnpacked(K.self, value, fieldNumber: fieldNumber)
    }
}

/// A repeated extension written packed (unpacked input is accepted too).
public enum PackedExtension<K: ProtoJSONKind>: ExtensionKind {
    public typealias Value = [K.Value]
    public static func decode(
        from decoder: inout BinaryDecoder, tag: UInt32, into value: inout [K.Value]?,
        unknownFields: inout UnknownFields
    ) throws(ProtoDecodingError) -> Bool {
        try RepeatedExtension<K>.decode(from: &decoder, tag: tag, into: &value, unknownFields: &unknownFields)
    }
    public static func encode(_ value: [K.Value], fieldNumber: Int, to encoder: inout BinaryEncoder) {
        encoder.encodePacked(K.self, value, fieldNumber: fieldNumber)
    }
}

/// A singular group extension (proto2).
public enum OptionalGroupExtension<M: Message>: ExtensionKind {
    public typealias Value = M
    public static func decode(
        from decoder: inout BinaryDecoder, tag: UInt32, into value: inout M?,
        unknownFields: inout UnknownFields
    ) throws(ProtoDecodingError) -> Bool {
        guard tag & 7 == UInt32(WireType.startGroup.rawValue) else { return false }
        try decoder.decodeGroup(&value, fieldNumber: Int(tag >> 3))
        return true
    }
    public static func encode(_ value: M, fieldNumber: Int, to encoder: inout BinaryEncoder) {
        encoder.encodeGroup(value, fieldNumber: fieldNumber)
    }
}

/// A repeated group extension (proto2).
public enum RepeatedGroupExtension<M: Message>: ExtensionKind {
    public typealias Value = [M]
    public static func decode(
        from decoder: inout BinaryDecoder, tag: UInt32, into value: inout [M]?,
        unknownFields: inout UnknownFields
    ) throws(ProtoDecodingError) -> Bool {
        guard tag & 7 == UInt32(WireType.startGroup.rawValue) else { return false }
        var element = M()
        try decoder.decodeGroup(&element, fieldNumber: Int(tag >> 3))
        value = (value ?? []) + [element]
        return true
    }
    public static func encode(_ value: [M], fieldNumber: Int, to encoder: inout BinaryEncoder) {
        for element in value { encoder.encodeGroup(element, fieldNumber: fieldNumber) }
    }
}

/// A singular enum extension. A number a closed enum does not declare is kept in the message's
/// unknown fields (and the extension stays unset), as upstream protobuf does.
public enum OptionalEnumExtension<E: ProtoEnum>: ExtensionKind {
    public typealias Value = E
    public static func decode(
        from decoder: inout BinaryDecoder, tag: UInt32, into value: inout E?, unknownFields: inout UnknownFields
    ) throws(ProtoDecodingError) -> Bool {
        guard tag & 7 == UInt32(WireType.varint.rawValue) else { return false }
        if let known = try decoder.decodeClosedEnum(E.self, fieldNumber: Int(tag >> 3), unknownFields: &unknownFields) {
            value = known
        }
        return true
    }
    public static func encode(_ value: E, fieldNumber: Int, to encoder: inout BinaryEncoder) {
        encoder.encodeScalar(ProtoEnumKind<E>.self, value, fieldNumber: fieldNumber)
    }
}

/// A repeated enum extension written one tag per element (packed input is accepted too).
public enum RepeatedEnumExtension<E: ProtoEnum>: ExtensionKind {
    public typealias Value = [E]
    public static func decode(
        from decoder: inout BinaryDecoder, tag: UInt32, into value: inout [E]?, unknownFields: inout UnknownFields
    ) throws(ProtoDecodingError) -> Bool {
        let fieldNumber = Int(tag >> 3)
        var array = value ?? []
        switch tag & 7 {
        case UInt32(WireType.varint.rawValue):
            if let known = try decoder.decodeClosedEnum(E.self, fieldNumber: fieldNumber, unknownFields: &unknownFields)
            {
                array.append(known)
            }
        case UInt32(WireType.lengthDelimited.rawValue):
            try decoder.decodePackedEnum(E.self, fieldNumber: fieldNumber, into: &array, unknownFields: &unknownFields)
        default:
            return false
        }
        value = array
        return true
    }
    public static func encode(_ value: [E], fieldNumber: Int, to encoder: inout BinaryEncoder) {
        encoder.encodeUnpacked(ProtoEnumKind<E>.self, value, fieldNumber: fieldNumber)
    }
}

/// A repeated enum extension written packed (unpacked input is accepted too).
public enum PackedEnumExtension<E: ProtoEnum>: ExtensionKind {
    public typealias Value = [E]
    public static func decode(
        from decoder: inout BinaryDecoder, tag: UInt32, into value: inout [E]?, unknownFields: inout UnknownFields
    ) throws(ProtoDecodingError) -> Bool {
        try RepeatedEnumExtension<E>.decode(from: &decoder, tag: tag, into: &value, unknownFields: &unknownFields)
    }
    public static func encode(_ value: [E], fieldNumber: Int, to encoder: inout BinaryEncoder) {
        encoder.encodePacked(ProtoEnumKind<E>.self, value, fieldNumber: fieldNumber)
    }
}
