/// gRPC's service config (`doc/service_config.md`, gRFC A2, retries per gRFC A6) as values: the
/// per-method policies it sets and the load-balancing policy it asks for.
///
/// Read from its JSON form, it fills the client's ``RPCMethodPolicies`` (the one place calls get
/// their timeout, retry policy, wait-for-ready and size limits from) and the channel's
/// load-balancing policy:
///
/// ```swift
/// let config = try RPCServiceConfig(json: """
///     {
///       "loadBalancingConfig": [{ "round_robin": {} }],
///       "methodConfig": [{
///         "name": [{ "service": "grpc.testing.TestService" }],
///         "timeout": "1.5s",
///         "retryPolicy": {
///           "maxAttempts": 3, "initialBackoff": "0.1s", "maxBackoff": "1s",
///           "backoffMultiplier": 2, "retryableStatusCodes": ["UNAVAILABLE"]
///         }
///       }]
///     }
///     """)
/// var client = RPCClient.Configuration()
/// client.methodPolicies = config.methodPolicies
/// var channel = RPCChannel.Configuration()
/// channel.loadBalancing = config.loadBalancing ?? channel.loadBalancing
/// ```
///
/// What it reads: `methodConfig[]` with `name[]` (`service` and `method`; no method is the whole
/// service, no service the default for every method), `waitForReady`, `timeout`,
/// `maxRequestMessageBytes`, `maxResponseMessageBytes` and `retryPolicy`; `loadBalancingConfig`
/// (the first policy it knows), else the deprecated `loadBalancingPolicy`. What it checks, as the
/// gRFCs ask: `maxAttempts` above 1 (above 5 counts as 5), backoffs above zero, a multiplier
/// above zero, retryable codes present and known, no name twice, no method without a service,
/// not both `retryPolicy` and `hedgingPolicy`. Other fields (`hedgingPolicy`, `retryThrottling`,
/// `healthCheckConfig`, a policy's own settings) are not supported and are ignored, as unknown
/// fields are.
public struct RPCServiceConfig: Sendable {
    /// The policies of its `methodConfig` entries.
    public var methodPolicies: RPCMethodPolicies
    /// The load-balancing policy it asks for; `nil` when it names none (keep the channel's).
    public var loadBalancing: RPCLoadBalancingPolicy?

    /// A service config of these values.
    public init(methodPolicies: RPCMethodPolicies = RPCMethodPolicies(), loadBalancing: RPCLoadBalancingPolicy? = nil) {
        self.methodPolicies = methodPolicies
        self.loadBalancing = loadBalancing
    }

    /// Reads a service config's JSON.
    /// - Parameters:
    ///   - json: the service config.
    ///   - loadBalancingPolicies: the policies `loadBalancingConfig` and `loadBalancingPolicy`
    ///     may name; add your own to let a config choose them.
    /// - Throws: ``RPCServiceConfigError`` naming the first problem and its JSON path.
    public init(
        json: String, loadBalancingPolicies: [RPCLoadBalancingPolicy] = [.pickFirst, .roundRobin]
    ) throws(RPCServiceConfigError) {
        self = try ServiceConfigParser(loadBalancingPolicies: loadBalancingPolicies).parse(json)
    }
}
