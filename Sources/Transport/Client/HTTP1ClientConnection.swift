internal import Bytes
internal import Synchronization

/// One HTTP/1.1 client connection: sends one request at a time and reads its response
/// (content-length, chunked, or until close), then waits in the pool.
final class HTTP1ClientConnection: ConnectionHandler, @unchecked Sendable {
    let address: SocketAddress
    let connection: Connection
    let configuration: HTTPClient.Configuration

    private typealias Waiter = CheckedContinuation<Result<HTTPClientResponse, HTTPClientError>, Never>
    private var waiter: Waiter?
    private var isHEAD = false
    private var status = 0
    private var headers = HTTPHeaders()
    private var headParsed = false
    private var body = ByteBuffer()
    private var remaining: Int?
    private var chunked: ChunkedDecoder?
    private var untilClose = false
    private var keepAlive = true
    private let reusable = Atomic<Bool>(false)
    private let sawResponseBytes = Atomic<Bool>(false)

    /// Whether the connection can take another request (finished, kept alive, not closed).
    var isReusable: Bool { reusable.load(ordering: .acquiring) }
    /// Whether the last request failed before any response byte arrived.
    var failedBeforeResponse: Bool { !sawResponseBytes.load(ordering: .acquiring) }

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

    /// Sends `request` and waits for the whole response.
    func send(_ request: HTTPClientRequest) async throws(HTTPClientError) -> HTTPClientResponse {
        reusable.store(false, ordering: .releasing)
        sawResponseBytes.store(false, ordering: .releasing)
        let result = await withCheckedContinuation { (continuation: Waiter) in
            connection.loop.execute { [self] in start(request, continuation) }
        }
        return try result.get()
    }

    private func start(_ request: HTTPClientRequest, _ continuation: Waiter) {
        guard !connection.isClosed else {
            continuation.resume(returning: .failure(HTTPClientError(code: .connectionClosed, message: "closed")))
            return
        }
        waiter = continuation
        isHEAD = request.method == "HEAD"
        status = 0
        headers = HTTPHeaders()
        headParsed = false
        body = ByteBuffer()
        remaining = nil
        chunked = nil
        untilClose = false
        keepAlive = true
        var head = ByteBuffer(capacity: 256 + request.body.readableBytes)
        head.writeString("\(request.method) \(request.target) HTTP/1.1\r\n")
        if request.headers["host"] == nil { head.writeString("host: \(request.address)\r\n") }
        for field in request.headers where field.name != "content-length" {
            head.writeString("\(field.name): \(field.value)\r\n")
        }
        if request.body.readableBytes > 0 || request.method == "POST" || request.method == "PUT" {
            head.writeString("content-length: \(request.body.readableBytes)\r\n")
        }
        head.writeString("\r\n")
        if request.body.readableBytes <= 16 * 1024 {
            head.writeBuffer(request.body)
            connection.write(head)
        } else {
            connection.write(head)
            connection.write(request.body)
        }
        connection.flush()
        connection.setDeadline(after: configuration.requestTimeout)
    }

    private func complete(_ result: Result<HTTPClientResponse, HTTPClientError>) {
        guard let waiter else { return }
        self.waiter = nil
        if case .success = result, keepAlive, !connection.isClosed {
            connection.setDeadline(after: configuration.idleTimeout)
            reusable.store(true, ordering: .releasing)
        } else {
            connection.close(error: nil)
        }
        waiter.resume(returning: result)
    }

    private func fail(_ code: HTTPClientError.Code, _ message: String) {
        reusable.store(false, ordering: .releasing)
        complete(.failure(HTTPClientError(code: code, message: message)))
        connection.close(error: nil)
    }

    /// Closes the connection from any thread.
    func closeSoon() {
        reusable.store(false, ordering: .releasing)
        connection.loop.execute { [connection] in connection.close(error: nil) }
    }

    // MARK: ConnectionHandler

