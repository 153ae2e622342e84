internal import Bytes

/// HTTP/2 error codes (RFC 9113 §7).
public struct HTTP2ErrorCode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let noError = HTTP2ErrorCode(rawValue: 0x0)
    public static let protocolError = HTTP2ErrorCode(rawValue: 0x1)
    public static let internalError = HTTP2ErrorCode(rawValue: 0x2)
    public static let flowControlError = HTTP2ErrorCode(rawValue: 0x3)
    public static let settingsTimeout = HTTP2ErrorCode(rawValue: 0x4)
    public static let streamClosed = HTTP2ErrorCode(rawValue: 0x5)
    public static let frameSizeError = HTTP2ErrorCode(rawValue: 0x6)
    public static let refusedStream = HTTP2ErrorCode(rawValue: 0x7)
    public static let cancel = HTTP2ErrorCode(rawValue: 0x8)
    public static let compressionError = HTTP2ErrorCode(rawValue: 0x9)
    public static let connectError = HTTP2ErrorCode(rawValue: 0xA)
    public static let enhanceYourCalm = HTTP2ErrorCode(rawValue: 0xB)

    public var description: String {
        switch rawValue {
        case 0x0: "NO_ERROR"
        case 0x1: "PROTOCOL_ERROR"
        case 0x2: "INTERNAL_ERROR"
        case 0x3: "FLOW_CONTROL_ERROR"
        case 0x4: "SETTINGS_TIMEOUT"
        case 0x5: "STREAM_CLOSED"
        case 0x6: "FRAME_SIZE_ERROR"
        case 0x7: "REFUSED_STREAM"
        case 0x8: "CANCEL"
        case 0x9: "COMPRESSION_ERROR"
        case 0xA: "CONNECT_ERROR"
        case 0xB: "ENHANCE_YOUR_CALM"
        default: "0x\(String(rawValue, radix: 16))"
        }
    }
}

/// A connection error: the connection ends with GOAWAY carrying `code`.
struct HTTP2ConnectionError: Error {
    var code: HTTP2ErrorCode
    var message: String

    init(_ code: HTTP2ErrorCode, _ message: String) {
        self.code = code
        self.message = message
    }
}

/// Frame types (RFC 9113 §6).
enum HTTP2FrameType: UInt8 {
    case data = 0x0, headers = 0x1, priority = 0x2, rstStream = 0x3, settings = 0x4, pushPromise = 0x5,
        ping = 0x6, goAway = 0x7, windowUpdate = 0x8, continuation = 0x9
}

/// Frame flags.
enum HTTP2Flags {
    static let endStream: UInt8 = 0x1
    static let ack: UInt8 = 0x1
    static let endHeaders: UInt8 = 0x4
    static let padded: UInt8 = 0x8
    static let priority: UInt8 = 0x20
}

/// One frame: a header and its payload (a slice of the connection's buffer).
struct HTTP2Frame {
    var type: UInt8
    var flags: UInt8
    var streamID: UInt32
    var payload: ByteBuffer

    var kind: HTTP2FrameType? { HTTP2FrameType(rawValue: type) }
    func has(_ flag: UInt8) -> Bool { flags & flag != 0 }

    /// The client connection preface.
    static let preface: [UInt8] = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)

    /// Reads the next whole frame from `buffer`, or `nil` until it has arrived.
    /// - Throws: `FRAME_SIZE_ERROR` for a frame larger than `maxFrameSize`.
    static func read(from buffer: inout ByteBuffer, maxFrameSize: Int) throws(HTTP2ConnectionError) -> HTTP2Frame? {
        guard buffer.readableBytes >= 9 else { return nil }
        let header: (length: Int, type: UInt8, flags: UInt8, stream: UInt32) = buffer.withUnsafeReadableBytes { raw in
            let length = Int(raw[0]) << 16 | Int(raw[1]) << 8 | Int(raw[2])
            let stream = UInt32(raw[5]) << 24 | UInt32(raw[6]) << 16 | UInt32(raw[7]) << 8 | UInt32(raw[8])
            return (length, raw[3], raw[4], stream & 0x7FFF_FFFF)
        }
        guard header.length <= maxFrameSize else {
            throw HTTP2ConnectionError(.frameSizeError, "frame of \(header.length) bytes exceeds \(maxFrameSize)")
        }
        guard buffer.readableBytes >= 9 + header.length else { return nil }
        buffer.moveReaderIndex(forwardBy: 9)
        let payload = buffer.readSlice(length: header.length) ?? ByteBuffer()
        return HTTP2Frame(type: header.type, flags: header.flags, streamID: header.stream, payload: payload)
    }

    /// Appends a frame header.
    static func writeHeader(
        into buffer: inout ByteBuffer, length: Int, type: HTTP2FrameType, flags: UInt8, streamID: UInt32
    ) {
        buffer.writeInteger(UInt8(truncatingIfNeeded: length >> 16))
        buffer.writeInteger(UInt16(truncatingIfNeeded: length))
        buffer.writeInteger(type.rawValue)
        buffer.writeInteger(flags)
        buffer.writeInteger(streamID & 0x7FFF_FFFF)
    }

    /// The payload without padding (for DATA and HEADERS with PADDED).
    /// - Throws: `PROTOCOL_ERROR` when the padding is longer than the payload.
    static func unpadded(_ frame: HTTP2Frame) throws(HTTP2ConnectionError) -> ByteBuffer {
        var payload = frame.payload
        guard frame.has(HTTP2Flags.padded) else { return payload }
        guard let padLength = payload.readInteger(as: UInt8.self), Int(padLength) <= payload.readableBytes else {
            throw HTTP2ConnectionError(.protocolError, "padding longer than the frame")
        }
        payload.truncateReadable(to: payload.readableBytes - Int(padLength))
        return payload
    }
}

/// SETTINGS parameters (RFC 9113 §6.5.2).
enum HTTP2Setting: UInt16 {
    case headerTableSize = 0x1, enablePush = 0x2, maxConcurrentStreams = 0x3, initialWindowSize = 0x4,
        maxFrameSize = 0x5, maxHeaderListSize = 0x6
}
