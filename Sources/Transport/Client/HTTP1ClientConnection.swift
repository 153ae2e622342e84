internal import Bytes
internal import Synchronization

/// One HTTP/1.1 client connection: sends one request at a time (its body whole with a
/// content-length, or streamed chunked), hands over the response head as soon as it is parsed,
/// streams the response body (content-length, chunked, or until close) with backpressure, then
/// tells its owner it is free.
final class HTTP1ClientConnection: ConnectionHandler, @unchecked Sendable {
    let address: SocketAddress
    let connection: Connection
    let configuration: HTTPClient.Configuration

    private typealias Waiter = CheckedContinuation<Result<HTTPClientStreamResponse, HTTPClientError>, Never>
    /// Waits for the response head.
    private var waiter: Waiter?
    /// The response body being received.
    private var body: HTTPBody?
    /// Called once the exchange is over, with whether the connection may serve another request.
    private var onDone: (@Sendable (HTTP1ClientConnection, Bool) -> Void)?
    private var inExchange = false
    private var isHEAD = false
    private var headParsed = false
    private var remaining: Int?
    private var chunked: ChunkedDecoder?
    private var untilClose = false
    private var keepAlive = true
    /// The whole request went out (a streamed body may still be in progress).
    private var requestSent = false
    private var responseDone = false
    private var readingPausedForBody = false
    /// Writers of a streamed request body waiting for the socket to drain.
    private var writers: [CheckedContinuation<Void, Never>] = []
    private var failure: HTTPClientError?
    private let sawResponseBytes = Atomic<Bool>(false)
    private let bodyStarted = Atomic<Bool>(false)

    /// Whether the last request failed before any response byte arrived and before any of a
    /// streamed body was produced: sending it again elsewhere is safe.
    var canRetry: Bool { !sawResponseBytes.load(ordering: .acquiring) && !bodyStarted.load(ordering: .acquiring) }

    private init(address: SocketAddress, connection: Connection, configuration: HTTPClient.Configuration) {
        self.address = address
        self.connection = connection
        self.configuration = configuration
    }

    /// Connects to `address` on `loop`, within the connect timeout.
    static func connect(
        to address: SocketAddress, loop: EventLoop, configuration: HTTPClient.Configuration
    ) async throws(HTTPClientError) -> HTTP1ClientConnection {
        try await connectTCP(
            to: address, loop: loop, timeout: configuration.connectTimeout, observer: configuration.observer
        ) { connection in
            HTTP1ClientConnection(address: address, connection: connection, configuration: configuration)
        }
    }

    /// Sends `request` and returns once the response head has arrived; the body streams after.
    /// `onDone` runs (on the loop) when the exchange is over, with whether the connection can be
    /// reused.
    func send(
        _ request: HTTPClientRequest, onDone: @escaping @Sendable (HTTP1ClientConnection, Bool) -> Void
    ) async throws(HTTPClientError) -> HTTPClientStreamResponse {
        sawResponseBytes.store(false, ordering: .releasing)
        bodyStarted.store(false, ordering: .releasing)
        let result = await withCheckedContinuation { (continuation: Waiter) in
            connection.loop.execute { [self] in start(request, onDone: onDone, continuation) }
        }
        return try result.get()
    }

    private func start(
        _ request: HTTPClientRequest, onDone: @escaping @Sendable (HTTP1ClientConnection, Bool) -> Void,
        _ continuation: Waiter
    ) {
        guard !connection.isClosed else {
            continuation.resume(returning: .failure(HTTPClientError(code: .connectionClosed, message: "closed")))
            return
        }
        waiter = continuation
        self.onDone = onDone
        inExchange = true
        isHEAD = request.method == "HEAD"
        headParsed = false
        body = nil
        remaining = nil
        chunked = nil
        untilClose = false
        keepAlive = true
        requestSent = false
        responseDone = false
        failure = nil
        let streaming = request.streamingBody != nil
        var head = ByteBuffer(capacity: 256 + request.body.readableBytes)
        head.writeString("\(request.method) \(request.target) HTTP/1.1\r\n")
        if request.headers["host"] == nil { head.writeString("host: \(request.address)\r\n") }
        for field in request.headers where field.name != "content-length" && field.name != "transfer-encoding" {
            head.writeString("\(field.name): \(field.value)\r\n")
        }
        if streaming {
            head.writeString("transfer-encoding: chunked\r\n")
        } else if request.body.readableBytes > 0 || request.method == "POST" || request.method == "PUT" {
            head.writeString("content-length: \(request.body.readableBytes)\r\n")
        }
        head.writeString("\r\n")
        if streaming {
            connection.write(head)
        } else if request.body.readableBytes <= 16 * 1024 {
            head.writeBuffer(request.body)
            connection.write(head)
            requestSent = true
        } else {
            connection.write(head)
            connection.write(request.body)
            requestSent = true
        }
        connection.flush()
        connection.setDeadline(after: configuration.requestTimeout)
        if let produce = request.streamingBody { runProducer(produce) }
    }

