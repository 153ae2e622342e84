#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Darwin)
    internal import Darwin
#endif

extension ByteBuffer: Equatable {
    /// Two buffers are equal when their readable bytes are equal.
    @inlinable
    public static func == (lhs: ByteBuffer, rhs: ByteBuffer) -> Bool {
        guard lhs.readableBytes == rhs.readableBytes else { return false }
        if lhs._storage === rhs._storage && lhs._readerIndex == rhs._readerIndex { return true }
        return lhs.withUnsafeReadableBytes { a in
            rhs.withUnsafeReadableBytes { b in
                guard let pa = a.baseAddress, let pb = b.baseAddress else { return a.count == b.count }
                return memcmpBytes(pa, pb, a.count)
            }
        }
    }
}

@usableFromInline
func memcmpBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
    memcmp(a, b, count) == 0
}

extension ByteBuffer: Hashable {
    /// Hashes the readable bytes.
    public func hash(into hasher: inout Hasher) {
        withUnsafeReadableBytes { hasher.combine(bytes: $0) }
    }
}

extension ByteBuffer: ExpressibleByArrayLiteral {
    /// Creates a buffer from a literal list of bytes.
    public init(arrayLiteral elements: UInt8...) {
        self.init(bytes: elements)
    }
}

extension ByteBuffer: CustomStringConvertible, CustomDebugStringConvertible {
    /// A short summary: the readable length and the first bytes in hex.
    public var description: String {
        let preview = withUnsafeReadableBytes { raw in
            raw.prefix(32).map { byte in
                let hex = String(byte, radix: 16)
                return byte < 16 ? "0" + hex : hex
            }.joined(separator: " ")
        }
        let more = readableBytes > 32 ? " …" : ""
        return "ByteBuffer(\(readableBytes) bytes: \(preview)\(more))"
    }

    /// Same as ``description``.
    public var debugDescription: String { description }
}

extension ByteBuffer {
    /// A random-access view of the readable bytes; indices start at 0.
    public struct ReadableView: RandomAccessCollection, Sendable {
        @usableFromInline let buffer: ByteBuffer

        @inlinable init(buffer: ByteBuffer) { self.buffer = buffer }

        /// The first index (always 0).
        @inlinable public var startIndex: Int { 0 }
        /// One past the last readable byte.
        @inlinable public var endIndex: Int { buffer.readableBytes }

        /// The byte at `position`.
        @inlinable
        public subscript(position: Int) -> UInt8 {
            precondition(position >= 0 && position < endIndex, "ByteBuffer.ReadableView: index out of range")
            return buffer._storage.pointer.load(fromByteOffset: buffer._readerIndex + position, as: UInt8.self)
        }

        /// Calls `body` with the bytes as a typed buffer.
        @inlinable
        public func withContiguousStorageIfAvailable<R>(
            _ body: (UnsafeBufferPointer<UInt8>) throws -> R
        ) rethrows -> R? {
            try buffer.withUnsafeReadableBytes { try body($0.assumingMemoryBound(to: UInt8.self)) }
        }
    }

    /// The readable bytes as a collection.
    @inlinable public var readableBytesView: ReadableView { ReadableView(buffer: self) }
}
