internal import Bytes
internal import Synchronization

/// One HTTP/2 connection to a server over cleartext with prior knowledge (h2c, RFC 9113 §3.3):
/// many concurrent streams, flow control both ways, SETTINGS, PING, GOAWAY. The gRPC channel
/// and ``HTTPClient`` (with ``HTTPClient/Configuration/version`` `.http2PriorKnowledge`) sit on it.
///
/// ```swift
/// let connection = try await HTTP2ClientConnection.connect(
///     to: SocketAddress(host: "127.0.0.1", port: 8080), loop: group.next())
/// let stream = try await connection.openStream(
///     HTTPRequestHead(method: "GET", target: "/v1/items/42", version: .http2), endStream: true)
/// let response = try await stream.response()
/// let body = try await response.body.collect(upTo: 1 << 20)
/// ```
///
/// Streams beyond the server's `MAX_CONCURRENT_STREAMS` wait for one to close. After the
/// server's GOAWAY, streams it did not process fail with ``HTTPClientError/Code/refused`` (safe
/// to retry elsewhere) and ``isAvailable`` turns false.
///
/// `@unchecked Sendable`: its state is confined to its connection's event loop; the public
/// methods hop there.
public final class HTTP2ClientConnection: ConnectionHandler, @unchecked Sendable {
    /// Settings, windows and limits of one connection.
    public struct Configuration: Sendable {
        /// How long a TCP connect may take. Default 5 s.
        public var connectTimeout: Duration = .seconds(5)
        /// How long the connection stays open without streams. Default 60 s.
        public var idleTimeout: Duration = .seconds(60)
        /// SETTINGS_INITIAL_WINDOW_SIZE for response bodies. Default 1 MiB.
        public var initialWindowSize = 1 << 20
        /// The connection-level receive window. Default 4 MiB.
        public var connectionWindowSize = 4 << 20
        /// SETTINGS_MAX_HEADER_LIST_SIZE: the largest response head or trailers. Default 64 KiB.
        public var maxHeaderListSize = 64 << 10
        /// PING and SETTINGS frames accepted per 10 s before the connection is closed with
        /// ENHANCE_YOUR_CALM. Default 1,000.
        public var maxControlFramesPer10Seconds = 1_000
        /// CONTINUATION frames allowed for one header block. Default 32.
        public var maxContinuationFrames = 32
        /// Keepalive PINGs, to find a server that vanished without closing the connection.
        /// Default `nil`: none, as in gRPC.
        public var keepalive: HTTP2Keepalive?
        /// Receives connection and stream events.
        public var observer: any TransportObserver = NoTransportObserver()

        /// The defaults above.
        public init() {}
    }

    /// Where it is connected.
    public let address: SocketAddress
    let connection: Connection
    let configuration: Configuration

    private var machine: StateMachine
    private typealias OpenWaiter = CheckedContinuation<Result<HTTP2ClientStream, HTTPClientError>, Never>
    /// Streams waiting for the server's concurrency limit.
    private var waitingToOpen:
        [(stream: HTTP2ClientStream, head: HTTPRequestHead, endStream: Bool, waiter: OpenWaiter)] = []
    /// Why the connection ended, for streams and waiters that come later.
    private var closeReason: HTTPClientError?
    /// What ``closed()`` reports: `nil` after an orderly close.
    private var closeError: HTTPClientError?
    private var closeWaiters: [CheckedContinuation<HTTPClientError?, Never>] = []
    /// Streams whose request data waits for window.
    private var blocked: [UInt32] = []
    private var keepalive: HTTP2KeepaliveTimer?

    private let available = Atomic<Bool>(true)
    private let activeStreams = Atomic<Int>(0)
    private let streamLimit = Atomic<Int>(Int.max)

    /// The HTTP/2 protocol of this connection, with our streams as its contexts.
    typealias StateMachine = HTTP2ConnectionStateMachine<HTTP2ClientStream>

