/// Chooses the endpoint of each call among a channel's endpoints, and which endpoints the channel
/// keeps connected: gRPC's load-balancing policy (`pick_first`, `round_robin`, and whatever a
/// later layer adds — weighted round robin, least request, ring hash, outlier ejection).
///
/// The channel owns the connections and calls the balancer; the balancer owns only its choices.
/// It is told the endpoints the resolver gives (``endpointsChanged(_:)``), each change of an
/// endpoint's connectivity (``endpointStateChanged(_:)``) and the end of every call it picked an
/// endpoint for (``callFinished(_:)``), and asked for an endpoint per call (``pick(_:among:)``)
/// and for what to connect when no ready endpoint suits (``connectionPlan(for:)``). Each
/// ``RPCEndpoint`` carries its in-flight call count, and each ``RPCPickInfo`` the call's method
/// and metadata (a hash key, say), so least-request and ring-hash balancers need nothing more.
///
/// It lives in the socket-free `RPC` target, not beside the HTTP/2 channel: an endpoint is named
/// by its address as text (`127.0.0.1:50051`), so neither the protocol nor its values need
/// `Transport`'s types, and a Resilience layer, the service config (``RPCServiceConfig``) and
/// any other transport can use it without depending on sockets.
///
/// A channel calls its balancer from many tasks at once, never while holding its own locks:
/// keep state in a `Mutex` or `Atomic`, and return quickly (``pick(_:among:)`` runs on every
/// call).
///
/// ```swift
/// /// Every call to the endpoint that was listed last among the ready ones.
/// struct PickLast: RPCLoadBalancer {
///     func connectionPlan(for endpoints: [RPCEndpoint]) -> RPCConnectionPlan {
///         .connectingAll(endpoints)
///     }
///     func pick(_ call: RPCPickInfo, among ready: [RPCEndpoint]) -> RPCEndpoint.ID? {
///         ready.last?.id
///     }
/// }
/// var configuration = RPCChannel.Configuration()
/// configuration.loadBalancing = RPCLoadBalancingPolicy(name: "pick_last") { PickLast() }
/// ```
public protocol RPCLoadBalancer: Sendable {
    /// The resolver gave the channel these endpoints, in its preference order (the channel's
    /// first list too). Default: nothing.
    func endpointsChanged(_ endpoints: [RPCEndpoint])

    /// An endpoint's connectivity changed (it began connecting, became ready, failed, or its
    /// connection went away). Default: nothing.
    func endpointStateChanged(_ endpoint: RPCEndpoint)

    /// What the channel connects when a call finds no ready endpoint that ``pick(_:among:)``
    /// takes: it tries ``RPCConnectionPlan/inOrder`` one at a time until one is ready, gives the
    /// call to it (asking ``pick(_:among:)`` again first), and then brings
    /// ``RPCConnectionPlan/inBackground`` up without waiting.
    /// - Parameter endpoints: every endpoint, in the resolver's order, with its state.
    func connectionPlan(for endpoints: [RPCEndpoint]) -> RPCConnectionPlan

    /// The endpoint for a call, among the ready ones (in the resolver's order, never empty);
    /// `nil` when none of them should take it, so the channel follows the connection plan.
    func pick(_ call: RPCPickInfo, among ready: [RPCEndpoint]) -> RPCEndpoint.ID?

    /// A call (one attempt: each retry is picked anew) on an endpoint ended. Default: nothing.
    func callFinished(_ outcome: RPCCallOutcome)
}

extension RPCLoadBalancer {
    public func endpointsChanged(_ endpoints: [RPCEndpoint]) {}
    public func endpointStateChanged(_ endpoint: RPCEndpoint) {}
    public func callFinished(_ outcome: RPCCallOutcome) {}
}

/// A load-balancing policy by name: how a channel makes its ``RPCLoadBalancer`` (one per
/// channel, since balancers keep state).
///
/// ```swift
/// configuration.loadBalancing = .roundRobin
/// configuration.loadBalancing = RPCLoadBalancingPolicy(name: "least_request") { LeastRequest() }
/// ```
public struct RPCLoadBalancingPolicy: Sendable, CustomStringConvertible {
    /// The name a service config's `loadBalancingConfig` knows it by: `round_robin`.
    public let name: String
    private let make: @Sendable () -> any RPCLoadBalancer

    /// A policy named `name` whose balancers `makeBalancer` makes.
    public init(name: String, makeBalancer: @escaping @Sendable () -> any RPCLoadBalancer) {
        self.name = name
        self.make = makeBalancer
    }

    /// A new balancer of this policy, for one channel.
    public func makeBalancer() -> any RPCLoadBalancer { make() }

    public var description: String { name }

    /// gRPC's default: every call on the first endpoint, in the resolver's order, that is ready;
    /// endpoints are connected one at a time, in order, until one is.
    public static var pickFirst: Self { Self(name: "pick_first") { PickFirstBalancer() } }

    /// Calls in turn over every ready endpoint; every endpoint is connected (the first that
    /// can be for the call waiting, the others in the background).
    public static var roundRobin: Self { Self(name: "round_robin") { RoundRobinBalancer() } }
}
