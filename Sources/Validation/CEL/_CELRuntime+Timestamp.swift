public import ProtoRuntime

/// CEL's `google.protobuf.Timestamp` values: parsing `timestamp("2024-01-01T00:00:00Z")` (RFC
/// 3339, with `Z` or a numeric offset and up to nine fraction digits), printing, arithmetic with
/// durations, and the UTC accessors (`getFullYear()` …). Every result must lie in protobuf's
/// range, 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z.
extension _CELRuntime {
    /// The smallest and largest seconds a protobuf `Timestamp` may hold.
    static let timestampSecondsRange: ClosedRange<Int64> = -62_135_596_800...253_402_300_799

    /// `timestamp(string)`: parses an RFC 3339 date-time.
    public static func timestamp(_ text: String) throws(CELEvaluationError) -> Google_Protobuf_Timestamp {
        guard let value = parseTimestamp(Array(text.utf8)), timestampSecondsRange.contains(value.seconds) else {
            throw CELEvaluationError(code: .invalidConversion, message: "invalid timestamp \"\(text)\"")
        }
        return value
    }

    /// An RFC 3339 date-time (`2024-01-01T10:00:00.5+02:00`), or `nil` when malformed.
    static func parseTimestamp(_ text: [UInt8]) -> Google_Protobuf_Timestamp? {
        var reader = DigitReader(text: text)
        guard let year = reader.number(4), reader.skip("-"), let month = reader.number(2), reader.skip("-"),
            let day = reader.number(2), reader.skip("T"), let hour = reader.number(2), reader.skip(":"),
            let minute = reader.number(2), reader.skip(":"), let second = reader.number(2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour < 24, minute < 60,
            second < 60
        else { return nil }
        var nanos: Int64 = 0
        if reader.skip(".") {
            var count = 0
            while let digit = reader.digit() {
                guard count < 9 else { return nil }
                nanos = nanos * 10 + digit
                count += 1
            }
            guard count > 0 else { return nil }
            for _ in count..<9 { nanos *= 10 }
        }
        var offset: Int64 = 0
        if !reader.skip("Z") {
            let sign: Int64 = reader.skip("+") ? 1 : (reader.skip("-") ? -1 : 0)
            guard sign != 0, let hours = reader.number(2), reader.skip(":"), let minutes = reader.number(2),
                hours < 24, minutes < 60
            else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        }
        guard reader.isAtEnd else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Google_Protobuf_Timestamp(seconds: seconds, nanos: Int32(nanos))
    }

    /// `string(timestamp)`: RFC 3339 in UTC, with the fraction only as long as needed.
    public static func string(_ value: Google_Protobuf_Timestamp) -> String {
        let (days, secondOfDay) = value.seconds.quotientAndRemainderFloored(by: 86_400)
        let (year, month, day) = civilFromDays(days)
        func pad(_ number: Int64, _ width: Int) -> String {
            let digits = String(number)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        var text = "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T"
        text += "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
        if value.nanos > 0 { text += fractionText(UInt32(value.nanos)) }
        return text + "Z"
    }

    /// `timestamp + duration`; a result outside protobuf's range is an error.
    public static func add(
        _ a: Google_Protobuf_Timestamp, _ b: Google_Protobuf_Duration
    ) throws(CELEvaluationError) -> Google_Protobuf_Timestamp {
        try timestampSum(a, b.seconds, Int64(b.nanos))
    }

    /// `duration + timestamp`.
    public static func add(
        _ a: Google_Protobuf_Duration, _ b: Google_Protobuf_Timestamp
    ) throws(CELEvaluationError) -> Google_Protobuf_Timestamp {
        try timestampSum(b, a.seconds, Int64(a.nanos))
    }

    /// `timestamp - duration`; a result outside protobuf's range is an error.
    public static func subtract(
        _ a: Google_Protobuf_Timestamp, _ b: Google_Protobuf_Duration
    ) throws(CELEvaluationError) -> Google_Protobuf_Timestamp {
        try timestampSum(a, -b.seconds, -Int64(b.nanos))
    }

    /// `timestamp - timestamp`: the duration between them.
    public static func subtract(
        _ a: Google_Protobuf_Timestamp, _ b: Google_Protobuf_Timestamp
    ) throws(CELEvaluationError) -> Google_Protobuf_Duration {
        try durationSum(a.seconds, Int64(a.nanos), -b.seconds, -Int64(b.nanos))
    }

    /// `a` moved by the given seconds and nanoseconds, checked against protobuf's range.
    static func timestampSum(
        _ a: Google_Protobuf_Timestamp, _ seconds: Int64, _ nanos: Int64
    )
        throws(CELEvaluationError) -> Google_Protobuf_Timestamp
    {
        let (total, remainder) = normalized(a.seconds, Int64(a.nanos), seconds, nanos)
        guard let total, timestampSecondsRange.contains(total) else {
            throw CELEvaluationError(code: .outOfRange, message: "timestamp out of range")
        }
        return Google_Protobuf_Timestamp(seconds: total, nanos: Int32(remainder))
    }

    /// The UTC calendar fields of a timestamp, for the `get…()` accessors.
    public enum TimestampField: Sendable {
        case fullYear, month, date, dayOfMonth, dayOfWeek, dayOfYear, hours, minutes, seconds, milliseconds
    }

    /// `timestamp.getFullYear()`, `getMonth()` (0-based), `getDate()` (1-based),
    /// `getDayOfMonth()` (0-based), `getDayOfWeek()` (0 is Sunday), `getDayOfYear()` (0-based),
    /// `getHours()`, `getMinutes()`, `getSeconds()`, `getMilliseconds()`, all in UTC.
    public static func component(_ field: TimestampField, of value: Google_Protobuf_Timestamp) -> Int64 {
        let (days, secondOfDay) = value.seconds.quotientAndRemainderFloored(by: 86_400)
        let (year, month, day) = civilFromDays(days)
        switch field {
        case .fullYear: return year
        case .month: return month - 1
        case .date: return day
        case .dayOfMonth: return day - 1
        case .dayOfWeek: return (days % 7 + 11) % 7  // 1970-01-01 was a Thursday (4)
        case .dayOfYear: return days - daysFromCivil(year: year, month: 1, day: 1)
        case .hours: return secondOfDay / 3600
        case .minutes: return secondOfDay / 60 % 60
        case .seconds: return secondOfDay % 60
        case .milliseconds: return Int64(value.nanos) / 1_000_000
        }
    }
}