    private init(address: SocketAddress, connection: Connection, configuration: Configuration) {
        self.address = address
        self.connection = connection
        self.configuration = configuration
        machine = StateMachine(
            configuration: StateMachine.Configuration(
                role: .client, initialWindowSize: configuration.initialWindowSize,
                connectionWindowSize: configuration.connectionWindowSize,
                maxHeaderListSize: configuration.maxHeaderListSize,
                maxContinuationFrames: configuration.maxContinuationFrames,
                maxControlFramesPer10Seconds: configuration.maxControlFramesPer10Seconds))
    }

    /// Connects to `address` and sends the connection preface; the connection lives on `loop`.
    /// - Throws: ``HTTPClientError`` `connectFailed` or `connectTimeout`.
    public static func connect(
        to address: SocketAddress, loop: EventLoop, configuration: Configuration = Configuration()
    ) async throws(HTTPClientError) -> HTTP2ClientConnection {
        try await connectTCP(
            to: address, loop: loop, timeout: configuration.connectTimeout, observer: configuration.observer
        ) { connection in
            HTTP2ClientConnection(address: address, connection: connection, configuration: configuration)
        } activated: { client in
            // A server may send its SETTINGS at once (grpc-core does): our preface must still be
            // the first bytes we write, ahead of the SETTINGS ACK.
            client.sendPreface()
        }
    }

    /// Whether new streams may open here: connected, no GOAWAY either way, stream IDs left.
    public var isAvailable: Bool { available.load(ordering: .acquiring) }

    /// Whether a new stream would open now rather than wait for the server's concurrency limit.
    public var hasFreeStream: Bool {
        isAvailable && activeStreams.load(ordering: .relaxed) < streamLimit.load(ordering: .relaxed)
    }

    /// Streams open now.
    public var openStreams: Int { activeStreams.load(ordering: .relaxed) }

    /// Opens a stream by sending `head` (`endStream`: no request body follows). Waits while the
    /// server's `MAX_CONCURRENT_STREAMS` are all open.
    /// - Throws: ``HTTPClientError`` `refused` after GOAWAY, `connectionClosed` once closed.
    public func openStream(
        _ head: HTTPRequestHead, endStream: Bool = false
    ) async throws(HTTPClientError) -> HTTP2ClientStream {
        let stream = HTTP2ClientStream(owner: self)
        let result = await withCheckedContinuation { (waiter: OpenWaiter) in
            connection.loop.execute { [self] in
                if let error = refusal() {
                    waiter.resume(returning: .failure(error))
                } else if machine.canOpenStream {
                    start(stream, head: head, endStream: endStream)
                    waiter.resume(returning: .success(stream))
                } else {
                    waitingToOpen.append((stream, head, endStream, waiter))
                }
            }
        }
        return try result.get()
    }

    /// Closes gracefully: GOAWAY, no new streams, then the connection closes once the open
    /// streams finish.
    public func close() {
        connection.loop.execute { [self] in
            guard !connection.isClosed else { return }
            goAway(.noError, "client closing")
        }
    }

    /// Waits until the connection has closed; returns why, or `nil` after an orderly close.
    public func closed() async -> HTTPClientError? {
        await withCheckedContinuation { (waiter: CheckedContinuation<HTTPClientError?, Never>) in
            connection.loop.execute { [self] in
                if connection.isClosed { waiter.resume(returning: closeError) } else { closeWaiters.append(waiter) }
            }
        }
    }

    /// A response head from decoded fields, or `nil` if they break RFC 9113 §8.3.2.
    static func responseHead(_ fields: [(name: String, value: String)]) -> HTTPResponseHead? {
        HTTPResponseHead(http2Fields: fields)
    }

    // MARK: Streams (on the loop)

    /// Why a stream cannot open now, if it cannot.
    private func refusal() -> HTTPClientError? {
        if connection.isClosed {
            return closeReason ?? HTTPClientError(code: .connectionClosed, message: "the connection is closed")
        }
        if machine.isDraining {
            return HTTPClientError(code: .refused, message: "the connection is going away (GOAWAY)")
        }
        return nil
    }

