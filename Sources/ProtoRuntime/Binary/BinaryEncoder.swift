public import Bytes

/// Writes the protobuf binary format into a caller-supplied, reusable ``ByteBuffer``.
///
/// Generated code calls one `encode…` method per set field, in field-number order. Nested
/// messages are written in one pass: the encoder reserves one byte for the length, writes the
/// body, then patches the length in (moving the body when the length needs more than one byte),
/// so no size has to be computed ahead of time.
///
/// ```swift
/// var buffer = ByteBuffer()
/// for order in orders {
///     buffer.clear()                        // keeps the capacity
///     try order.encode(into: &buffer)
///     send(buffer)
/// }
/// ```
public struct BinaryEncoder {
    @usableFromInline var buffer: ByteBuffer
    @usableFromInline var base: UnsafeMutableRawPointer
    /// Absolute write position in the storage.
    @usableFromInline var position: Int
    @usableFromInline var capacity: Int
    /// The options this encode runs with.
    public let options: BinaryEncodingOptions

    /// Takes `buffer` over (leaving it empty) and appends to it; ``finish()`` hands it back.
    @inlinable
    init(taking buffer: inout ByteBuffer, options: BinaryEncodingOptions) {
        var owned = ByteBuffer()
        swap(&owned, &buffer)  // now `owned` holds the only reference the caller had
        owned.reserveWritableBytes(64)  // makes the storage unique, so raw writes are safe
        self.base = owned._storage.pointer
        self.position = owned._writerIndex
        self.capacity = owned._storage.byteCapacity
        self.buffer = owned
        self.options = options
    }

    /// Ends encoding and returns the buffer with everything written.
    @inlinable
    consuming func finish() -> ByteBuffer {
        buffer._writerIndex = position
        return buffer
    }

    @inlinable
    mutating func ensure(_ count: Int) {
        if _slowPath(capacity &- position < count) { grow(count) }
    }

    @usableFromInline
    mutating func grow(_ count: Int) {
        // Keep absolute offsets stable (pending length prefixes refer to them): copy the whole prefix.
        var newCapacity = Swift.max(capacity &* 2, 256)
        if newCapacity &- position < count {
            // One large write (a big `bytes` field): take what it needs plus a little, rather than
            // doubling past it — a 64 KiB blob would otherwise ask for 128 KiB, which glibc serves
            // by mmap and unmaps again on free, a page fault storm per message.
            let needed = position &+ count
            newCapacity = needed &+ needed / 16
        }
        let fresh = _ByteStorage.allocate(capacity: newCapacity)
        fresh.pointer.copyMemory(from: base, byteCount: position)
        buffer._storage = fresh
        base = fresh.pointer
        capacity = newCapacity
    }

    // MARK: Raw writes

    /// Writes a varint.
    @inlinable
    public mutating func writeVarint(_ value: UInt64) {
        ensure(10)
        var value = value
        var p = position
        while value >= 0x80 {
            base.storeBytes(of: UInt8(truncatingIfNeeded: value) | 0x80, toByteOffset: p, as: UInt8.self)
            value &>>= 7
            p &+= 1
        }
        base.storeBytes(of: UInt8(truncatingIfNeeded: value), toByteOffset: p, as: UInt8.self)
        position = p &+ 1
    }

    /// Writes a varint of a 32-bit value.
    @inlinable
    public mutating func writeVarint32(_ value: UInt32) {
        if _fastPath(value < 0x80) {
            ensure(1)
            base.storeBytes(of: UInt8(truncatingIfNeeded: value), toByteOffset: position, as: UInt8.self)
            position &+= 1
        } else {
            writeVarint(UInt64(value))
        }
    }

    /// Writes a field tag.
    @inlinable
    public mutating func writeTag(_ tag: UInt32) { writeVarint32(tag) }

    /// Writes 4 bytes, little-endian.
    @inlinable
    public mutating func writeFixed32(_ value: UInt32) {
        ensure(4)
        (base + position).storeBytes(of: value.littleEndian, as: UInt32.self)
        position &+= 4
    }

