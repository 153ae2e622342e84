public import Bytes

/// How one protobuf scalar type is read and written: its Swift value type, wire type and codec.
///
/// Several protobuf types share a Swift type (`int32`, `sint32`, `sfixed32` are all `Int32`),
/// so generic code (maps, packed fields, extensions) names the kind, not the value type.
public protocol ProtoScalarKind {
    /// The Swift type of values.
    associatedtype Value: Sendable & Hashable
    /// The wire type of one value.
    static var wireType: WireType { get }
    /// The encoded size of every value, for fixed-width types; `nil` for varints and lengths.
    static var fixedSize: Int? { get }
    /// The protobuf default.
    static var defaultValue: Value { get }
    /// Reads one value (no tag), replacing `value` (or, for messages, merging into it).
    static func decode(from decoder: inout BinaryDecoder, into value: inout Value) throws(ProtoDecodingError)
    /// Writes one value (no tag).
    static func encode(_ value: Value, to encoder: inout BinaryEncoder)
}

/// A scalar kind allowed as a map key (any integer type, `bool` or `string`).
public protocol ProtoMapKeyKind: ProtoScalarKind {
    /// The order used for deterministic encoding.
    static func sortsBefore(_ lhs: Value, _ rhs: Value) -> Bool
}

/// `int32`.
public enum ProtoInt32: ProtoScalarKind {
    public typealias Value = Int32
    @inlinable public static var wireType: WireType { .varint }
    @inlinable public static var fixedSize: Int? { nil }
    @inlinable public static var defaultValue: Int32 { 0 }
    @inlinable
    public static func decode(from decoder: inout BinaryDecoder, into value: inout Int32) throws(ProtoDecodingError) {
        value = try decoder.decodeInt32()
    }
    @inlinable
    public static func encode(_ value: Int32, to encoder: inout BinaryEncoder) {
        encoder.writeVarint(UInt64(bitPattern: Int64(value)))
    }
}

extension ProtoInt32: ProtoMapKeyKind {
    @inlinable public static func sortsBefore(_ lhs: Int32, _ rhs: Int32) -> Bool { lhs < rhs }
}

/// `int64`.
public enum ProtoInt64: ProtoScalarKind {
    public typealias Value = Int64
    @inlinable public static var wireType: WireType { .varint }
    @inlinable public static var fixedSize: Int? { nil }
    @inlinable public static var defaultValue: Int64 { 0 }
    @inlinable
    public static func decode(from decoder: inout BinaryDecoder, into value: inout Int64) throws(ProtoDecodingError) {
        value = try decoder.decodeInt64()
    }
    @inlinable
    public static func encode(_ value: Int64, to encoder: inout BinaryEncoder) {
        encoder.writeVarint(UInt64(bitPattern: value))
    }
}

extension ProtoInt64: ProtoMapKeyKind {
    @inlinable public static func sortsBefore(_ lhs: Int64, _ rhs: Int64) -> Bool { lhs < rhs }
}

/// `uint32`.
public enum ProtoUInt32: ProtoScalarKind {
    public typealias Value = UInt32
    @inlinable public static var wireType: WireType { .varint }
    @inlinable public static var fixedSize: Int? { nil }
    @inlinable public static var defaultValue: UInt32 { 0 }
    @inlinable
    public static func decode(from decoder: inout BinaryDecoder, into value: inout UInt32) throws(ProtoDecodingError) {
        value = try decoder.decodeUInt32()
    }
    @inlinable
    public static func encode(_ value: UInt32, to encoder: inout BinaryEncoder) {
        encoder.writeVarint32(value)
    }
}

extension ProtoUInt32: ProtoMapKeyKind {
    @inlinable public static func sortsBefore(_ lhs: UInt32, _ rhs: UInt32) -> Bool { lhs < rhs }
}

/// `uint64`.
public enum ProtoUInt64: ProtoScalarKind {
    public typealias Value = UInt64
    @inlinable public static var wireType: WireType { .varint }
    @inlinable public static var fixedSize: Int? { nil }
    @inlinable public static var defaultValue: UInt64 { 0 }
    @inlinable
    public static func decode(from decoder: inout BinaryDecoder, into value: inout UInt64) throws(ProtoDecodingError) {
        value = try decoder.decodeUInt64()
    }
    @inlinable
    public static func encode(_ value: UInt64, to encoder: inout BinaryEncoder) {
        encoder.writeVarint(value)
    }
}

