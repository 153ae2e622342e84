/// Options for one client call.
///
/// ```swift
/// var options = RPCCallOptions(timeout: .seconds(2))
/// options.metadata.add("x-request-id", "r-42")
/// let reply = try await client.unaryCall(request, options: options)
/// ```
public struct RPCCallOptions: Sendable {
    /// How long the call may take; combined with ``deadline`` and with the deadline of the
    /// handler making the call (the earliest wins).
    public var timeout: Duration?
    /// When the call must be over.
    public var deadline: ContinuousClock.Instant?
    /// Request metadata.
    public var metadata: Metadata
    /// The encoding of request messages: `gzip` compresses each one; `nil` uses the channel's.
    public var compression: GRPCCompression?
    /// The largest response message accepted; `nil` uses the method's policy (by default 4 MiB).
    public var maxReceiveMessageSize: Int?
    /// The largest request message sent; `nil` uses the method's policy.
    public var maxSendMessageSize: Int?
    /// The retry policy; `nil` uses the method's policy (``RPCClient/Configuration/methodPolicies``).
    public var retryPolicy: RPCRetryPolicy?
    /// gRPC's wait-for-ready. While the channel cannot connect (the server is down or starting,
    /// the name does not resolve), a call normally fails at once with `UNAVAILABLE`. With this
    /// set it waits instead, through the reconnect backoff, until a connection is ready, its
    /// deadline passes (`DEADLINE_EXCEEDED`) or its task is cancelled (`CANCELLED`). Give such
    /// calls a deadline. `nil` uses the method's policy (by default, fail fast); `false` fails
    /// fast whatever the policy says.
    public var waitForReady: Bool?
    /// Whether request messages are checked against their contract's `buf.validate` rules before
    /// they are sent. On by default: a request that breaks them throws the `INVALID_ARGUMENT`
    /// status a server would answer, and nothing goes on the wire.
    public var validatesRequests = true

    public init(
        timeout: Duration? = nil, deadline: ContinuousClock.Instant? = nil, metadata: Metadata = Metadata(),
        compression: GRPCCompression? = nil, retryPolicy: RPCRetryPolicy? = nil, waitForReady: Bool? = nil
    ) {
        self.timeout = timeout
        self.deadline = deadline
        self.metadata = metadata
        self.compression = compression
        self.retryPolicy = retryPolicy
        self.waitForReady = waitForReady
    }

    /// The call's deadline: the earliest of ``deadline``, now + ``timeout`` and the deadline of
    /// the server call this client call is made from (deadline propagation).
    public func effectiveDeadline(now: ContinuousClock.Instant = .now) -> ContinuousClock.Instant? {
        var result = deadline
        if let timeout { result = Self.earliest(result, now.advanced(by: timeout)) }
        return Self.earliest(result, RPCServerContext.currentDeadline)
    }

    static func earliest(_ a: ContinuousClock.Instant?, _ b: ContinuousClock.Instant?) -> ContinuousClock.Instant? {
        switch (a, b) {
        case (let a?, let b?): min(a, b)
        case (let a?, nil): a
        case (nil, let b): b
        }
    }
}
