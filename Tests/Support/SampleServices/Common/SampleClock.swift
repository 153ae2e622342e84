// The wall clock the sample services stamp records and tokens with, injected so tests can move it.
internal import Glibc
public import ProtoRuntime

/// Where the sample services read the time: `created_at`, `updated_at` and token expiry.
///
/// ```swift
/// let services = SampleServices(clock: .system)
/// ```
public struct SampleClock: Sendable {
    /// The current time.
    public let now: @Sendable () -> Google_Protobuf_Timestamp

    /// A clock that answers with `now`.
    public init(now: @escaping @Sendable () -> Google_Protobuf_Timestamp) {
        self.now = now
    }

    /// The system's real-time clock (`CLOCK_REALTIME`).
    public static let system = SampleClock {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Google_Protobuf_Timestamp(seconds: Int64(spec.tv_sec), nanos: Int32(spec.tv_nsec))
    }
}

extension Google_Protobuf_Timestamp {
    /// This instant moved by `seconds`.
    func adding(seconds: Int64) -> Google_Protobuf_Timestamp {
        Google_Protobuf_Timestamp(seconds: self.seconds + seconds, nanos: nanos)
    }

    /// This instant moved by `seconds` and `nanos` (0 ≤ `nanos` < 10⁹), carrying whole seconds.
    func adding(seconds: Int64, nanos: Int32) -> Google_Protobuf_Timestamp {
        let total = Int64(self.nanos) + Int64(nanos)
        return Google_Protobuf_Timestamp(
            seconds: self.seconds + seconds + total / 1_000_000_000, nanos: Int32(total % 1_000_000_000))
    }

    /// Whether this instant comes before `other`.
    func isBefore(_ other: Google_Protobuf_Timestamp) -> Bool {
        (seconds, nanos) < (other.seconds, other.nanos)
    }
}
