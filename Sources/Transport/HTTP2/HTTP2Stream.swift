internal import Bytes

/// One HTTP/2 request stream on the server: its request body, its handler task, and its
/// response, which waits in `pending` for flow-control window.
///
/// `@unchecked Sendable`: the handler task holds it, but its state is touched only on the
/// connection's loop (``HTTPResponseWriter`` hops there).
final class HTTP2Stream: HTTPResponseSink, @unchecked Sendable {
    let id: UInt32
    let loop: EventLoop
    private(set) weak var owner: HTTP2ServerConnection?
    var body: HTTPRequestBody?
    var bodyPaused = false
    /// Request bytes handed to the body but not yet returned to the peer as window.
    var unacknowledged = 0
    var sendWindow: Int
    var recvWindow: Int
    var headSent = false
    /// The handler finished the response (all of it is in `pending` or sent).
    var finished = false
    /// END_STREAM was sent: nothing more goes out.
    var localClosed = false
    var remoteClosed = false
    var pending: [ByteBuffer] = []
    var pendingBytes = 0
    /// After `pending`: trailers to send, or an END_STREAM flag on the last DATA.
    var pendingTrailers: HTTPHeaders?
    var endAfterPending = false
    var task: Task<Void, Never>?
    private var writers: [CheckedContinuation<Void, any Error>] = []

    /// Response bytes a stream may queue before its writer waits.
    static let pendingLimit = 256 * 1024

    init(id: UInt32, owner: HTTP2ServerConnection, sendWindow: Int, recvWindow: Int) {
        self.id = id
        self.owner = owner
        self.loop = owner.connection.loop
        self.sendWindow = sendWindow
        self.recvWindow = recvWindow
    }

    func start(handler: any HTTPHandler, request: HTTPRequest) {
        task = runHandler(handler, request: request) { [self] error in handlerReturned(error: error) }
    }

    private func handlerReturned(error: (any Error)?) {
        task = nil
        guard !finished, let owner else { return }
        if !headSent {
            try? sendComplete(Self.fallbackHead, body: fallbackBody(for: error))
        } else if error == nil {
            try? sendEnd(trailers: nil)
        } else {
            owner.reset(self, code: .internalError)
        }
    }

    /// The stream is gone (reset, or the connection closed): cancel the handler, fail writers.
    func abort(_ error: HTTPError) {
        owner = nil
        task?.cancel()
        body?.finish(error: error)
        body = nil
        pending.removeAll()
        pendingBytes = 0
        let waiting = writers
        writers.removeAll()
        for writer in waiting { writer.resume(throwing: error) }
    }

    func resumeWritersIfRoom() {
        guard canWrite, !writers.isEmpty else { return }
        let waiting = writers
        writers.removeAll()
        for writer in waiting { writer.resume() }
    }

    // MARK: HTTPResponseSink

    var canWrite: Bool {
        guard let owner else { return true }  // gone: the next write throws
        return pendingBytes < Self.pendingLimit && owner.connection.isWritable
    }

    func waitForWritability(_ continuation: CheckedContinuation<Void, any Error>) {
        guard owner != nil else {
            continuation.resume(throwing: HTTPError(.connectionClosed, "the stream was reset"))
            return
        }
        if canWrite { continuation.resume() } else { writers.append(continuation) }
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
        owner.flushOut()
    }

    func sendBody(_ chunk: ByteBuffer) throws(HTTPError) {
        let owner = try liveOwner()
        guard headSent, !finished else {
            throw HTTPError(.invalidState, headSent ? "the response is finished" : "write the head first")
        }
        guard chunk.readableBytes > 0 else { return }
        pending.append(chunk)
        pendingBytes += chunk.readableBytes
        owner.sendPendingData(self)
        owner.flushOut()
    }

    func sendEnd(trailers: HTTPHeaders?) throws(HTTPError) {
        let owner = try liveOwner()
        guard !finished else { throw HTTPError(.invalidState, "the response is finished") }
        if !headSent {
            try sendComplete(HTTPResponseHead(status: 200), body: ByteBuffer())
            return
        }
        finished = true
        if let trailers, trailers.count > 0 { pendingTrailers = trailers } else { endAfterPending = true }
        owner.sendPendingData(self)
        owner.flushOut()
    }

    func sendComplete(_ head: HTTPResponseHead, body: ByteBuffer) throws(HTTPError) {
        let owner = try liveOwner()
        guard !headSent else { throw HTTPError(.invalidState, "the response head was sent already") }
        headSent = true
        finished = true
        var headers = head.headers
        headers.replaceOrAdd(name: "content-length", value: String(body.readableBytes))
        if body.readableBytes == 0 {
            try owner.sendHeaders(self, status: head.status, headers: headers, endStream: true)
        } else {
            try owner.sendHeaders(self, status: head.status, headers: headers, endStream: false)
            pending.append(body)
            pendingBytes += body.readableBytes
            endAfterPending = true
            owner.sendPendingData(self)
        }
        owner.flushOut()
    }
}