    private func start(_ stream: HTTP2ClientStream, head: HTTPRequestHead, endStream: Bool) {
        var fields: [(name: String, value: String)] = [
            (":method", head.method), (":scheme", "http"), (":authority", head.authority ?? address.description),
            (":path", head.target),
        ]
        fields.reserveCapacity(head.headers.count + 4)
        for field in head.headers {
            switch field.name {
            case "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "host": continue
            default: fields.append((field.name, field.value))
            }
        }
        let id = machine.openStream(stream, fields: fields, endStream: endStream)
        // Stream IDs used up: finish these streams, then a new connection takes over.
        if machine.isDraining { available.store(false, ordering: .releasing) }
        stream.id = id
        activeStreams.store(machine.openStreamCount, ordering: .relaxed)
        connection.clearDeadline()
        if endStream {
            stream.send.finish(trailers: nil)
            stream.send.closed = true
        }
        connection.observer.streamOpened(connection.info, streamID: id)
        flushOut()
    }

    /// Queues a request body chunk (from ``HTTP2ClientStream/write(_:)``).
    func send(_ chunk: ByteBuffer, on stream: HTTP2ClientStream) throws(HTTPClientError) {
        try stream.checkWritable()
        stream.send.append(chunk)
        sendPendingData(stream)
        flushOut()
    }

    /// Ends the request (from ``HTTP2ClientStream/finish(trailers:)``).
    func finish(_ stream: HTTP2ClientStream, trailers: HTTPHeaders?) throws(HTTPClientError) {
        try stream.checkWritable()
        stream.send.finish(trailers: trailers)
        sendPendingData(stream)
        flushOut()
    }

    /// Whether a writer on `stream` may go on now (always once the request is finished: nothing
    /// more will be written, and a finished stream may have left the table that wakes writers).
    func canWrite(_ stream: HTTP2ClientStream) -> Bool {
        stream.send.finished || (stream.send.hasRoom && connection.isWritable)
    }

    /// Resets `stream` with `code` and fails it with `error` (cancel, deadline).
    func reset(_ stream: HTTP2ClientStream, code: HTTP2ErrorCode, error: HTTPClientError) {
        guard machine.context(for: stream.id) === stream, machine.resetStream(stream.id, code: code) != nil else {
            stream.fail(error)
            return
        }
        connection.observer.streamReset(connection.info, streamID: stream.id, code: code.rawValue)
        stream.fail(error)
        removed(stream)
        flushOut()
    }

    /// The reader of `stream`'s body consumed enough: open its window again.
    func bodyConsumed(_ stream: HTTP2ClientStream) {
        guard machine.context(for: stream.id) === stream, stream.bodyPaused else { return }
        stream.bodyPaused = false
        machine.replenishReceiveWindow(stream.id)
        flushOut()
    }

    private func sendPendingData(_ stream: HTTP2ClientStream) {
        guard !stream.send.closed else { return }
        let connection = connection
        switch machine.drain(&stream.send, streamID: stream.id, emit: { connection.write($0) }) {
        case .blocked:
            if !blocked.contains(stream.id) { blocked.append(stream.id) }
        case .open:
            stream.send.resumeWriters(connectionWritable: connection.isWritable)
        case .ended, .trailers:
            if machine.endLocal(stream.id) == .closed { removed(stream) }
        }
    }

    private func resumeBlocked() {
        let waiting = blocked
        blocked.removeAll()
        for id in waiting { if let stream = machine.context(for: id) { sendPendingData(stream) } }
    }

    /// Opens waiting streams while the server's limit allows.
    private func openWaiting() {
        while let next = waitingToOpen.first, machine.canOpenStream {
            waitingToOpen.removeFirst()
            start(next.stream, head: next.head, endStream: next.endStream)
            next.waiter.resume(returning: .success(next.stream))
        }
    }