extension ProtoUInt64: ProtoMapKeyKind {
    @inlinable public static func sortsBefore(_ lhs: UInt64, _ rhs: UInt64) -> Bool { lhs < rhs }
}

/// `sint32` (ZigZag).
public enum ProtoSInt32: ProtoScalarKind {
    public typealias Value = Int32
    @inlinable public static var wireType: WireType { .varint }
    @inlinable public static var fixedSize: Int? { nil }
    @inlinable public static var defaultValue: Int32 { 0 }
    @inlinable
    public static func decode(from decoder: inout BinaryDecoder, into value: inout Int32) throws(ProtoDecodingError) {
        value = try decoder.decodeSInt32()
    }
    @inlinable
    public static func encode(_ value: Int32, to encoder: inout BinaryEncoder) {
        encoder.writeVarint32(Varint.zigZag(value))
    }
}

extension ProtoSInt32: ProtoMapKeyKind {
    @inlinable public static func sortsBefore(_ lhs: Int32, _ rhs: Int32) -> Bool { lhs < rhs }
}

/// `sint64` (ZigZag).
public enum ProtoSInt64: ProtoScalarKind {
    public typealias Value = Int64
    @inlinable public static var wireType: WireType { .varint }
    @inlinable public static var fixedSize: Int? { nil }
    @inlinable public static var defaultValue: Int64 { 0 }
    @inlinable
    public static func decode(from decoder: inout BinaryDecoder, into value: inout Int64) throws(ProtoDecodingError) {
        value = try decoder.decodeSInt64()
    }
    @inlinable
    public static func encode(_ value: Int64, to encoder: inout BinaryEncoder) {
        encoder.writeVarint(Varint.zigZag(value))
    }
}

extension ProtoSInt64: ProtoMapKeyKind {
    @inlinable public static func sortsBefore(_ lhs: Int64, _ rhs: Int64) -> Bool { lhs < rhs }
}

/// `fixed32`.
public enum ProtoFixed32: ProtoScalarKind {
    public typealias Value = UInt32
    @inlinable public static var wireType: WireType { .fixed32 }
    @inlinable public static var fixedSize: Int? { 4 }
    @inlinable public static var defaultValue: UInt32 { 0 }
    @inlinable
    public static func decode(from decoder: inout BinaryDecoder, into value: inout UInt32) throws(ProtoDecodingError) {
        value = try decoder.decodeFixed32()
    }
    @inlinable
    public static func encode(_ value: UInt32, to encoder: inout BinaryEncoder) {
        encoder.writeFixed32(value)
    }
}

extension ProtoFixed32: ProtoMapKeyKind {
    @inlinable public static func sortsBefore(_ lhs: UInt32, _ rhs: UInt32) -> Bool { lhs < rhs }
}

/// `fixed64`.
public enum ProtoFixed64: ProtoScalarKind {
    public typealias Value = UInt64
    @inlinable public static var wireType: WireType { .fixed64 }
    @inlinable public static var fixedSize: Int? { 8 }
    @inlinable public static var defaultValue: UInt64 { 0 }
    @inlinable
    public static func decode(from decoder: inout BinaryDecoder, into value: inout UInt64) throws(ProtoDecodingError) {
        value = try decoder.decodeFixed64()
    }
    @inlinable
    public static func encode(_ value: UInt64, to encoder: inout BinaryEncoder) {
        encoder.writeFixed64(value)
    }
}

extension ProtoFixed64: ProtoMapKeyKind {
    @inlinable public static func sortsBefore(_ lhs: UInt64, _ rhs: UInt64) -> Bool { lhs < rhs }
}

