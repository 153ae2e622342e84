internal import Bytes

/// The HTTP/2 protocol of one connection (RFC 9113), for either end, as a state machine: bytes
/// and frames in, actions out, no I/O.
///
/// It owns everything the two ends share: the connection preface and the first-SETTINGS rule
/// (§3.4), SETTINGS and their acknowledgement (§6.5), PING (§6.7), GOAWAY both ways (§6.8),
/// RST_STREAM (§6.4), flow control for the connection and each stream (§5.2, §6.9), header
/// blocks over CONTINUATION and HPACK (§4.3), stream states and IDs (§5.1), the peer's stream
/// limit, and the flood limits. What it writes (ACKs, WINDOW_UPDATEs, RST_STREAMs, GOAWAY,
/// HEADERS, DATA) collects in an output buffer that its owner takes with ``takeOutput()``;
/// what the owner must do besides comes back as an ``Action``.
///
/// The server and client connections are shells over it: they read the socket, run the actions
/// (hand a request to its handler, a body chunk to its reader, fail a stream) and write.
/// `Context` is what the owner keeps per stream (its stream object); the machine hands it back
/// in actions, so the owner needs no table of its own.
///
/// ```swift
/// var machine = HTTP2ConnectionStateMachine<MyStream>(configuration: configuration)
/// machine.start()                                      // our SETTINGS (and preface, as client)
/// while let action = machine.read(from: &inbound) { run(action) }
/// if let bytes = machine.takeOutput() { socket.write(bytes) }
/// ```
struct HTTP2ConnectionStateMachine<Context> {
    /// Which end of the connection this is: clients open odd-numbered streams, servers answer
    /// them (RFC 9113 §5.1.1).
    enum Role: Sendable, Hashable {
        case client, server
    }

    /// Our settings, and the limits we hold the peer to.
    struct Configuration {
        /// Which end we are.
        var role: Role
        /// SETTINGS_INITIAL_WINDOW_SIZE we announce: each stream's receive window.
        var initialWindowSize: Int
        /// The connection's receive window.
        var connectionWindowSize: Int
        /// The largest frame we accept (server: the SETTINGS_MAX_FRAME_SIZE we announce).
        var maxFrameSize = 16_384
        /// SETTINGS_MAX_HEADER_LIST_SIZE we announce and enforce when decoding.
        var maxHeaderListSize: Int
        /// Server: SETTINGS_MAX_CONCURRENT_STREAMS; streams past it get REFUSED_STREAM.
        var maxConcurrentStreams = 100
        /// CONTINUATION frames allowed for one header block.
        var maxContinuationFrames = 32
        /// SETTINGS and PING frames allowed per 10 s without other traffic between them.
        var maxControlFramesPer10Seconds = 1_000
        /// Streams the peer may reset per 10 s (rapid reset); `nil` for no limit.
        var maxResetsPer10Seconds: Int?
    }

    /// The protocol state of one stream (RFC 9113 §5.1): open while both flags are false,
    /// half-closed while one is set; it leaves the table when both are (closed).
    struct Stream {
        /// The owner's object for the stream.
        var context: Context
        /// How much DATA we may still send on it (§6.9.1).
        var sendWindow: Int
        /// How much DATA the peer may still send on it.
        var receiveWindow: HTTP2ReceiveWindow
        /// We sent END_STREAM (half-closed local).
        var isLocalClosed = false
        /// The peer sent END_STREAM (half-closed remote).
        var isRemoteClosed = false
        /// Client: the final (non-1xx) response head arrived.
        var hasResponseHead = false
        /// Client: the response's `content-length`, checked against its DATA (§8.1.1).
        var expectedLength: Int?
        /// Client: DATA bytes received (padding excluded).
        var receivedLength = 0
    }

    let configuration: Configuration
    var role: Role { configuration.role }

