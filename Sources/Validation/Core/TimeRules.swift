public import ProtoRuntime

/// Time arithmetic for generated validators.
public enum TimeRules {
    /// True when `value` lies within `window` (seconds, nanos) of `now`, in either direction.
    public static func isWithin(
        _ value: Google_Protobuf_Timestamp, _ window: (Int64, Int32), of now: Google_Protobuf_Timestamp
    ) -> Bool {
        let difference =
            (Int128(value.seconds) - Int128(now.seconds)) * 1_000_000_000 + Int128(value.nanos) - Int128(now.nanos)
        let limit = Int128(window.0) * 1_000_000_000 + Int128(window.1)
        return difference.magnitude <= limit.magnitude
    }
}
