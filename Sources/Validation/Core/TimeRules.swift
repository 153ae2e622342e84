public import ProtoRuntime

/// Time arithmetic for generated validators. Durations and timestamps compare by their total
/// value in nanoseconds, as protovalidate does, so unnormalized values (`nanos` beyond a second,
/// or of the other sign) are judged by what they add up to.
public enum TimeRules {
    /// The total nanoseconds of a duration.
    @inlinable
    public static func nanos(_ value: Google_Protobuf_Duration) -> Int128 {
        Int128(value.seconds) * 1_000_000_000 + Int128(value.nanos)
    }

    /// The nanoseconds since the epoch of a timestamp.
    @inlinable
    public static func nanos(_ value: Google_Protobuf_Timestamp) -> Int128 {
        Int128(value.seconds) * 1_000_000_000 + Int128(value.nanos)
    }

    /// True when `value` lies within `window` nanoseconds of `now`, in either direction.
    public static func isWithin(
        _ value: Google_Protobuf_Timestamp, _ window: Int128, of now: Google_Protobuf_Timestamp
    ) -> Bool {
        (nanos(value) - nanos(now)).magnitude <= window.magnitude
    }
}
