internal import Bytes

/// Serves HTTP/1.1 on one connection: parses request heads, streams bodies (content-length or
/// chunked, `100-continue`), runs each request's handler as a task on the loop, and answers in
/// order — pipelined requests wait in the buffer until the response before them is finished.
final class HTTP1ServerConnection: ConnectionHandler, ServerConnection, @unchecked Sendable {
    let connection: Connection
    let handler: any HTTPHandler
    let limits: HTTPServerLimits
    let tracker: ConnectionTracker

    /// The request being served, from its head until its response is finished.
    private var current: HTTP1Exchange?
    private var body: HTTPBody?
    private var bodyFraming = BodyFraming.none
    private var bodyRemaining = 0
    private var chunked: ChunkedDecoder?
    private var bodyPaused = false
    private var continuePending = false
    private(set) var keepAlive = true
    /// Where the search for the end of a partial head resumes.
    private var headScanStart = 0
    private var headStarted = false
    private var pipelinePaused = false

    init(connection: Connection, handler: any HTTPHandler, limits: HTTPServerLimits, tracker: ConnectionTracker) {
        self.connection = connection
        self.handler = handler
        self.limits = limits
        self.tracker = tracker
        connection.setDeadline(after: limits.idleTimeout)
    }

    /// Whether a request is in flight (graceful shutdown waits for those).
    var isBusy: Bool { current != nil }

    /// Graceful shutdown: close now if idle, else after the current response.
    func shutdownGracefully() {
        keepAlive = false
        // Between requests; the last response may still be draining to a slow reader.
        if current == nil { connection.closeAfterFlush() }
    }

    // MARK: ConnectionHandler

    func dataReceived(_ connection: Connection) {
        process()
    }

    func inputClosed(_ connection: Connection) {
        if current == nil || body != nil {
            // Nothing in flight, or the body was cut short: nothing more can be answered.
            body?.finish(error: HTTPError(.connectionClosed, "the client closed the connection mid-body"))
            connection.close(error: nil)
        } else {
            keepAlive = false  // answer the request in flight, then close
        }
    }

    func becameWritable(_ connection: Connection) {
        current?.resumeWriters()
    }

    func deadlinePassed(_ connection: Connection) {
        guard current == nil else { return }
        if headStarted {
            connection.observer.protocolError(connection.info, description: "request head timed out")
            reject(status: 408, reason: "request head not received in time")
        } else {
            // Idle keep-alive connection. The last response may still be draining to a slow
            // reader: let it finish (closeAfterFlush gives up on a reader that stops).
            connection.closeAfterFlush()
        }
    }

    func connectionClosed(_ connection: Connection, error: (any Error)?) {
        body?.finish(error: HTTPError(.connectionClosed, "the connection closed"))
        body = nil
        if let current {
            current.abort()
            exchangeEnded()
        }
        tracker.remove(self)
    }

    // MARK: Requests

    private func process() {
        while !connection.isClosed {
            if current == nil {
                guard parseHead() else { return }
            } else if body != nil {
                guard feedBody() else { return }
            } else {
                // The response is in progress: keep pipelined bytes, but not without bound.
                if connection.inbound.readableBytes > limits.maxHeadBytes * 4 && !pipelinePaused {
                    pipelinePaused = true
                    connection.pauseReading()
                }
                return
            }
        }
    }

    /// Parses the next head if it has fully arrived and starts its handler.
    private func parseHead() -> Bool {
        let readable = connection.inbound.readableBytes
        guard readable > 0 else { return false }
        if !headStarted {
            headStarted = true
            connection.setDeadline(after: limits.headTimeout)
        }
        let scanStart = headScanStart
        let end = connection.inbound.withUnsafeReadableBytes { HTTP1Parser.headEnd($0, from: scanStart) }
        guard let end else {
            headScanStart = readable
            // Bytes that cannot begin a request line (TLS on a plaintext port, binary noise) are
            // refused now, not after the head timeout.
            if connection.inbound.withUnsafeReadableBytes({ !HTTP1Parser.canStartRequestLine($0) }) {
                reject(status: 400, reason: "the bytes received cannot start an HTTP request line")
                return false
            }
            if readable > limits.maxHeadBytes {
                reject(status: 431, reason: "request head exceeds \(limits.maxHeadBytes) bytes")
            }
            return false
        }
        guard end <= limits.maxHeadBytes else {
            reject(status: 431, reason: "request head exceeds \(limits.maxHeadBytes) bytes")
            return false
        }
        let limits = self.limits
        let parsed = connection.inbound.withUnsafeReadableBytes { raw in
            Result { () throws(HTTP1ParseError) in
                try HTTP1Parser.parseHead(UnsafeRawBufferPointer(rebasing: raw[0..<end]), limits: limits)
            }
        }
        connection.inbound.moveReaderIndex(forwardBy: end)
        headScanStart = 0
        headStarted = false
        connection.clearDeadline()
        let head: HTTPRequestHead
        let framing: BodyFraming
        switch parsed {
        case .success(let value): (head, framing) = value
        case .failure(let error):
            reject(status: error.status, reason: error.reason)
            return false
        }
        if head.version == .http1_0 {
            keepAlive = head.headers.contains(token: "keep-alive", in: "connection")
        } else {
            keepAlive = !head.headers.contains(token: "close", in: "connection")
        }
        if let expectation = head.headers["expect"] {
            guard HTTPHeaders.lowercased(expectation) == "100-continue" else {
                reject(status: 417, reason: "unsupported expectation")
                return false
            }
            continuePending = framing != .none
        }
        startRequest(head, framing: framing)
        return true
    }

