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
}

/// Writes one response: a head, body chunks, then the end (with trailers, for gRPC). Each call
/// hops to the connection's event loop if needed; writes wait while the peer is not reading
/// (backpressure), so a slow client never makes the server buffer without bound.
public struct HTTPResponseWriter: Sendable {
    let sink: any HTTPResponseSink

    init(sink: any HTTPResponseSink) {
        self.sink = sink
    }

    /// Runs `body` on the loop (inline when already there), then waits while the peer is not
    /// reading. Off the loop, the write and the writability check share one hop.
    private nonisolated(nonsending) func onLoop(_ body: @escaping @Sendable () throws(HTTPError) -> Void) async throws {
        let sink = self.sink
        let mustWait: Bool
        if sink.loop.inEventLoop {
            try body()
            mustWait = !sink.canWrite
        } else {
            let result = await sink.loop.submit { () -> Result<Bool, HTTPError> in
                do throws(HTTPError) {
                    try body()
                    return .success(!sink.canWrite)
                } catch {
                    return .failure(error)
                }
            }
            mustWait = try result.get()
        }
        guard mustWait else { return }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            sink.loop.execute { sink.waitForWritability(continuation) }
        }
    }

    /// Sends the head. Without a `content-length` header the body is chunked (HTTP/1.1).
    public nonisolated(nonsending) func writeHead(_ head: HTTPResponseHead) async throws {
        let sink = self.sink
        let length = head.headers["content-length"].flatMap { Int($0) }
        try await onLoop { () throws(HTTPError) in try sink.sendHead(head, contentLength: length) }
    }

    /// Sends a body chunk.
    public nonisolated(nonsending) func write(_ chunk: ByteBuffer) async throws {
        let sink = self.sink
        try await onLoop { () throws(HTTPError) in try sink.sendBody(chunk) }
    }

    /// Ends the response, with trailers if given (HTTP/2, or chunked HTTP/1.1).
    public nonisolated(nonsending) func finish(trailers: HTTPHeaders? = nil) async throws {
        let sink = self.sink
        try await onLoop { () throws(HTTPError) in try sink.sendEnd(trailers: trailers) }
    }

    /// Sends a whole response with trailers (no `content-length`), in one write where possible:
    /// a unary gRPC response is headers, one message and the status trailers.
    public nonisolated(nonsending) func respond(
        status: Int, headers: HTTPHeaders, body: ByteBuffer, trailers: HTTPHeaders
    ) async throws {
        let sink = self.sink
        let head = HTTPResponseHead(status: status, headers: headers)
        try await onLoop { () throws(HTTPError) in try sink.sendResponse(head, body: body, trailers: trailers) }
    }

    /// Sends a head that ends the response: on HTTP/2 one HEADERS frame with END_STREAM and no
    /// `content-length` (a gRPC trailers-only response); on HTTP/1.1 a head with
    /// `content-length: 0`.
    public nonisolated(nonsending) func respondHeadOnly(status: Int, headers: HTTPHeaders) async throws {
        let sink = self.sink
        let head = HTTPResponseHead(status: status, headers: headers)
        try await onLoop { () throws(HTTPError) in try sink.sendHeadOnly(head) }
    }

    /// Sends a whole response with its length, in one write where possible.
    public nonisolated(nonsending) func respond(
        status: Int, headers: HTTPHeaders = HTTPHeaders(), body: ByteBuffer = ByteBuffer()
    )
        async throws
    {
        let sink = self.sink
        let head = HTTPResponseHead(status: status, headers: headers)
        try await onLoop { () throws(HTTPError) in try sink.sendComplete(head, body: body) }
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

    /// Runs `handler` for `request` as a task preferring this sink's loop, then calls
    /// `returned` on the loop with the error the handler threw, if any.
    func runHandler(
        _ handler: any HTTPHandler, request: HTTPRequest, returned: @escaping @Sendable ((any Error)?) -> Void
    ) -> Task<Void, Never> {
        let loop = self.loop
        let writer = HTTPResponseWriter(sink: self)
        return Task(executorPreference: loop) {
            var failure: (any Error)?
            do {
                try await handler.handle(request, writer)
            } catch {
                failure = error
            }
            let error = failure
            if loop.inEventLoop { returned(error) } else { loop.execute { returned(error) } }
        }
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
