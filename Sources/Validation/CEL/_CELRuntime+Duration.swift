public import ProtoRuntime

/// CEL's `google.protobuf.Duration` values: parsing `duration("1h30m")`, printing `string(d)`,
/// arithmetic and accessors.
///
/// The text form is Go's `time.ParseDuration` (which CEL's definition names): an optional sign,
/// then one or more decimal numbers with a unit each (`ns`, `us`, `µs`, `ms`, `s`, `m`, `h`), as
/// in `1.5h`, `-2s`, `300ms`, `1h2m3.5s`; a bare `0` is zero. The total, and the result of any
/// arithmetic, must fit in int64 nanoseconds (about ±292 years), as in Go and protovalidate.
extension _CELRuntime {
    /// `duration(string)`: parses Go's duration syntax.
    public static func duration(_ text: String) throws(CELEvaluationError) -> Google_Protobuf_Duration {
        guard let nanoseconds = parseDuration(Array(text.utf8)) else {
            throw CELEvaluationError(code: .invalidConversion, message: "invalid duration \"\(text)\"")
        }
        return duration(nanoseconds: nanoseconds)
    }

    /// A duration of the given total nanoseconds.
    @inlinable public static func duration(nanoseconds: Int64) -> Google_Protobuf_Duration {
        Google_Protobuf_Duration(
            seconds: nanoseconds / 1_000_000_000, nanos: Int32(nanoseconds % 1_000_000_000))
    }

