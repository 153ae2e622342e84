internal import Bytes

/// HTTP/2 settings and abuse limits of the server.
public struct HTTP2ServerLimits: Sendable {
    /// SETTINGS_MAX_CONCURRENT_STREAMS; more get REFUSED_STREAM. Default 100.
    public var maxConcurrentStreams = 100
    /// SETTINGS_INITIAL_WINDOW_SIZE for request bodies. Default 1 MiB.
    public var initialWindowSize = 1 << 20
    /// The connection-level receive window. Default 4 MiB.
    public var connectionWindowSize = 4 << 20
    /// SETTINGS_MAX_FRAME_SIZE. Default 16 KiB (the protocol's minimum).
    public var maxFrameSize = 16_384
    /// Client-reset streams allowed per 10 s before the connection is closed with
    /// ENHANCE_YOUR_CALM (CVE-2023-44487, "rapid reset"). Default 1,000.
    public var maxResetsPer10Seconds = 1_000
    /// PING and SETTINGS frames allowed per 10 s (floods). Default 1,000.
    public var maxControlFramesPer10Seconds = 1_000
    /// CONTINUATION frames allowed for one header block. Default 32.
    public var maxContinuationFrames = 32
    /// How long a response may wait on a zero flow-control window before its stream is reset. Default 30 s.
    public var stalledWindowTimeout: Duration = .seconds(30)
    /// Keepalive PINGs while streams are open, to find clients that vanished without closing the
    /// connection (their streams would otherwise wait for good). Default: after 2 hours of
    /// quiet, answered within 20 s, as gRPC servers do; `nil` for none.
    public var keepalive: HTTP2Keepalive? = HTTP2Keepalive(interval: .seconds(7_200))

    /// The defaults above.
    public init() {}
}

/// Serves HTTP/2 over cleartext with prior knowledge (RFC 9113) on one connection: frames,
/// HPACK, stream states, flow control both ways, and the limits that stop known attacks.
final class HTTP2ServerConnection: ConnectionHandler, ServerConnection, @unchecked Sendable {
    let connection: Connection
    let handler: any HTTPHandler
    let limits: HTTPServerLimits
    let h2: HTTP2ServerLimits
    let tracker: ConnectionTracker

    private var streams: [UInt32: HTTP2Stream] = [:]
    private var lastStreamID: UInt32 = 0
    private var session: HTTP2Session
    private var sawPreface = false
    private var goAwaySent = false
    private var draining = false

    /// Streams whose data waits for window, in the order they started waiting.
    private var blocked: [UInt32] = []
    /// A flush is queued on the loop (see ``flushSoon()``).
    private var flushQueued = false
    private var keepalive: HTTP2KeepaliveTimer?

    init(
        connection: Connection, handler: any HTTPHandler, limits: HTTPServerLimits, h2: HTTP2ServerLimits,
        tracker: ConnectionTracker
    ) {
        self.connection = connection
        self.handler = handler
        self.limits = limits
        self.h2 = h2
        self.tracker = tracker
        session = HTTP2Session(
            maxHeaderListSize: limits.maxHeadBytes, connectionWindow: h2.connectionWindowSize,
            maxContinuationFrames: h2.maxContinuationFrames, controlFrameLimit: h2.maxControlFramesPer10Seconds)
        sendInitialSettings()
        connection.setDeadline(after: limits.idleTimeout)
        if let settings = h2.keepalive {
            keepalive = HTTP2KeepaliveTimer(
                settings, loop: connection.loop, hasStreams: { [weak self] in self?.streams.isEmpty == false },
                ping: { [weak self] in
                    self?.session.writePing(HTTP2KeepaliveClock.opaqueData)
                    self?.flushOut()
                },
                timedOut: { [weak self] timeout in
                    // The client is gone: its streams end (their handlers' reads fail), and so
                    // does the connection.
                    self?.connection.close(
                        error: HTTPError(.connectionClosed, "no answer to a keepalive PING within \(timeout)"))
                })
        }
    }

    var isBusy: Bool { !streams.isEmpty }

    // MARK: ConnectionHandler

