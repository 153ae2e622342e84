// The wall clock the product service stamps records with and decides expiry by, injected so that
// tests can move it.
internal import Glibc

/// An instant in UTC with microsecond precision: how the product service keeps time, and how its
/// tables store it (a 64-bit count of microseconds since 1970-01-01T00:00:00Z, the same on both
/// drivers and ordered by plain integer comparison).
public struct UTCInstant: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Microseconds since 1970-01-01T00:00:00Z (negative before it).
    public var microsecondsSince1970: Int64

    /// The instant `microseconds` after 1970-01-01T00:00:00Z.
    public init(microsecondsSince1970 microseconds: Int64) {
        self.microsecondsSince1970 = microseconds
    }

    /// The instant `seconds` (and `nanoseconds`, truncated to microseconds) after 1970.
    public init(secondsSince1970 seconds: Int64, nanoseconds: Int32 = 0) {
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000)
        let micros = Int64(nanoseconds / 1000)
        if overflow {
            microsecondsSince1970 = seconds < 0 ? .min : .max
        } else {
            microsecondsSince1970 = scaled.addingReportingOverflow(micros).overflow ? .max : scaled + micros
        }
    }

    /// Whole seconds since 1970 (rounded towards negative infinity) and the nanoseconds after them
    /// (0 ≤ nanoseconds < 10⁹): the shape of `google.protobuf.Timestamp`.
    public var secondsAndNanoseconds: (seconds: Int64, nanoseconds: Int32) {
        let (seconds, micros) = microsecondsSince1970.quotientAndRemainder(dividingBy: 1_000_000)
        guard micros < 0 else { return (seconds, Int32(micros * 1000)) }
        return (seconds - 1, Int32((micros + 1_000_000) * 1000))
    }

    /// This instant moved by `duration` (truncated to microseconds, saturating).
    public func adding(_ duration: Duration) -> UTCInstant {
        let (seconds, attoseconds) = duration.components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000)
        let delta = overflow ? (seconds < 0 ? Int64.min : .max) : scaled &+ attoseconds / 1_000_000_000_000
        let (sum, sumOverflow) = microsecondsSince1970.addingReportingOverflow(delta)
        guard !sumOverflow else { return UTCInstant(microsecondsSince1970: delta < 0 ? .min : .max) }
        return UTCInstant(microsecondsSince1970: sum)
    }

    public static func < (lhs: UTCInstant, rhs: UTCInstant) -> Bool {
        lhs.microsecondsSince1970 < rhs.microsecondsSince1970
    }

    /// `1750000000.000000s` (seconds since 1970): for logs and test output.
    public var description: String {
        let (seconds, nanoseconds) = secondsAndNanoseconds
        let micros = String(nanoseconds / 1000)
        return "\(seconds).\(String(repeating: "0", count: 6 - micros.count))\(micros)s"
    }
}

/// Where the product service reads the time: `created_at`, `updated_at`, reservation expiry and
/// the sweeper's decisions.
///
/// ```swift
/// let service = ProductService(database: database, clock: .system)
/// ```
///
/// Expiry is decided by this clock, not the database's, so that a test can move time forward
/// and so that every replica decides by the same rule (replicas are expected to run with
/// synchronized clocks; a hold expires at most the clock skew early or late).
public struct ProductClock: Sendable {
    /// The current time.
    public let now: @Sendable () -> UTCInstant

    /// A clock that answers with `now`.
    public init(now: @escaping @Sendable () -> UTCInstant) {
        self.now = now
    }

    /// The system's real-time clock (`CLOCK_REALTIME`).
    public static let system = ProductClock {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return UTCInstant(secondsSince1970: Int64(spec.tv_sec), nanoseconds: Int32(spec.tv_nsec))
    }
}