    /// `stream` has left the state machine's table (closed or reset).
    private func removed(_ stream: HTTP2ClientStream) {
        stream.closed()
        connection.observer.streamClosed(connection.info, streamID: stream.id)
        openWaiting()
        activeStreams.store(machine.openStreamCount, ordering: .relaxed)
        guard machine.openStreamCount == 0 else { return }
        if machine.isDraining {
            flushOut()
            connection.closeAfterFlush()
        } else {
            connection.setDeadline(after: configuration.idleTimeout)
        }
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
        for stream in machine.contexts { stream.send.resumeWriters(connectionWritable: true) }
    }

    func deadlinePassed(_ connection: Connection) {
        if machine.openStreamCount == 0 { goAway(.noError, "idle") }
    }

    func connectionClosed(_ connection: Connection, error: (any Error)?) {
        available.store(false, ordering: .releasing)
        keepalive?.stop()
        let reason =
            closeReason
            ?? HTTPClientError(
                code: .connectionClosed, message: "the connection closed: \(error.map { "\($0)" } ?? "EOF")")
        closeReason = reason
        let all = machine.removeAllStreams()
        activeStreams.store(0, ordering: .relaxed)
        for stream in all {
            stream.fail(reason)
            connection.observer.streamClosed(connection.info, streamID: stream.id)
        }
        let waiting = waitingToOpen
        waitingToOpen.removeAll()
        for entry in waiting { entry.waiter.resume(returning: .failure(reason)) }
        let watchers = closeWaiters
        closeWaiters.removeAll()
        let orderly = error == nil && reason.code == .connectionClosed && reason.http2Code == nil
        closeError = orderly ? nil : reason
        for watcher in watchers { watcher.resume(returning: closeError) }
    }

    // MARK: Actions

    private func run(_ action: StateMachine.Action) {
        switch action {
        case .none, .requestReceived:
            break
        case .responseReceived(let stream, _, let head, let endStream, let isStreamClosed):
            responseHead(stream, head: head, endStream: endStream)
            if isStreamClosed { removed(stream) }
        case .data(let stream, let id, let data, let endStream, let isStreamClosed):
            if data.readableBytes > 0, stream.body?.append(data) == true { stream.bodyPaused = true }
            if endStream {
                stream.remoteClosed = true
                stream.body?.finish()
                stream.body = nil
                if isStreamClosed { removed(stream) }
            } else if !stream.bodyPaused {
                machine.replenishReceiveWindow(id)
            }
        case .trailers(let stream, _, let trailers, let isStreamClosed):
            stream.remoteClosed = true
            stream.body?.finish(trailers: trailers ?? HTTPHeaders())
            stream.body = nil
            if isStreamClosed { removed(stream) }
        case .streamReset(let stream, let id, let code, let wasRemoteClosed):
            serverReset(stream, id: id, code: code, wasRemoteClosed: wasRemoteClosed)
        case .streamFailed(let stream, let id, let code, let error):
            connection.observer.streamReset(connection.info, streamID: id, code: code.rawValue)
            stream.fail(error)
            removed(stream)
        case .streamRejected(let id, let code, _):
            connection.observer.streamReset(connection.info, streamID: id, code: code.rawValue)
        case .streamWindowOpened(let stream, _):
            sendPendingData(stream)
        case .windowsOpened:
            resumeBlocked()
        case .settingsChanged(let windowsGrew):
            if windowsGrew { resumeBlocked() }
            streamLimit.store(machine.peer.maxConcurrentStreams ?? Int.max, ordering: .relaxed)
            openWaiting()  // a higher limit lets waiting streams open
        case .goAwayReceived(let lastStreamID, let code, let debug, let unprocessed):
            serverWentAway(lastStreamID: lastStreamID, code: code, debug: debug, unprocessed: unprocessed)
        case .closeConnection(let error):
            connection.observer.protocolError(connection.info, description: "\(error.goAwayCode): \(error.message)")
            closeReason = HTTPClientError(
                code: .protocolError, message: "the server broke HTTP/2: \(error.message)", http2Code: error.goAwayCode,
                cause: error)
            goAway(error.goAwayCode, error.message)
        }
    }