    func dataReceived(_ connection: Connection) {
        keepalive?.heard()
        do throws(HTTPError) {
            if !sawPreface {
                guard connection.inbound.readableBytes >= HTTP2Frame.preface.count else { return }
                let matches = connection.inbound.withUnsafeReadableBytes { raw in
                    raw.prefix(HTTP2Frame.preface.count).elementsEqual(HTTP2Frame.preface)
                }
                guard matches else { throw HTTPError.connection(.protocolError, "invalid connection preface") }
                connection.inbound.moveReaderIndex(forwardBy: HTTP2Frame.preface.count)
                sawPreface = true
            }
            while !connection.isClosed,
                let frame = try HTTP2Frame.read(from: &connection.inbound, maxFrameSize: h2.maxFrameSize)
            {
                try handle(frame)
            }
        } catch {
            goAway(error.goAwayCode, error.message)
        }
        flushOut()
    }

    func inputClosed(_ connection: Connection) {
        connection.close(error: nil)
    }

    func becameWritable(_ connection: Connection) {
        for stream in streams.values { stream.resumeWritersIfRoom() }
    }

    func deadlinePassed(_ connection: Connection) {
        if streams.isEmpty {
            goAway(.noError, "idle")
        } else if !blocked.isEmpty {
            // Responses stuck on a window the peer never opens: reset them instead of holding on.
            for id in blocked { if let stream = streams[id] { reset(stream, code: .cancel) } }
            blocked.removeAll()
            flushOut()
        }
    }

    func connectionClosed(_ connection: Connection, error: (any Error)?) {
        keepalive?.stop()
        let all = Array(streams.values)
        streams.removeAll()
        // Our own reason (a keepalive timeout) says more than a bare "closed".
        let reason = (error as? HTTPError) ?? HTTPError(.connectionClosed, "the connection closed")
        for stream in all {
            stream.abort(reason)
            connection.observer.streamClosed(connection.info, streamID: stream.id)
        }
        tracker.remove(self)
    }

    func shutdownGracefully() {
        guard !goAwaySent else { return }
        draining = true
        // GOAWAY with the last stream we will process; in-flight streams finish.
        writeGoAway(.noError, lastStreamID: lastStreamID, message: "server shutting down")
        goAwaySent = true
        flushOut()
        if streams.isEmpty { connection.closeAfterFlush() }
    }

    // MARK: Frames in

    private func handle(_ frame: HTTP2Frame) throws(HTTPError) {
        try session.check(frame)
        switch frame.kind {
        case .data: try handleData(frame)
        case .headers:
            session.receivedHeaders()
            try handleHeaders(frame)
        case .priority: try handlePriority(frame)
        case .rstStream: try handleReset(frame)
        case .settings: try handleSettings(frame)
        case .pushPromise: throw HTTPError.connection(.protocolError, "clients cannot push")
        case .ping: try session.answerPing(frame)
        case .goAway: try handleGoAway(frame)
        case .windowUpdate: try handleWindowUpdate(frame)
        case .continuation: try handleContinuation(frame)
        case nil: break  // unknown frame types are ignored (§5.5)
        }
    }

    private func handleSettings(_ frame: HTTP2Frame) throws(HTTPError) {
        if try session.applySettings(frame, streams: streams.values) { resumeBlocked() }
    }

    private func handleGoAway(_ frame: HTTP2Frame) throws(HTTPError) {
        _ = try HTTP2Session.goAway(frame)
        // The client will open no more streams: finish what is open, then close.
        draining = true
        if streams.isEmpty { connection.closeAfterFlush() }
    }

    private func handlePriority(_ frame: HTTP2Frame) throws(HTTPError) {
        guard frame.streamID != 0 else { throw HTTPError.connection(.protocolError, "PRIORITY on stream 0") }
        guard frame.payload.readableBytes == 5 else {
            writeReset(frame.streamID, .frameSizeError)
            return
        }
        let dependency = frame.payload.getInteger(at: 0, as: UInt32.self).map { $0 & 0x7FFF_FFFF }
        if dependency == frame.streamID { writeReset(frame.streamID, .protocolError) }
        // Otherwise accepted and ignored: scheduling is first come, first served.
    }

