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

/// A complete response.
public struct HTTPClientResponse: Sendable {
    /// The status code.
    public var status: Int
    /// Header fields.
    public var headers: HTTPHeaders
    /// The whole body.
    public var body: ByteBuffer
}

/// Why a client request failed.
public struct HTTPClientError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure.
    public enum Code: Sendable, Hashable {
        case connectFailed, connectTimeout, requestTimeout, connectionClosed, malformedResponse, responseTooLarge,
            shutDown
    }
    /// What kind of failure.
    public var code: Code
    /// A sentence saying what happened.
    public var message: String

    public var description: String { "\(code): \(message)" }
}

/// An HTTP/1.1 client with a pool of keep-alive connections per host and timeouts for connect,
/// request and idle. Connections live on the group's loops; `execute` may be called from anywhere.
///
/// ```swift
/// let client = HTTPClient(group: group)
/// let response = try await client.execute(
///     HTTPClientRequest(address: SocketAddress(host: "127.0.0.1", port: 8080), target: "/v1/items/42"))
/// ```
public final class HTTPClient: Sendable {
    /// Timeouts and pool sizes.
    public struct Configuration: Sendable {
        /// How long a TCP connect may take. Default 5 s.
        public var connectTimeout: Duration = .seconds(5)
        /// How long a request may take from sending to the last response byte. Default 30 s.
        public var requestTimeout: Duration = .seconds(30)
        /// How long an unused pooled connection is kept. Default 60 s.
        public var idleTimeout: Duration = .seconds(60)
        /// Idle connections kept per host at most. Default 16.
        public var maxIdlePerHost = 16
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
    private let isShutDown = Atomic<Bool>(false)

    /// A client whose connections run on `group`.
    public init(configuration: Configuration = Configuration(), group: EventLoopGroup) {
        self.configuration = configuration
        self.group = group
    }

    /// Sends `request` and returns the whole response.
    /// - Throws: ``HTTPClientError``.
    public func execute(_ request: HTTPClientRequest) async throws(HTTPClientError) -> HTTPClientResponse {
        guard !isShutDown.load(ordering: .acquiring) else {
            throw HTTPClientError(code: .shutDown, message: "the client was shut down")
        }
        // A pooled connection may have been closed by the server meanwhile: retry once on a fresh
        // one when the request never reached it (safe for any method: nothing was sent).
        if let pooled = takeIdle(for: request.address) {
            do throws(HTTPClientError) {
                let response = try await pooled.send(request)
                recycle(pooled)
                return response
            } catch  where error.code == .connectionClosed && pooled.failedBeforeResponse {
                // The server closed the idle connection as we reused it: try once on a new one.
            }
        }
        let connection = try await HTTP1ClientConnection.connect(
            to: request.address, loop: group.next(), configuration: configuration)
        let response = try await connection.send(request)
        recycle(connection)
        return response
    }

    private func recycle(_ connection: HTTP1ClientConnection) {
        if connection.isReusable { release(connection) } else { connection.closeSoon() }
    }

    private func takeIdle(for address: SocketAddress) -> HTTP1ClientConnection? {
        pool.withLock { pool in
            while var list = pool[address], let connection = list.popLast() {
                pool[address] = list
                if connection.isReusable { return connection }
            }
            return nil
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

    /// Closes every pooled connection; later requests fail.
    public func shutdown() {
        isShutDown.store(true, ordering: .releasing)
        let all = pool.withLock { pool -> [HTTP1ClientConnection] in
            let all = pool.values.flatMap { $0 }
            pool.removeAll()
            return all
        }
        for connection in all { connection.closeSoon() }
    }
}