    private func responseHead(_ stream: HTTP2ClientStream, head: HTTPResponseHead, endStream: Bool) {
        let body: HTTPBody
        if endStream {
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
        stream.deliver(
            HTTPClientStreamResponse(
                status: head.status, headers: head.headers, body: body, abort: { [weak stream] in stream?.cancel() }))
    }

    private func serverReset(_ stream: HTTP2ClientStream, id: UInt32, code: HTTP2ErrorCode, wasRemoteClosed: Bool) {
        connection.observer.streamReset(connection.info, streamID: id, code: code.rawValue)
        if code == .noError && wasRemoteClosed {
            // §8.1: the response is complete; the server wants no more of the request.
            stream.send.abort(
                HTTPClientError(code: .requestNotNeeded, message: "the server finished the response first"))
        } else if code == .refusedStream {
            stream.fail(HTTPClientError(code: .refused, message: "the server refused the stream", http2Code: code))
        } else {
            stream.fail(
                HTTPClientError(code: .streamReset, message: "the server reset the stream (\(code))", http2Code: code))
        }
        removed(stream)
    }

    private func serverWentAway(
        lastStreamID: UInt32, code: HTTP2ErrorCode, debug: String, unprocessed: [HTTP2ClientStream]
    ) {
        available.store(false, ordering: .releasing)
        if code != .noError {
            closeReason = HTTPClientError(
                code: .connectionClosed, message: "the server sent GOAWAY \(code): \(debug)", http2Code: code)
        }
        // Streams above the last one it processed never reached a handler: safe to retry.
        let refused = HTTPClientError(
            code: .refused,
            message: "the server did not process the stream (GOAWAY \(code), last stream \(lastStreamID))",
            http2Code: code)
        for stream in unprocessed {
            stream.fail(refused)
            removed(stream)
        }
        let waiting = waitingToOpen
        waitingToOpen.removeAll()
        for entry in waiting { entry.waiter.resume(returning: .failure(refused)) }
        if machine.openStreamCount == 0 {
            flushOut()
            connection.closeAfterFlush()
        }
    }

    // MARK: Frames out

    private func sendPreface() {
        guard !connection.isClosed else { return }
        machine.start()
        flushOut()
        connection.setDeadline(after: configuration.idleTimeout)
        if let settings = configuration.keepalive {
            keepalive = HTTP2KeepaliveTimer(
                settings, loop: connection.loop, hasStreams: { [weak self] in self?.openStreams ?? 0 > 0 },
                ping: { [weak self] in
                    self?.machine.writePing(HTTP2KeepaliveClock.opaqueData)
                    self?.flushOut()
                },
                timedOut: { [weak self] timeout in
                    guard let self else { return }
                    let error = HTTPClientError(
                        code: .connectionClosed, message: "the server did not answer a keepalive PING within \(timeout)"
                    )
                    closeReason = error
                    connection.close(error: error)
                })
        }
    }

    /// GOAWAY with `code`; an error closes at once, NO_ERROR once the open streams finish.
    private func goAway(_ code: HTTP2ErrorCode, _ message: String) {
        machine.goAway(code, message)
        available.store(false, ordering: .releasing)
        let waiting = waitingToOpen
        waitingToOpen.removeAll()
        let refused = HTTPClientError(code: .refused, message: "the connection is closing")
        for entry in waiting { entry.waiter.resume(returning: .failure(refused)) }
        flushOut()
        if code != .noError || machine.openStreamCount == 0 { connection.closeAfterFlush() }
    }

    func flushOut() {
        if let bytes = machine.takeOutput() { connection.write(bytes) }
        connection.flush()
    }
}
