/// One endpoint of a channel as its ``RPCLoadBalancer`` sees it: who it is, whether it is
/// connected, and how many calls it carries.
public struct RPCEndpoint: Sendable, Hashable {
    /// An endpoint's identity within its channel: its address as text (`127.0.0.1:50051`,
    /// `[::1]:50051`).
    public struct ID: Sendable, Hashable, CustomStringConvertible {
        /// The address as text.
        public var address: String

        public init(_ address: String) {
            self.address = address
        }

        public var description: String { address }
    }

    /// Who it is.
    public var id: ID
    /// Whether it is connected.
    public var state: RPCConnectivityState
    /// The calls picked for it that have not ended yet.
    public var inFlightCalls: Int

    public init(id: ID, state: RPCConnectivityState, inFlightCalls: Int = 0) {
        self.id = id
        self.state = state
        self.inFlightCalls = inFlightCalls
    }
}

/// An endpoint's connectivity, as gRPC names it (`doc/connectivity-semantics-and-api.md`).
public enum RPCConnectivityState: String, Sendable, Hashable, CustomStringConvertible {
    /// Not connected and not trying (never asked to, or its connection went away).
    case idle = "IDLE"
    /// A connection attempt is under way.
    case connecting = "CONNECTING"
    /// Connected: calls can go to it.
    case ready = "READY"
    /// The last attempt failed; the next waits for the reconnect backoff.
    case transientFailure = "TRANSIENT_FAILURE"

    public var description: String { rawValue }
}

/// A call as a balancer sees it when it picks an endpoint for it.
public struct RPCPickInfo: Sendable {
    /// The method called.
    public var method: RPCMethodDescriptor
    /// The request metadata (a ring-hash balancer's key, a routing hint).
    public var metadata: Metadata

    public init(method: RPCMethodDescriptor, metadata: Metadata) {
        self.method = method
        self.metadata = metadata
    }
}

/// How a call that a balancer picked an endpoint for ended.
public struct RPCCallOutcome: Sendable {
    /// The endpoint it ran on.
    public var endpoint: RPCEndpoint.ID
    /// Its status: the server's, or the client's (`CANCELLED`, `DEADLINE_EXCEEDED`, a stream
    /// that could not open).
    public var status: RPCStatus
    /// From the pick to the end.
    public var duration: Duration

    public init(endpoint: RPCEndpoint.ID, status: RPCStatus, duration: Duration) {
        self.endpoint = endpoint
        self.status = status
        self.duration = duration
    }
}

/// Which endpoints a channel connects when a call finds none ready
/// (``RPCLoadBalancer/connectionPlan(for:)``).
public struct RPCConnectionPlan: Sendable, Hashable {
    /// Tried one at a time, in this order, until one is ready; the waiting call goes there.
    public var inOrder: [RPCEndpoint.ID]
    /// Connected without waiting once one of ``inOrder`` is ready, so later calls can spread.
    public var inBackground: [RPCEndpoint.ID]

    public init(inOrder: [RPCEndpoint.ID], inBackground: [RPCEndpoint.ID] = []) {
        self.inOrder = inOrder
        self.inBackground = inBackground
    }

    /// One at a time, in the resolver's order, until one is ready (pick-first).
    public static func connectingFirst(_ endpoints: [RPCEndpoint]) -> Self {
        Self(inOrder: endpoints.map(\.id))
    }

    /// Every endpoint: the first that can be for the waiting call, the rest in the background
    /// (round-robin).
    public static func connectingAll(_ endpoints: [RPCEndpoint]) -> Self {
        Self(inOrder: endpoints.map(\.id), inBackground: endpoints.map(\.id))
    }
}