    private func startRequest(_ head: HTTPRequestHead, framing: BodyFraming) {
        let requestBody: HTTPBody
        switch framing {
        case .none:
            requestBody = .empty()
            continuePending = false
        case .length(let length) where connection.inbound.readableBytes >= length:
            // The common case: the whole body came with the head.
            requestBody = HTTPBody(complete: connection.inbound.readSlice(length: length))
            continuePending = false
        default:
            let loop = connection.loop
            requestBody = HTTPBody(onDemand: { [weak self] in
                guard let self else { return }
                loop.execute { self.consumerWantsMore() }
            })
            body = requestBody
            bodyFraming = framing
            if case .length(let length) = framing { bodyRemaining = length }
            if framing == .chunked { chunked = ChunkedDecoder(maxBytes: limits.maxBodyBytes) }
        }
        let exchange = HTTP1Exchange(owner: self, head: head)
        current = exchange
        connection.observer.streamOpened(connection.info, streamID: 0)
        let request = HTTPRequest(head: head, body: requestBody, connection: connection.info, streamID: 0)
        exchange.start(handler: handler, request: request)
    }

    /// Moves body bytes from the buffer to the request body.
    private func feedBody() -> Bool {
        guard let body else { return true }
        if case .length = bodyFraming {
            let count = min(bodyRemaining, connection.inbound.readableBytes)
            guard count > 0, let piece = connection.inbound.readSlice(length: count) else { return false }
            bodyRemaining -= count
            if body.append(piece) { pauseForBody() }
            if bodyRemaining == 0 { endBody() }
            return true
        }
        guard var decoder = chunked else { return false }
        var pause = false
        let result = Result { () throws(HTTP1ParseError) in
            try decoder.decode(&connection.inbound) { piece in if body.append(piece) { pause = true } }
        }
        chunked = decoder
        if pause { pauseForBody() }
        switch result {
        case .success(true):
            endBody()
            return true
        case .success(false):
            return false
        case .failure(let error):
            body.finish(error: HTTPError(error.status == 413 ? .tooLarge : .malformed, error.reason))
            self.body = nil
            if let current, !current.headSent {
                current.abort()
                exchangeEnded()
                reject(status: error.status, reason: error.reason)
            } else {
                connection.close(error: HTTPError(.malformed, error.reason))
            }
            return false
        }
    }

    private func endBody() {
        body?.finish()
        body = nil
        chunked = nil
    }

    private func pauseForBody() {
        guard !bodyPaused else { return }
        bodyPaused = true
        connection.pauseReading()
    }

    /// The handler read from the body: send `100 Continue` if it is owed, resume reading.
    private func consumerWantsMore() {
        guard !connection.isClosed else { return }
        if continuePending {
            continuePending = false
            connection.write(ByteBuffer(string: "HTTP/1.1 100 Continue\r\n\r\n"))
            connection.flush()
        }
        if bodyPaused {
            bodyPaused = false
            connection.resumeReading()
        }
    }

    /// Answers a request that cannot be served, then closes.
    private func reject(status: Int, reason: String) {
        connection.observer.protocolError(connection.info, description: "\(status) \(reason)")
        var buffer = ByteBuffer()
        let body = reason + "\n"
        buffer.writeString(
            "HTTP/1.1 \(status) \(HTTPResponseHead.reason(status))\r\ncontent-type: text/plain; charset=utf-8\r\n"
                + "content-length: \(body.utf8.count)\r\nconnection: close\r\ndate: \(HTTPDate.now())\r\n\r\n" + body)
        connection.write(buffer)
        // Not a plain close: request bytes left unread would turn it into a reset that can
        // destroy the answer before the client reads it (RFC 9112 §9.6). closeAfterFlush drops
        // the rest of the request while the answer drains, then half-closes.
        connection.closeAfterFlush()
    }

    /// The current exchange is over (answered, rejected or aborted).
    private func exchangeEnded() {
        current = nil
        connection.observer.streamClosed(connection.info, streamID: 0)
    }

    /// Called by the exchange once its response is complete (on the loop).
    func responseFinished(_ exchange: HTTP1Exchange) {
        guard current === exchange else { return }
        exchangeEnded()
        if body != nil {
            // The handler answered without reading the whole body: the connection cannot be reused
            // safely (the rest of the body would be read as the next request).
            body?.finish(error: HTTPError(.connectionClosed, "the response finished before the body was read"))
            body = nil
            keepAlive = false
        }
        guard keepAlive, !tracker.isShuttingDown else {
            connection.closeAfterFlush()
            return
        }
        connection.flush()
        connection.setDeadline(after: limits.idleTimeout)
        if pipelinePaused {
            pipelinePaused = false
            connection.resumeReading()
        }
        if connection.inbound.readableBytes > 0 {
            connection.loop.execute { [self] in process() }
        }
    }
}