    /// Frames produced and not yet taken by the owner.
    var output = ByteBuffer(capacity: 16 * 1024)
    var encoder = HPACKEncoder()
    var decoder: HPACKDecoder
    /// The settings the peer announced.
    private(set) var peer = HTTP2PeerSettings()
    /// How much DATA we may still send on the connection.
    var sendWindow = 65_535
    var receiveWindow: HTTP2ReceiveWindow
    var headerBlock: HTTP2HeaderBlockReader
    var floods = HTTP2FloodCounter()
    /// The client's preface arrived (always true for the client).
    var sawPreface: Bool
    /// The peer's first SETTINGS arrived.
    var sawSettings = false
    /// Open and half-closed streams.
    var streams: [UInt32: Stream] = [:]
    /// Server: the highest stream ID the client has opened (GOAWAY's last stream ID).
    var lastPeerStreamID: UInt32 = 0
    /// Server: streams we closed with RST_STREAM lately, whose frames the client may have sent
    /// before the reset reached it; they are ignored rather than answered (§5.1, "closed").
    var resetByUs = RecentStreamIDs()
    /// Client: the ID of our next stream.
    var nextStreamID: UInt32 = 1
    /// We sent GOAWAY.
    var isGoAwaySent = false
    /// GOAWAY went out or came in, or stream IDs ran out: no new streams.
    var isDraining = false
    /// A connection error ended the connection: nothing more is read.
    var isFailed = false
    /// A connection error found while answering a frame whose action had to go out first.
    var pendingError: HTTPError?

    init(configuration: Configuration) {
        self.configuration = configuration
        decoder = HPACKDecoder(maxTableSize: 4096, maxHeaderListSize: configuration.maxHeaderListSize)
        receiveWindow = HTTP2ReceiveWindow(
            initial: configuration.connectionWindowSize, target: configuration.connectionWindowSize)
        headerBlock = HTTP2HeaderBlockReader(
            maxFrames: configuration.maxContinuationFrames, maxBytes: configuration.maxHeaderListSize * 2)
        sawPreface = configuration.role == .client
    }

    // MARK: Output

    /// The bytes produced since the last call, or `nil` if there are none.
    mutating func takeOutput() -> ByteBuffer? {
        guard output.readableBytes > 0 else { return nil }
        defer { output = ByteBuffer(capacity: 16 * 1024) }
        return output
    }

    /// Writes what opens the connection (§3.4): the client's preface, then our SETTINGS, and a
    /// WINDOW_UPDATE that opens the connection window to its size (it starts at 65,535 whatever
    /// the settings say, §6.9.2).
    mutating func start() {
        let settings: [(HTTP2Setting, UInt32)]
        switch role {
        case .client:
            output.writeBytes(HTTP2Frame.preface)
            settings = [
                (.enablePush, 0), (.maxConcurrentStreams, 0),
                (.initialWindowSize, UInt32(configuration.initialWindowSize)),
                (.maxHeaderListSize, UInt32(configuration.maxHeaderListSize)),
            ]
        case .server:
            settings = [
                (.maxConcurrentStreams, UInt32(configuration.maxConcurrentStreams)),
                (.initialWindowSize, UInt32(configuration.initialWindowSize)),
                (.maxFrameSize, UInt32(configuration.maxFrameSize)),
                (.maxHeaderListSize, UInt32(configuration.maxHeaderListSize)), (.enablePush, 0),
            ]
        }
        HTTP2Frame.writeSettings(into: &output, settings)
        let extra = receiveWindow.target - 65_535
        if extra > 0 { HTTP2Frame.writeWindowUpdate(into: &output, streamID: 0, increment: extra) }
    }

    /// Queues a PING of our own (keepalive, §6.7).
    mutating func writePing(_ opaqueData: UInt64) {
        HTTP2Frame.writeHeader(into: &output, length: 8, type: .ping, flags: 0, streamID: 0)
        output.writeInteger(opaqueData)
    }

    /// Writes GOAWAY with `code` (once, §6.8) and takes no new streams from now on. The last
    /// stream ID is the highest the client opened (server) or 0 (client: we accept no pushes).
    mutating func goAway(_ code: HTTP2ErrorCode, _ message: String) {
        isDraining = true
        guard !isGoAwaySent else { return }
        isGoAwaySent = true
        HTTP2Frame.writeGoAway(
            into: &output, lastStreamID: role == .server ? lastPeerStreamID : 0, code: code, message: message)
    }

    // MARK: Input

