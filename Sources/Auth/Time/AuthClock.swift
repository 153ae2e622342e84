internal import Glibc

/// Wall-clock time in whole seconds since the Unix epoch, as JWT NumericDates count it.
///
/// Injected wherever time decides (token validity, key retirement, JWKS caching), so tests set
/// the time instead of sleeping.
public protocol AuthClock: Sendable {
    /// Seconds since 1970-01-01T00:00:00Z.
    func now() -> Int64
}

/// The system's real-time clock (`CLOCK_REALTIME`).
public struct SystemClock: AuthClock {
    /// The system clock.
    public init() {}

    public func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Int64(time.tv_sec)
    }
}

extension Duration {
    /// Whole seconds, rounded down (a duration's attoseconds are dropped).
    var wholeSeconds: Int64 { components.seconds }
}
