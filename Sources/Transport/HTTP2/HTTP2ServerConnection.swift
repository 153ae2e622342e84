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

/// Serves HTTP/2 over cleartext with prior knowledge (RFC 9113) on one connection. The
/// protocol (frames, HPACK, stream states, flow control, the limits that stop known attacks)
/// is ``HTTP2ConnectionStateMachine``'s; this shell reads and writes the socket, runs the
/// handlers, and carries their responses to the machine.
final class HTTP2ServerConnection: ConnectionHandler, ServerConnection, @unchecked Sendable {
    /// The HTTP/2 protocol of this connection, with the request streams as its contexts.
    typealias StateMachine = HTTP2ConnectionStateMachine<HTTP2Stream>

    let connection: Connection
    let handler: any HTTPHandler
    let limits: HTTPServerLimits
    let h2: HTTP2ServerLimits
    let tracker: ConnectionTracker

    private var machine: StateMachine
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
        machine = StateMachine(
            configuration: StateMachine.Configuration(
                role: .server, initialWindowSize: h2.initialWindowSize, connectionWindowSize: h2.connectionWindowSize,
                maxFrameSize: h2.maxFrameSize, maxHeaderListSize: limits.maxHeadBytes,
                maxConcurrentStreams: h2.maxConcurrentStreams, maxContinuationFrames: h2.maxContinuationFrames,
                maxControlFramesPer10Seconds: h2.maxControlFramesPer10Seconds,
                maxResetsPer10Seconds: h2.maxResetsPer10Seconds))
        machine.start()
        flushOut()
        connection.setDeadline(after: limits.idleTimeout)
        if let settings = h2.keepalive {
            keepalive = HTTP2KeepaliveTimer(
                settings, loop: connection.loop, hasStreams: { [weak self] in self?.isBusy == true },
                ping: { [weak self] in
                    self?.machine.writePing(HTTP2KeepaliveClock.opaqueData)
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

    var isBusy: Bool { machine.openStreamCount > 0 }

    /// A request head from decoded fields, or `nil` if they break RFC 9113 §8.3.
    static func requestHead(_ fields: [(name: String, value: String)]) -> HTTPRequestHead? {
        HTTPRequestHead(http2Fields: fields)
    }

    // MARK: ConnectionHandler

    func dataReceived(_ connection: Connection) {
        keepalive?.heard()
        while !connection.isClosed, let action = machine.read(from: &connection.inbound) { run(action) }
        flushOut()
    }

    func inputClosed(_ connection: Connection) {
        connection.close(error: nil)
    }

    func becameWritable(_ connection: Connection) {
        for stream in machine.contexts { stream.resumeWritersIfRoom() }
    }

    func deadlinePassed(_ connection: Connection) {
        if !isBusy {
            machine.goAway(.noError, "idle")
            flushOut()
            connection.closeAfterFlush()
        } else if !blocked.isEmpty {
            // Responses stuck on a window the peer never opens: reset them instead of holding on.
            for id in blocked { if let stream = machine.context(for: id) { reset(stream, code: .cancel) } }
            blocked.removeAll()
            flushOut()
        }
    }

    func connectionClosed(_ connection: Connection, error: (any Error)?) {
        keepalive?.stop()
        let all = machine.removeAllStreams()
        // Our own reason (a keepalive timeout) says more than a bare "closed".
        let reason = (error as? HTTPError) ?? HTTPError(.connectionClosed, "the connection closed")
        for stream in all {
            stream.abort(reason)
            connection.observer.streamClosed(connection.info, streamID: stream.id)
        }
        tracker.remove(self)
    }

    func shutdownGracefully() {
        guard !machine.isGoAwaySent else { return }
        // GOAWAY with the last stream we will process; in-flight streams finish.
        machine.goAway(.noError, "server shutting down")
        flushOut()
        if !isBusy { connection.closeAfterFlush() }
    }

    // MARK: Actions

    private func run(_ action: StateMachine.Action) {
        switch action {
        case .none, .responseReceived:
            break
        case .requestReceived(let id, let head, let endStream):
            open(id, head: head, endStream: endStream)
        case .data(let stream, let id, let data, let endStream, let isStreamClosed):
            if data.readableBytes > 0, stream.body?.append(data) == true { stream.bodyPaused = true }
            if endStream {
                stream.body?.finish()
                stream.body = nil
                if isStreamClosed { streamClosed(id) }
            } else if !stream.bodyPaused {
                machine.replenishReceiveWindow(id)
            }
        case .trailers(let stream, let id, let trailers, let isStreamClosed):
            if let trailers {
                stream.body?.finish(trailers: trailers)
            } else {
                stream.body?.finish(error: HTTPError(.tooLarge, "the request trailers are too large"))
            }
            stream.body = nil
            if isStreamClosed { streamClosed(id) }
        case .streamReset(let stream, let id, let code, _):
            connection.observer.streamReset(connection.info, streamID: id, code: code.rawValue)
            stream.abort(HTTPError(.connectionClosed, "the client reset the stream"))
            streamClosed(id)
        case .streamFailed(let stream, let id, let code, _):
            aborted(stream, id: id, code: code)
        case .streamRejected(let id, let code, let protocolError):
            connection.observer.streamReset(connection.info, streamID: id, code: code.rawValue)
            if let protocolError { connection.observer.protocolError(connection.info, description: protocolError) }
        case .streamWindowOpened(let stream, _):
            sendPendingData(stream)
        case .windowsOpened, .settingsChanged(windowsGrew: true):
            resumeBlocked()
        case .settingsChanged(windowsGrew: false):
            break
        case .goAwayReceived:
            // The client will open no more streams: finish what is open, then close.
            if !isBusy { connection.closeAfterFlush() }
        case .closeConnection(let error):
            connection.observer.protocolError(connection.info, description: "\(error.goAwayCode): \(error.message)")
            flushOut()
            connection.closeAfterFlush()
        }
    }

    private func open(_ id: UInt32, head: HTTPRequestHead, endStream: Bool) {
        connection.clearDeadline()
        let stream = HTTP2Stream(id: id, owner: self)
        machine.accept(stream, streamID: id, endStream: endStream)
        let body: HTTPBody
        if endStream {
            body = .empty()
        } else {
            let loop = connection.loop
            body = HTTPBody(onDemand: { [weak self, weak stream] in
                guard let self, let stream else { return }
                loop.execute { self.bodyConsumed(stream) }
            })
            stream.body = body
        }
        connection.observer.streamOpened(connection.info, streamID: id)
        stream.start(
            handler: handler, request: HTTPRequest(head: head, body: body, connection: connection.info, streamID: id))
    }

    // MARK: Flow control

    /// The handler read from a paused body: open the window again.
    private func bodyConsumed(_ stream: HTTP2Stream) {
        guard machine.context(for: stream.id) === stream, stream.bodyPaused else { return }
        stream.bodyPaused = false
        machine.replenishReceiveWindow(stream.id)
        flushOut()
    }

    /// Sends as much of `stream`'s pending data as the windows allow, then its end.
    func sendPendingData(_ stream: HTTP2Stream) {
        guard !stream.localClosed else { return }
        let connection = connection
        switch machine.drain(&stream.send, streamID: stream.id, emit: { connection.write($0) }) {
        case .blocked:
            if !blocked.contains(stream.id) { blocked.append(stream.id) }
            connection.setDeadline(after: h2.stalledWindowTimeout)
        case .open:
            stream.resumeWritersIfRoom()
        case .ended, .trailers:
            ended(stream, machine.endLocal(stream.id))
        }
    }

    private func resumeBlocked() {
        let waiting = blocked
        blocked.removeAll()
        for id in waiting { if let stream = machine.context(for: id) { sendPendingData(stream) } }
        if blocked.isEmpty && isBusy { connection.clearDeadline() }
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
        guard let end = machine.writeHeaders(fields, streamID: stream.id, endStream: endStream) else { return }
        stream.send.closed = true
        ended(stream, end)
    }

    /// Resets a stream we serve (stream error) and forgets it.
    func reset(_ stream: HTTP2Stream, code: HTTP2ErrorCode) {
        guard machine.resetStream(stream.id, code: code) != nil else { return }
        aborted(stream, id: stream.id, code: code)
    }

    private func aborted(_ stream: HTTP2Stream, id: UInt32, code: HTTP2ErrorCode) {
        connection.observer.streamReset(connection.info, streamID: id, code: code.rawValue)
        stream.abort(HTTPError(.connectionClosed, "the stream was reset (\(code))"))
        streamClosed(id)
    }

    /// Writes the frames produced so far.
    func flushOut() {
        if let bytes = machine.takeOutput() { connection.write(bytes) }
        connection.flush()
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

    /// Our END_STREAM went out.
    private func ended(_ stream: HTTP2Stream, _ end: StateMachine.LocalEnd) {
        switch end {
        case .closed:
            streamClosed(stream.id)
        case .closedWithReset:
            // We answered without reading the whole request: the client was told to stop (§8.1).
            connection.observer.streamReset(connection.info, streamID: stream.id, code: HTTP2ErrorCode.noError.rawValue)
            stream.body?.finish(error: HTTPError(.connectionClosed, "the response finished first"))
            stream.body = nil
            streamClosed(stream.id)
        case .halfClosed, .notOpen:
            break
        }
    }

    private func streamClosed(_ id: UInt32) {
        connection.observer.streamClosed(connection.info, streamID: id)
        guard !isBusy else { return }
        if machine.isDraining || tracker.isShuttingDown {
            flushOut()
            connection.closeAfterFlush()
        } else {
            connection.setDeadline(after: limits.idleTimeout)
        }
    }
}
