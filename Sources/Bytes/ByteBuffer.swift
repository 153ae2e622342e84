/// A growable, copy-on-write byte buffer with a read cursor: the one byte type every layer shares.
///
/// Transport reads socket data into a `ByteBuffer`, RPC frames and unframes messages in it,
/// generated codecs decode from a borrowed view of it and encode into one the caller reuses.
/// Slices (``readSlice(length:)``, ``slice(at:length:)``) share storage with their parent,
/// so passing a request body up the stack copies nothing.
///
/// The buffer holds the bytes `readerIndex ..< writerIndex` of its storage; reading moves the
/// reader index forward, writing appends at the writer index. Mutating a buffer whose storage
/// is shared copies the readable bytes first (copy-on-write), so values never alias.
///
/// ```swift
/// var buffer = ByteBuffer()
/// buffer.writeInteger(UInt32(5), as: .bigEndian)
/// buffer.writeBytes([1, 2, 3, 4, 5])
/// let length = buffer.readInteger(as: UInt32.self, endianness: .bigEndian)  // 5
/// let body = buffer.readSlice(length: 5)                                   // shares storage
/// ```
///
/// Retention: a slice keeps its parent's whole storage alive. Copy a small slice
/// (`ByteBuffer(copying:)`) before keeping it for long if it came from a large buffer.
///
/// `@unchecked Sendable`: the storage (a `ManagedBuffer`, which the standard library marks
/// non-Sendable) is written only while this buffer holds its sole reference, checked with
/// `isKnownUniquelyReferenced` before every write; shared storage is only read. So a copy sent to
/// another thread can never observe a write.
public struct ByteBuffer: @unchecked Sendable {
    /// The storage, possibly shared with other buffers (copy-on-write).
    @usableFromInline package var _storage: _ByteStorage
    /// Where reading continues, as an offset into the storage.
    @usableFromInline package var _readerIndex: Int
    /// Where writing continues, as an offset into the storage.
    @usableFromInline package var _writerIndex: Int

    /// Creates an empty buffer that can hold `capacity` bytes before it grows.
    @inlinable
    public init(capacity: Int = 0) {
        // An empty buffer shares one static empty storage, so empty fields and unknown-field
        // sets cost no allocation; the first write replaces it (it is never uniquely referenced).
        _storage = capacity > 0 ? _ByteStorage.allocate(capacity: capacity) : _ByteStorage.empty
        _readerIndex = 0
        _writerIndex = 0
    }

    /// Creates a buffer holding a copy of `bytes`.
    @inlinable
    public init(bytes: some Sequence<UInt8>) {
        self.init(capacity: bytes.underestimatedCount)
        writeBytes(bytes)
    }

    /// Creates a buffer holding the UTF-8 bytes of `string`.
    @inlinable
    public init(string: String) {
        self.init(capacity: string.utf8.count)
        writeString(string)
    }

    /// Creates a buffer holding a copy of another buffer's readable bytes, in storage of its own.
    @inlinable
    public init(copying other: ByteBuffer) {
        self.init(capacity: other.readableBytes)
        writeBuffer(other)
    }

    /// A buffer over `readerIndex ..< writerIndex` of existing storage (a slice; nothing is copied).
    @inlinable
    package init(_storage: _ByteStorage, readerIndex: Int, writerIndex: Int) {
        self._storage = _storage
        self._readerIndex = readerIndex
        self._writerIndex = writerIndex
    }

    // MARK: Sizes

    /// The number of bytes that can be read.
    @inlinable public var readableBytes: Int { _writerIndex &- _readerIndex }

    /// Whether there is nothing to read.
    @inlinable public var isEmpty: Bool { _writerIndex == _readerIndex }

    /// The number of bytes that can be written before the storage grows.
    @inlinable public var writableBytes: Int { _storage.byteCapacity &- _writerIndex }

    /// The capacity of the underlying storage.
    @inlinable public var capacity: Int { _storage.byteCapacity }

    // MARK: Capacity and ownership

    /// Makes sure at least `count` bytes can be written without growing, and that the storage
    /// is not shared with another buffer.
    @inlinable
    public mutating func reserveWritableBytes(_ count: Int) {
        precondition(count >= 0, "ByteBuffer.reserveWritableBytes: negative count")
        if _fastPath(isKnownUniquelyReferenced(&_storage) && writableBytes >= count) { return }
        _reallocate(minimumWritable: count)
    }

    /// Moves the readable bytes into fresh storage with at least `minimumWritable` bytes free.
    @usableFromInline
    package mutating func _reallocate(minimumWritable: Int) {
        let readable = readableBytes
        let unique = isKnownUniquelyReferenced(&_storage)
        if unique && _readerIndex > 0 && _storage.byteCapacity - readable >= minimumWritable
            && _readerIndex >= readable
        {
            // Enough room once the consumed prefix is dropped, and moving is cheap: compact in place.
            _storage.pointer.copyMemory(from: _storage.pointer + _readerIndex, byteCount: readable)
            _readerIndex = 0
            _writerIndex = readable
            return
        }
        let needed = readable + minimumWritable
        var newCapacity = Swift.max(_storage.byteCapacity, 64)
        while newCapacity < needed { newCapacity = newCapacity &<< 1 }
        let fresh = _ByteStorage.allocate(capacity: newCapacity)
        if readable > 0 {
            fresh.pointer.copyMemory(from: _storage.pointer + _readerIndex, byteCount: readable)
        }
        _storage = fresh
        _readerIndex = 0
        _writerIndex = readable
    }

