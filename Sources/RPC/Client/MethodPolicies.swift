/// How calls to a method behave by default: gRPC's `MethodConfig` (the service config's
/// `methodConfig` entries, gRFC A2 and A6) as a value.
///
/// A field left `nil` is not set: the call uses its own option or the built-in default (no
/// timeout, no retries, fail fast, 4 MiB responses, requests up to 2 GiB). Call options
/// override every field, except ``timeout``, which combines with the call's deadline (the
/// earliest wins).
///
/// ```swift
/// let policy = RPCMethodPolicy(
///     timeout: .seconds(2), retryPolicy: RPCRetryPolicy(maxAttempts: 3, retryableStatusCodes: [.unavailable]))
/// ```
public struct RPCMethodPolicy: Sendable, Hashable {
    /// How long a call may take: its deadline is the earliest of now + this, the call's own
    /// deadline or timeout, and the deadline propagated from the server call making it.
    public var timeout: Duration?
    /// The retry policy (gRFC A6); `nil` is no retries.
    public var retryPolicy: RPCRetryPolicy?
    /// Whether calls wait for a connection instead of failing fast
    /// (``RPCCallOptions/waitForReady``); `nil` is false.
    public var waitForReady: Bool?
    /// The largest request message sent, in bytes; `nil` is ``defaultMaxRequestMessageBytes``.
    public var maxRequestMessageBytes: Int?
    /// The largest response message accepted, in bytes; `nil` is
    /// ``defaultMaxResponseMessageBytes``.
    public var maxResponseMessageBytes: Int?

    /// The request size limit when neither the call nor its policy sets one: 2 GiB − 1 (what a
    /// gRPC length prefix can carry).
    public static let defaultMaxRequestMessageBytes = Int(Int32.max)
    /// The response size limit when neither the call nor its policy sets one: 4 MiB, gRPC's default.
    public static let defaultMaxResponseMessageBytes = 4 * 1024 * 1024

    /// A policy; every field unset by default.
    public init(
        timeout: Duration? = nil, retryPolicy: RPCRetryPolicy? = nil, waitForReady: Bool? = nil,
        maxRequestMessageBytes: Int? = nil, maxResponseMessageBytes: Int? = nil
    ) {
        self.timeout = timeout
        self.retryPolicy = retryPolicy
        self.waitForReady = waitForReady
        self.maxRequestMessageBytes = maxRequestMessageBytes
        self.maxResponseMessageBytes = maxResponseMessageBytes
    }
}

/// The client's per-method policies: one for every method (``defaults``), overrides per service
/// and per method. THE place a call's timeout, retry policy, wait-for-ready and message size
/// limits come from; service configs (``RPCServiceConfig``) and, later, resilience
/// configuration files fill it.
///
/// The most specific entry applies, whole, as in gRPC's service config (gRFC A2): a method's own
/// entry, else its service's, else ``defaults``. Entries do not merge field by field, so what an
/// entry says is all a call to its methods gets; a call's ``RPCCallOptions`` then override it
/// field by field.
///
/// ```swift
/// var policies = RPCMethodPolicies(defaults: RPCMethodPolicy(timeout: .seconds(5)))
/// policies[service: Grpc_Testing_TestService.descriptor] = RPCMethodPolicy(timeout: .seconds(2))
/// policies[method: Grpc_Testing_TestService.Method.unaryCall] = RPCMethodPolicy(
///     timeout: .seconds(1), retryPolicy: RPCRetryPolicy(maxAttempts: 3))
/// var configuration = RPCClient.Configuration()
/// configuration.methodPolicies = policies
/// ```
public struct RPCMethodPolicies: Sendable, Hashable {
    /// A method named as a service config names it (the descriptor's kind plays no part).
    struct MethodName: Sendable, Hashable {
        var service: String
        var method: String
    }

    /// The policy of methods that have no entry of their own or of their service (gRPC's
    /// default method config, `"name": [{}]`).
    public var defaults: RPCMethodPolicy
    private(set) var services: [String: RPCMethodPolicy] = [:]
    private(set) var methods: [MethodName: RPCMethodPolicy] = [:]

    /// Policies with `defaults` for every method and no overrides.
    public init(defaults: RPCMethodPolicy = RPCMethodPolicy()) {
        self.defaults = defaults
    }

    /// The entry of a service's methods, by its fully qualified name (`grpc.testing.TestService`).
    public subscript(service name: String) -> RPCMethodPolicy? {
        get { services[name] }
        set { services[name] = newValue }
    }

    /// The entry of a service's methods.
    public subscript(service service: RPCServiceDescriptor) -> RPCMethodPolicy? {
        get { self[service: service.name] }
        set { self[service: service.name] = newValue }
    }

    /// The entry of one method, keyed by its service and method names (its kind plays no part,
    /// so a configuration file that knows only names can build the descriptor).
    public subscript(method method: RPCMethodDescriptor) -> RPCMethodPolicy? {
        get { methods[MethodName(service: method.service, method: method.method)] }
        set { methods[MethodName(service: method.service, method: method.method)] = newValue }
    }

    /// The entry of one method, by names (what a service config gives).
    subscript(service service: String, method method: String) -> RPCMethodPolicy? {
        get { methods[MethodName(service: service, method: method)] }
        set { methods[MethodName(service: service, method: method)] = newValue }
    }

    /// The policy calls to `method` get: its own entry, else its service's, else ``defaults``.
    public func policy(for method: RPCMethodDescriptor) -> RPCMethodPolicy {
        // Every call asks; without overrides (the common case) no name is hashed.
        if !methods.isEmpty, let policy = methods[MethodName(service: method.service, method: method.method)] {
            return policy
        }
        if !services.isEmpty, let policy = services[method.service] { return policy }
        return defaults
    }
}

extension RPCMethodPolicy {
    /// The call's deadline: the earliest of now + ``timeout``, the options' deadline and timeout,
    /// and the propagated deadline (``RPCCallOptions/effectiveDeadline(now:)``).
    func deadline(for options: RPCCallOptions, now: ContinuousClock.Instant = .now) -> ContinuousClock.Instant? {
        RPCCallOptions.earliest(options.effectiveDeadline(now: now), timeout.map { now.advanced(by: $0) })
    }

    /// The call's retry policy: the options', else this policy's, else none.
    func retryPolicy(for options: RPCCallOptions) -> RPCRetryPolicy {
        options.retryPolicy ?? retryPolicy ?? .none
    }

    /// Whether the call waits for a connection: the options' choice, else this policy's, else not.
    func waitForReady(for options: RPCCallOptions) -> Bool {
        options.waitForReady ?? waitForReady ?? false
    }

    /// The call's request size limit: the options', else this policy's, else the default.
    func maxRequestMessageBytes(for options: RPCCallOptions) -> Int {
        options.maxSendMessageSize ?? maxRequestMessageBytes ?? Self.defaultMaxRequestMessageBytes
    }

    /// The call's response size limit: the options', else this policy's, else the default.
    func maxResponseMessageBytes(for options: RPCCallOptions) -> Int {
        options.maxReceiveMessageSize ?? maxResponseMessageBytes ?? Self.defaultMaxResponseMessageBytes
    }
}