    /// Reads the next frame from `buffer` (after the client preface, on the server) and
    /// handles it; `nil` until a whole frame has arrived, and after a connection error.
    mutating func read(from buffer: inout ByteBuffer) -> Action? {
        if let error = pendingError {
            pendingError = nil
            return fail(error)
        }
        guard !isFailed else { return nil }
        do throws(HTTPError) {
            if !sawPreface {
                let count = HTTP2Frame.preface.count
                guard buffer.readableBytes >= count else { return nil }
                let matches = buffer.withUnsafeReadableBytes { $0.prefix(count).elementsEqual(HTTP2Frame.preface) }
                guard matches else { throw .connection(.protocolError, "invalid connection preface") }
                buffer.moveReaderIndex(forwardBy: count)
                sawPreface = true
            }
            guard let frame = try HTTP2Frame.read(from: &buffer, maxFrameSize: configuration.maxFrameSize) else {
                return nil
            }
            return try receive(frame)
        } catch {
            return fail(error)
        }
    }

    /// A connection error (§5.4.1): GOAWAY with its code, and nothing more is read.
    private mutating func fail(_ error: HTTPError) -> Action {
        isFailed = true
        goAway(error.goAwayCode, error.message)
        return .closeConnection(error)
    }

    private mutating func receive(_ frame: HTTP2Frame) throws(HTTPError) -> Action {
        // §6.10: while a header block is open, only its CONTINUATION may come. §3.4: the
        // peer's first frame is SETTINGS.
        try headerBlock.check(frame)
        if !sawSettings {
            guard frame.kind == .settings, !frame.has(HTTP2Flags.ack) else {
                throw .connection(.protocolError, "the first frame must be SETTINGS")
            }
        }
        switch frame.kind {
        case .data: return try receiveData(frame)
        case .headers:
            floods.peerSentWork()
            guard let block = try headerBlock.headers(frame) else { return .none }
            return try receiveHeaderBlock(block)
        case .continuation:
            guard let block = try headerBlock.continuation(frame) else { return .none }
            return try receiveHeaderBlock(block)
        case .priority: return try receivePriority(frame)
        case .rstStream: return try receiveReset(frame)
        case .settings: return try receiveSettings(frame)
        case .pushPromise:
            // §8.4: servers only, and we announce ENABLE_PUSH 0.
            throw .connection(
                .protocolError, role == .server ? "clients cannot push" : "PUSH_PROMISE after ENABLE_PUSH 0")
        case .ping:
            try receivePing(frame)
            return .none
        case .goAway: return try receiveGoAway(frame)
        case .windowUpdate: return try receiveWindowUpdate(frame)
        case nil: return .none  // unknown frame types are ignored (§5.5)
        }
    }

    /// §6.5: applies the peer's SETTINGS to our encoder and every stream's send window, and
    /// acknowledges them.
    private mutating func receiveSettings(_ frame: HTTP2Frame) throws(HTTPError) -> Action {
        guard let change = try peer.apply(frame) else { return .none }
        try floods.controlFrame(limit: configuration.maxControlFramesPer10Seconds)
        sawSettings = true
        if let size = change.headerTableSize { encoder.setMaxTableSize(size) }
        if change.windowDelta != 0 {
            // §6.9.2: a new INITIAL_WINDOW_SIZE moves every stream's window by the difference.
            for index in streams.indices {
                let window = withStream(at: index) { stream in
                    stream.sendWindow += change.windowDelta
                    return stream.sendWindow
                }
                guard window <= 0x7FFF_FFFF else {
                    throw .connection(.flowControlError, "a stream window passed 2^31-1")
                }
            }
        }
        HTTP2Frame.writeHeader(into: &output, length: 0, type: .settings, flags: HTTP2Flags.ack, streamID: 0)
        return .settingsChanged(windowsGrew: change.windowDelta > 0)
    }

    /// §6.7: answers a PING; an acknowledgement is only checked.
    private mutating func receivePing(_ frame: HTTP2Frame) throws(HTTPError) {
        guard frame.streamID == 0 else { throw .connection(.protocolError, "PING on a stream") }
        guard frame.payload.readableBytes == 8 else { throw .connection(.frameSizeError, "PING not 8 bytes") }
        guard !frame.has(HTTP2Flags.ack) else { return }
        try floods.controlFrame(limit: configuration.maxControlFramesPer10Seconds)
        HTTP2Frame.writeHeader(into: &output, length: 8, type: .ping, flags: HTTP2Flags.ack, streamID: 0)
        output.writeBuffer(frame.payload)
    }

