/// Calendar arithmetic for RFC 3339 timestamps: proleptic Gregorian, UTC.
@usableFromInline
enum CivilTime {
    /// Days since 1970-01-01 of a date (Howard Hinnant's `days_from_civil`).
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day count since 1970-01-01.
    static func date(days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// `nanos` as a fraction with 3, 6 or 9 digits (none for zero), as protobuf writes them.
    static func fraction(_ nanos: Int32) -> String {
        guard nanos != 0 else { return "" }
        var digits = 9
        var value = Int(nanos)
        while digits > 3 && value % 1000 == 0 {
            value /= 1000
            digits -= 3
        }
        return "." + padded(value, digits)
    }

    static func padded(_ value: some BinaryInteger, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

/// A cursor over the ASCII text of a timestamp or duration.
struct TextCursor {
    let bytes: [UInt8]
    var index = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    var isAtEnd: Bool { index == bytes.count }

    mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Exactly `count` digits.
    mutating func digits(_ count: Int) -> Int64? {
        guard bytes.count - index >= count else { return nil }
        var value: Int64 = 0
        for _ in 0..<count {
            let byte = bytes[index]
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int64(byte - 0x30)
            index += 1
        }
        return value
    }

    /// An optional `.` and 1 to 9 digits, as nanoseconds.
    mutating func fractionNanos() -> Int32? {
        guard take(UInt8(ascii: ".")) else { return 0 }
        var value: Int32 = 0
        var count = 0
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
            guard count < 9 else { return nil }
            value = value * 10 + Int32(bytes[index] - 0x30)
            count += 1
            index += 1
        }
        guard count > 0 else { return nil }
        for _ in count..<9 { value *= 10 }
        return value
    }
}

extension Google_Protobuf_Timestamp {
    /// The earliest time JSON can express, 0001-01-01T00:00:00Z, in seconds since the epoch.
    public static let minJSONSeconds: Int64 = -62_135_596_800
    /// The latest, 9999-12-31T23:59:59Z.
    public static let maxJSONSeconds: Int64 = 253_402_300_799

    /// A timestamp `interval` seconds after 1970-01-01T00:00:00Z.
    public init(timeIntervalSince1970 interval: Double) {
        let seconds = interval.rounded(.down)
        self.init(seconds: Int64(seconds), nanos: Int32(((interval - seconds) * 1e9).rounded()))
        if nanos >= 1_000_000_000 {
            self.seconds += 1
            nanos -= 1_000_000_000
        }
    }

    /// Seconds since 1970-01-01T00:00:00Z, with the nanoseconds as a fraction.
    public var timeIntervalSince1970: Double { Double(seconds) + Double(nanos) / 1e9 }

    public static var _protoHasSpecialJSON: Bool { true }

    /// RFC 3339 in UTC (`2017-01-15T01:30:15.01Z`): an offset is accepted on input.
    public mutating func _protoDecodeJSON(from scanner: inout JSONScanner) throws(JSONDecodingError) {
        let start = scanner.offset
        let text = try scanner.readString()
        guard let (seconds, nanos) = Self.parse(text) else {
            throw JSONDecodingError(
                code: .wrongType,
                message:
                    "\"\(text)\" is not an RFC 3339 timestamp between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z",
                offset: start)
        }
        self.seconds = seconds
        self.nanos = nanos
    }

    static func parse(_ text: String) -> (Int64, Int32)? {
        var cursor = TextCursor(text)
        guard let year = cursor.digits(4), cursor.take(UInt8(ascii: "-")),
            let month = cursor.digits(2), cursor.take(UInt8(ascii: "-")),
            let day = cursor.digits(2), cursor.take(UInt8(ascii: "T")),
            let hour = cursor.digits(2), cursor.take(UInt8(ascii: ":")),
            let minute = cursor.digits(2), cursor.take(UInt8(ascii: ":")),
            let second = cursor.digits(2), let nanos = cursor.fractionNanos()
        else { return nil }
        guard year >= 1, (1...12).contains(month), day >= 1, day <= CivilTime.daysInMonth(year: year, month: month),
            hour < 24, minute < 60, second < 60
        else { return nil }
        var offset: Int64 = 0
        if cursor.take(UInt8(ascii: "Z")) {
        } else {
            let sign: Int64
            if cursor.take(UInt8(ascii: "+")) {
                sign = 1
            } else if cursor.take(UInt8(ascii: "-")) {
                sign = -1
            } else {
                return nil
            }
            guard let offsetHours = cursor.digits(2), cursor.take(UInt8(ascii: ":")),
                let offsetMinutes = cursor.digits(2), offsetHours < 24, offsetMinutes < 60
            else { return nil }
            offset = sign * (offsetHours * 3600 + offsetMinutes * 60)
        }
        guard cursor.isAtEnd else { return nil }
        let seconds =
            CivilTime.days(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second - offset
        guard seconds >= minJSONSeconds, seconds <= maxJSONSeconds else { return nil }
        return (seconds, nanos)
    }

    public func _protoEncodeJSON(to writer: inout JSONWriter) throws(ProtoEncodingError) {
        guard seconds >= Self.minJSONSeconds, seconds <= Self.maxJSONSeconds, (0..<1_000_000_000).contains(nanos)
        else {
            throw ProtoEncodingError(
                code: .invalidValue,
                message:
                    "timestamp \(seconds)s \(nanos)ns is outside 0001-01-01T00:00:00Z…9999-12-31T23:59:59.999999999Z")
        }
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = CivilTime.date(days: days)
        let text =
            "\(CivilTime.padded(year, 4))-\(CivilTime.padded(month, 2))-\(CivilTime.padded(day, 2))T"
            + "\(CivilTime.padded(secondOfDay / 3600, 2)):\(CivilTime.padded(secondOfDay / 60 % 60, 2)):"
            + "\(CivilTime.padded(secondOfDay % 60, 2))\(CivilTime.fraction(nanos))Z"
        writer.writeString(text)
    }
}

extension Google_Protobuf_Duration {
    /// The longest duration protobuf allows, about 10,000 years, in seconds.
    public static let maxSeconds: Int64 = 315_576_000_000

    /// The same length of time as `duration`.
    public init(_ duration: Swift.Duration) {
        let (seconds, attoseconds) = duration.components
        self.init(seconds: seconds, nanos: Int32(attoseconds / 1_000_000_000))
    }

    /// This duration as a Swift `Duration`.
    public var swiftDuration: Swift.Duration {
        .seconds(seconds) + .nanoseconds(Int64(nanos))
    }

    public static var _protoHasSpecialJSON: Bool { true }

    /// Seconds with up to nine fractional digits and an `s`: `"1.5s"`, `"-0.000001s"`.
    public mutating func _protoDecodeJSON(from scanner: inout JSONScanner) throws(JSONDecodingError) {
        let start = scanner.offset
        let text = try scanner.readString()
        guard let (seconds, nanos) = Self.parse(text) else {
            throw JSONDecodingError(
                code: .wrongType,
                message: "\"\(text)\" is not a duration such as \"1.5s\" within ±315576000000 seconds", offset: start)
        }
        self.seconds = seconds
        self.nanos = nanos
    }

    static func parse(_ text: String) -> (Int64, Int32)? {
        var cursor = TextCursor(text)
        let negative = cursor.take(UInt8(ascii: "-"))
        var seconds: Int64 = 0
        var count = 0
        while cursor.index < cursor.bytes.count, let digit = cursor.digits(1) {
            guard count < 12 else { return nil }
            seconds = seconds * 10 + digit
            count += 1
        }
        guard count > 0, let nanos = cursor.fractionNanos(), cursor.take(UInt8(ascii: "s")), cursor.isAtEnd,
            seconds <= maxSeconds
        else { return nil }
        return negative ? (-seconds, -nanos) : (seconds, nanos)
    }

    public func _protoEncodeJSON(to writer: inout JSONWriter) throws(ProtoEncodingError) {
        // `magnitude`, not `abs`: a decoded `Int64.min` or `Int32.min` must not overflow.
        guard seconds.magnitude <= Self.maxSeconds.magnitude, nanos.magnitude < 1_000_000_000,
            seconds == 0 || nanos == 0 || (seconds < 0) == (nanos < 0)
        else {
            throw ProtoEncodingError(
                code: .invalidValue, message: "duration \(seconds)s \(nanos)ns is out of range or has mixed signs")
        }
        let negative = seconds < 0 || nanos < 0
        writer.writeString(
            (negative ? "-" : "") + String(seconds.magnitude) + CivilTime.fraction(Int32(nanos.magnitude)) + "s")
    }
}

extension Google_Protobuf_FieldMask {
    public static var _protoHasSpecialJSON: Bool { true }

    /// A mask of the given paths (`.proto` field names, `.`-separated).
    public init(_ paths: String...) {
        self.init(paths: paths)
    }

    /// One string of comma-separated lowerCamelCase paths: `"user.displayName,photo"`.
    public mutating func _protoDecodeJSON(from scanner: inout JSONScanner) throws(JSONDecodingError) {
        let start = scanner.offset
        let text = try scanner.readString()
        guard !text.isEmpty else { return }
        for path in text.split(separator: ",", omittingEmptySubsequences: false) {
            var snake = ""
            for scalar in path.unicodeScalars {
                if scalar == "_" {
                    throw JSONDecodingError(
                        code: .wrongType, message: "field mask path \"\(path)\" must be lowerCamelCase", offset: start)
                }
                if Self.isASCIIUppercase(scalar) {
                    snake += "_"
                    snake.unicodeScalars.append(Self.flippingASCIICase(scalar))
                } else {
                    snake.unicodeScalars.append(scalar)
                }
            }
            paths.append(snake)
        }
    }

    /// Paths that do not survive the round trip to camel case (`foo__bar`, `fooBar`) are errors.
    public func _protoEncodeJSON(to writer: inout JSONWriter) throws(ProtoEncodingError) {
        var camelPaths: [String] = []
        for path in paths {
            var camel = ""
            var upperNext = false
            for scalar in path.unicodeScalars {
                if scalar == "_" {
                    guard !upperNext else { throw Self.unrepresentable(path) }
                    upperNext = true
                } else if Self.isASCIIUppercase(scalar) {
                    throw Self.unrepresentable(path)
                } else if upperNext {
                    guard Self.isASCIILowercase(scalar) else { throw Self.unrepresentable(path) }
                    camel.unicodeScalars.append(Self.flippingASCIICase(scalar))
                    upperNext = false
                } else {
                    camel.unicodeScalars.append(scalar)
                }
            }
            guard !upperNext else { throw Self.unrepresentable(path) }
            camelPaths.append(camel)
        }
        writer.writeString(camelPaths.joined(separator: ","))
    }

    // Case changes are ASCII-only, as in protobuf's C++ library: Unicode case mappings do not
    // round-trip (`ẞ` lowercases to `ß`, which uppercases to `SS`), so other letters pass
    // through unchanged in both directions.
    static func isASCIIUppercase(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x41 && scalar.value <= 0x5A }
    static func isASCIILowercase(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 0x61 && scalar.value <= 0x7A }
    static func flippingASCIICase(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        Unicode.Scalar(UInt8(truncatingIfNeeded: scalar.value ^ 0x20))
    }

    static func unrepresentable(_ path: String) -> ProtoEncodingError {
        ProtoEncodingError(code: .invalidValue, message: "field mask path \"\(path)\" has no lowerCamelCase JSON form")
    }
}
