import Bytes
import Synchronization
import Testing

@testable import Transport

/// A handler built from a closure, so each test states its server's behaviour where it is used.
struct ClosureHandler: HTTPHandler {
    let body: @Sendable (HTTPRequest, HTTPResponseWriter) async throws -> Void

    func handle(_ request: HTTPRequest, _ response: HTTPResponseWriter) async throws {
        try await body(request, response)
    }
}

/// Counts connections and records rejections, so a test can check that nothing leaked and why a
/// request was refused.
final class CountingObserver: TransportObserver {
    private struct Counts {
        var opened = 0
        var closed = 0
        var streamsOpened = 0
        var streamsClosed = 0
        var protocolErrors: [String] = []
    }

    private let counts = Mutex(Counts())

    func connectionOpened(_ connection: ConnectionInfo) { counts.withLock { $0.opened += 1 } }

    func connectionClosed(_ connection: ConnectionInfo, error: (any Error)?) { counts.withLock { $0.closed += 1 } }

    func streamOpened(_ connection: ConnectionInfo, streamID: UInt32) { counts.withLock { $0.streamsOpened += 1 } }

    func streamClosed(_ connection: ConnectionInfo, streamID: UInt32) { counts.withLock { $0.streamsClosed += 1 } }

    func protocolError(_ connection: ConnectionInfo, description: String) {
        counts.withLock { $0.protocolErrors.append(description) }
    }

    /// Connections accepted so far.
    var opened: Int { counts.withLock { $0.opened } }
    /// Connections accepted and not yet closed.
    var openConnections: Int { counts.withLock { $0.opened - $0.closed } }
    /// Requests (HTTP/1.1 exchanges, HTTP/2 streams) started and not yet ended.
    var openStreams: Int { counts.withLock { $0.streamsOpened - $0.streamsClosed } }
    /// What the server rejected, as `status reason`.
    var protocolErrors: [String] { counts.withLock { $0.protocolErrors } }
}

/// A running server, as a test sees it.
struct TestServer: Sendable {
    let address: SocketAddress
    let server: HTTPServer
    let observer: CountingObserver

    var port: Int { address.port }

    /// `http://127.0.0.1:PORT/path`.
    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Waits until every accepted connection has closed (the server noticed what the peer did).
    func waitUntilNoConnections(timeout: Duration = testPatience) async throws {
        try await waitUntil("every connection closed", timeout: timeout) { observer.openConnections == 0 }
    }
}

/// Limits for tests. The timeouts are long enough that a loaded machine (a parallel test run
/// beside a build) never trips them by accident; a test about a timeout sets a short one itself.
func testLimits(_ configure: (inout HTTPServerLimits) -> Void = { _ in }) -> HTTPServerLimits {
    var limits = HTTPServerLimits()
    limits.idleTimeout = .seconds(30)
    limits.headTimeout = .seconds(30)
    configure(&limits)
    return limits
}

/// Runs `body` against an ``HTTPServer`` on 127.0.0.1 (any free port) with its own event loops,
/// then shuts both down and checks that no connection was left open.
func withTestServer<T>(
    limits: HTTPServerLimits = testLimits(),
    http2: HTTP2ServerLimits = HTTP2ServerLimits(),
    handler: @escaping @Sendable (HTTPRequest, HTTPResponseWriter) async throws -> Void,
    _ body: (TestServer) async throws -> T
) async throws -> T {
    let group = try EventLoopGroup(loopCount: 2)
    let observer = CountingObserver()
    let server = HTTPServer(
        configuration: HTTPServer.Configuration(
            host: "127.0.0.1", port: 0, limits: limits, http2: http2, observer: observer),
        handler: ClosureHandler(body: handler), group: group)
    let address: SocketAddress
    do {
        address = try await server.start()
    } catch {
        group.shutdown()
        throw error
    }
    let result: Result<T, any Error>
    do {
        result = .success(try await body(TestServer(address: address, server: server, observer: observer)))
    } catch {
        result = .failure(error)
    }
    await server.shutdown(gracePeriod: .seconds(2))
    group.shutdown()
    #expect(observer.openConnections == 0, "every accepted connection is closed after shutdown")
    #expect(observer.openStreams == 0, "every request the observer saw start, it saw end")
    return try result.get()
}

/// How long a test waits for something that should happen soon. Only a failing test waits this
/// long, so it is generous: in a parallel test run on a loaded machine (or one pinned to a single
/// core) a step that takes milliseconds alone can be late by several seconds.
let testPatience: Duration = .seconds(30)

/// Polls `condition` every 5 ms until it holds.
/// - Throws: ``TestTimeout`` when it still does not hold after `timeout`.
func waitUntil(
    _ what: String, timeout: Duration = testPatience, _ condition: @Sendable () -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        guard ContinuousClock.now < deadline else { throw TestTimeout(what: what) }
        try await Task.sleep(for: .milliseconds(5))
    }
}

/// A condition a test waited for did not come true in time.
struct TestTimeout: Error, CustomStringConvertible {
    let what: String
    var description: String { "timed out waiting for: \(what)" }
}

/// Moves a value between a blocking thread and a test; safe because only one of them uses it at
/// a time (the thread hands it over when it returns).
struct SendableBox<Value>: @unchecked Sendable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }
}

/// Values a handler reports to its test (errors it saw, bytes it read), in order.
final class Recorder<Value: Sendable>: Sendable {
    private let values = Mutex<[Value]>([])

    func record(_ value: Value) { values.withLock { $0.append(value) } }

    var recorded: [Value] { values.withLock { $0 } }

    /// Waits until at least `count` values arrived, and returns them all.
    func wait(for count: Int = 1, timeout: Duration = testPatience) async throws -> [Value] {
        try await waitUntil("\(count) recorded value(s)", timeout: timeout) { self.recorded.count >= count }
        return recorded
    }
}

/// A count shared between a handler and its test.
final class Counter: Sendable {
    private let count = Atomic<Int>(0)

    func add(_ amount: Int) { count.add(amount, ordering: .relaxed) }

    var value: Int { count.load(ordering: .relaxed) }
}

extension ByteBuffer {
    /// The readable bytes as UTF-8 text.
    var text: String { String(decoding: readableBytesArray, as: UTF8.self) }
}

/// FNV-1a over `bytes`, to compare large bodies without keeping copies.
struct Checksum: Equatable, CustomStringConvertible {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    private(set) var count = 0

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        var hash = value
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        value = hash
        count += bytes.count
    }

    mutating func add(_ buffer: ByteBuffer) { buffer.withUnsafeReadableBytes { add($0) } }

    var description: String { "\(count) bytes, fnv \(String(value, radix: 16))" }
}

/// An HTTP/2 client connection to `server`, on an event loop of its own, for the length of `body`.
func withClientConnection<T>(
    to server: TestServer, _ body: (HTTP2ClientConnection) async throws -> T
) async throws -> T {
    let group = try EventLoopGroup(loopCount: 1)
    defer { group.shutdown() }
    let connection = try await HTTP2ClientConnection.connect(to: server.address, loop: group.next())
    return try await body(connection)
}
