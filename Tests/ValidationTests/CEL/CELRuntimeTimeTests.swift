import ProtoRuntime
import Testing
import Validation

@Suite("CEL run time: durations and timestamps")
struct CELRuntimeTimeTests {
    typealias R = _CELRuntime

    @Test(
        "durations parse as Go's time.ParseDuration does",
        arguments: [
            ("1h30m", Int64(5400), Int32(0)), ("1.5h", 5400, 0), ("-2s", -2, 0), ("300ms", 0, 300_000_000),
            ("1h2m3.5s", 3723, 500_000_000), ("0", 0, 0), ("-0", 0, 0), ("+5s", 5, 0), ("1ns", 0, 1),
            ("1us", 0, 1000), ("1\u{00B5}s", 0, 1000), ("1\u{03BC}s", 0, 1000), (".5s", 0, 500_000_000), ("5.s", 5, 0),
            ("-1.5s", -1, -500_000_000), ("1.0000000001s", 1, 0),
            ("2562047h47m16.854775807s", 9_223_372_036, 854_775_807),
            ("-2562047h47m16.854775808s", -9_223_372_036, -854_775_808), ("1m1m", 120, 0),
        ])
    func durations(text: String, seconds: Int64, nanos: Int32) throws {
        let value = try R.duration(text)
        #expect(value.seconds == seconds)
        #expect(value.nanos == nanos)
    }

    @Test(
        "malformed or overflowing durations are errors",
        arguments: [
            "", "1", "s", "1x", "..1s", "1h 2m", "+-1s", "-", "1.5", "2562047h47m16.854775808s",
            "9223372036854775808ns", "1e3s",
        ])
    func badDurations(text: String) {
        #expect(throws: CELEvaluationError.self) { try R.duration(text) }
    }

    @Test(
        "RFC 3339 timestamps parse, offsets included",
        arguments: [
            ("2024-01-01T00:00:00Z", Int64(1_704_067_200), Int32(0)), ("1970-01-01T00:00:00.5Z", 0, 500_000_000),
            ("2024-01-01T02:00:00+02:00", 1_704_067_200, 0), ("2023-12-31T19:00:00-05:00", 1_704_067_200, 0),
            ("0001-01-01T00:00:00Z", -62_135_596_800, 0),
            ("9999-12-31T23:59:59.999999999Z", 253_402_300_799, 999_999_999),
            ("2024-02-29T12:00:00.000001Z", 1_709_208_000, 1000), ("1969-12-31T23:59:59Z", -1, 0),
        ])
    func timestamps(text: String, seconds: Int64, nanos: Int32) throws {
        let value = try R.timestamp(text)
        #expect(value.seconds == seconds)
        #expect(value.nanos == nanos)
    }

    @Test(
        "malformed or out-of-range timestamps are errors",
        arguments: [
            "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-01-01 00:00:00Z", "2024-01-01T00:00:00",
            "2024-01-01T24:00:00Z",
            "2024-01-01T00:00:60Z", "0000-12-31T23:59:59Z", "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00.1234567891Z",
            "2024-01-01T00:00:00+2:00", "2024-1-01T00:00:00Z", "2024-01-01T00:00:00ZZ", "9999-12-31T23:59:59-01:00",
        ])
    func badTimestamps(text: String) {
        #expect(throws: CELEvaluationError.self) { try R.timestamp(text) }
    }

    @Test("timestamps and durations print as CEL's string() does")
    func printing() throws {
        #expect(R.string(Google_Protobuf_Timestamp(seconds: 1_704_067_200)) == "2024-01-01T00:00:00Z")
        #expect(R.string(Google_Protobuf_Timestamp(seconds: -1, nanos: 900_000_000)) == "1969-12-31T23:59:59.9Z")
        #expect(R.string(Google_Protobuf_Timestamp(seconds: -62_135_596_800)) == "0001-01-01T00:00:00Z")
        #expect(R.string(Google_Protobuf_Timestamp(seconds: 0, nanos: 1)) == "1970-01-01T00:00:00.000000001Z")
        #expect(R.string(Google_Protobuf_Duration(seconds: 1, nanos: 500_000_000)) == "1.5s")
        #expect(R.string(Google_Protobuf_Duration(seconds: 0, nanos: -1_000_000)) == "-0.001s")
        #expect(R.string(Google_Protobuf_Duration(seconds: 3600)) == "3600s")
        #expect(R.string(Google_Protobuf_Duration()) == "0s")
    }

