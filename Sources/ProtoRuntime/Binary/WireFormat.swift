/// The six wire types of the protobuf binary format.
///
/// See https://protobuf.dev/programming-guides/encoding/ ("Message Structure").
public enum WireType: UInt8, Sendable, Hashable {
    /// int32, int64, uint32, uint64, sint32, sint64, bool, enum.
    case varint = 0
    /// fixed64, sfixed64, double.
    case fixed64 = 1
    /// string, bytes, messages, packed repeated fields.
    case lengthDelimited = 2
    /// Start of a group (proto2, deprecated).
    case startGroup = 3
    /// End of a group.
    case endGroup = 4
    /// fixed32, sfixed32, float.
    case fixed32 = 5
}

/// Helpers for field tags: `(field number << 3) | wire type`.
public enum FieldTag {
    /// The largest valid field number, 2^29 - 1.
    public static let maxFieldNumber = 536_870_911

    /// The tag value for a field number and wire type.
    @inlinable
    public static func make(fieldNumber: Int, wireType: WireType) -> UInt32 {
        UInt32(truncatingIfNeeded: fieldNumber) &<< 3 | UInt32(wireType.rawValue)
    }

    /// The field number of a tag.
    @inlinable
    public static func fieldNumber(_ tag: UInt32) -> Int { Int(tag &>> 3) }

    /// The raw wire type bits of a tag.
    @inlinable
    public static func wireTypeBits(_ tag: UInt32) -> UInt32 { tag & 7 }
}

/// Sizes and transforms of the varint encodings.
public enum Varint {
    /// The number of bytes `value` takes as a varint (1...10).
    @inlinable
    public static func size(_ value: UInt64) -> Int {
        // 1 byte per 7 significant bits; 0 takes one byte.
        let bits = 64 &- (value | 1).leadingZeroBitCount
        return (bits &+ 6) / 7
    }

    /// The number of bytes `value` takes as a varint (1...5).
    @inlinable
    public static func size(_ value: UInt32) -> Int {
        let bits = 32 &- (value | 1).leadingZeroBitCount
        return (bits &+ 6) / 7
    }

    /// ZigZag-encodes a signed 32-bit value (sint32).
    @inlinable
    public static func zigZag(_ value: Int32) -> UInt32 {
        UInt32(bitPattern: (value &<< 1) ^ (value &>> 31))
    }

    /// ZigZag-encodes a signed 64-bit value (sint64).
    @inlinable
    public static func zigZag(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value &<< 1) ^ (value &>> 63))
    }

    /// Decodes a ZigZag-encoded 32-bit value.
    @inlinable
    public static func unZigZag(_ value: UInt32) -> Int32 {
        Int32(bitPattern: (value &>> 1) ^ (0 &- (value & 1)))
    }

    /// Decodes a ZigZag-encoded 64-bit value.
    @inlinable
    public static func unZigZag(_ value: UInt64) -> Int64 {
        Int64(bitPattern: (value &>> 1) ^ (0 &- (value & 1)))
    }
}
