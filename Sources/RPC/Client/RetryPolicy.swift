/// gRPC's retry policy (the service config's `retryPolicy`, gRFC A6): a call that fails with a
/// retryable status before anything was committed to the caller (no response headers or
/// messages delivered) is tried again, up to ``maxAttempts`` in all, after an exponential
/// backoff with full jitter.
///
/// ```swift
/// let policy = RPCRetryPolicy(maxAttempts: 3, retryableStatusCodes: [.unavailable])
/// ```
public struct RPCRetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included; 2…5 (gRPC caps it at 5).
    public var maxAttempts: Int
    /// The backoff before the first retry (its upper bound: the actual wait is random below it).
    public var initialBackoff: Duration
    /// The largest backoff bound.
    public var maxBackoff: Duration
    /// The factor the bound grows by after each retry.
    public var backoffMultiplier: Double
    /// The status codes worth trying again.
    public var retryableStatusCodes: Set<RPCStatus.Code>

    public init(
        maxAttempts: Int = 3, initialBackoff: Duration = .milliseconds(100), maxBackoff: Duration = .seconds(1),
        backoffMultiplier: Double = 2, retryableStatusCodes: Set<RPCStatus.Code> = [.unavailable]
    ) {
        self.maxAttempts = min(max(maxAttempts, 1), 5)
        self.initialBackoff = max(initialBackoff, .zero)
        self.maxBackoff = max(maxBackoff, self.initialBackoff)
        self.backoffMultiplier = max(backoffMultiplier, 1)
        self.retryableStatusCodes = retryableStatusCodes
    }

    /// No retries.
    public static let none = RPCRetryPolicy(maxAttempts: 1, retryableStatusCodes: [])

    /// The wait before retry number `retry` (1 for the first retry): uniformly random in
    /// `[0, min(initialBackoff × multiplier^(retry-1), maxBackoff))`.
    public func backoff(beforeRetry retry: Int, random: Double = Double.random(in: 0..<1)) -> Duration {
        exponentialBackoff(
            initial: initialBackoff, multiplier: backoffMultiplier, maximum: maxBackoff, steps: retry - 1) * random
    }
}

/// `initial × multiplier^steps`, capped at `maximum` (grown a step at a time, so it never
/// overflows): the bound of gRPC's retry backoff and of its connection backoff.
package func exponentialBackoff(initial: Duration, multiplier: Double, maximum: Duration, steps: Int) -> Duration {
    var bound = min(initial, maximum)
    for _ in 0..<max(steps, 0) { bound = min(bound * multiplier, maximum) }
    return bound
}