    /// Total nanoseconds of Go's duration syntax, or `nil` when it is malformed or overflows.
    static func parseDuration(_ text: [UInt8]) -> Int64? {
        var rest = text[...]
        var isNegative = false
        if let sign = rest.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            isNegative = sign == UInt8(ascii: "-")
            rest = rest.dropFirst()
        }
        if rest.elementsEqual("0".utf8) { return 0 }
        if rest.isEmpty { return nil }
        var total: UInt64 = 0
        while !rest.isEmpty {
            guard let (value, remainder) = durationComponent(rest) else { return nil }
            let (sum, overflow) = total.addingReportingOverflow(value)
            guard !overflow, sum <= 1 << 63 else { return nil }
            total = sum
            rest = remainder
        }
        if isNegative { return total == 1 << 63 ? Int64.min : -Int64(total) }
        return total < 1 << 63 ? Int64(total) : nil
    }

    /// One `<number><unit>` of a duration: its nanoseconds and the text after it.
    private static func durationComponent(_ text: ArraySlice<UInt8>) -> (UInt64, ArraySlice<UInt8>)? {
        var rest = text
        var whole: UInt64 = 0
        var fraction: UInt64 = 0
        var scale = 1.0
        var digitsSeen = false
        while let c = rest.first, c >= 0x30, c <= 0x39 {
            let (times10, o1) = whole.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.addingReportingOverflow(UInt64(c - 0x30))
            guard !o1, !o2, next <= 1 << 63 else { return nil }
            whole = next
            digitsSeen = true
            rest = rest.dropFirst()
        }
        if rest.first == UInt8(ascii: ".") {
            rest = rest.dropFirst()
            var overflowed = false
            while let c = rest.first, c >= 0x30, c <= 0x39 {
                digitsSeen = true
                rest = rest.dropFirst()
                if overflowed { continue }
                if fraction > (1 << 63 - 1) / 10 {
                    overflowed = true  // Go keeps the digits that fit and ignores the rest
                    continue
                }
                fraction = fraction * 10 + UInt64(c - 0x30)
                scale *= 10
            }
        }
        guard digitsSeen else { return nil }
        let unitEnd = rest.firstIndex { $0 == UInt8(ascii: ".") || ($0 >= 0x30 && $0 <= 0x39) } ?? rest.endIndex
        guard let unit = durationUnit(rest[..<unitEnd]) else { return nil }
        rest = rest[unitEnd...]
        let (scaled, overflow) = whole.multipliedReportingOverflow(by: unit)
        guard !overflow, scaled <= 1 << 63 else { return nil }
        var value = scaled
        if fraction > 0 {
            value += UInt64(Double(fraction) * (Double(unit) / scale))
            guard value <= 1 << 63 else { return nil }
        }
        return (value, rest)
    }

    /// Nanoseconds per unit, by unit name.
    private static func durationUnit(_ name: ArraySlice<UInt8>) -> UInt64? {
        switch String(decoding: name, as: UTF8.self) {
        case "ns": 1
        case "us", "\u{00B5}s", "\u{03BC}s": 1_000
        case "ms": 1_000_000
        case "s": 1_000_000_000
        case "m": 60_000_000_000
        case "h": 3_600_000_000_000
        default: nil
        }
    }

    /// `string(duration)`: seconds with the fraction CEL needs, then `s` (`1.5s`, `-0.001s`, `3600s`).
    public static func string(_ value: Google_Protobuf_Duration) -> String {
        let isNegative = value.seconds < 0 || value.nanos < 0
        var text = (isNegative ? "-" : "") + String(value.seconds.magnitude)
        if value.nanos != 0 { text += fractionText(UInt32(value.nanos.magnitude)) }
        return text + "s"
    }

    /// `.123`, with trailing zeros removed, for 1…999,999,999 nanoseconds.
    static func fractionText(_ nanos: UInt32) -> String {
        var digits = String(nanos)
        digits = String(repeating: "0", count: 9 - digits.count) + digits
        while digits.last == "0" { digits.removeLast() }
        return "." + digits
    }

    /// `duration + duration`; a result outside protobuf's range is an error.
    public static func add(
        _ a: Google_Protobuf_Duration, _ b: Google_Protobuf_Duration
    ) throws(CELEvaluationError) -> Google_Protobuf_Duration {
        try durationSum(a.seconds, Int64(a.nanos), b.seconds, Int64(b.nanos))
    }

    /// `duration - duration`; a result outside protobuf's range is an error.
    public static func subtract(
        _ a: Google_Protobuf_Duration, _ b: Google_Protobuf_Duration
    ) throws(CELEvaluationError) -> Google_Protobuf_Duration {
        try durationSum(a.seconds, Int64(a.nanos), -b.seconds, -Int64(b.nanos))
    }

    /// A normalized duration of `s1 + s2` seconds and `n1 + n2` nanoseconds. CEL's durations are
    /// int64 nanoseconds (Go's `time.Duration`, about ±292 years), and so is protovalidate's: a
    /// result beyond that is an error.
    static func durationSum(
        _ s1: Int64, _ n1: Int64, _ s2: Int64, _ n2: Int64
    ) throws(CELEvaluationError)
        -> Google_Protobuf_Duration
    {
        var (seconds, nanos) = normalized(s1, n1, s2, n2)
        if let whole = seconds, whole < 0 && nanos > 0 {
            seconds = whole + 1
            nanos -= 1_000_000_000
        }
        guard let seconds, fitsInNanoseconds(seconds, nanos) else {
            throw CELEvaluationError(code: .outOfRange, message: "duration out of range")
        }
        return Google_Protobuf_Duration(seconds: seconds, nanos: Int32(nanos))
    }

    /// True when `seconds` and `nanos` (of one sign) make a whole number of int64 nanoseconds.
    static func fitsInNanoseconds(_ seconds: Int64, _ nanos: Int64) -> Bool {
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return !overflow && !scaled.addingReportingOverflow(nanos).overflow
    }

    /// `s1 + s2` seconds and `n1 + n2` nanoseconds (each |n| < 10^9) as seconds and
    /// 0 ≤ nanos < 10^9; seconds is `nil` on overflow.
    static func normalized(_ s1: Int64, _ n1: Int64, _ s2: Int64, _ n2: Int64) -> (Int64?, Int64) {
        var nanos = n1 + n2
        var carry: Int64 = 0
        if nanos >= 1_000_000_000 {
            nanos -= 1_000_000_000
            carry = 1
        } else if nanos < 0 {
            nanos += 1_000_000_000
            carry = -1
        }
        let (partial, o1) = s1.addingReportingOverflow(s2)
        let (seconds, o2) = partial.addingReportingOverflow(carry)
        return (o1 || o2 ? nil : seconds, nanos)
    }

    /// `duration.getHours()`: whole hours, truncated toward zero.
    @inlinable public static func hours(_ value: Google_Protobuf_Duration) -> Int64 { value.seconds / 3600 }
    /// `duration.getMinutes()`: whole minutes, truncated toward zero.
    @inlinable public static func minutes(_ value: Google_Protobuf_Duration) -> Int64 { value.seconds / 60 }
    /// `duration.getSeconds()`: whole seconds, truncated toward zero.
    @inlinable public static func seconds(_ value: Google_Protobuf_Duration) -> Int64 { value.seconds }
}