    // MARK: A streamed request body

    private func runProducer(_ produce: @escaping @Sendable (HTTPClientBodyWriter) async throws -> Void) {
        let writer = HTTPClientBodyWriter { [self] chunk throws(HTTPClientError) in
            bodyStarted.store(true, ordering: .releasing)
            try await writeChunk(chunk)
        }
        Task(executorPreference: connection.loop) { [self] in
            let outcome: HTTPClientError?
            do {
                try await produce(writer)
                outcome = nil
            } catch let error as HTTPClientError {
                outcome = error
            } catch {
                outcome = HTTPClientError(code: .cancelled, message: "the request body failed: \(error)")
            }
            connection.loop.execute { [self] in bodyProduced(error: outcome) }
        }
    }

    /// Writes one chunk (`size CRLF data CRLF`) and waits while the socket is backed up.
    private func writeChunk(_ chunk: ByteBuffer) async throws(HTTPClientError) {
        guard chunk.readableBytes > 0 else { return }
        let mustWait = await connection.loop.submit { [self] () -> Result<Bool, HTTPClientError> in
            if let failure { return .failure(failure) }
            guard !connection.isClosed, !requestSent else {
                return .failure(HTTPClientError(code: .invalidState, message: "the exchange is over"))
            }
            var frame = ByteBuffer(capacity: 16)
            frame.writeString(String(chunk.readableBytes, radix: 16) + "\r\n")
            connection.write(frame)
            connection.write(chunk)
            connection.write(ByteBuffer(string: "\r\n"))
            connection.flush()
            return .success(!connection.isWritable)
        }
        guard try mustWait.get() else { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            connection.loop.execute { [self] in
                if connection.isWritable || connection.isClosed {
                    continuation.resume()
                } else {
                    writers.append(continuation)
                }
            }
        }
        if let failure = await connection.loop.submit({ [self] in failure }) { throw failure }
    }

    /// The producer returned (`error == nil`) or failed.
    private func bodyProduced(error: HTTPClientError?) {
        guard inExchange, !requestSent, !connection.isClosed else { return }
        if let error {
            // The request cannot be completed: the connection is unusable.
            fail(error)
            return
        }
        connection.write(ByteBuffer(string: "0\r\n\r\n"))
        connection.flush()
        requestSent = true
        if responseDone { finishExchange() }
    }

    private func resumeWriters() {
        let waiting = writers
        writers.removeAll()
        for writer in waiting { writer.resume() }
    }

    // MARK: Ending

    /// The response is complete; the exchange ends once the request is out too.
    private func responseComplete() {
        responseDone = true
        let finished = body
        body = nil
        if readingPausedForBody {
            readingPausedForBody = false
            connection.resumeReading()
        }
        // A server that answered before reading the whole streamed body: the rest cannot be
        // sent on a connection that already moved on.
        if requestSent { finishExchange() } else { keepAlive = false }
        // Only now does the reader see the end: a caller that sends its next request as soon as
        // it has read this body finds the connection back in the pool.
        finished?.finish()
    }

    private func finishExchange() {
        guard inExchange else { return }
        inExchange = false
        let reusable = keepAlive && !connection.isClosed && connection.inbound.readableBytes == 0
        if reusable {
            connection.setDeadline(after: configuration.idleTimeout)
        } else {
            connection.close(error: nil)
        }
        let done = onDone
        onDone = nil
        done?(self, reusable)
    }

    /// Fails the exchange: the head waiter or the body reader sees `error`; the connection closes.
    private func fail(_ error: HTTPClientError) {
        guard failure == nil else { return }
        failure = error
        if let waiter {
            self.waiter = nil
            waiter.resume(returning: .failure(error))
        }
        body?.finish(error: error)
        body = nil
        resumeWriters()
        keepAlive = false
        connection.close(error: nil)
    }

    /// Closes the connection from any thread.
    func closeSoon() {
        connection.loop.execute { [connection] in connection.close(error: nil) }
    }

    // MARK: ConnectionHandler

