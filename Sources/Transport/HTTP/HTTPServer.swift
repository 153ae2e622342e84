internal import Bytes
internal import CTransport
internal import Glibc
internal import Synchronization

/// A served connection's protocol, as the server's shutdown sees it.
protocol ServerConnection: AnyObject {
    var connection: Connection { get }
    /// Stop taking requests; close once those in flight are answered.
    func shutdownGracefully()
}

/// The connections one loop serves; touched only on that loop.
final class ConnectionTracker: @unchecked Sendable {
    private var connections: [ObjectIdentifier: any ServerConnection] = [:]
    private(set) var isShuttingDown = false

    var count: Int { connections.count }

    func add(_ connection: any ServerConnection) { connections[ObjectIdentifier(connection)] = connection }
    func remove(_ connection: any ServerConnection) { connections[ObjectIdentifier(connection)] = nil }

    func beginShutdown() {
        isShuttingDown = true
        for connection in Array(connections.values) { connection.shutdownGracefully() }
    }

    func closeAll() {
        for connection in Array(connections.values) {
            connection.connection.close(error: HTTPError(.timeout, "the server's shutdown grace period passed"))
        }
    }
}

/// Accepts connections on a listening socket and hands each to a loop of the group.
final class Listener: Selectable, @unchecked Sendable {
    let fd: Int32
    let loop: EventLoop
    var slot = -1
    let accepted: (Int32, SocketAddress?) -> Void

    init(fd: Int32, loop: EventLoop, accepted: @escaping (Int32, SocketAddress?) -> Void) {
        self.fd = fd
        self.loop = loop
        self.accepted = accepted
    }

    func readable() {
        // Up to 64 per wake-up; level-triggered epoll reports the rest.
        for _ in 0..<64 {
            do throws(SystemError) {
                guard let (fd, peer) = try Socket.accept(self.fd) else { return }
                accepted(fd, peer)
            } catch {
                // Out of descriptors or memory (EMFILE, ENFILE, ENOBUFS …): the pending connection
                // stays queued and epoll would report it again at once, a busy loop. Stop watching
                // the listener for a moment instead; connections that close meanwhile free room.
                guard slot >= 0 else { return }
                loop.modify(fd: fd, slot: slot, events: 0)
                loop.schedule(after: .milliseconds(100)) { [self] in
                    guard slot >= 0 else { return }
                    loop.modify(fd: fd, slot: slot, events: CT_EPOLLIN)
                }
                return
            }
        }
    }

    func writable() {}
    func failed() {}

    func close() {
        if slot >= 0 { loop.deregister(fd: fd, slot: slot) }
        slot = -1
        Glibc.close(fd)
    }
}

/// An HTTP server: HTTP/1.1 and HTTP/2 (h2c with prior knowledge, told apart by the first bytes)
/// on one port, each connection on one loop of the group, each request
/// handled by ``HTTPHandler`` as a task on that loop.
///
/// ```swift
/// let group = try EventLoopGroup()
/// let server = HTTPServer(configuration: .init(host: "127.0.0.1", port: 8080), handler: MyHandler(), group: group)
/// let address = try server.start()
/// print("listening on \(address)")
/// …
/// await server.shutdown(gracePeriod: .seconds(10))
/// ```
public final class HTTPServer: Sendable {
    /// Where to listen and how to behave.
    public struct Configuration: Sendable {
        /// The address to bind (numeric IPv4/IPv6, or `localhost`). Default `127.0.0.1`.
        public var host: String
        /// The port; 0 picks a free one. Default 0.
        public var port: Int
        /// Sizes and timeouts.
        public var limits: HTTPServerLimits
        /// HTTP/2 settings and abuse limits.
        public var http2: HTTP2ServerLimits
        /// Receives connection and stream events.
        public var observer: any TransportObserver

        /// A configuration.
        public init(
            host: String = "127.0.0.1", port: Int = 0, limits: HTTPServerLimits = HTTPServerLimits(),
            http2: HTTP2ServerLimits = HTTP2ServerLimits(), observer: any TransportObserver = NoTransportObserver()
        ) {
            self.host = host
            self.port = port
            self.limits = limits
            self.http2 = http2
            self.observer = observer
        }
    }

    private struct State {
        var listener: Listener?
        var address: SocketAddress?
        var stopped = false
    }

    /// The configuration.
    public let configuration: Configuration
    private let handler: any HTTPHandler
    private let group: EventLoopGroup
    private let trackers: [ConnectionTracker]
    private let state = Mutex(State())
    private let nextLoop = Atomic<Int>(0)

    /// A server for `handler` on `group`'s loops; it listens once ``start()`` is called.
    public init(configuration: Configuration, handler: any HTTPHandler, group: EventLoopGroup) {
        self.configuration = configuration
        self.handler = handler
        self.group = group
        trackers = group.loops.map { _ in ConnectionTracker() }
    }

