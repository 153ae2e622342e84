/// Receives connection and stream events from the transport; telemetry implements it (metrics,
/// logs), the transport never depends on telemetry. Called on event-loop threads: return fast.
/// Every method has an empty default.
public protocol TransportObserver: Sendable {
    /// A connection was accepted (server) or established (client).
    func connectionOpened(_ connection: ConnectionInfo)
    /// A connection closed; `error` says why if it was not an orderly close.
    func connectionClosed(_ connection: ConnectionInfo, error: (any Error)?)
    /// Bytes moved on a connection (reported per read or write call).
    func bytesTransferred(_ connection: ConnectionInfo, read: Int, written: Int)
    /// An HTTP request (HTTP/1.1 exchange or HTTP/2 stream) started.
    func streamOpened(_ connection: ConnectionInfo, streamID: UInt32)
    /// A request ended: its exchange completed, or it was reset or aborted (sent once per
    /// ``streamOpened(_:streamID:)``, so opened minus closed is what is in flight).
    func streamClosed(_ connection: ConnectionInfo, streamID: UInt32)
    /// An HTTP/2 stream was reset (by either side) with `code`.
    func streamReset(_ connection: ConnectionInfo, streamID: UInt32, code: UInt32)
    /// A request was rejected before reaching a handler (malformed, too large, timeout …).
    func protocolError(_ connection: ConnectionInfo, description: String)
}

extension TransportObserver {
    public func connectionOpened(_ connection: ConnectionInfo) {}
    public func connectionClosed(_ connection: ConnectionInfo, error: (any Error)?) {}
    public func bytesTransferred(_ connection: ConnectionInfo, read: Int, written: Int) {}
    public func streamOpened(_ connection: ConnectionInfo, streamID: UInt32) {}
    public func streamClosed(_ connection: ConnectionInfo, streamID: UInt32) {}
    public func streamReset(_ connection: ConnectionInfo, streamID: UInt32, code: UInt32) {}
    public func protocolError(_ connection: ConnectionInfo, description: String) {}
}

/// An observer that ignores everything.
public struct NoTransportObserver: TransportObserver {
    /// Creates one.
    public init() {}
}

/// Who a connection is with, for observers and handlers.
public struct ConnectionInfo: Sendable, Hashable {
    /// A process-unique number.
    public var id: UInt64
    /// The remote address.
    public var peer: SocketAddress?
    /// The local address.
    public var local: SocketAddress?
    /// ``peer`` as text (`127.0.0.1:50312`, or `unknown`), formatted once per connection: the RPC
    /// layer hands it to every call.
    public var peerDescription: String

    /// Info about a connection.
    public init(id: UInt64, peer: SocketAddress?, local: SocketAddress?) {
        self.id = id
        self.peer = peer
        self.local = local
        self.peerDescription = peer?.description ?? "unknown"
    }
}