/// `sfixed32`.
public enum ProtoSFixed32: ProtoScalarKind {
    public typealias Value = Int32
    @inlinable public static var wireType: WireType { .fixed32 }
    @inlinable public static var fixedSize: Int? { 4 }
    @inlinable public static var defaultValue: Int32 { 0 }
    @inlinable
    public static func decode(from decoder: inout BinaryDecoder, into value: inout Int32) throws(ProtoDecodingError) {
        value = try decoder.decodeSFixed32()
    }
    @inlinable
    public static func encode(_ value: Int32, to encoder: inout BinaryEncoder) {
        encoder.writeFixed32(UInt32(bitPattern: value))
    }
}

extension ProtoSFixed32: ProtoMapKeyKind {
    @inlinable public static func sortsBefore(_ lhs: Int32, _ rhs: Int32) -> Bool { lhs < rhs }
}

/// `sfixed64`.
public enum ProtoSFixed64: ProtoScalarKind {
    public typealias Value = Int64
    @inlinable public static var wireType: WireType { .fixed64 }
    @inlinable public static var fixedSize: Int? { 8 }
    @inlinable public static var defaultValue: Int64 { 0 }
    @inlinable
    public static func decode(from decoder: inout BinaryDecoder, into value: inout Int64) throws(ProtoDecodingError) {
        value = try decoder.decodeSFixed64()
    }
    @inlinable
    public static func encode(_ value: Int64, to encoder: inout BinaryEncoder) {
        encoder.writeFixed64(UInt64(bitPattern: value))
    }
}

extension ProtoSFixed64: ProtoMapKeyKind {
    @inlinable public static func sortsBefore(_ lhs: Int64, _ rhs: Int64) -> Bool { lhs < rhs }
}

/// `bool`.
public enum ProtoBool: ProtoScalarKind {
    public typealias Value = Bool
    @inlinable public static var wireType: WireType { .varint }
    @inlinable public static var fixedSize: Int? { nil }
    @inlinable public static var defaultValue: Bool { false }
    @inlinable
    public static func decode(from decoder: inout BinaryDecoder, into value: inout Bool) throws(ProtoDecodingError) {
        value = try decoder.decodeBool()
    }
    @inlinable
    public static func encode(_ value: Bool, to encoder: inout BinaryEncoder) {
        encoder.writeVarint32(value ? 1 : 0)
    }
}

extension ProtoBool: ProtoMapKeyKind {
    @inlinable public static func sortsBefore(_ lhs: Bool, _ rhs: Bool) -> Bool { !lhs && rhs }
}

/// `float`.
public enum ProtoFloat: ProtoScalarKind {
    public typealias Value = Float
    @inlinable public static var wireType: WireType { .fixed32 }
    @inlinable public static var fixedSize: Int? { 4 }
    @inlinable public static var defaultValue: Float { 0 }
    @inlinable
    public static func decode(from decoder: inout BinaryDecoder, into value: inout Float) throws(ProtoDecodingError) {
        value = try decoder.decodeFloat()
    }
    @inlinable
    public static func encode(_ value: Float, to encoder: inout BinaryEncoder) {
        encoder.writeFixed32(value.bitPattern)
    }
}

/// `double`.
public enum ProtoDouble: ProtoScalarKind {
    public typealias Value = Double
    @inlinable public static var wireType: WireType { .fixed64 }
    @inlinable public static var fixedSize: Int? { 8 }
    @inlinable public static var defaultValue: Double { 0 }
    @inlinable
    public static func decode(from decoder: inout BinaryDecoder, into value: inout Double) throws(ProtoDecodingError) {
        value = try decoder.decodeDouble()
    }
    @inlinable
    public static func encode(_ value: Double, to encoder: inout BinaryEncoder) {
        encoder.writeFixed64(value.bitPattern)
    }
}

/// `string` (UTF-8 checked).
public enum ProtoString: ProtoScalarKind {
    public typealias Value = String
    @inlinable public static var wireType: WireType { .lengthDelimited }
    @inlinable public static var fixedSize: Int? { nil }
    @inlinable public static var defaultValue: String { "" }
    @inlinable
    public static func decode(from decoder: inout BinaryDecoder, into value: inout String) throws(ProtoDecodingError) {
        value = try decoder.decodeString()
    }
    @inlinable
    public static func encode(_ value: String, to encoder: inout BinaryEncoder) {
        let done: Void? = value.utf8.withContiguousStorageIfAvailable { utf8 in
            encoder.writeVarint(UInt64(utf8.count))
            encoder.writeRawBytes(UnsafeRawBufferPointer(utf8))
        }
        if done == nil {
            let utf8 = Array(value.utf8)
            encoder.writeVarint(UInt64(utf8.count))
            utf8.withUnsafeBytes { encoder.writeRawBytes($0) }
        }
    }
}

