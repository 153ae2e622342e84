public import Bytes
internal import Synchronization

/// A request for ``HTTPClient``.
public struct HTTPClientRequest: Sendable {
    /// `GET`, `POST` …
    public var method: String
    /// Where to connect.
    public var address: SocketAddress
    /// Path and query.
    public var target: String
    /// Header fields; `host` and `content-length` are added when missing.
    public var headers: HTTPHeaders
    /// The body (sent with a content-length).
    public var body: ByteBuffer
    /// A body produced while it is sent, instead of ``body``: chunked on HTTP/1.1, DATA frames on
    /// HTTP/2. Each write waits while the server or the socket is behind. It runs as its own task
    /// (on HTTP/2 alongside the response: a bidirectional stream); throwing aborts the request.
    ///
    /// ```swift
    /// request.streamingBody = { writer in
    ///     for line in lines { try await writer.write(ByteBuffer(string: line)) }
    /// }
    /// ```
    public var streamingBody: (@Sendable (HTTPClientBodyWriter) async throws -> Void)?

    /// A request.
    public init(
        method: String = "GET", address: SocketAddress, target: String, headers: HTTPHeaders = HTTPHeaders(),
        body: ByteBuffer = ByteBuffer()
    ) {
        self.method = method
        self.address = address
        self.target = target
        self.headers = headers
        self.body = body
    }
}

/// Writes a streamed request body (``HTTPClientRequest/streamingBody``).
public struct HTTPClientBodyWriter: Sendable {
    let writeChunk: @Sendable (ByteBuffer) async throws(HTTPClientError) -> Void

    /// Sends `chunk`; returns once it is queued and the connection has room for more.
    public func write(_ chunk: ByteBuffer) async throws(HTTPClientError) { try await writeChunk(chunk) }
}

/// A complete response.
public struct HTTPClientResponse: Sendable {
    /// The status code.
    public var status: Int
    /// Header fields.
    public var headers: HTTPHeaders
    /// The whole body.
    public var body: ByteBuffer
    /// Trailers (HTTP/2), if the response had any.
    public var trailers: HTTPHeaders?
}

/// An HTTP client with a pool of connections per host and timeouts for connect, request and
/// idle: HTTP/1.1 keep-alive connections (one request at a time each), or HTTP/2 over cleartext
/// with prior knowledge (``Configuration/version``), where concurrent requests share a
/// connection as streams. Connections live on the group's loops; `execute` may be called from
/// anywhere.
///
/// ```swift
/// let client = HTTPClient(group: group)
/// let response = try await client.execute(
///     HTTPClientRequest(address: SocketAddress(host: "127.0.0.1", port: 8080), target: "/v1/items/42"))
/// ```
public final class HTTPClient: Sendable {
    /// Timeouts and pool sizes.
    public struct Configuration: Sendable {
        /// Which protocol to speak.
        public enum Version: Sendable, Hashable {
            /// HTTP/1.1 (the default).
            case http1_1
            /// HTTP/2 over cleartext, without upgrade (h2c with prior knowledge).
            case http2PriorKnowledge
        }
        /// Which protocol to speak. Default HTTP/1.1.
        public var version = Version.http1_1
        /// How long a TCP connect may take. Default 5 s.
        public var connectTimeout: Duration = .seconds(5)
        /// How long a request may take from sending to the last response byte. Default 30 s.
        public var requestTimeout: Duration = .seconds(30)
        /// How long an unused pooled connection is kept. Default 60 s.
        public var idleTimeout: Duration = .seconds(60)
        /// Idle connections kept per host at most (HTTP/1.1). Default 16.
        public var maxIdlePerHost = 16
        /// Settings and windows of HTTP/2 connections.
        public var http2 = HTTP2ClientConnection.Configuration()
        /// The largest response body accepted. Default 64 MiB.
        public var maxResponseBytes = 64 << 20
        /// Receives connection events.
        public var observer: any TransportObserver = NoTransportObserver()

        /// The defaults above.
        public init() {}
    }

    /// The configuration.
    public let configuration: Configuration
    private let group: EventLoopGroup
    /// Idle connections per host; each connection is used on its own loop.
    private let pool = Mutex<[SocketAddress: [HTTP1ClientConnection]]>([:])
    /// HTTP/2 connections per host, shared by concurrent requests, and the connect under way.
    private let http2Pool = Mutex<[SocketAddress: HTTP2Host]>([:])

