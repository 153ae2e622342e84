import ProtoRuntime
import Testing
import Validation

/// Runs the Swift the CEL compiler emitted (`CELEmittedRules.swift`, checked against the
/// compiler by `CELEmittedFixtureTests`) on real values: the compiled rules must give CEL's
/// answers, and its evaluation errors must be thrown, not trapped.
@Suite("CEL emitted rules at run time")
struct CELEmittedRulesTests {
    static let now = Google_Protobuf_Timestamp(seconds: 1_717_200_000, nanos: 0)  // 2024-06-01T00:00:00Z

    func user(_ configure: (inout FixtureUser) -> Void) -> FixtureUser {
        var user = FixtureUser()
        configure(&user)
        return user
    }

    /// The evaluation error a rule throws, or `nil` when it returns.
    func failure<T>(_ body: () throws -> T) -> CELEvaluationError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error as? CELEvaluationError
        }
    }

    @Test("string sizes count code points")
    func codePoints() throws {
        #expect(try cel_fiveCodePoints(user { $0.name = "héllo" }, now: Self.now))
        #expect(try cel_nameLength(user { $0.name = "😀😀😀" }, now: Self.now))
        #expect(try !cel_nameLength(user { $0.name = "a" }, now: Self.now))
        // One grapheme, five code points (woman, ZWJ, woman, ZWJ, girl): CEL counts five.
        #expect(try cel_fiveCodePoints(user { $0.name = "👩‍👩‍👧" }, now: Self.now))
        #expect(try cel_nameLength(user { $0.name = "👩‍👩‍👧" }, now: Self.now))
        #expect(try !cel_nameLength(user { $0.name = "👩‍👩‍👧‍👦" }, now: Self.now))  // seven code points
    }

    @Test("string equality is by code point, not canonical equivalence")
    func codePointEquality() throws {
        #expect(try cel_decomposedE(user { $0.name = "e\u{301}" }, now: Self.now))
        #expect(try !cel_decomposedE(user { $0.name = "\u{E9}" }, now: Self.now))
    }

    @Test("int arithmetic overflows and divides by zero as errors")
    func intErrors() throws {
        #expect(try cel_incrementGrows(user { $0.balance = 5 }, now: Self.now))
        #expect(failure { try cel_incrementGrows(user { $0.balance = .max }, now: Self.now) }?.code == .overflow)
        #expect(failure { try cel_perYear(user { $0.balance = 10 }, now: Self.now) }?.code == .divisionByZero)
        #expect(failure { try cel_negatedBalance(user { $0.balance = .min }, now: Self.now) }?.code == .overflow)
        #expect(try cel_negatedBalance(user { $0.balance = 7 }, now: Self.now))
        #expect(try cel_evenBalance(user { $0.balance = -4 }, now: Self.now))
        #expect(failure { try cel_smallDecrement(user { $0.small = 0 }, now: Self.now) }?.code == .overflow)
        #expect(try cel_smallDecrement(user { $0.small = 1 }, now: Self.now))
    }

    @Test("&& and || absorb an error when the other side decides")
    func absorption() throws {
        #expect(try !cel_guardedDivision(user { $0.balance = 10 }, now: Self.now))
        #expect(try cel_guardedDivision(user { ($0.balance, $0.age) = (10, 2) }, now: Self.now))
        #expect(try cel_absorbedOr(user { $0.balance = 10 }, now: Self.now))
        #expect(
            failure { try cel_absorbedOr(user { ($0.balance, $0.age) = (.min, -1) }, now: Self.now) }?.code == .overflow
        )
        #expect(try cel_someHalfOf100([0, 2], now: Self.now))
        #expect(failure { try cel_someHalfOf100([0, 3], now: Self.now) }?.code == .divisionByZero)
        #expect(try !cel_allEven([1, 2], now: Self.now))
    }

    @Test("int, uint and double compare by exact value")
    func heterogeneousComparison() throws {
        #expect(try cel_mixedNumbers(user { ($0.big, $0.balance, $0.score) = (UInt64.max, -1, -1.5) }, now: Self.now))
        #expect(try !cel_mixedNumbers(user { ($0.big, $0.balance, $0.score) = (5, 5, 1) }, now: Self.now))
        #expect(try !cel_mixedNumbers(user { ($0.big, $0.balance, $0.score) = (6, 5, .nan) }, now: Self.now))
        #expect(try !cel_scoreIsNumber(user { $0.score = .nan }, now: Self.now))
        #expect(try cel_scoreIsNumber(user { $0.score = .infinity }, now: Self.now))
    }

    @Test("string results: empty passes, text is the violation message")
    func stringResults() throws {
        #expect(try cel_exampleEmail(user { $0.email = "a@example.com" }, now: Self.now) == "")
        #expect(
            try cel_exampleEmail(user { $0.email = "a@other.org" }, now: Self.now) == "email must be at example.com")
        #expect(try cel_adult(user { $0.age = 17 }, now: Self.now) == "too young")
        #expect(try cel_adult(user { $0.age = 18 }, now: Self.now) == "")
    }

    @Test("presence, absent submessages read as defaults")
    func presence() throws {
        #expect(try cel_nicknameX(user { _ in }, now: Self.now))
        #expect(try !cel_nicknameX(user { $0.nickname = "" }, now: Self.now))
        #expect(try cel_nicknameX(user { $0.nickname = "xavier" }, now: Self.now))
        #expect(try cel_zipFive(user { _ in }, now: Self.now))
        #expect(try !cel_zipFive(user { $0.address = FixtureAddress(city: "Paris", zip: "750") }, now: Self.now))
        #expect(try !cel_hasFloor(user { $0.address = FixtureAddress() }, now: Self.now))
        #expect(try cel_hasFloor(user { $0.address = FixtureAddress(floor: 0) }, now: Self.now))
    }

    @Test("list macros, unique, in, filter and map")
    func lists() throws {
        #expect(try cel_tagsUnique(user { $0.tags = ["a", "b"] }, now: Self.now))
        #expect(try !cel_tagsUnique(user { $0.tags = ["a", "a"] }, now: Self.now))
        #expect(try !cel_tagsUnique(user { $0.tags = ["a", ""] }, now: Self.now))
        #expect(try cel_tagsUnique(user { $0.tags = ["e\u{301}", "\u{E9}"] }, now: Self.now))
        #expect(try cel_someCountOver10(user { $0.counts = [1, 11] }, now: Self.now))
        #expect(try !cel_oneZeroCount(user { $0.counts = [0, 0] }, now: Self.now))
        #expect(try cel_oneZeroCount(user { $0.counts = [0, 1] }, now: Self.now))
        #expect(try cel_doubledBelow100(user { $0.counts = [49, -5] }, now: Self.now))
        #expect(try !cel_doubledBelow100(user { $0.counts = [50] }, now: Self.now))
        #expect(try !cel_allItemsStocked(user { $0.items = [FixtureItem(quantity: 1), FixtureItem()] }, now: Self.now))
        #expect(try cel_knownStatus(user { ($0.status, $0.name) = (.active, "bob") }, now: Self.now))
        #expect(try !cel_knownStatus(user { ($0.status, $0.name) = (.unrecognized(7), "bob") }, now: Self.now))
        #expect(try cel_tagsPlusX(user { $0.tags = ["a"] }, now: Self.now))
        #expect(try cel_firstSku(user { $0.items = [FixtureItem(sku: "s")] }, now: Self.now))
        #expect(failure { try cel_firstSku(user { _ in }, now: Self.now) }?.code == .outOfRange)
        #expect(try cel_allEven([2, -4], now: Self.now))
    }

    @Test("maps: in, index, missing keys, widened keys")
    func maps() throws {
        #expect(try cel_labelK(user { $0.labels = ["k": "v"] }, now: Self.now))
        #expect(try !cel_labelK(user { _ in }, now: Self.now))
        #expect(failure { try cel_missingLabel(user { _ in }, now: Self.now) }?.code == .noSuchKey)
        #expect(try cel_stockKeys(user { $0.stock = [1: 5, 2: 0] }, now: Self.now))
        #expect(try !cel_stockKeys(user { $0.stock = [2: 5] }, now: Self.now))
    }

    @Test("durations and timestamps")
    func time() throws {
        let jan = Google_Protobuf_Timestamp(seconds: 1_704_067_200, nanos: 0)  // 2024-01-01, a Monday
        #expect(try cel_ttlRange(user { $0.ttl = Google_Protobuf_Duration(seconds: 60) }, now: Self.now))
        #expect(
            try !cel_ttlRange(
                user { $0.ttl = Google_Protobuf_Duration(seconds: 59, nanos: 999_999_999) }, now: Self.now))
        #expect(try !cel_ttlRange(user { $0.ttl = Google_Protobuf_Duration(seconds: 5400, nanos: 1) }, now: Self.now))
        let window = user { ($0.created, $0.ttl, $0.expires) = (jan, Google_Protobuf_Duration(seconds: 10), jan) }
        #expect(try !cel_window(window, now: Self.now))
        #expect(
            try cel_recent(
                user { $0.created = Google_Protobuf_Timestamp(seconds: Self.now.seconds - 3600) }, now: Self.now))
        #expect(try !cel_recent(user { $0.created = jan }, now: Self.now))
        #expect(try cel_after2024(user { $0.created = jan }, now: Self.now))
        #expect(
            try !cel_after2024(user { $0.created = Google_Protobuf_Timestamp(seconds: jan.seconds - 1) }, now: Self.now)
        )
        #expect(try cel_createdWeekday(user { $0.created = jan }, now: Self.now))
        let far = user {
            ($0.created, $0.ttl) = (
                Google_Protobuf_Timestamp(seconds: 253_402_300_799), Google_Protobuf_Duration(seconds: 1)
            )
        }
        #expect(failure { try cel_window(far, now: Self.now) }?.code == .outOfRange)
    }

    @Test("wrappers: unset is null, and arithmetic on null is an error")
    func wrappers() throws {
        #expect(try cel_limitOptional(user { _ in }, now: Self.now))
        #expect(try !cel_limitOptional(user { $0.limit = Google_Protobuf_Int32Value(value: 0) }, now: Self.now))
        #expect(failure { try cel_limitOver5(user { _ in }, now: Self.now) }?.code == .noSuchOverload)
        #expect(try cel_limitOver5(user { $0.limit = Google_Protobuf_Int32Value(value: 6) }, now: Self.now))
    }

    @Test("conversions")
    func conversions() throws {
        #expect(try cel_ageText(user { $0.age = 30 }, now: Self.now))
        #expect(try cel_scoreTruncated(user { $0.score = 1.9 }, now: Self.now))
        #expect(failure { try cel_scoreTruncated(user { $0.score = .nan }, now: Self.now) }?.code == .invalidConversion)
        #expect(
            failure { try cel_balanceUnsigned(user { $0.balance = -1 }, now: Self.now) }?.code == .invalidConversion)
        #expect(try cel_bigAsDouble(user { $0.big = 1001 }, now: Self.now))
        #expect(try cel_scoreText(user { $0.score = 1.5 }, now: Self.now))
        #expect(try cel_ratioHalf(user { $0.ratio = 0.75 }, now: Self.now))
        #expect(try cel_dataHeader(user { $0.data = ByteBuffer(bytes: [1, 2]) }, now: Self.now))
        #expect(try !cel_dataHeader(user { $0.data = ByteBuffer(bytes: [1, 2, 3, 4, 5]) }, now: Self.now))
    }

    @Test("predefined rules read rule and rules as constants")
    func predefined() throws {
        #expect(try cel_maxWords("héllo", now: Self.now))
        #expect(try !cel_maxWords("héllo!", now: Self.now))
        #expect(try cel_withinMaxLen("abc", now: Self.now))
        #expect(try !cel_withinMaxLen("abcd", now: Self.now))
        #expect(try cel_startsWithA("abc", now: Self.now))
    }
}