    private func handleReset(_ frame: HTTP2Frame) throws(HTTPError) {
        guard frame.streamID != 0 else { throw HTTPError.connection(.protocolError, "RST_STREAM on stream 0") }
        guard frame.payload.readableBytes == 4 else {
            throw HTTPError.connection(.frameSizeError, "RST_STREAM not 4 bytes")
        }
        guard frame.streamID <= lastStreamID else {
            throw HTTPError.connection(.protocolError, "RST_STREAM on an idle stream")
        }
        let code = frame.payload.getInteger(at: 0, as: UInt32.self) ?? 0
        if let stream = streams.removeValue(forKey: frame.streamID) {
            connection.observer.streamReset(connection.info, streamID: frame.streamID, code: code)
            stream.abort(HTTPError(.connectionClosed, "the client reset the stream"))
            streamClosed(stream.id)
        }
        try session.floods.reset(limit: h2.maxResetsPer10Seconds)
    }

    private func handleWindowUpdate(_ frame: HTTP2Frame) throws(HTTPError) {
        let increment = try HTTP2Frame.windowIncrement(frame)
        if frame.streamID == 0 {
            try session.growSendWindow(by: increment)
            resumeBlocked()
            return
        }
        guard frame.streamID <= lastStreamID else {
            throw HTTPError.connection(.protocolError, "WINDOW_UPDATE on an idle stream")
        }
        guard let stream = streams[frame.streamID] else { return }  // closed: ignore
        guard increment > 0 else {
            reset(stream, code: .protocolError)
            return
        }
        stream.send.window += increment
        guard stream.send.window <= 0x7FFF_FFFF else {
            reset(stream, code: .flowControlError)
            return
        }
        sendPendingData(stream)
    }

    private func handleData(_ frame: HTTP2Frame) throws(HTTPError) {
        guard frame.streamID != 0 else { throw HTTPError.connection(.protocolError, "DATA on stream 0") }
        let length = frame.payload.readableBytes
        // Flow control counts the whole payload, padding included.
        try session.receivedData(length)
        guard frame.streamID <= lastStreamID else {
            throw HTTPError.connection(.protocolError, "DATA on an idle stream")
        }
        guard let stream = streams[frame.streamID], let body = stream.body, !stream.remoteClosed else {
            // §6.1: STREAM_CLOSED. A stream still open on our side (half-closed remote) is reset
            // and forgotten too, so nothing more of its response follows the RST_STREAM (§5.1).
            if let stream = streams[frame.streamID] {
                reset(stream, code: .streamClosed)
            } else {
                writeReset(frame.streamID, .streamClosed)
            }
            return
        }
        guard stream.recvWindow.consume(length) else {
            reset(stream, code: .flowControlError)
            return
        }
        let data = try HTTP2Frame.unpadded(frame)
        if data.readableBytes > 0, body.append(data) { stream.bodyPaused = true }
        if frame.has(HTTP2Flags.endStream) {
            stream.remoteClosed = true
            body.finish()
            stream.body = nil
            closeIfDone(stream)
        } else if !stream.bodyPaused {
            replenishStreamWindow(stream)
        }
    }

    private func handleHeaders(_ frame: HTTP2Frame) throws(HTTPError) {
        if let block = try session.headerBlock.headers(frame) { try headerBlockComplete(block) }
    }

    private func handleContinuation(_ frame: HTTP2Frame) throws(HTTPError) {
        if let block = try session.headerBlock.continuation(frame) { try headerBlockComplete(block) }
    }