    /// Writes 8 bytes, little-endian.
    @inlinable
    public mutating func writeFixed64(_ value: UInt64) {
        ensure(8)
        (base + position).storeBytes(of: value.littleEndian, as: UInt64.self)
        position &+= 8
    }

    /// Writes raw bytes.
    @inlinable
    public mutating func writeRawBytes(_ bytes: UnsafeRawBufferPointer) {
        let count = bytes.count
        guard count > 0, let source = bytes.baseAddress else { return }
        ensure(count)
        (base + position).copyMemory(from: source, byteCount: count)
        position &+= count
    }

    // MARK: Length-delimited scopes

    /// Reserves a one-byte length prefix and returns its position for ``endLengthDelimited(_:)``.
    @inlinable
    public mutating func beginLengthDelimited() -> Int {
        ensure(1)
        let at = position
        position &+= 1
        return at
    }

    /// Writes the length of everything since ``beginLengthDelimited()`` into its prefix.
    @inlinable
    public mutating func endLengthDelimited(_ prefixPosition: Int) {
        let length = position &- prefixPosition &- 1
        if _fastPath(length < 0x80) {
            base.storeBytes(of: UInt8(truncatingIfNeeded: length), toByteOffset: prefixPosition, as: UInt8.self)
            return
        }
        patchLongLength(length, at: prefixPosition)
    }

    @usableFromInline
    mutating func patchLongLength(_ length: Int, at prefixPosition: Int) {
        let size = Varint.size(UInt64(length))
        ensure(size - 1)
        let body = prefixPosition + 1
        (base + body + size - 1).copyMemory(from: base + body, byteCount: length)
        var value = UInt64(length)
        var p = prefixPosition
        while value >= 0x80 {
            base.storeBytes(of: UInt8(truncatingIfNeeded: value) | 0x80, toByteOffset: p, as: UInt8.self)
            value >>= 7
            p += 1
        }
        base.storeBytes(of: UInt8(truncatingIfNeeded: value), toByteOffset: p, as: UInt8.self)
        position += size - 1
    }

    // MARK: Fields

    /// Writes a `string` field.
    @inlinable
    public mutating func encodeString(_ value: String, tag: UInt32) {
        writeVarint32(tag)
        let done: Void? = value.utf8.withContiguousStorageIfAvailable { utf8 in
            writeVarint32(UInt32(truncatingIfNeeded: utf8.count))
            writeRawBytes(UnsafeRawBufferPointer(utf8))
        }
        if done == nil {
            var copy = value
            copy.makeContiguousUTF8()
            copy.utf8.withContiguousStorageIfAvailable { utf8 in
                writeVarint32(UInt32(truncatingIfNeeded: utf8.count))
                writeRawBytes(UnsafeRawBufferPointer(utf8))
            }
        }
    }

    /// Writes a `bytes` field.
    @inlinable
    public mutating func encodeBytes(_ value: ByteBuffer, tag: UInt32) {
        writeVarint32(tag)
        writeVarint32(UInt32(truncatingIfNeeded: value.readableBytes))
        value.withUnsafeReadableBytes { writeRawBytes($0) }
    }

    /// Writes a length-delimited message field.
    @inlinable
    public mutating func encodeMessage<M: Message>(_ message: M, tag: UInt32) {
        writeVarint32(tag)
        let prefix = beginLengthDelimited()
        message._protoEncode(to: &self)
        endLengthDelimited(prefix)
    }

    /// Writes a group field (start tag, body, end tag).
    @inlinable
    public mutating func encodeGroup<M: Message>(_ message: M, fieldNumber: Int) {
        writeVarint32(FieldTag.make(fieldNumber: fieldNumber, wireType: .startGroup))
        message._protoEncode(to: &self)
        writeVarint32(FieldTag.make(fieldNumber: fieldNumber, wireType: .endGroup))
    }

