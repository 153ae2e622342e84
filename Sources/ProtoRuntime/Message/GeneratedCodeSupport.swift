@_exported public import Bytes

/// Referenced by every generated file: generated code and runtime must agree on this version,
/// so code generated for another runtime fails to compile instead of misbehaving.
public enum _GeneratedCodeVersion_1 {}

extension BinaryDecoder {
    /// Reads a closed (proto2) enum value; a number the enum does not know is kept in
    /// `unknownFields` as a varint field and `nil` is returned.
    @inlinable
    public mutating func decodeClosedEnum<E: ProtoEnum>(
        _ type: E.Type, fieldNumber: Int, unknownFields: inout UnknownFields
    ) throws(ProtoDecodingError) -> E? {
        let raw = try decodeEnumRawValue()
        if let value = E(rawValue: raw) { return value }
        if !options.discardUnknownFields {
            unknownFields.appendVarint(fieldNumber: fieldNumber, value: UInt64(bitPattern: Int64(raw)))
        }
        return nil
    }
}

extension BinaryEncoder {
    /// Writes one scalar or enum field whose tag is already computed.
    @inlinable
    public mutating func encodeScalar<K: ProtoScalarKind>(_ kind: K.Type, _ value: K.Value, tag: UInt32) {
        writeVarint32(tag)
        K.encode(value, to: &self)
    }
}
