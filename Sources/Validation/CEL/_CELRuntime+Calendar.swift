/// Proleptic Gregorian calendar arithmetic for timestamps (days since 1970-01-01, after Howard
/// Hinnant's `days_from_civil` / `civil_from_days` algorithms), and a small reader of fixed-width
/// digits for RFC 3339 parsing.
extension _CELRuntime {
    /// Days from 1970-01-01 to the given date.
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date `days` after 1970-01-01.
    static func civilFromDays(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
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

    /// The number of days in a month of the proleptic Gregorian calendar.
    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Reads fixed-width decimal fields and separators from ASCII text.
    struct DigitReader {
        let text: [UInt8]
        var index = 0

        var isAtEnd: Bool { index == text.count }

        /// Exactly `width` digits as a number, or `nil` (and nothing consumed).
        mutating func number(_ width: Int) -> Int64? {
            guard index + width <= text.count else { return nil }
            var value: Int64 = 0
            for byte in text[index..<index + width] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int64(byte - 0x30)
            }
            index += width
            return value
        }

        /// One digit, if the next byte is one.
        mutating func digit() -> Int64? {
            guard index < text.count, text[index] >= 0x30, text[index] <= 0x39 else { return nil }
            index += 1
            return Int64(text[index - 1] - 0x30)
        }

        /// Consumes `separator` if it comes next.
        mutating func skip(_ separator: Unicode.Scalar) -> Bool {
            guard index < text.count, text[index] == UInt8(ascii: separator) else { return false }
            index += 1
            return true
        }
    }
}

extension Int64 {
    /// Floored division: the remainder has the sign of the divisor (so a time before 1970 still
    /// has a second of day in 0..<86400).
    func quotientAndRemainderFloored(by divisor: Int64) -> (Int64, Int64) {
        var (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
        if remainder < 0 {
            quotient -= 1
            remainder += divisor
        }
        return (quotient, remainder)
    }
}
