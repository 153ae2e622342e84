internal import Bytes

/// A stream whose outgoing side is an ``HTTP2SendQueue`` (server and client streams).
protocol HTTP2SendingStream: AnyObject {
    var send: HTTP2SendQueue { get set }
}

/// What an HTTP/2 connection needs whichever side it is on: the frames waiting to go out, HPACK
/// state, the peer's settings, the connection windows, header-block assembly and flood counts,
/// with the frame handling that is the same for server and client (SETTINGS, PING, GOAWAY and
/// connection-level WINDOW_UPDATE and DATA accounting).
struct HTTP2Session {
    /// Frames produced and not yet handed to the connection.
    var out = ByteBuffer(capacity: 16 * 1024)
    var encoder = HPACKEncoder()
    var decoder: HPACKDecoder
    var peer = HTTP2PeerSettings()
    /// How much DATA we may still send on the connection.
    var sendWindow = 65_535
    var receiveWindow: HTTP2ReceiveWindow
    var headerBlock: HTTP2HeaderBlockReader
    var floods = HTTP2FloodCounter()
    /// The peer's first SETTINGS arrived.
    var sawSettings = false
    /// SETTINGS and PING frames allowed per 10 s.
    let controlFrameLimit: Int

    init(maxHeaderListSize: Int, connectionWindow: Int, maxContinuationFrames: Int, controlFrameLimit: Int) {
        decoder = HPACKDecoder(maxTableSize: 4096, maxHeaderListSize: maxHeaderListSize)
        receiveWindow = HTTP2ReceiveWindow(initial: connectionWindow, target: connectionWindow)
        headerBlock = HTTP2HeaderBlockReader(maxFrames: maxContinuationFrames, maxBytes: maxHeaderListSize * 2)
        self.controlFrameLimit = controlFrameLimit
    }

    /// Writes our SETTINGS, and a WINDOW_UPDATE that opens the connection window to its target
    /// (it starts at 65,535 whatever the settings say).
    mutating func writeInitialSettings(_ settings: [(HTTP2Setting, UInt32)]) {
        HTTP2Frame.writeSettings(into: &out, settings)
        let extra = receiveWindow.target - 65_535
        if extra > 0 { HTTP2Frame.writeWindowUpdate(into: &out, streamID: 0, increment: extra) }
    }

    /// Checks the frame order rules every frame is subject to: while a header block is open only
    /// its CONTINUATION may come, and the peer's first frame must be SETTINGS.
    func check(_ frame: HTTP2Frame) throws(HTTPError) {
        try headerBlock.check(frame)
        if !sawSettings {
            guard frame.kind == .settings, !frame.has(HTTP2Flags.ack) else {
                throw HTTPError.connection(.protocolError, "the first frame must be SETTINGS")
            }
        }
    }

    /// Applies a SETTINGS frame to the peer's settings, our encoder and `streams`' send windows,
    /// and acknowledges it. Returns whether the stream windows grew (blocked data may go now).
    mutating func applySettings<Stream: HTTP2SendingStream>(
        _ frame: HTTP2Frame, streams: some Sequence<Stream>
    ) throws(HTTPError) -> Bool {
        guard let change = try peer.apply(frame) else { return false }
        try floods.controlFrame(limit: controlFrameLimit)
        sawSettings = true
        if let size = change.headerTableSize { encoder.setMaxTableSize(size) }
        if change.windowDelta != 0 {
            for stream in streams {
                stream.send.window += change.windowDelta
                guard stream.send.window <= 0x7FFF_FFFF else {
                    throw HTTPError.connection(.flowControlError, "a stream window passed 2^31-1")
                }
            }
        }
        HTTP2Frame.writeHeader(into: &out, length: 0, type: .settings, flags: HTTP2Flags.ack, streamID: 0)
        return change.windowDelta > 0
    }

    /// A HEADERS frame arrived: real traffic, which clears the control-frame count.
    mutating func receivedHeaders() { floods.peerSentWork() }

