public import Bytes

/// Serves HTTP requests, whichever the version (HTTP/1.1 or HTTP/2): the one interface the gRPC
/// and REST layers implement.
///
/// ```swift
/// struct Hello: HTTPHandler {
///     func handle(_ request: HTTPRequest, _ response: HTTPResponseWriter) async throws {
///         try await response.respond(status: 200, headers: ["content-type": "text/plain"],
///                                    body: ByteBuffer(string: "hello\n"))
///     }
/// }
/// ```
///
/// A handler that throws before writing the head gets a `500`; after the head, the exchange is
/// aborted (HTTP/1.1: the connection closes; HTTP/2: the stream is reset). A handler that
/// returns without finishing has its response finished for it.
public protocol HTTPHandler: Sendable {
    /// Handles one request. Runs as a task on the connection's event loop (it may hop away).
    nonisolated(nonsending) func handle(_ request: HTTPRequest, _ response: HTTPResponseWriter) async throws
}

/// A request: head, streaming body, and where it came from.
public struct HTTPRequest: Sendable {
    /// Method, target, version, headers.
    public var head: HTTPRequestHead
    /// The body, as it arrives.
    public var body: HTTPBody
    /// The connection it arrived on.
    public var connection: ConnectionInfo
    /// The HTTP/2 stream, or 0 for HTTP/1.1.
    public var streamID: UInt32
}

/// The protocol side of a response: HTTP/1.1 exchanges and HTTP/2 streams implement it. Its
/// methods are called on `loop`.
protocol HTTPResponseSink: AnyObject, Sendable {
    var loop: EventLoop { get }
    func sendHead(_ head: HTTPResponseHead, contentLength: Int?) throws(HTTPError)
    func sendBody(_ chunk: ByteBuffer) throws(HTTPError)
    /// Sends head (if not sent) and body as one response with a known length.
    func sendComplete(_ head: HTTPResponseHead, body: ByteBuffer) throws(HTTPError)
    func sendEnd(trailers: HTTPHeaders?) throws(HTTPError)
    /// Sends head, body and trailers as one response (one write where the protocol allows).
    func sendResponse(_ head: HTTPResponseHead, body: ByteBuffer, trailers: HTTPHeaders) throws(HTTPError)
    /// Sends a head that is the whole response: on HTTP/2 one HEADERS frame with END_STREAM
    /// and no `content-length` (what a gRPC trailers-only response is).
    func sendHeadOnly(_ head: HTTPResponseHead) throws(HTTPError)
    /// Whether the peer can take more now; otherwise `waitForWritability` before writing more.
    var canWrite: Bool { get }
    /// Resumes `continuation` when writable again (or throws when the exchange is gone).
    func waitForWritability(_ continuation: CheckedContinuation<Void, any Error>)
    /// The handler returned (with the error it threw, if any): finish what it left open.
    /// Called on the loop.
    func handlerReturned(error: (any Error)?)
}

/// Writes one response: a head, body chunks, then the end (with trailers, for gRPC). Each call
/// hops to the connection's event loop if needed; writes wait while the peer is not reading
/// (backpressure), so a slow client never makes the server buffer without bound.
public struct HTTPResponseWriter: Sendable {
    let sink: any HTTPResponseSink

    init(sink: any HTTPResponseSink) {
        self.sink = sink
    }

    /// Runs `body` when the caller is on the loop and returns whether the peer must drain
    /// first; `nil` (and `body` not run) off the loop. The closure does not escape, so the common
    /// case (a handler on its connection's loop) allocates no closure context per write.
    private func runOnLoopNow(_ body: () throws(HTTPError) -> Void) throws(HTTPError) -> Bool? {
        guard sink.loop.inEventLoop else { return nil }
        try body()
        return !sink.canWrite
    }

    /// Runs `body` on the loop after a hop, then waits while the peer is not reading. The write
    /// and the writability check share the hop.
    private nonisolated(nonsending) func hopToLoop(
        _ body: @escaping @Sendable () throws(HTTPError) -> Void
    )
        async throws
    {
        let sink = self.sink
        let result = await sink.loop.submit { () -> Result<Bool, HTTPError> in
            do throws(HTTPError) {
                try body()
                return .success(!sink.canWrite)
            } catch {
                return .failure(error)
            }
        }
        try await waitForWritability(if: try result.get())
    }