    private struct HTTP2Host {
        var connections: [HTTP2ClientConnection] = []
        var connecting: Task<Result<HTTP2ClientConnection, HTTPClientError>, Never>?
    }
    private let isShutDown = Atomic<Bool>(false)

    /// A client whose connections run on `group`.
    public init(configuration: Configuration = Configuration(), group: EventLoopGroup) {
        self.configuration = configuration
        self.group = group
    }

    /// Sends `request` and returns the whole response (at most ``Configuration/maxResponseBytes``).
    /// - Throws: ``HTTPClientError``.
    public func execute(_ request: HTTPClientRequest) async throws(HTTPClientError) -> HTTPClientResponse {
        let response = try await stream(request)
        let limit = configuration.maxResponseBytes
        if let length = response.headers["content-length"].flatMap({ Int($0) }), length > limit {
            response.abort()
            throw HTTPClientError(code: .responseTooLarge, message: "response of \(length) bytes exceeds \(limit)")
        }
        let bytes: ByteBuffer
        do {
            bytes = try await response.body.collect(upTo: limit)
        } catch let error as HTTPError where error.code == .tooLarge {
            response.abort()
            throw HTTPClientError(code: .responseTooLarge, message: "response exceeds \(limit) bytes")
        } catch let error as HTTPClientError {
            throw error
        } catch {
            throw HTTPClientError(code: .connectionClosed, message: "\(error)")
        }
        return HTTPClientResponse(
            status: response.status, headers: response.headers, body: bytes, trailers: response.body.trailers)
    }

    /// Sends `request` and returns the response once its head has arrived; the body streams in
    /// `response.body` (with backpressure: a reader that stops reading stops the server). The
    /// request timeout covers the whole exchange, body included.
    /// - Throws: ``HTTPClientError``.
    public func stream(_ request: HTTPClientRequest) async throws(HTTPClientError) -> HTTPClientStreamResponse {
        guard !isShutDown.load(ordering: .acquiring) else {
            throw HTTPClientError(code: .shutDown, message: "the client was shut down")
        }
        if configuration.version == .http2PriorKnowledge { return try await streamHTTP2(request) }
        // A pooled connection may have been closed by the server meanwhile: retry once on a fresh
        // one when the request never reached it (nothing of the response came, nothing of a
        // streamed body was produced: safe for any method).
        if let pooled = takeIdle(for: request.address) {
            do throws(HTTPClientError) {
                return try await pooled.send(request, onDone: recycle)
            } catch  where error.code == .connectionClosed && pooled.canRetry {
                // The server closed the idle connection as we reused it: try once on a new one.
            }
        }
        let connection = try await HTTP1ClientConnection.connect(
            to: request.address, loop: group.next(), configuration: configuration)
        return try await connection.send(request, onDone: recycle)
    }

    /// An exchange is over: a reusable connection goes back to the pool.
    private func recycle(_ connection: HTTP1ClientConnection, _ reusable: Bool) {
        if reusable { release(connection) } else { connection.closeSoon() }
    }

    private func takeIdle(for address: SocketAddress) -> HTTP1ClientConnection? {
        pool.withLock { pool in
            guard var list = pool[address], let connection = list.popLast() else { return nil }
            pool[address] = list
            return connection
        }
    }

    /// Returns a finished connection to the pool.
    private func release(_ connection: HTTP1ClientConnection) {
        let keep = pool.withLock { pool -> Bool in
            guard !isShutDown.load(ordering: .acquiring),
                pool[connection.address, default: []].count < configuration.maxIdlePerHost
            else { return false }
            pool[connection.address, default: []].append(connection)
            return true
        }
        if !keep { connection.closeSoon() }
    }

    // MARK: HTTP/2

    private func streamHTTP2(_ request: HTTPClientRequest) async throws(HTTPClientError) -> HTTPClientStreamResponse {
        var head = HTTPRequestHead(
            method: request.method, target: request.target, version: .http2, headers: request.headers,
            authority: request.headers["host"] ?? request.address.description)
        head.headers.remove(name: "content-length")
        if request.streamingBody == nil
            && (request.body.readableBytes > 0 || request.method == "POST" || request.method == "PUT")
        {
            head.headers.add(name: "content-length", value: String(request.body.readableBytes))
        }
        // A stream the server refused (GOAWAY raced the request) never reached a handler: one
        // more try, on a fresh connection, is safe for any method.
        do throws(HTTPClientError) {
            return try await exchangeHTTP2(head, request, on: http2Connection(for: request.address))
        } catch  where error.code == .refused {
            return try await exchangeHTTP2(head, request, on: http2Connection(for: request.address))
        }
    }

