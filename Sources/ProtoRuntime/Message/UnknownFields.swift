public import Bytes

/// Fields a decoder read but the message does not declare, kept byte for byte (tags included)
/// so that encoding the message again writes them back unchanged.
public struct UnknownFields: Sendable, Hashable {
    @usableFromInline var _bytes: ByteBuffer

    /// The raw encoded fields, in the order they were read.
    public var bytes: ByteBuffer { _bytes }

    /// No unknown fields.
    @inlinable public init() { _bytes = ByteBuffer() }

    /// Unknown fields from already-encoded bytes.
    public init(bytes: ByteBuffer) { _bytes = bytes }

    /// Whether there are none.
    @inlinable public var isEmpty: Bool { _bytes.isEmpty }

    /// Appends raw encoded fields.
    @inlinable
    public mutating func append(_ raw: UnsafeRawBufferPointer) {
        _bytes.writeBytes(raw)
    }

    /// Appends one varint field.
    public mutating func appendVarint(fieldNumber: Int, value: UInt64) {
        BinaryEncoder.withEncoder(appendingTo: &_bytes, options: .defaults) { encoder in
            encoder.writeVarint32(FieldTag.make(fieldNumber: fieldNumber, wireType: .varint))
            encoder.writeVarint(value)
        }
    }

    /// Removes them all.
    public mutating func removeAll() { _bytes = ByteBuffer() }
}