    func dataReceived(_ connection: Connection) {
        guard waiter != nil else {
            // Bytes while idle: the server is misbehaving; this connection cannot be trusted.
            reusable.store(false, ordering: .releasing)
            connection.close(error: nil)
            return
        }
        sawResponseBytes.store(true, ordering: .releasing)
        while !headParsed {
            let end = connection.inbound.withUnsafeReadableBytes { HTTP1Parser.headEnd($0, from: 0) }
            guard let end else {
                if connection.inbound.readableBytes > 64 * 1024 { fail(.malformedResponse, "response head too large") }
                return
            }
            let parsed = connection.inbound.withUnsafeReadableBytes { raw in
                Result { () throws(HTTP1ParseError) in
                    try HTTP1Parser.parseResponseHead(UnsafeRawBufferPointer(rebasing: raw[0..<end]))
                }
            }
            connection.inbound.moveReaderIndex(forwardBy: end)
            guard case .success(let (status, headers)) = parsed else {
                fail(.malformedResponse, "malformed response head")
                return
            }
            if (100..<200).contains(status) { continue }  // interim (100 Continue): the real one follows
            self.status = status
            self.headers = headers
            headParsed = true
            keepAlive = !headers.contains(token: "close", in: "connection")
            if isHEAD || status == 204 || status == 304 {
                remaining = 0
            } else if headers.contains(token: "chunked", in: "transfer-encoding") {
                chunked = ChunkedDecoder(maxBytes: configuration.maxResponseBytes)
            } else if let text = headers["content-length"] {
                guard let length = Int(text), length >= 0 else {
                    fail(.malformedResponse, "invalid content-length")
                    return
                }
                guard length <= configuration.maxResponseBytes else {
                    fail(.responseTooLarge, "response of \(length) bytes exceeds \(configuration.maxResponseBytes)")
                    return
                }
                remaining = length
            } else {
                untilClose = true
                keepAlive = false
            }
        }
        readBody()
    }

    private func readBody() {
        if let left = remaining {
            let count = min(left, connection.inbound.readableBytes)
            if count > 0, let piece = connection.inbound.readSlice(length: count) { body.writeBuffer(piece) }
            remaining = left - count
            if remaining == 0 { finishResponse() }
        } else if var decoder = chunked {
            var collected = body
            body = ByteBuffer()
            let result = Result { () throws(HTTP1ParseError) in
                try decoder.decode(&connection.inbound) { collected.writeBuffer($0) }
            }
            body = collected
            chunked = decoder
            switch result {
            case .success(true): finishResponse()
            case .success(false): break
            case .failure(let error):
                fail(error.status == 413 ? .responseTooLarge : .malformedResponse, error.reason)
            }
        } else if untilClose, let piece = connection.inbound.readSlice(length: connection.inbound.readableBytes) {
            body.writeBuffer(piece)
            if body.readableBytes > configuration.maxResponseBytes {
                fail(.responseTooLarge, "response exceeds \(configuration.maxResponseBytes) bytes")
            }
        }
    }

    private func finishResponse() {
        if connection.inbound.readableBytes > 0 { keepAlive = false }  // bytes nobody asked for
        complete(.success(HTTPClientResponse(status: status, headers: headers, body: body)))
    }

    func inputClosed(_ connection: Connection) {
        if untilClose && headParsed {
            untilClose = false
            complete(.success(HTTPClientResponse(status: status, headers: headers, body: body)))
        } else {
            fail(.connectionClosed, "the server closed the connection")
        }
    }

    func becameWritable(_ connection: Connection) {}

    func deadlinePassed(_ connection: Connection) {
        if waiter != nil {
            fail(.requestTimeout, "no complete response within \(configuration.requestTimeout)")
        } else {
            reusable.store(false, ordering: .releasing)
            connection.close(error: nil)  // idle too long
        }
    }

    func connectionClosed(_ connection: Connection, error: (any Error)?) {
        reusable.store(false, ordering: .releasing)
        if let waiter {
            self.waiter = nil
            waiter.resume(
                returning: .failure(
                    HTTPClientError(
                        code: .connectionClosed, message: "the connection closed: \(error.map { "\($0)" } ?? "EOF")")))
        }
    }
}