extension ProtoString: ProtoMapKeyKind {
    @inlinable public static func sortsBefore(_ lhs: String, _ rhs: String) -> Bool { lhs < rhs }
}

/// `bytes`.
public enum ProtoBytes: ProtoScalarKind {
    public typealias Value = ByteBuffer
    @inlinable public static var wireType: WireType { .lengthDelimited }
    @inlinable public static var fixedSize: Int? { nil }
    @inlinable public static var defaultValue: ByteBuffer { ByteBuffer() }
    @inlinable
    public static func decode(
        from decoder: inout BinaryDecoder, into value: inout ByteBuffer
    ) throws(ProtoDecodingError) {
        value = try decoder.decodeBytes()
    }
    @inlinable
    public static func encode(_ value: ByteBuffer, to encoder: inout BinaryEncoder) {
        encoder.writeVarint(UInt64(value.readableBytes))
        value.withUnsafeReadableBytes { encoder.writeRawBytes($0) }
    }
}

/// An enum field, as a map value or an extension.
public enum ProtoEnumKind<E: ProtoEnum>: ProtoScalarKind {
    public typealias Value = E
    @inlinable public static var wireType: WireType { .varint }
    @inlinable public static var fixedSize: Int? { nil }
    @inlinable public static var defaultValue: E { E() }
    @inlinable
    public static func decode(from decoder: inout BinaryDecoder, into value: inout E) throws(ProtoDecodingError) {
        // A closed enum's unknown number keeps the previous value here; generated code for
        // plain fields keeps such numbers as unknown fields instead.
        if let known = E(rawValue: try decoder.decodeEnumRawValue()) { value = known }
    }
    @inlinable
    public static func encode(_ value: E, to encoder: inout BinaryEncoder) {
        encoder.writeVarint(UInt64(bitPattern: Int64(value.rawValue)))
    }
}

/// A length-delimited message field, as a map value or an extension.
public enum ProtoMessageKind<M: Message>: ProtoScalarKind {
    public typealias Value = M
    @inlinable public static var wireType: WireType { .lengthDelimited }
    @inlinable public static var fixedSize: Int? { nil }
    @inlinable public static var defaultValue: M { M() }
    @inlinable
    public static func decode(from decoder: inout BinaryDecoder, into value: inout M) throws(ProtoDecodingError) {
        try decoder.decodeMessage(&value)
    }
    @inlinable
    public static func encode(_ value: M, to encoder: inout BinaryEncoder) {
        let prefix = encoder.beginLengthDelimited()
        value._protoEncode(to: &encoder)
        encoder.endLengthDelimited(prefix)
    }
}

/// An enum number as read, before checking that the enum declares it (closed-enum map values).
public struct ProtoEnumRawValue: ProtoScalarKind, Sendable, Hashable {
    public typealias Value = ProtoEnumRawValue
    /// The number.
    public var value: Int32
    @inlinable public init(value: Int32) { self.value = value }
    @inlinable public static var wireType: WireType { .varint }
    @inlinable public static var fixedSize: Int? { nil }
    @inlinable public static var defaultValue: ProtoEnumRawValue { ProtoEnumRawValue(value: 0) }
    @inlinable
    public static func decode(
        from decoder: inout BinaryDecoder, into value: inout ProtoEnumRawValue
    )
        throws(ProtoDecodingError)
    {
        value = ProtoEnumRawValue(value: try decoder.decodeEnumRawValue())
    }
    @inlinable
    public static func encode(_ value: ProtoEnumRawValue, to encoder: inout BinaryEncoder) {
        encoder.writeVarint(UInt64(bitPattern: Int64(value.value)))
    }
}