    /// §6.8: no new streams; ours above the last stream ID were not processed and are closed.
    private mutating func receiveGoAway(_ frame: HTTP2Frame) throws(HTTPError) -> Action {
        guard frame.streamID == 0 else { throw .connection(.protocolError, "GOAWAY on a stream") }
        guard frame.payload.readableBytes >= 8 else { throw .connection(.frameSizeError, "GOAWAY too short") }
        let lastStreamID = (frame.payload.getInteger(at: 0, as: UInt32.self) ?? 0) & 0x7FFF_FFFF
        let code = HTTP2ErrorCode(rawValue: frame.payload.getInteger(at: 4, as: UInt32.self) ?? 0)
        let debug = String(decoding: frame.payload.readableBytesArray.dropFirst(8), as: UTF8.self)
        isDraining = true
        var unprocessed: [Context] = []
        for (id, stream) in streams where isLocallyInitiated(id) && id > lastStreamID {
            unprocessed.append(stream.context)
            streams[id] = nil
        }
        return .goAwayReceived(lastStreamID: lastStreamID, code: code, debug: debug, unprocessed: unprocessed)
    }

    /// §6.3 (server): PRIORITY is checked, then ignored (scheduling is first come, first
    /// served). The client ignores it.
    private mutating func receivePriority(_ frame: HTTP2Frame) throws(HTTPError) -> Action {
        guard role == .server else { return .none }
        guard frame.streamID != 0 else { throw .connection(.protocolError, "PRIORITY on stream 0") }
        guard frame.payload.readableBytes == 5 else { return reject(frame.streamID, .frameSizeError) }
        let dependency = frame.payload.getInteger(at: 0, as: UInt32.self).map { $0 & 0x7FFF_FFFF }
        if dependency == frame.streamID { return reject(frame.streamID, .protocolError) }
        return .none
    }

    /// §6.4: the peer reset a stream. Resets count against the rapid-reset limit
    /// (CVE-2023-44487); the stream's action goes out before the connection error.
    private mutating func receiveReset(_ frame: HTTP2Frame) throws(HTTPError) -> Action {
        let id = frame.streamID
        guard id != 0 else { throw .connection(.protocolError, "RST_STREAM on stream 0") }
        guard frame.payload.readableBytes == 4 else { throw .connection(.frameSizeError, "RST_STREAM not 4 bytes") }
        try checkNotIdle(id, "RST_STREAM")
        let code = HTTP2ErrorCode(rawValue: frame.payload.getInteger(at: 0, as: UInt32.self) ?? 0)
        var flood: HTTPError?
        if let limit = configuration.maxResetsPer10Seconds {
            do throws(HTTPError) { try floods.reset(limit: limit) } catch { flood = error }
        }
        guard let stream = streams.removeValue(forKey: id) else {
            if let flood { throw flood }
            return .none
        }
        pendingError = flood
        return .streamReset(stream.context, streamID: id, code: code, wasRemoteClosed: stream.isRemoteClosed)
    }

    /// §6.9: WINDOW_UPDATE for the connection or a stream.
    private mutating func receiveWindowUpdate(_ frame: HTTP2Frame) throws(HTTPError) -> Action {
        let increment = try HTTP2Frame.windowIncrement(frame)
        let id = frame.streamID
        if id == 0 {
            guard increment > 0 else { throw .connection(.protocolError, "WINDOW_UPDATE of 0") }
            sendWindow += increment
            guard sendWindow <= 0x7FFF_FFFF else {
                throw .connection(.flowControlError, "connection window passed 2^31-1")
            }
            return .windowsOpened
        }
        try checkNotIdle(id, "WINDOW_UPDATE")
        guard let index = streams.index(forKey: id) else { return .none }  // closed: ignored
        guard increment > 0 else { return resetStream(id, .protocolError, "WINDOW_UPDATE of 0 on the stream") }
        let (window, context) = withStream(at: index) { stream in
            stream.sendWindow += increment
            return (stream.sendWindow, stream.context)
        }
        guard window <= 0x7FFF_FFFF else {
            return resetStream(id, .flowControlError, "the stream window passed 2^31-1")
        }
        return .streamWindowOpened(context, streamID: id)
    }
}