    /// Removes every byte, keeping the storage for reuse when nothing else shares it.
    @inlinable
    public mutating func clear() {
        if !isKnownUniquelyReferenced(&_storage) {
            _storage = _ByteStorage.allocate(capacity: _storage.byteCapacity)
        }
        _readerIndex = 0
        _writerIndex = 0
    }

    /// Drops the bytes already read so their space can be written again.
    public mutating func discardReadBytes() {
        guard _readerIndex > 0 else { return }
        if isEmpty {
            clear()
            return
        }
        _reallocate(minimumWritable: 0)
    }

    // MARK: Unsafe access

    /// Calls `body` with the readable bytes. The pointer is valid only inside `body`.
    @inlinable
    public func withUnsafeReadableBytes<R, E: Error>(
        _ body: (UnsafeRawBufferPointer) throws(E) -> R
    ) throws(E) -> R {
        let storage = _storage
        return try withExtendedLifetime(storage) { () throws(E) -> R in
            try body(UnsafeRawBufferPointer(start: storage.pointer + _readerIndex, count: readableBytes))
        }
    }

    /// Calls `body` with the readable bytes, mutable. Copies first if the storage is shared.
    @inlinable
    public mutating func withUnsafeMutableReadableBytes<R, E: Error>(
        _ body: (UnsafeMutableRawBufferPointer) throws(E) -> R
    ) throws(E) -> R {
        reserveWritableBytes(0)
        return try body(UnsafeMutableRawBufferPointer(start: _storage.pointer + _readerIndex, count: readableBytes))
    }

    /// Lets `body` write up to `minimumWritable` (or more) bytes directly after the readable ones;
    /// `body` returns how many it wrote, and the writer index moves past them.
    @inlinable
    @discardableResult
    public mutating func writeWithUnsafeMutableBytes<E: Error>(
        minimumWritableBytes: Int,
        _ body: (UnsafeMutableRawBufferPointer) throws(E) -> Int
    ) throws(E) -> Int {
        reserveWritableBytes(minimumWritableBytes)
        let region = UnsafeMutableRawBufferPointer(start: _storage.pointer + _writerIndex, count: writableBytes)
        let written = try body(region)
        precondition(written >= 0 && written <= region.count, "ByteBuffer: wrote outside the writable region")
        _writerIndex &+= written
        return written
    }

    // MARK: Reader and writer indices

    /// Skips `count` readable bytes. Returns `false` (and moves nothing) when fewer are readable.
    @inlinable
    @discardableResult
    public mutating func moveReaderIndex(forwardBy count: Int) -> Bool {
        guard count >= 0, count <= readableBytes else { return false }
        _readerIndex &+= count
        return true
    }

    /// Drops readable bytes from the end, keeping the first `count`.
    @inlinable
    public mutating func truncateReadable(to count: Int) {
        precondition(count >= 0 && count <= readableBytes, "ByteBuffer.truncateReadable: out of range")
        _writerIndex = _readerIndex &+ count
    }
}

/// The heap storage behind ``ByteBuffer``: one allocation holding the object and its bytes.
///
/// Not `Sendable` itself (the standard library rules that out for `ManagedBuffer`); it crosses
/// threads only inside a ``ByteBuffer``, whose copy-on-write discipline makes that safe.
public final class _ByteStorage: ManagedBuffer<Int, UInt8> {
    /// The start of the bytes; stable for the storage's lifetime (tail-allocated).
    @inlinable
    package var pointer: UnsafeMutableRawPointer {
        withUnsafeMutablePointerToElements { UnsafeMutableRawPointer($0) }
    }

    /// How many bytes fit: what was asked for, kept in the header (ManagedBuffer's own
    /// `capacity` asks malloc each time).
    ///
    /// Read through the header pointer: `header` is a mutable class property, so reading it
    /// directly costs a dynamic exclusivity check on every call (measured: 20 % of a small encode).
    @inlinable
    package var byteCapacity: Int { withUnsafeMutablePointerToHeader { $0.pointee } }

    /// New storage for at least `capacity` bytes, in one allocation.
    @inlinable
    package static func allocate(capacity: Int) -> _ByteStorage {
        // Ask for at least one byte so the element pointer is always valid.
        let buffer = _ByteStorage.create(minimumCapacity: Swift.max(capacity, 1)) { _ in Swift.max(capacity, 0) }
        return unsafeDowncast(buffer, to: _ByteStorage.self)
    }

    /// The shared storage of every empty buffer created with no capacity. Never written (it is
    /// never uniquely referenced, so the first write to any buffer replaces it).
    @usableFromInline nonisolated(unsafe) package static let empty = _ByteStorage.allocate(capacity: 0)
}
