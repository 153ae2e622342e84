public import Bytes

/// gRPC's Length-Prefixed-Message framing: a compressed flag byte, a 4-byte big-endian length,
/// then the message.
public enum GRPCFraming {
    /// Bytes before each message.
    public static let prefixLength = 5

    /// Appends `message` with its prefix to `buffer`.
    public static func frame(_ message: ByteBuffer, compressed: Bool = false, into buffer: inout ByteBuffer) {
        buffer.reserveWritableBytes(prefixLength + message.readableBytes)
        buffer.writeInteger(UInt8(compressed ? 1 : 0))
        buffer.writeInteger(UInt32(truncatingIfNeeded: message.readableBytes))
        buffer.writeBuffer(message)
    }
}

/// One message taken off the wire.
public struct GRPCFramedMessage: Sendable, Hashable {
    /// The message bytes (still compressed when ``compressed`` is set).
    public var bytes: ByteBuffer
    /// The compressed flag.
    public var compressed: Bool
}

/// Cuts a stream of DATA chunks into messages, whatever the chunk boundaries (they have no
/// relation to message boundaries). A length over `maxMessageSize` fails before any of the
/// message is buffered, so a hostile prefix cannot make it allocate.
public struct GRPCDeframer: Sendable {
    /// The largest message accepted.
    public let maxMessageSize: Int
    private var buffer = ByteBuffer()

    /// A deframer for messages of at most `maxMessageSize` bytes.
    public init(maxMessageSize: Int) {
        self.maxMessageSize = maxMessageSize
    }

    /// Bytes received and not yet returned as a message.
    public var bufferedBytes: Int { buffer.readableBytes }

    /// Adds a chunk as it arrived.
    public mutating func append(_ chunk: ByteBuffer) {
        if buffer.readableBytes == 0 {
            buffer = chunk  // the common case: no copy
        } else {
            buffer.writeBuffer(chunk)
        }
    }

    /// The next whole message, or `nil` until more bytes arrive.
    /// - Throws: `RESOURCE_EXHAUSTED` for a message over ``maxMessageSize``; `INTERNAL` for a
    ///   compressed flag other than 0 or 1.
    public mutating func next() throws(RPCStatus) -> GRPCFramedMessage? {
        guard buffer.readableBytes >= GRPCFraming.prefixLength,
            let flag = buffer.getInteger(at: 0, as: UInt8.self),
            let length = buffer.getInteger(at: 1, as: UInt32.self)
        else { return nil }
        guard flag <= 1 else {
            throw RPCStatus(.internal, "invalid compressed flag \(flag) in a message prefix")
        }
        guard Int(length) <= maxMessageSize else {
            throw RPCStatus(
                .resourceExhausted, "message of \(length) bytes exceeds the limit of \(maxMessageSize) bytes")
        }
        guard buffer.readableBytes >= GRPCFraming.prefixLength + Int(length) else { return nil }
        buffer.moveReaderIndex(forwardBy: GRPCFraming.prefixLength)
        let message = buffer.readSlice(length: Int(length)) ?? ByteBuffer()
        if buffer.readableBytes == 0 { buffer = ByteBuffer() }
        return GRPCFramedMessage(bytes: message, compressed: flag == 1)
    }

    /// Checks that the stream ended on a message boundary.
    /// - Throws: `INTERNAL` when bytes of an unfinished message remain (a message longer than
    ///   its data).
    public func finish() throws(RPCStatus) {
        guard buffer.readableBytes == 0 else {
            throw RPCStatus(
                .internal, "the stream ended inside a message (\(buffer.readableBytes) bytes of an unfinished message)")
        }
    }
}