    func dataReceived(_ connection: Connection) {
        guard inExchange, !responseDone else {
            // Bytes while idle: the server is misbehaving; this connection cannot be trusted.
            connection.close(error: nil)
            return
        }
        sawResponseBytes.store(true, ordering: .releasing)
        while !headParsed {
            let end = connection.inbound.withUnsafeReadableBytes { HTTP1Parser.headEnd($0, from: 0) }
            guard let end else {
                if connection.inbound.readableBytes > 64 * 1024 {
                    fail(HTTPClientError(code: .malformedResponse, message: "response head too large"))
                }
                return
            }
            let parsed = connection.inbound.withUnsafeReadableBytes { raw in
                Result { () throws(HTTP1ParseError) in
                    try HTTP1Parser.parseResponseHead(UnsafeRawBufferPointer(rebasing: raw[0..<end]))
                }
            }
            connection.inbound.moveReaderIndex(forwardBy: end)
            guard case .success(let (status, headers)) = parsed else {
                fail(HTTPClientError(code: .malformedResponse, message: "malformed response head"))
                return
            }
            if (100..<200).contains(status) { continue }  // interim (100 Continue): the real one follows
            headParsed = true
            keepAlive = !headers.contains(token: "close", in: "connection")
            if isHEAD || status == 204 || status == 304 {
                remaining = 0
            } else if headers.contains(token: "chunked", in: "transfer-encoding") {
                chunked = ChunkedDecoder(maxBytes: Int.max)
            } else if let text = headers["content-length"] {
                guard let length = Int(text), length >= 0 else {
                    fail(HTTPClientError(code: .malformedResponse, message: "invalid content-length"))
                    return
                }
                remaining = length
            } else {
                untilClose = true
                keepAlive = false
            }
            deliverHead(status: status, headers: headers)
        }
        readBody()
    }

    private func deliverHead(status: Int, headers: HTTPHeaders) {
        let responseBody: HTTPBody
        if remaining == 0 {
            responseBody = .empty()
        } else {
            let loop = connection.loop
            responseBody = HTTPBody(onDemand: { [weak self] in
                guard let self else { return }
                loop.execute { self.bodyConsumed() }
            })
            body = responseBody
        }
        let connection = self.connection
        let response = HTTPClientStreamResponse(
            status: status, headers: headers, body: responseBody,
            abort: { connection.loop.execute { connection.close(error: nil) } })
        if let waiter {
            self.waiter = nil
            waiter.resume(returning: .success(response))
        }
        if remaining == 0 { responseComplete() }
    }

    /// The reader caught up: read again.
    private func bodyConsumed() {
        guard readingPausedForBody else { return }
        readingPausedForBody = false
        connection.resumeReading()
    }

    /// Hands a piece of the body to its reader; stops reading while the reader is behind.
    private func append(_ piece: ByteBuffer) {
        guard let body, piece.readableBytes > 0 else { return }
        if body.append(piece), !readingPausedForBody {
            readingPausedForBody = true
            connection.pauseReading()
        }
    }

    private func readBody() {
        guard headParsed, !responseDone else { return }
        if let left = remaining {
            let count = min(left, connection.inbound.readableBytes)
            if count > 0, let piece = connection.inbound.readSlice(length: count) { append(piece) }
            remaining = left - count
            if remaining == 0 { responseComplete() }
        } else if var decoder = chunked {
            var pieces: [ByteBuffer] = []
            let result = Result { () throws(HTTP1ParseError) in
                try decoder.decode(&connection.inbound) { pieces.append($0) }
            }
            chunked = decoder
            for piece in pieces { append(piece) }
            switch result {
            case .success(true): responseComplete()
            case .success(false): break
            case .failure(let error):
                fail(HTTPClientError(code: .malformedResponse, message: error.reason))
            }
        } else if untilClose, let piece = connection.inbound.readSlice(length: connection.inbound.readableBytes) {
            append(piece)
        }
    }

    func inputClosed(_ connection: Connection) {
        if untilClose && headParsed && !responseDone {
            untilClose = false
            responseComplete()
            connection.close(error: nil)
        } else if inExchange && !responseDone {
            fail(HTTPClientError(code: .connectionClosed, message: "the server closed the connection"))
        } else {
            connection.close(error: nil)
        }
    }

    func becameWritable(_ connection: Connection) {
        resumeWriters()
    }

    func deadlinePassed(_ connection: Connection) {
        if inExchange {
            fail(
                HTTPClientError(
                    code: .requestTimeout, message: "no complete response within \(configuration.requestTimeout)"))
        } else {
            connection.close(error: nil)  // idle too long
        }
    }

    func connectionClosed(_ connection: Connection, error: (any Error)?) {
        if inExchange {
            fail(
                HTTPClientError(
                    code: .connectionClosed, message: "the connection closed: \(error.map { "\($0)" } ?? "EOF")"))
            inExchange = false
            let done = onDone
            onDone = nil
            done?(self, false)
        }
        resumeWriters()
    }
}
