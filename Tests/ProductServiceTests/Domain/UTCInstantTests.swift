import Testing

@testable import ProductService

@Suite("UTC instants")
struct UTCInstantTests {
    @Test("seconds and nanoseconds round-trip at microsecond precision, before 1970 too")
    func components() {
        let instant = UTCInstant(secondsSince1970: 1_750_000_000, nanoseconds: 123_456_789)
        #expect(instant.microsecondsSince1970 == 1_750_000_000_123_456)
        #expect(instant.secondsAndNanoseconds == (1_750_000_000, 123_456_000))
        let before = UTCInstant(microsecondsSince1970: -1)
        #expect(before.secondsAndNanoseconds == (-1, 999_999_000))
        #expect(UTCInstant(secondsSince1970: -1, nanoseconds: 999_999_000) == before)
        #expect(before.description == "-1.999999s" && instant.description == "1750000000.123456s")
    }

    @Test("adding a duration truncates to microseconds and saturates")
    func adding() {
        let start = UTCInstant(secondsSince1970: 100)
        #expect(start.adding(.seconds(15 * 60)).microsecondsSince1970 == (100 + 900) * 1_000_000)
        #expect(start.adding(.nanoseconds(1_999)).microsecondsSince1970 == 100_000_001)
        #expect(start.adding(.milliseconds(-1)).microsecondsSince1970 == 99_999_000)
        #expect(UTCInstant(microsecondsSince1970: .max - 1).adding(.seconds(10)).microsecondsSince1970 == .max)
        #expect(UTCInstant(secondsSince1970: .max).microsecondsSince1970 == .max)
        #expect(start < start.adding(.microseconds(1)))
    }
}
