internal import Bytes

/// One HTTP/2 request stream on the server: its request body, its handler task, and its
/// response, which waits in its send queue for flow-control window.
///
/// `@unchecked Sendable`: the handler task holds it, but its state is touched only on the
/// connection's loop (``HTTPResponseWriter`` hops there).
final class HTTP2Stream: HTTPResponseSink, @unchecked Sendable {
    let id: UInt32
    let loop: EventLoop
    private(set) weak var owner: HTTP2ServerConnection?
    var body: HTTPBody?
    var bodyPaused = false
    /// The response: data waiting for window, its end, its waiting writers.
    var send: HTTP2SendQueue
    var headSent = false
    var task: HandlerWorkers.Worker?

    /// The handler finished the response (all of it is queued or sent).
    var finished: Bool { send.finished }
    /// END_STREAM was sent: nothing more goes out.
    var localClosed: Bool { send.closed }

    init(id: UInt32, owner: HTTP2ServerConnection) {
        self.id = id
        self.owner = owner
        self.loop = owner.connection.loop
        self.send = HTTP2SendQueue()
    }

    func start(handler: any HTTPHandler, request: HTTPRequest) {
        task = runHandler(handler, request: request)
    }

    func handlerReturned(error: (any Error)?) {
        task = nil
        guard !finished, let owner else { return }
        if !headSent {
            try? sendComplete(Self.fallbackHead, body: fallbackBody(for: error))
        } else if error == nil {
            try? sendEnd(trailers: nil)
        } else {
            owner.reset(self, code: .internalError)
            owner.flushOut()  // no frame processing follows that would send it
        }
    }

    /// The stream is gone (reset, or the connection closed): cancel the handler, fail writers.
    func abort(_ error: HTTPError) {
        owner = nil
        // The body fails first, so a handler waiting on it learns why (a reset), not just that
        // its task was cancelled.
        body?.finish(error: error)
        body = nil
        send.abort(error)
        task?.cancel()
    }

    func resumeWritersIfRoom() {
        send.resumeWriters(connectionWritable: owner?.connection.isWritable ?? true)
    }

    // MARK: HTTPResponseSink

    var canWrite: Bool {
        // Gone: the next write throws. Finished: nothing more will be written, and a stream that
        // has left the connection's table would never be woken.
        guard let owner, !send.finished else { return true }
        return send.hasRoom && owner.connection.isWritable
    }

    func waitForWritability(_ continuation: CheckedContinuation<Void, any Error>) {
        guard owner != nil else {
            continuation.resume(throwing: HTTPError(.connectionClosed, "the stream was reset"))
            return
        }
        if canWrite { continuation.resume() } else { send.writers.append(continuation) }
    }

    private func liveOwner() throws(HTTPError) -> HTTP2ServerConnection {
        guard let owner, !owner.connection.isClosed else {
            throw HTTPError(.connectionClosed, "the stream was reset or the connection closed")
        }
        return owner
    }

    func sendHead(_ head: HTTPResponseHead, contentLength: Int?) throws(HTTPError) {
        let owner = try liveOwner()
        guard !headSent else { throw HTTPError(.invalidState, "the response head was sent already") }
        headSent = true
        try owner.sendHeaders(self, status: head.status, headers: head.headers, endStream: false)
        owner.flushSoon()
    }

    func sendBody(_ chunk: ByteBuffer) throws(HTTPError) {
        let owner = try liveOwner()
        guard headSent, !finished else {
            throw HTTPError(.invalidState, headSent ? "the response is finished" : "write the head first")
        }
        guard chunk.readableBytes > 0 else { return }
        send.append(chunk)
        owner.sendPendingData(self)
        owner.flushSoon()
    }

    func sendEnd(trailers: HTTPHeaders?) throws(HTTPError) {
        let owner = try liveOwner()
        guard !finished else { throw HTTPError(.invalidState, "the response is finished") }
        if !headSent {
            try sendComplete(HTTPResponseHead(status: 200), body: ByteBuffer())
            return
        }
        send.finish(trailers: trailers)
        owner.sendPendingData(self)
        owner.flushSoon()
    }

    func sendComplete(_ head: HTTPResponseHead, body: ByteBuffer) throws(HTTPError) {
        let owner = try liveOwner()
        guard !headSent else { throw HTTPError(.invalidState, "the response head was sent already") }
        headSent = true
        var headers = head.headers
        headers.replaceOrAdd(name: "content-length", value: String(body.readableBytes))
        if body.readableBytes == 0 {
            send.finish(trailers: nil)
            try owner.sendHeaders(self, status: head.status, headers: headers, endStream: true)
        } else {
            try owner.sendHeaders(self, status: head.status, headers: headers, endStream: false)
            send.append(body)
            send.finish(trailers: nil)
            owner.sendPendingData(self)
        }
        owner.flushSoon()
    }

    func sendResponse(_ head: HTTPResponseHead, body: ByteBuffer, trailers: HTTPHeaders) throws(HTTPError) {
        let owner = try liveOwner()
        guard !headSent else { throw HTTPError(.invalidState, "the response head was sent already") }
        headSent = true
        try owner.sendHeaders(self, status: head.status, headers: head.headers, endStream: false)
        if body.readableBytes > 0 { send.append(body) }
        send.finish(trailers: trailers)
        owner.sendPendingData(self)
        owner.flushSoon()
    }

    func sendHeadOnly(_ head: HTTPResponseHead) throws(HTTPError) {
        let owner = try liveOwner()
        guard !headSent else { throw HTTPError(.invalidState, "the response head was sent already") }
        headSent = true
        send.finish(trailers: nil)
        try owner.sendHeaders(self, status: head.status, headers: head.headers, endStream: true)
        owner.flushSoon()
    }
}
