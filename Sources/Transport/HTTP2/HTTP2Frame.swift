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
    static func read(from buffer: inout ByteBuffer, maxFrameSize: Int) throws(HTTPError) -> HTTP2Frame? {
        guard buffer.readableBytes >= 9 else { return nil }
        let header: (length: Int, type: UInt8, flags: UInt8, stream: UInt32) = buffer.withUnsafeReadableBytes { raw in
            let length = Int(raw[0]) << 16 | Int(raw[1]) << 8 | Int(raw[2])
            let stream = UInt32(raw[5]) << 24 | UInt32(raw[6]) << 16 | UInt32(raw[7]) << 8 | UInt32(raw[8])
            return (length, raw[3], raw[4], stream & 0x7FFF_FFFF)
        }
        guard header.length <= maxFrameSize else {
            throw HTTPError.connection(.frameSizeError, "frame of \(header.length) bytes exceeds \(maxFrameSize)")
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
    static func unpadded(_ frame: HTTP2Frame) throws(HTTPError) -> ByteBuffer {
        var payload = frame.payload
        guard frame.has(HTTP2Flags.padded) else { return payload }
        guard let padLength = payload.readInteger(as: UInt8.self), Int(padLength) <= payload.readableBytes else {
            throw HTTPError.connection(.protocolError, "padding longer than the frame")
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

// MARK: Writing control frames

extension HTTP2Frame {
    static func writeWindowUpdate(into out: inout ByteBuffer, streamID: UInt32, increment: Int) {
        writeHeader(into: &out, length: 4, type: .windowUpdate, flags: 0, streamID: streamID)
        out.writeInteger(UInt32(truncatingIfNeeded: increment) & 0x7FFF_FFFF)
    }

    static func writeReset(into out: inout ByteBuffer, streamID: UInt32, code: HTTP2ErrorCode) {
        writeHeader(into: &out, length: 4, type: .rstStream, flags: 0, streamID: streamID)
        out.writeInteger(code.rawValue)
    }

    /// GOAWAY with the first 256 bytes of `message` as debug data.
    static func writeGoAway(into out: inout ByteBuffer, lastStreamID: UInt32, code: HTTP2ErrorCode, message: String) {
        let debug = Array(message.utf8.prefix(256))
        writeHeader(into: &out, length: 8 + debug.count, type: .goAway, flags: 0, streamID: 0)
        out.writeInteger(lastStreamID)
        out.writeInteger(code.rawValue)
        out.writeBytes(debug)
    }

    static func writeSettings(into out: inout ByteBuffer, _ settings: [(HTTP2Setting, UInt32)]) {
        writeHeader(into: &out, length: settings.count * 6, type: .settings, flags: 0, streamID: 0)
        for (setting, value) in settings {
            out.writeInteger(setting.rawValue)
            out.writeInteger(value)
        }
    }

    /// A header block as one HEADERS frame and as many CONTINUATION frames as `maxFrameSize` needs.
    static func writeHeaderBlock(
        into out: inout ByteBuffer, _ block: [UInt8], streamID: UInt32, endStream: Bool, maxFrameSize: Int
    ) {
        var offset = 0
        var first = true
        repeat {
            let count = min(maxFrameSize, block.count - offset)
            var flags: UInt8 = offset + count == block.count ? HTTP2Flags.endHeaders : 0
            if first && endStream { flags |= HTTP2Flags.endStream }
            writeHeader(
                into: &out, length: count, type: first ? .headers : .continuation, flags: flags, streamID: streamID)
            block.withUnsafeBytes { out.writeBytes(UnsafeRawBufferPointer(rebasing: $0[offset..<(offset + count)])) }
            offset += count
            first = false
        } while offset < block.count
    }

    /// The window increment of a WINDOW_UPDATE (0 is the caller's to judge: stream or connection error).
    static func windowIncrement(_ frame: HTTP2Frame) throws(HTTPError) -> Int {
        guard frame.payload.readableBytes == 4 else {
            throw HTTPError.connection(.frameSizeError, "WINDOW_UPDATE not 4 bytes")
        }
        return Int((frame.payload.getInteger(at: 0, as: UInt32.self) ?? 0) & 0x7FFF_FFFF)
    }
}

// MARK: Settings

/// The settings a peer announced (RFC 9113 §6.5.2), starting from the protocol's initial values.
struct HTTP2PeerSettings {
    var headerTableSize = 4096
    /// `nil`: no limit announced (the initial value).
    var maxConcurrentStreams: Int?
    var initialWindowSize = 65_535
    var maxFrameSize = 16_384
    var maxHeaderListSize: Int?

    /// What a SETTINGS frame changed that the connection must act on.
    struct Change {
        /// New INITIAL_WINDOW_SIZE minus the old one: applied to every open stream's send window.
        var windowDelta = 0
        /// A new HEADER_TABLE_SIZE for our HPACK encoder.
        var headerTableSize: Int?
    }

    /// Applies a SETTINGS frame; `nil` for an acknowledgement.
    /// - Throws: the connection errors §6.5 and §6.5.2 name for malformed frames and values.
    mutating func apply(_ frame: HTTP2Frame) throws(HTTPError) -> Change? {
        guard frame.streamID == 0 else { throw HTTPError.connection(.protocolError, "SETTINGS on a stream") }
        if frame.has(HTTP2Flags.ack) {
            guard frame.payload.readableBytes == 0 else {
                throw HTTPError.connection(.frameSizeError, "SETTINGS ACK with a payload")
            }
            return nil
        }
        guard frame.payload.readableBytes % 6 == 0 else {
            throw HTTPError.connection(.frameSizeError, "SETTINGS length not a multiple of 6")
        }
        var change = Change()
        var payload = frame.payload
        while let identifier = payload.readInteger(as: UInt16.self), let value = payload.readInteger(as: UInt32.self) {
            switch HTTP2Setting(rawValue: identifier) {
            case .headerTableSize:
                headerTableSize = Int(value)
                change.headerTableSize = Int(value)
            case .enablePush:
                guard value <= 1 else { throw HTTPError.connection(.protocolError, "ENABLE_PUSH must be 0 or 1") }
            case .initialWindowSize:
                guard value <= 0x7FFF_FFFF else {
                    throw HTTPError.connection(.flowControlError, "INITIAL_WINDOW_SIZE above 2^31-1")
                }
                change.windowDelta += Int(value) - initialWindowSize
                initialWindowSize = Int(value)
            case .maxFrameSize:
                guard value >= 16_384 && value <= 16_777_215 else {
                    throw HTTPError.connection(.protocolError, "MAX_FRAME_SIZE out of range")
                }
                maxFrameSize = Int(value)
            case .maxConcurrentStreams:
                maxConcurrentStreams = Int(value)
            case .maxHeaderListSize:
                maxHeaderListSize = Int(value)
            case nil:
                break  // unknown settings are ignored (§6.5.2)
            }
        }
        return change
    }
}

// MARK: Header blocks

/// Assembles a header block from HEADERS (padding and priority removed) and its CONTINUATION
/// frames, within the limits that stop CONTINUATION floods.
struct HTTP2HeaderBlockReader {
    /// A complete header block.
    struct Block {
        var streamID: UInt32
        var bytes: [UInt8]
        var endStream: Bool
    }

    /// CONTINUATION frames allowed for one block, and the most bytes a block may have.
    let maxFrames: Int
    let maxBytes: Int
    /// The stream whose block is being continued: every frame until END_HEADERS must be its
    /// CONTINUATION.
    private(set) var expecting: UInt32?
    private var bytes: [UInt8] = []
    private var endStream = false
    private var frames = 0

    init(maxFrames: Int, maxBytes: Int) {
        self.maxFrames = maxFrames
        self.maxBytes = maxBytes
    }

    /// Starts a block with a HEADERS frame; returns it when END_HEADERS is set.
    mutating func headers(_ frame: HTTP2Frame) throws(HTTPError) -> Block? {
        guard frame.streamID != 0 else { throw HTTPError.connection(.protocolError, "HEADERS on stream 0") }
        var block = try HTTP2Frame.unpadded(frame)
        if frame.has(HTTP2Flags.priority) {
            guard block.readableBytes >= 5 else { throw HTTPError.connection(.frameSizeError, "HEADERS too short") }
            let dependency = (block.readInteger(as: UInt32.self) ?? 0) & 0x7FFF_FFFF
            _ = block.readInteger(as: UInt8.self)
            if dependency == frame.streamID {
                throw HTTPError.connection(.protocolError, "a stream cannot depend on itself")
            }
        }
        guard block.readableBytes <= maxBytes else {
            throw HTTPError.connection(.enhanceYourCalm, "header block too long")
        }
        let endStream = frame.has(HTTP2Flags.endStream)
        if frame.has(HTTP2Flags.endHeaders) {
            return Block(streamID: frame.streamID, bytes: block.readableBytesArray, endStream: endStream)
        }
        bytes = block.readableBytesArray
        self.endStream = endStream
        frames = 0
        expecting = frame.streamID
        return nil
    }

    /// Adds a CONTINUATION frame; returns the block when END_HEADERS is set.
    mutating func continuation(_ frame: HTTP2Frame) throws(HTTPError) -> Block? {
        guard let expected = expecting, expected == frame.streamID else {
            throw HTTPError.connection(.protocolError, "CONTINUATION without HEADERS")
        }
        frames += 1
        bytes += frame.payload.readableBytesArray
        // A CONTINUATION flood: endless frames, or a block far past any header list we accept.
        guard frames <= maxFrames, bytes.count <= maxBytes else {
            throw HTTPError.connection(.enhanceYourCalm, "header block too long (CONTINUATION flood)")
        }
        guard frame.has(HTTP2Flags.endHeaders) else { return nil }
        expecting = nil
        let block = Block(streamID: expected, bytes: bytes, endStream: endStream)
        bytes = []
        return block
    }

    /// Checks that `frame` may come now: while a block is open, only its CONTINUATION may.
    func check(_ frame: HTTP2Frame) throws(HTTPError) {
        if let expected = expecting, frame.kind != .continuation || frame.streamID != expected {
            throw HTTPError.connection(.protocolError, "expected CONTINUATION for stream \(expected)")
        }
    }
}

// MARK: Floods

/// Counts control frames and stream resets the peer sends per 10-second window.
struct HTTP2FloodCounter {
    private var windowStart = MonotonicClock.now()
    private var resets = 0
    private var controlFrames = 0

    private mutating func roll() {
        let now = MonotonicClock.now()
        if now - windowStart > 10_000_000_000 {
            windowStart = now
            resets = 0
            controlFrames = 0
        }
    }

    /// The peer sent DATA or HEADERS. Control frames count only in a row without such work
    /// between them: gRPC peers (grpc-go's BDP estimator) send a PING with nearly every burst
    /// of DATA, thousands a second in a busy stream, and that is not a flood; a peer sending
    /// PINGs or SETTINGS and nothing else is.
    mutating func peerSentWork() { controlFrames = 0 }

    /// Counts a SETTINGS or PING frame.
    /// - Throws: `ENHANCE_YOUR_CALM` past `limit` in the window.
    mutating func controlFrame(limit: Int) throws(HTTPError) {
        roll()
        controlFrames += 1
        guard controlFrames <= limit else {
            throw HTTPError.connection(.enhanceYourCalm, "too many SETTINGS/PING frames")
        }
    }

    /// Counts a stream reset by the peer.
    /// - Throws: `ENHANCE_YOUR_CALM` past `limit` in the window (rapid reset).
    mutating func reset(limit: Int) throws(HTTPError) {
        roll()
        resets += 1
        guard resets <= limit else {
            throw HTTPError.connection(.enhanceYourCalm, "too many stream resets (rapid reset)")
        }
    }
}