    /// Binds and starts accepting; returns the address (with the port chosen if it was 0).
    public func start() async throws(SystemError) -> SocketAddress {
        let requested = SocketAddress(host: configuration.host, port: configuration.port)
        let fd = try Socket.listen(on: requested)
        let address = Socket.localAddress(fd) ?? requested
        let acceptLoop = group.loops[0]
        let listener = Listener(fd: fd, loop: acceptLoop) { [self] fd, peer in accept(fd: fd, peer: peer) }
        let registered = await acceptLoop.submit { () -> SystemError? in
            do throws(SystemError) {
                listener.slot = try acceptLoop.register(fd: fd, events: CT_EPOLLIN, listener)
                return nil
            } catch {
                return error
            }
        }
        if let registered {
            Glibc.close(fd)
            throw registered
        }
        state.withLock {
            $0.listener = listener
            $0.address = address
        }
        return address
    }

    /// The bound address, once started.
    public var address: SocketAddress? { state.withLock { $0.address } }

    private func accept(fd: Int32, peer: SocketAddress?) {
        let index = nextLoop.wrappingAdd(1, ordering: .relaxed).oldValue % group.loops.count
        let loop = group.loops[index]
        let tracker = trackers[index]
        let handler = self.handler
        let configuration = self.configuration
        loop.execute {
            let connection = Connection(
                loop: loop, stream: SocketStream(fd: fd), peer: peer, observer: configuration.observer)
            guard !tracker.isShuttingDown else {
                connection.close(error: nil)
                return
            }
            connection.handler = ProtocolDetector(
                connection: connection, handler: handler, configuration: configuration, tracker: tracker)
            do throws(SystemError) {
                try connection.activate()
            } catch {
                connection.close(error: error)
            }
        }
    }

    /// Stops accepting, lets requests in flight finish for up to `gracePeriod`, then closes every
    /// connection. Idle keep-alive connections close at once.
    public func shutdown(gracePeriod: Duration = .seconds(10)) async {
        let listener = state.withLock { state -> Listener? in
            guard !state.stopped else { return nil }
            state.stopped = true
            let listener = state.listener
            state.listener = nil
            return listener
        }
        if let listener { await listener.loop.submit { listener.close() } }
        for (loop, tracker) in zip(group.loops, trackers) { await loop.submit { tracker.beginShutdown() } }
        let deadline = ContinuousClock.now + gracePeriod
        while ContinuousClock.now < deadline {
            var open = 0
            for (loop, tracker) in zip(group.loops, trackers) { open += await loop.submit { tracker.count } }
            if open == 0 { return }
            try? await Task.sleep(for: .milliseconds(10))
        }
        for (loop, tracker) in zip(group.loops, trackers) { await loop.submit { tracker.closeAll() } }
    }
}

/// A new connection's first handler: the HTTP/2 preface (`PRI * HTTP/2.0…`) or anything else
/// (HTTP/1.1) decides which protocol takes over.
final class ProtocolDetector: ConnectionHandler {
    let connection: Connection
    let handler: any HTTPHandler
    let configuration: HTTPServer.Configuration
    let tracker: ConnectionTracker

    init(
        connection: Connection, handler: any HTTPHandler, configuration: HTTPServer.Configuration,
        tracker: ConnectionTracker
    ) {
        self.connection = connection
        self.handler = handler
        self.configuration = configuration
        self.tracker = tracker
        connection.setDeadline(after: configuration.limits.idleTimeout)
    }

    func dataReceived(_ connection: Connection) {
        let preface = HTTP2Frame.preface
        let available = min(connection.inbound.readableBytes, preface.count)
        let isPrefix = connection.inbound.withUnsafeReadableBytes { raw in
            raw.prefix(available).elementsEqual(preface.prefix(available))
        }
        if isPrefix && available < preface.count { return }  // wait for the rest of the preface
        let next: any ConnectionHandler & ServerConnection
        if isPrefix {
            next = HTTP2ServerConnection(
                connection: connection, handler: handler, limits: configuration.limits, h2: configuration.http2,
                tracker: tracker)
        } else {
            next = HTTP1ServerConnection(
                connection: connection, handler: handler, limits: configuration.limits, tracker: tracker)
        }
        connection.handler = next
        tracker.add(next)
        if tracker.isShuttingDown { next.shutdownGracefully() }
        next.dataReceived(connection)
    }

    func inputClosed(_ connection: Connection) { connection.close(error: nil) }
    func becameWritable(_ connection: Connection) {}
    func deadlinePassed(_ connection: Connection) { connection.close(error: nil) }
    func connectionClosed(_ connection: Connection, error: (any Error)?) {}
}
