/// How callers wait for a pooled connection, and how a transaction that lost a race is retried;
/// shared by both drivers' configurations.
public struct SQLPoolConfiguration: Sendable, Hashable {
    /// How long a caller waits for a free connection before it gets
    /// ``StorageError/Kind/poolExhausted``. Default: 5 seconds.
    public var acquireTimeout: Duration
    /// How many callers may wait at once; one more gets ``StorageError/Kind/poolExhausted`` at
    /// once, so a stalled database sheds load instead of queueing without bound. Default: 1024.
    public var maxWaiting: Int
    /// How a transaction that lost a race is run again. Default: ``SQLRetryPolicy/defaults``.
    public var retry: SQLRetryPolicy

    /// The defaults.
    public static var defaults: SQLPoolConfiguration {
        SQLPoolConfiguration(acquireTimeout: .seconds(5), maxWaiting: 1024, retry: .defaults)
    }

    /// The defaults, changed by `configure`.
    public static func defaults(configure: (inout SQLPoolConfiguration) -> Void) -> SQLPoolConfiguration {
        var configuration = defaults
        configure(&configuration)
        return configuration
    }

    /// Creates a configuration.
    public init(acquireTimeout: Duration, maxWaiting: Int, retry: SQLRetryPolicy) {
        self.acquireTimeout = acquireTimeout
        self.maxWaiting = maxWaiting
        self.retry = retry
    }

    func validate() throws(StorageError) {
        guard acquireTimeout > .zero else { throw .invalidConfiguration("the acquire timeout must be positive") }
        guard maxWaiting >= 0 else { throw .invalidConfiguration("maxWaiting must not be negative") }
        try retry.validate()
    }
}

/// How ``SQLDatabase/write(isolation:_:)`` runs a transaction again after a serialization
/// failure, a deadlock, SQLite `BUSY`, or a connection that broke before `COMMIT`.
///
/// The wait before attempt *n* + 1 is random between zero and
/// `min(maxBackoff, initialBackoff × 2ⁿ⁻¹)` ("full jitter"), so that transactions that collided
/// do not collide again in step.
public struct SQLRetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included (1 turns retries off). Default: 8.
    public var maxAttempts: Int
    /// The cap of the first wait. Default: 2 ms.
    public var initialBackoff: Duration
    /// The largest cap. Default: 200 ms.
    public var maxBackoff: Duration

    /// The defaults.
    public static var defaults: SQLRetryPolicy {
        SQLRetryPolicy(maxAttempts: 8, initialBackoff: .milliseconds(2), maxBackoff: .milliseconds(200))
    }

    /// Creates a policy.
    public init(maxAttempts: Int, initialBackoff: Duration, maxBackoff: Duration) {
        self.maxAttempts = maxAttempts
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
    }

    func validate() throws(StorageError) {
        guard maxAttempts >= 1 else { throw .invalidConfiguration("maxAttempts must be at least 1") }
        guard initialBackoff >= .zero, maxBackoff >= initialBackoff else {
            throw .invalidConfiguration("the backoffs must satisfy 0 <= initialBackoff <= maxBackoff")
        }
    }

    /// The wait before the attempt after `attempt` (1-based), with full jitter.
    func backoff(after attempt: Int) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let cap = min(maxBackoff, initialBackoff * (1 << exponent))
        let nanoseconds = cap.totalNanoseconds
        guard nanoseconds > 0 else { return .zero }
        return .nanoseconds(Int64.random(in: 0...nanoseconds))
    }
}

extension Duration {
    /// The duration in whole nanoseconds, saturating.
    var totalNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return seconds < 0 ? .min : .max }
        return scaled.addingReportingOverflow(attoseconds / 1_000_000_000).overflow
            ? .max : scaled + attoseconds / 1_000_000_000
    }
}
