/// The `grpc-timeout` header: a positive integer of at most 8 digits and a unit (`H`, `M`, `S`,
/// `m`, `u`, `n`).
public enum GRPCTimeout {
    /// The largest value the header can carry in one unit.
    static let maxValue: Int64 = 99_999_999

    /// The duration `text` names, or `nil` if it is malformed (empty, more than 8 digits, a sign,
    /// an unknown unit). A malformed timeout is the caller's to answer (gRPC servers treat it as
    /// a bad request, not as "no deadline").
    public static func parse(_ text: some StringProtocol) -> Duration? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 2, bytes.count <= 9, let unit = bytes.last else { return nil }
        var value: Int64 = 0
        for byte in bytes.dropLast() {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        switch unit {
        case UInt8(ascii: "H"): return .seconds(value * 3600)
        case UInt8(ascii: "M"): return .seconds(value * 60)
        case UInt8(ascii: "S"): return .seconds(value)
        case UInt8(ascii: "m"): return .milliseconds(value)
        case UInt8(ascii: "u"): return .microseconds(value)
        case UInt8(ascii: "n"): return .nanoseconds(value)
        default: return nil
        }
    }

    /// The header value for `duration`: the finest unit whose value fits in 8 digits, rounded up
    /// so the peer never sees a shorter deadline than ours. Zero and negative durations become
    /// `1n` (the deadline has passed: the peer should give up at once).
    public static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        guard seconds > 0 || (seconds == 0 && attoseconds > 0) else { return "1n" }
        // Nanoseconds, saturating: ~292 years fit, past that the hour unit takes over anyway.
        let nanos = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        let total: Int64 =
            nanos.overflow
            ? Int64.max
            : nanos.partialValue.addingReportingOverflow((attoseconds + 999_999_999) / 1_000_000_000).partialValue
        let units: [(Int64, Character)] = [
            (1, "n"), (1_000, "u"), (1_000_000, "m"), (1_000_000_000, "S"), (60_000_000_000, "M"),
            (3_600_000_000_000, "H"),
        ]
        for (size, unit) in units {
            let value = total / size + (total % size == 0 ? 0 : 1)
            if value <= maxValue { return "\(value)\(unit)" }
        }
        return "\(maxValue)H"
    }
}