    private func headerBlockComplete(_ block: HTTP2HeaderBlockReader.Block) throws(HTTPError) {
        let streamID = block.streamID
        let decoded = block.bytes.withUnsafeBytes { raw in
            Result { () throws(HPACKError) in try session.decoder.decode(raw) }
        }
        if let existing = streams[streamID] {
            if case .failure(let error) = decoded, error.kind == .compression {
                throw HTTPError.connection(.compressionError, error.message)
            }
            // §5.1: half-closed (remote) takes no more HEADERS: a stream error.
            guard !existing.remoteClosed else {
                reset(existing, code: .streamClosed)
                return
            }
            // Trailers: must end the stream.
            guard block.endStream else {
                throw HTTPError.connection(.protocolError, "HEADERS on an open stream without END_STREAM")
            }
            existing.remoteClosed = true
            if case .success(let fields) = decoded {
                existing.body?.finish(trailers: HTTPHeaders(fields.map { ($0.name, $0.value) }))
            } else {
                existing.body?.finish(error: HTTPError(.tooLarge, "the request trailers are too large"))
            }
            existing.body = nil
            closeIfDone(existing)
            return
        }
        guard streamID % 2 == 1 else { throw HTTPError.connection(.protocolError, "client stream IDs are odd") }
        guard streamID > lastStreamID else {
            // §5.1.1: a new stream's ID must exceed every earlier one (PROTOCOL_ERROR); the last
            // stream's ID again names a closed stream (§5.1: STREAM_CLOSED).
            if streamID == lastStreamID {
                throw HTTPError.connection(.streamClosed, "HEADERS on closed stream \(streamID)")
            }
            throw HTTPError.connection(.protocolError, "stream \(streamID) after stream \(lastStreamID)")
        }
        lastStreamID = streamID
        let fields: [(name: String, value: String)]
        switch decoded {
        case .success(let value): fields = value
        case .failure(let error) where error.kind == .compression:
            throw HTTPError.connection(.compressionError, error.message)
        case .failure:
            // Too large: refuse this request, keep the connection (the table is in step).
            writeReset(streamID, .refusedStream)
            connection.observer.protocolError(connection.info, description: "header list too large")
            return
        }
        if draining {
            writeReset(streamID, .refusedStream)
            return
        }
        guard streams.count < h2.maxConcurrentStreams else {
            writeReset(streamID, .refusedStream)
            return
        }
        guard let head = Self.requestHead(fields) else {
            writeReset(streamID, .protocolError)
            return
        }
        connection.clearDeadline()
        let stream = HTTP2Stream(
            id: streamID, owner: self, sendWindow: session.peer.initialWindowSize, recvWindow: h2.initialWindowSize)
        streams[streamID] = stream
        let body: HTTPBody
        if block.endStream {
            stream.remoteClosed = true
            body = .empty()
        } else {
            let loop = connection.loop
            body = HTTPBody(onDemand: { [weak self, weak stream] in
                guard let self, let stream else { return }
                loop.execute { self.bodyConsumed(stream) }
            })
            stream.body = body
        }
        connection.observer.streamOpened(connection.info, streamID: streamID)
        stream.start(
            handler: handler,
            request: HTTPRequest(head: head, body: body, connection: connection.info, streamID: streamID))
    }