    /// Waits until the peer reads again, when `mustWait`.
    private nonisolated(nonsending) func waitForWritability(if mustWait: Bool) async throws {
        guard mustWait else { return }
        let sink = self.sink
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            sink.loop.execute { sink.waitForWritability(continuation) }
        }
    }

    /// Sends the head. Without a `content-length` header the body is chunked (HTTP/1.1).
    public nonisolated(nonsending) func writeHead(_ head: HTTPResponseHead) async throws {
        let sink = self.sink
        let length = head.headers["content-length"].flatMap { Int($0) }
        if let mustWait = try runOnLoopNow({ () throws(HTTPError) in try sink.sendHead(head, contentLength: length) }) {
            return try await waitForWritability(if: mustWait)
        }
        try await hopToLoop { () throws(HTTPError) in try sink.sendHead(head, contentLength: length) }
    }

    /// Sends a body chunk.
    public nonisolated(nonsending) func write(_ chunk: ByteBuffer) async throws {
        let sink = self.sink
        if let mustWait = try runOnLoopNow({ () throws(HTTPError) in try sink.sendBody(chunk) }) {
            return try await waitForWritability(if: mustWait)
        }
        try await hopToLoop { () throws(HTTPError) in try sink.sendBody(chunk) }
    }

    /// Ends the response, with trailers if given (HTTP/2, or chunked HTTP/1.1).
    public nonisolated(nonsending) func finish(trailers: HTTPHeaders? = nil) async throws {
        let sink = self.sink
        if let mustWait = try runOnLoopNow({ () throws(HTTPError) in try sink.sendEnd(trailers: trailers) }) {
            return try await waitForWritability(if: mustWait)
        }
        try await hopToLoop { () throws(HTTPError) in try sink.sendEnd(trailers: trailers) }
    }

    /// Sends a whole response with trailers (no `content-length`), in one write where possible:
    /// a unary gRPC response is headers, one message and the status trailers.
    public nonisolated(nonsending) func respond(
        status: Int, headers: HTTPHeaders, body: ByteBuffer, trailers: HTTPHeaders
    ) async throws {
        let sink = self.sink
        let head = HTTPResponseHead(status: status, headers: headers)
        if let mustWait = try runOnLoopNow({ () throws(HTTPError) in
            try sink.sendResponse(head, body: body, trailers: trailers)
        }) {
            return try await waitForWritability(if: mustWait)
        }
        try await hopToLoop { () throws(HTTPError) in try sink.sendResponse(head, body: body, trailers: trailers) }
    }

    /// Sends a head that ends the response: on HTTP/2 one HEADERS frame with END_STREAM and no
    /// `content-length` (a gRPC trailers-only response); on HTTP/1.1 a head with
    /// `content-length: 0`.
    public nonisolated(nonsending) func respondHeadOnly(status: Int, headers: HTTPHeaders) async throws {
        let sink = self.sink
        let head = HTTPResponseHead(status: status, headers: headers)
        if let mustWait = try runOnLoopNow({ () throws(HTTPError) in try sink.sendHeadOnly(head) }) {
            return try await waitForWritability(if: mustWait)
        }
        try await hopToLoop { () throws(HTTPError) in try sink.sendHeadOnly(head) }
    }

    /// Sends a whole response with its length, in one write where possible.
    public nonisolated(nonsending) func respond(
        status: Int, headers: HTTPHeaders = HTTPHeaders(), body: ByteBuffer = ByteBuffer()
    )
        async throws
    {
        let sink = self.sink
        let head = HTTPResponseHead(status: status, headers: headers)
        if let mustWait = try runOnLoopNow({ () throws(HTTPError) in try sink.sendComplete(head, body: body) }) {
            return try await waitForWritability(if: mustWait)
        }
        try await hopToLoop { () throws(HTTPError) in try sink.sendComplete(head, body: body) }
    }
}

extension HTTPResponseSink {
    func sendResponse(_ head: HTTPResponseHead, body: ByteBuffer, trailers: HTTPHeaders) throws(HTTPError) {
        try sendHead(head, contentLength: nil)
        try sendBody(body)
        try sendEnd(trailers: trailers)
    }

    func sendHeadOnly(_ head: HTTPResponseHead) throws(HTTPError) {
        try sendComplete(head, body: ByteBuffer())
    }

    /// Runs `handler` for `request` on one of the loop's handler tasks (see ``HandlerWorkers``),
    /// which calls ``handlerReturned(error:)`` on the loop with the error the handler threw, if
    /// any. Call on the loop's thread.
    func runHandler(_ handler: any HTTPHandler, request: HTTPRequest) -> HandlerWorkers.Worker {
        loop.handlerWorkers.start(HandlerJob(handler: handler, request: request, sink: self), on: loop)
    }

    /// The head of the `500` for a handler that returned without a response, or threw before its head.
    static var fallbackHead: HTTPResponseHead {
        HTTPResponseHead(status: 500, headers: ["content-type": "text/plain; charset=utf-8"])
    }
}

/// The body of the `500` for a handler that returned without a response (`error == nil`) or threw.
func fallbackBody(for error: (any Error)?) -> ByteBuffer {
    ByteBuffer(string: error == nil ? "the handler returned without a response\n" : "internal server error\n")
}