    private func exchangeHTTP2(
        _ head: HTTPRequestHead, _ request: HTTPClientRequest, on connection: HTTP2ClientConnection
    ) async throws(HTTPClientError) -> HTTPClientStreamResponse {
        let body = request.body
        let hasBody = request.streamingBody != nil || body.readableBytes > 0
        let stream = try await connection.openStream(head, endStream: !hasBody)
        stream.setTimeout(configuration.requestTimeout)
        var sendError: HTTPClientError?
        if let produce = request.streamingBody {
            // Alongside the response: the server may answer (and stream) while the body goes out.
            Task {
                do {
                    try await produce(
                        HTTPClientBodyWriter { chunk throws(HTTPClientError) in try await stream.write(chunk) })
                    try await stream.finish()
                } catch let error as HTTPClientError where error.code == .requestNotNeeded {
                    // The server has answered in full; the response stands.
                } catch {
                    stream.cancel()
                }
            }
        } else if body.readableBytes > 0 {
            do throws(HTTPClientError) {
                try await stream.write(body)
                try await stream.finish()
            } catch {
                // A server may answer before reading the whole body (and reset the rest with
                // NO_ERROR): its answer counts. Without one, the send error says what happened.
                sendError = error
            }
        }
        do throws(HTTPClientError) {
            return try await stream.response()
        } catch {
            throw sendError ?? error
        }
    }

    /// The HTTP/2 settings, with the client's timeouts and observer.
    private var http2Settings: HTTP2ClientConnection.Configuration {
        var settings = configuration.http2
        settings.connectTimeout = configuration.connectTimeout
        settings.idleTimeout = configuration.idleTimeout
        settings.observer = configuration.observer
        return settings
    }

    /// A pooled HTTP/2 connection to `address` with a free stream, or a new one. Concurrent
    /// callers that find none share one connect instead of opening a connection each.
    private func http2Connection(for address: SocketAddress) async throws(HTTPClientError) -> HTTP2ClientConnection {
        typealias Connect = Task<Result<HTTP2ClientConnection, HTTPClientError>, Never>
        enum Pick {
            case ready(HTTP2ClientConnection)
            case join(Connect)
        }
        let settings = http2Settings
        let group = self.group
        let pick = http2Pool.withLock { pool -> Pick in
            var host = pool[address, default: HTTP2Host()]
            host.connections.removeAll { !$0.isAvailable }
            if let free = host.connections.first(where: { $0.hasFreeStream }) {
                pool[address] = host
                return .ready(free)
            }
            if let connecting = host.connecting {
                pool[address] = host
                return .join(connecting)
            }
            let connect = Connect {
                do throws(HTTPClientError) {
                    return .success(
                        try await HTTP2ClientConnection.connect(
                            to: address, loop: group.next(), configuration: settings))
                } catch {
                    return .failure(error)
                }
            }
            host.connecting = connect
            pool[address] = host
            return .join(connect)
        }
        switch pick {
        case .ready(let connection):
            return connection
        case .join(let connect):
            let result = await connect.value
            let keep = http2Pool.withLock { pool -> Bool in
                if pool[address]?.connecting == connect { pool[address]?.connecting = nil }
                guard case .success(let connection) = result, !isShutDown.load(ordering: .acquiring) else {
                    return false
                }
                if pool[address]?.connections.contains(where: { $0 === connection }) != true {
                    pool[address, default: HTTP2Host()].connections.append(connection)
                }
                return true
            }
            let connection = try result.get()
            guard keep else {
                connection.close()
                throw HTTPClientError(code: .shutDown, message: "the client was shut down")
            }
            return connection
        }
    }

    /// Closes every pooled connection; later requests fail.
    public func shutdown() {
        isShutDown.store(true, ordering: .releasing)
        let all = pool.withLock { pool -> [HTTP1ClientConnection] in
            let all = pool.values.flatMap { $0 }
            pool.removeAll()
            return all
        }
        for connection in all { connection.closeSoon() }
        let http2 = http2Pool.withLock { pool -> [HTTP2ClientConnection] in
            let all = pool.values.flatMap { $0.connections }
            pool.removeAll()
            return all
        }
        for connection in http2 { connection.close() }
    }
}