    /// Writes one scalar field (tag and value).
    @inlinable
    public mutating func encodeScalar<K: ProtoScalarKind>(_ kind: K.Type, _ value: K.Value, fieldNumber: Int) {
        writeVarint32(FieldTag.make(fieldNumber: fieldNumber, wireType: K.wireType))
        K.encode(value, to: &self)
    }

    /// Writes a repeated scalar field unpacked: one tag per element.
    @inlinable
    public mutating func encodeUnpacked<K: ProtoScalarKind>(_ kind: K.Type, _ values: [K.Value], fieldNumber: Int) {
        let tag = FieldTag.make(fieldNumber: fieldNumber, wireType: K.wireType)
        for value in values {
            writeVarint32(tag)
            K.encode(value, to: &self)
        }
    }

    /// Writes a repeated scalar field packed: one tag, one length, then the values.
    @inlinable
    public mutating func encodePacked<K: ProtoScalarKind>(_ kind: K.Type, _ values: [K.Value], fieldNumber: Int) {
        guard !values.isEmpty else { return }
        writeVarint32(FieldTag.make(fieldNumber: fieldNumber, wireType: .lengthDelimited))
        if let size = K.fixedSize {
            let length = size * values.count
            writeVarint(UInt64(length))
            ensure(length)
            for value in values { K.encode(value, to: &self) }
        } else {
            let prefix = beginLengthDelimited()
            for value in values { K.encode(value, to: &self) }
            endLengthDelimited(prefix)
        }
    }

    /// Writes a map field: one length-delimited entry (key = 1, value = 2) per pair.
    ///
    /// With ``BinaryEncodingOptions/deterministic`` the entries are sorted by key.
    @inlinable
    public mutating func encodeMap<K: ProtoMapKeyKind, V: ProtoScalarKind>(
        _ keyKind: K.Type, _ valueKind: V.Type, _ map: [K.Value: V.Value], fieldNumber: Int
    ) where K.Value: Hashable {
        guard !map.isEmpty else { return }
        let tag = FieldTag.make(fieldNumber: fieldNumber, wireType: .lengthDelimited)
        if options.deterministic {
            for key in map.keys.sorted(by: K.sortsBefore) {
                if let value = map[key] { encodeMapEntry(keyKind, valueKind, key, value, tag: tag) }
            }
        } else {
            for (key, value) in map { encodeMapEntry(keyKind, valueKind, key, value, tag: tag) }
        }
    }

    @inlinable
    mutating func encodeMapEntry<K: ProtoMapKeyKind, V: ProtoScalarKind>(
        _ keyKind: K.Type, _ valueKind: V.Type, _ key: K.Value, _ value: V.Value, tag: UInt32
    ) {
        writeVarint32(tag)
        let prefix = beginLengthDelimited()
        writeVarint32(UInt32(1 << 3) | UInt32(K.wireType.rawValue))
        K.encode(key, to: &self)
        writeVarint32(UInt32(2 << 3) | UInt32(V.wireType.rawValue))
        V.encode(value, to: &self)
        endLengthDelimited(prefix)
    }

    /// Writes the unknown fields kept from decoding, byte for byte.
    @inlinable
    public mutating func encodeUnknownFields(_ unknownFields: UnknownFields) {
        if unknownFields.isEmpty { return }
        unknownFields.bytes.withUnsafeReadableBytes { writeRawBytes($0) }
    }

    /// Writes the extension fields whose numbers fall in `range`, in field-number order.
    public mutating func encodeExtensionFields(_ extensions: ExtensionFieldSet, in range: Range<Int>) {
        extensions.encode(to: &self, fieldNumbers: range)
    }

    // MARK: Entry point

    /// Runs `body` with an encoder that appends to `buffer`.
    @inlinable
    static func withEncoder(
        appendingTo buffer: inout ByteBuffer, options: BinaryEncodingOptions, _ body: (inout BinaryEncoder) -> Void
    ) {
        var encoder = BinaryEncoder(taking: &buffer, options: options)
        body(&encoder)
        buffer = encoder.finish()
    }
}
