extension ByteBuffer {
    /// Reads an integer in the given byte order, or returns `nil` (reading nothing) if too few bytes remain.
    @inlinable
    public mutating func readInteger<T: FixedWidthInteger>(
        as type: T.Type = T.self, endianness: Endianness = .bigEndian
    ) -> T? {
        guard let value = getInteger(at: 0, as: type, endianness: endianness) else { return nil }
        _readerIndex &+= MemoryLayout<T>.size
        return value
    }

    /// Returns the integer `offset` bytes past the reader index without reading it, or `nil` if out of range.
    @inlinable
    public func getInteger<T: FixedWidthInteger>(
        at offset: Int, as type: T.Type = T.self, endianness: Endianness = .bigEndian
    ) -> T? {
        let size = MemoryLayout<T>.size
        guard offset >= 0, offset <= readableBytes &- size else { return nil }
        let raw = (_storage.pointer + _readerIndex + offset).loadUnaligned(as: T.self)
        return endianness == .bigEndian ? T(bigEndian: raw) : T(littleEndian: raw)
    }

    /// Reads `length` bytes as a buffer sharing this one's storage, or `nil` if too few remain.
    @inlinable
    public mutating func readSlice(length: Int) -> ByteBuffer? {
        guard let slice = slice(at: 0, length: length) else { return nil }
        _readerIndex &+= length
        return slice
    }

    /// Returns `length` bytes starting `offset` bytes past the reader index, sharing storage, or `nil`.
    @inlinable
    public func slice(at offset: Int, length: Int) -> ByteBuffer? {
        guard offset >= 0, length >= 0, offset <= readableBytes &- length else { return nil }
        let start = _readerIndex &+ offset
        return ByteBuffer(_storage: _storage, readerIndex: start, writerIndex: start &+ length)
    }

    /// Reads `length` bytes into an array, or returns `nil` if too few remain.
    @inlinable
    public mutating func readBytes(length: Int) -> [UInt8]? {
        guard length >= 0, length <= readableBytes else { return nil }
        let bytes = [UInt8](
            UnsafeRawBufferPointer(start: _storage.pointer + _readerIndex, count: length))
        _readerIndex &+= length
        return bytes
    }

    /// Reads `length` bytes as a UTF-8 string (invalid sequences repaired), or `nil` if too few remain.
    @inlinable
    public mutating func readString(length: Int) -> String? {
        guard length >= 0, length <= readableBytes else { return nil }
        let string = String(
            decoding: UnsafeRawBufferPointer(start: _storage.pointer + _readerIndex, count: length),
            as: UTF8.self)
        _readerIndex &+= length
        return string
    }

    /// The readable bytes as an array.
    @inlinable
    public var readableBytesArray: [UInt8] { withUnsafeReadableBytes { [UInt8]($0) } }
}
