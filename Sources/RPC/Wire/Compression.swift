public import Bytes
internal import CZlib

/// Message compression for `grpc-encoding`: `identity` and `gzip` (zlib). Every message is
/// compressed on its own (the spec keeps no context across messages).
public enum GRPCCompression: String, Sendable, Hashable, CaseIterable {
    case identity
    case gzip

    /// The encodings this runtime can read, as a `grpc-accept-encoding` value.
    public static let acceptEncoding = "gzip,identity"

    /// `bytes` gzip-compressed.
    /// - Throws: `INTERNAL` if zlib fails (it only does when out of memory).
    public static func gzip(_ bytes: ByteBuffer) throws(RPCStatus) -> ByteBuffer {
        var stream = z_stream()
        // windowBits 15 + 16: a gzip wrapper, as `grpc-encoding: gzip` means.
        let status = deflateInit2_(
            &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
            Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw RPCStatus(.internal, "zlib deflateInit failed (\(status))") }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, UInt(bytes.readableBytes)))
        var output = ByteBuffer(capacity: bound)
        var result: Int32 = Z_OK
        bytes.withUnsafeReadableBytes { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: UInt8.self).baseAddress)
            stream.avail_in = UInt32(input.count)
            output.writeWithUnsafeMutableBytes(minimumWritableBytes: bound) { raw in
                stream.next_out = raw.bindMemory(to: UInt8.self).baseAddress
                stream.avail_out = UInt32(raw.count)
                result = deflate(&stream, Z_FINISH)
                return raw.count - Int(stream.avail_out)
            }
        }
        guard result == Z_STREAM_END else { throw RPCStatus(.internal, "zlib deflate failed (\(result))") }
        return output
    }

    /// `bytes` decompressed (gzip or zlib wrapper), at most `limit` bytes of it.
    /// - Throws: `RESOURCE_EXHAUSTED` past `limit` (a decompression bomb stops there, not in
    ///   memory); `INTERNAL` for data that is not gzip.
    public static func gunzip(_ bytes: ByteBuffer, limit: Int) throws(RPCStatus) -> ByteBuffer {
        var stream = z_stream()
        // windowBits 15 + 32: detect a gzip or zlib wrapper.
        let status = inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw RPCStatus(.internal, "zlib inflateInit failed (\(status))") }
        defer { inflateEnd(&stream) }
        var output = ByteBuffer(capacity: min(limit, max(256, bytes.readableBytes * 4)))
        var result: Int32 = Z_OK
        var overLimit = false
        bytes.withUnsafeReadableBytes { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: UInt8.self).baseAddress)
            stream.avail_in = UInt32(input.count)
            while result == Z_OK {
                guard output.readableBytes <= limit else {
                    overLimit = true
                    return
                }
                // At most one byte past the limit, so crossing it is seen without inflating more.
                let room = min(64 * 1024, limit + 1 - output.readableBytes)
                output.writeWithUnsafeMutableBytes(minimumWritableBytes: room) { raw in
                    let window = UnsafeMutableRawBufferPointer(rebasing: raw.prefix(room))
                    stream.next_out = window.bindMemory(to: UInt8.self).baseAddress
                    stream.avail_out = UInt32(window.count)
                    result = inflate(&stream, Z_NO_FLUSH)
                    return window.count - Int(stream.avail_out)
                }
                if result == Z_BUF_ERROR && stream.avail_in == 0 { break }  // input ended early
                if result == Z_BUF_ERROR { result = Z_OK }  // no room: go round again
            }
        }
        guard !overLimit, output.readableBytes <= limit else {
            throw RPCStatus(.resourceExhausted, "a decompressed message exceeds the limit of \(limit) bytes")
        }
        guard result == Z_STREAM_END else {
            throw RPCStatus(.internal, "a compressed message is not valid gzip (zlib \(result))")
        }
        return output
    }
}