    @Test("timestamp accessors are in UTC")
    func components() throws {
        let monday = try R.timestamp("2024-01-01T10:20:30.456Z")
        #expect(R.component(.fullYear, of: monday) == 2024)
        #expect(R.component(.month, of: monday) == 0)
        #expect(R.component(.date, of: monday) == 1)
        #expect(R.component(.dayOfMonth, of: monday) == 0)
        #expect(R.component(.dayOfWeek, of: monday) == 1)
        #expect(R.component(.dayOfYear, of: monday) == 0)
        #expect(R.component(.hours, of: monday) == 10)
        #expect(R.component(.minutes, of: monday) == 20)
        #expect(R.component(.seconds, of: monday) == 30)
        #expect(R.component(.milliseconds, of: monday) == 456)
        let lastOfLeapYear = try R.timestamp("2024-12-31T00:00:00Z")
        #expect(R.component(.dayOfYear, of: lastOfLeapYear) == 365)
        #expect(R.component(.month, of: lastOfLeapYear) == 11)
        let beforeEpoch = Google_Protobuf_Timestamp(seconds: -1)  // 1969-12-31T23:59:59Z, a Wednesday
        #expect(R.component(.fullYear, of: beforeEpoch) == 1969)
        #expect(R.component(.hours, of: beforeEpoch) == 23)
        #expect(R.component(.dayOfWeek, of: beforeEpoch) == 3)
        let ninety = Google_Protobuf_Duration(seconds: 5400)
        #expect(R.hours(ninety) == 1 && R.minutes(ninety) == 90 && R.seconds(ninety) == 5400)
    }

    @Test("arithmetic normalizes nanoseconds and checks protobuf's ranges")
    func arithmetic() throws {
        let t = Google_Protobuf_Timestamp(seconds: 1, nanos: 900_000_000)
        let later = try R.add(t, Google_Protobuf_Duration(seconds: 0, nanos: 200_000_000))
        #expect(later.seconds == 2 && later.nanos == 100_000_000)
        let back = try R.subtract(t, Google_Protobuf_Duration(seconds: 2))
        #expect(back.seconds == -1 && back.nanos == 900_000_000)
        let gap = try R.subtract(
            Google_Protobuf_Timestamp(seconds: 1), Google_Protobuf_Timestamp(seconds: 2, nanos: 500_000_000))
        #expect(gap.seconds == -1 && gap.nanos == -500_000_000)
        let sum = try R.add(gap, Google_Protobuf_Duration(seconds: 2))
        #expect(sum.seconds == 0 && sum.nanos == 500_000_000)
        let commuted = try R.add(Google_Protobuf_Duration(seconds: 5), t)
        #expect(commuted.seconds == 6)
        #expect(throws: CELEvaluationError.self) {
            try R.add(
                Google_Protobuf_Timestamp(seconds: 253_402_300_799, nanos: 999_999_999),
                Google_Protobuf_Duration(nanos: 1))
        }
        // Durations are int64 nanoseconds (±292 years), as in cel-go and protovalidate.
        let longest = try R.add(
            Google_Protobuf_Duration(seconds: 9_223_372_036), Google_Protobuf_Duration(nanos: 854_775_807))
        #expect(longest.seconds == 9_223_372_036 && longest.nanos == 854_775_807)
        #expect(throws: CELEvaluationError.self) { try R.add(longest, Google_Protobuf_Duration(nanos: 1)) }
        let shortest = try R.subtract(
            Google_Protobuf_Duration(seconds: -9_223_372_036), Google_Protobuf_Duration(nanos: 854_775_808))
        #expect(shortest.seconds == -9_223_372_036 && shortest.nanos == -854_775_808)
        #expect(throws: CELEvaluationError.self) {
            try R.subtract(Google_Protobuf_Timestamp(seconds: 253_402_300_799), Google_Protobuf_Timestamp(seconds: 0))
        }
        #expect(throws: CELEvaluationError.self) {
            try R.subtract(Google_Protobuf_Duration(seconds: .min), Google_Protobuf_Duration(seconds: 1))
        }
    }
}
