extension ByteBuffer {
    /// Appends `bytes`.
    @inlinable
    public mutating func writeBytes(_ bytes: some Sequence<UInt8>) {
        let fast: Void? = bytes.withContiguousStorageIfAvailable { writeBytes(UnsafeRawBufferPointer($0)) }
        if fast != nil { return }
        reserveWritableBytes(bytes.underestimatedCount)
        for byte in bytes { writeInteger(byte) }
    }

    /// Appends the bytes in `raw`.
    @inlinable
    public mutating func writeBytes(_ raw: UnsafeRawBufferPointer) {
        let count = raw.count
        guard count > 0, let base = raw.baseAddress else { return }
        reserveWritableBytes(count)
        (_storage.pointer + _writerIndex).copyMemory(from: base, byteCount: count)
        _writerIndex &+= count
    }

    /// Appends the readable bytes of another buffer (which is not changed).
    @inlinable
    public mutating func writeBuffer(_ other: ByteBuffer) {
        other.withUnsafeReadableBytes { writeBytes($0) }
    }

    /// Appends the UTF-8 bytes of `string`; returns how many were written.
    @inlinable
    @discardableResult
    public mutating func writeString(_ string: String) -> Int {
        var string = string
        return string.withUTF8 { utf8 in
            writeBytes(UnsafeRawBufferPointer(utf8))
            return utf8.count
        }
    }

    /// Appends `value` in the given byte order.
    @inlinable
    public mutating func writeInteger<T: FixedWidthInteger>(_ value: T, as endianness: Endianness = .bigEndian) {
        let size = MemoryLayout<T>.size
        reserveWritableBytes(size)
        let ordered = endianness == .bigEndian ? value.bigEndian : value.littleEndian
        (_storage.pointer + _writerIndex).storeBytes(of: ordered, as: T.self)
        _writerIndex &+= size
    }

    /// Appends `value` as ASCII decimal digits (with a `-` when negative), without the
    /// intermediate `String` that `"\(value)"` allocates.
    @inlinable
    public mutating func writeDecimal(_ value: Int64) {
        if value < 0 {
            writeInteger(UInt8(ascii: "-"))
            writeDecimal(value.magnitude)
        } else {
            writeDecimal(UInt64(value))
        }
    }

    /// Appends `value` as ASCII decimal digits.
    @inlinable
    public mutating func writeDecimal(_ value: UInt64) {
        if value < 10 {
            writeInteger(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value))
            return
        }
        // At most 20 digits: fill a fixed 24-byte scratch from the end, then copy once.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var start = 24
        withUnsafeMutableBytes(of: &digits) { raw in
            var remaining = value
            while remaining > 0 {
                start &-= 1
                raw[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remaining % 10)
                remaining /= 10
            }
        }
        withUnsafeBytes(of: &digits) { raw in
            writeBytes(UnsafeRawBufferPointer(rebasing: raw[start..<24]))
        }
    }

    /// Appends `count` copies of `byte`.
    @inlinable
    public mutating func writeRepeating(_ byte: UInt8, count: Int) {
        guard count > 0 else { return }
        reserveWritableBytes(count)
        (_storage.pointer + _writerIndex).initializeMemory(as: UInt8.self, repeating: byte, count: count)
        _writerIndex &+= count
    }

    /// Overwrites `value` at `offset` bytes past the reader index; the bytes must already be readable.
    @inlinable
    public mutating func setInteger<T: FixedWidthInteger>(
        _ value: T, at offset: Int, as endianness: Endianness = .bigEndian
    ) {
        precondition(
            offset >= 0 && offset + MemoryLayout<T>.size <= readableBytes, "ByteBuffer.setInteger: out of range")
        reserveWritableBytes(0)
        let ordered = endianness == .bigEndian ? value.bigEndian : value.littleEndian
        (_storage.pointer + _readerIndex + offset).storeBytes(of: ordered, as: T.self)
    }
}

/// Byte order for integers read from and written to a ``ByteBuffer``.
public enum Endianness: Sendable, Hashable {
    /// Most significant byte first (network order).
    case bigEndian
    /// Least significant byte first.
    case littleEndian
}