    /// Answers a PING (an acknowledgement is only checked).
    mutating func answerPing(_ frame: HTTP2Frame) throws(HTTPError) {
        guard frame.streamID == 0 else { throw HTTPError.connection(.protocolError, "PING on a stream") }
        guard frame.payload.readableBytes == 8 else { throw HTTPError.connection(.frameSizeError, "PING not 8 bytes") }
        guard !frame.has(HTTP2Flags.ack) else { return }
        try floods.controlFrame(limit: controlFrameLimit)
        HTTP2Frame.writeHeader(into: &out, length: 8, type: .ping, flags: HTTP2Flags.ack, streamID: 0)
        out.writeBuffer(frame.payload)
    }

    /// Queues a PING of our own (keepalive).
    mutating func writePing(_ opaqueData: UInt64) {
        HTTP2Frame.writeHeader(into: &out, length: 8, type: .ping, flags: 0, streamID: 0)
        out.writeInteger(opaqueData)
    }

    /// A GOAWAY's last stream ID, error code and debug text.
    static func goAway(
        _ frame: HTTP2Frame
    ) throws(HTTPError) -> (
        lastStreamID: UInt32, code: HTTP2ErrorCode, debug: String
    ) {
        guard frame.streamID == 0 else { throw HTTPError.connection(.protocolError, "GOAWAY on a stream") }
        guard frame.payload.readableBytes >= 8 else { throw HTTPError.connection(.frameSizeError, "GOAWAY too short") }
        let lastStreamID = (frame.payload.getInteger(at: 0, as: UInt32.self) ?? 0) & 0x7FFF_FFFF
        let code = HTTP2ErrorCode(rawValue: frame.payload.getInteger(at: 4, as: UInt32.self) ?? 0)
        let debug = String(decoding: frame.payload.readableBytesArray.dropFirst(8), as: UTF8.self)
        return (lastStreamID, code, debug)
    }

    /// A WINDOW_UPDATE on stream 0.
    mutating func growSendWindow(by increment: Int) throws(HTTPError) {
        guard increment > 0 else { throw HTTPError.connection(.protocolError, "WINDOW_UPDATE of 0") }
        sendWindow += increment
        guard sendWindow <= 0x7FFF_FFFF else {
            throw HTTPError.connection(.flowControlError, "connection window passed 2^31-1")
        }
    }

    /// Counts a DATA frame against the connection's receive window, and reopens the window once
    /// half of it is used.
    mutating func receivedData(_ length: Int) throws(HTTPError) {
        floods.peerSentWork()
        guard receiveWindow.consume(length) else {
            throw HTTPError.connection(.flowControlError, "DATA beyond the connection window")
        }
        if let increment = receiveWindow.refill() {
            HTTP2Frame.writeWindowUpdate(into: &out, streamID: 0, increment: increment)
        }
    }

    /// Reopens a stream's receive window if half of it is used.
    mutating func replenish(_ window: inout HTTP2ReceiveWindow, streamID: UInt32) {
        guard let increment = window.refill() else { return }
        HTTP2Frame.writeWindowUpdate(into: &out, streamID: streamID, increment: increment)
    }

    /// Encodes `fields` and writes them as HEADERS (+ CONTINUATION) frames.
    mutating func writeHeaderBlock(_ streamID: UInt32, fields: [(name: String, value: String)], endStream: Bool) {
        var block: [UInt8] = []
        encoder.encode(fields, into: &block)
        HTTP2Frame.writeHeaderBlock(
            into: &out, block, streamID: streamID, endStream: endStream, maxFrameSize: peer.maxFrameSize)
    }

    /// Sends what `stream` has queued as far as the windows allow, then its end: END_STREAM on
    /// the last DATA frame, or its trailers (so the result is never `.trailers`).
    mutating func drain(
        _ stream: some HTTP2SendingStream, id: UInt32, connection: Connection
    )
        -> HTTP2SendQueue.DrainResult
    {
        var window = stream.send.window
        let result = stream.send.drain(
            streamID: id, window: &window, connectionWindow: &sendWindow, maxFrameSize: peer.maxFrameSize, out: &out,
            emit: { connection.write($0) })
        stream.send.window = window
        guard case .trailers(let trailers) = result else { return result }
        writeHeaderBlock(id, fields: trailers.fields.map { ($0.name, $0.value) }, endStream: true)
        return .ended
    }

    /// Hands the frames produced so far to `connection` and writes.
    mutating func flush(to connection: Connection) {
        if out.readableBytes > 0 {
            connection.write(out)
            out = ByteBuffer(capacity: 16 * 1024)
        }
        connection.flush()
    }
}