    /// A request head from decoded fields, or `nil` if they break RFC 9113 §8.3 (missing or
    /// repeated pseudo-headers, pseudo-headers after regular ones, upper-case names,
    /// connection-specific fields).
    static func requestHead(_ fields: [(name: String, value: String)]) -> HTTPRequestHead? {
        var method: String?
        var path: String?
        var scheme: String?
        var authority: String?
        var headers = HTTPHeaders()
        var regular = false
        for (name, value) in fields {
            if name.utf8.first == UInt8(ascii: ":") {
                guard !regular else { return nil }
                switch name {
                case ":method" where method == nil: method = value
                case ":path" where path == nil: path = value
                case ":scheme" where scheme == nil: scheme = value
                case ":authority" where authority == nil: authority = value
                default: return nil
                }
                continue
            }
            regular = true
            guard !name.isEmpty, !name.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return nil }
            switch name {
            case "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade": return nil
            case "te" where value != "trailers": return nil
            default: headers.addLowercased(name: name, value: value)
            }
        }
        guard let method, let path, !path.isEmpty, scheme != nil || method == "CONNECT" else { return nil }
        return HTTPRequestHead(
            method: method, target: path, version: .http2, headers: headers, authority: authority ?? headers["host"])
    }

    // MARK: Flow control

    private func replenishStreamWindow(_ stream: HTTP2Stream) {
        guard !stream.remoteClosed else { return }
        session.replenish(&stream.recvWindow, streamID: stream.id)
    }

    /// The handler read from a paused body: open the window again.
    private func bodyConsumed(_ stream: HTTP2Stream) {
        guard streams[stream.id] === stream, stream.bodyPaused else { return }
        stream.bodyPaused = false
        replenishStreamWindow(stream)
        flushOut()
    }

    /// Sends as much of `stream`'s pending data as the windows allow, then its end.
    func sendPendingData(_ stream: HTTP2Stream) {
        guard !stream.localClosed else { return }
        switch session.drain(stream, id: stream.id, connection: connection) {
        case .blocked:
            if !blocked.contains(stream.id) { blocked.append(stream.id) }
            connection.setDeadline(after: h2.stalledWindowTimeout)
            return
        case .open:
            stream.resumeWritersIfRoom()
            return
        case .ended, .trailers:
            break
        }
        closeIfDone(stream)
    }

    private func resumeBlocked() {
        let waiting = blocked
        blocked.removeAll()
        for id in waiting { if let stream = streams[id] { sendPendingData(stream) } }
        if blocked.isEmpty && !streams.isEmpty { connection.clearDeadline() }
    }

    // MARK: Frames out

    func sendHeaders(
        _ stream: HTTP2Stream, status: Int, headers: HTTPHeaders, endStream: Bool
    ) throws(HTTPError) {
        var fields: [(name: String, value: String)] = [(":status", String(status))]
        fields.reserveCapacity(headers.count + 2)
        for field in headers {
            switch field.name {
            case "connection", "transfer-encoding", "keep-alive", "upgrade": continue
            default: fields.append((field.name, field.value))
            }
        }
        try sendHeaders(stream, fields: fields, endStream: endStream)
    }

    func sendHeaders(
        _ stream: HTTP2Stream, fields: [(name: String, value: String)], endStream: Bool
    ) throws(HTTPError) {
        guard !stream.localClosed else { throw HTTPError(.invalidState, "the stream is closed") }
        session.writeHeaderBlock(stream.id, fields: fields, endStream: endStream)
        if endStream {
            stream.send.closed = true
            closeIfDone(stream)
        }
    }

    private func writeReset(_ streamID: UInt32, _ code: HTTP2ErrorCode) {
        HTTP2Frame.writeReset(into: &session.out, streamID: streamID, code: code)
        connection.observer.streamReset(connection.info, streamID: streamID, code: code.rawValue)
    }

    /// Resets a stream we serve (stream error) and forgets it.
    func reset(_ stream: HTTP2Stream, code: HTTP2ErrorCode) {
        guard streams.removeValue(forKey: stream.id) != nil else { return }
        writeReset(stream.id, code)
        stream.abort(HTTPError(.connectionClosed, "the stream was reset (\(code))"))
        streamClosed(stream.id)
    }

    private func writeGoAway(_ code: HTTP2ErrorCode, lastStreamID: UInt32, message: String) {
        HTTP2Frame.writeGoAway(into: &session.out, lastStreamID: lastStreamID, code: code, message: message)
    }

    /// A connection error: GOAWAY with `code`, then close.
    private func goAway(_ code: HTTP2ErrorCode, _ message: String) {
        if code != .noError { connection.observer.protocolError(connection.info, description: "\(code): \(message)") }
        if !goAwaySent {
            writeGoAway(code, lastStreamID: lastStreamID, message: message)
            goAwaySent = true
        }
        flushOut()
        connection.closeAfterFlush()
    }

    private func sendInitialSettings() {
        let settings: [(HTTP2Setting, UInt32)] = [
            (.maxConcurrentStreams, UInt32(h2.maxConcurrentStreams)),
            (.initialWindowSize, UInt32(h2.initialWindowSize)),
            (.maxFrameSize, UInt32(h2.maxFrameSize)),
            (.maxHeaderListSize, UInt32(limits.maxHeadBytes)),
            (.enablePush, 0),
        ]
        session.writeInitialSettings(settings)
        flushOut()
    }

    /// Writes the frames produced so far.
    func flushOut() {
        session.flush(to: connection)
    }

    /// Flushes once the loop has run the work queued now: the responses of every stream that
    /// finishes in this round go out in one `send`, not one each (under load, one syscall per
    /// response was a third of the server's CPU).
    func flushSoon() {
        guard !flushQueued else { return }
        flushQueued = true
        connection.loop.execute { [self] in
            flushQueued = false
            flushOut()
        }
    }

    // MARK: Stream lifecycle

    private func closeIfDone(_ stream: HTTP2Stream) {
        guard stream.localClosed, stream.remoteClosed || stream.finished else { return }
        if !stream.remoteClosed {
            // We answered without reading the whole request: tell the client to stop sending (§8.1).
            writeReset(stream.id, .noError)
            stream.body?.finish(error: HTTPError(.connectionClosed, "the response finished first"))
            stream.body = nil
        }
        guard streams.removeValue(forKey: stream.id) != nil else { return }
        streamClosed(stream.id)
    }

    private func streamClosed(_ id: UInt32) {
        connection.observer.streamClosed(connection.info, streamID: id)
        guard streams.isEmpty else { return }
        if draining || tracker.isShuttingDown {
            flushOut()
            connection.closeAfterFlush()
        } else {
            connection.setDeadline(after: limits.idleTimeout)
        }
    }
}
