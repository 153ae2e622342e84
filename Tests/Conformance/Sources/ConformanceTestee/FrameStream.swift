import Bytes

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Length-prefixed frames over two file descriptors: a 4-byte little-endian length, then that
/// many bytes, as the conformance protocol frames requests and responses.
struct FrameStream {
    /// The descriptor frames are read from (stdin).
    let input: Int32
    /// The descriptor frames are written to (stdout).
    let output: Int32

    /// The next frame's payload, or `nil` when the input ends cleanly between frames.
    ///
    /// - Throws: ``FrameError`` when the input ends inside a frame or a read fails.
    mutating func readFrame() throws(FrameError) -> ByteBuffer? {
        guard let header = try readExactly(4, allowingEnd: true) else { return nil }
        let length = header.withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self))) }
        guard let payload = try readExactly(length, allowingEnd: false) else {
            throw FrameError("input ended inside a \(length)-byte frame")
        }
        return ByteBuffer(bytes: payload)
    }

    /// Writes `payload` as one frame. Writes go straight to the descriptor, so nothing waits in a buffer.
    func writeFrame(_ payload: ByteBuffer) throws(FrameError) {
        var frame = ByteBuffer(capacity: 4 + payload.readableBytes)
        frame.writeInteger(UInt32(payload.readableBytes), as: .littleEndian)
        frame.writeBuffer(payload)
        try frame.withUnsafeReadableBytes { (raw) throws(FrameError) in
            // Never empty: the length prefix is always there.
            guard let base = raw.baseAddress else { return }
            var offset = 0
            while offset < raw.count {
                let written = write(output, base + offset, raw.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { throw FrameError("write failed (errno \(errno))") }
                offset += written
            }
        }
    }

    /// Reads exactly `count` bytes; `nil` if the input ends before the first byte and `allowingEnd`.
    ///
    /// The bytes are collected as they arrive, at most ``chunkSize`` per read, so memory follows
    /// what was actually received rather than what a (possibly garbage) length prefix announced:
    /// a prefix of 0xFFFFFFFF followed by the end of the input must not allocate 4 GiB first.
    private func readExactly(_ count: Int, allowingEnd: Bool) throws(FrameError) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(min(count, Self.chunkSize))
        var chunk = [UInt8](repeating: 0, count: min(count, Self.chunkSize))
        while bytes.count < count {
            let wanted = min(chunk.count, count - bytes.count)
            let got = chunk.withUnsafeMutableBytes { raw in
                // `wanted` > 0 here, so the chunk has storage.
                guard let base = raw.baseAddress else { return 0 }
                return read(input, base, wanted)
            }
            if got < 0 && errno == EINTR { continue }
            guard got >= 0 else { throw FrameError("read failed (errno \(errno))") }
            if got == 0 {
                if bytes.isEmpty && allowingEnd { return nil }
                throw FrameError("input ended after \(bytes.count) of \(count) bytes")
            }
            bytes.append(contentsOf: chunk[..<got])
        }
        return bytes
    }

    /// The most bytes one `read` asks for.
    private static let chunkSize = 64 * 1024

    /// Writes a line to stderr, the only place the testee may talk freely.
    static func log(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        // Best effort: a failed log line is not worth stopping for.
        _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
}

/// A framing failure on stdin or stdout; the testee stops on it.
struct FrameError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
