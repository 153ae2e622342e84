import ProtoRuntime
import Testing
import Validation

@Suite("CEL run time: arithmetic and comparison")
struct CELRuntimeArithmeticTests {
    typealias R = _CELRuntime

    func code(_ body: () throws -> Any) -> CELEvaluationError.Code? {
        do {
            _ = try body()
            return nil
        } catch {
            return (error as? CELEvaluationError)?.code
        }
    }

    @Test("int64 results that do not fit are errors")
    func intOverflow() throws {
        #expect(code { try R.add(Int64.max, 1) } == .overflow)
        #expect(code { try R.subtract(Int64.min, 1) } == .overflow)
        #expect(code { try R.multiply(Int64.min, -1) } == .overflow)
        #expect(code { try R.divide(Int64.min, -1) } == .overflow)
        #expect(code { try R.remainder(Int64.min, -1) } == .overflow)
        #expect(code { try R.negate(Int64.min) } == .overflow)
        #expect(code { try R.divide(Int64(1), 0) } == .divisionByZero)
        #expect(code { try R.remainder(Int64(1), 0) } == .divisionByZero)
        #expect(try R.add(Int64.max - 1, 1) == .max)
        #expect(try R.divide(Int64(-7), 2) == -3)  // truncates toward zero
        #expect(try R.remainder(Int64(-7), 2) == -1)  // sign of the dividend
        #expect(try R.negate(Int64.max) == -Int64.max)
    }

    @Test("uint64 underflow and overflow are errors")
    func uintOverflow() throws {
        #expect(code { try R.subtract(UInt64(0), 1) } == .overflow)
        #expect(code { try R.add(UInt64.max, 1) } == .overflow)
        #expect(code { try R.multiply(UInt64(1) << 32, UInt64(1) << 32) } == .overflow)
        #expect(code { try R.divide(UInt64(1), 0) } == .divisionByZero)
        #expect(code { try R.remainder(UInt64(1), 0) } == .divisionByZero)
        #expect(try R.subtract(UInt64(1), 1) == 0)
    }

    @Test("null operands are errors")
    func null() throws {
        #expect(code { try R.nonNull(Int64?.none) } == .noSuchOverload)
        #expect(try R.nonNull(Int64?.some(3)) == 3)
    }

    @Test(
        "int and uint compare exactly",
        arguments: [
            (Int64(-1), UInt64(0), -1), (0, 0, 0), (Int64.max, UInt64(Int64.max), 0), (Int64.max, UInt64.max, -1),
            (5, 4, 1),
        ])
    func intUint(a: Int64, b: UInt64, order: Int) {
        #expect(R.order(a, b) == order)
        #expect(R.order(b, a) == -order)
    }

    @Test(
        "int and double compare exactly, NaN is unordered",
        arguments: [
            (Int64.max, 9_223_372_036_854_775_807.0, -1),  // the double is 2^63
            (Int64.min, -9_223_372_036_854_775_808.0, 0), (Int64.min, -9.3e18, 1), (1, 1.0, 0), (1, 1.5, -1),
            (2, 1.5, 1), (-1, -1.5, 1), (-2, -1.5, -1), (0, -0.0, 0), (0, .infinity, -1), (0, -.infinity, 1),
        ])
    func intDouble(a: Int64, b: Double, order: Int) {
        #expect(R.order(a, b) == order)
        #expect(R.order(b, a) == -order)
    }

    @Test(
        "uint and double compare exactly",
        arguments: [
            (UInt64.max, 18_446_744_073_709_551_615.0, -1),  // the double is 2^64
            (UInt64(0), -0.5, 1), (UInt64(1), 1.0, 0), (UInt64(1), 1.25, -1),
            (UInt64(1) << 53 + 1, 9_007_199_254_740_992.0, 1),
        ])
    func uintDouble(a: UInt64, b: Double, order: Int) {
        #expect(R.order(a, b) == order)
        #expect(R.order(b, a) == -order)
    }

    @Test("NaN has no order with ints or uints")
    func nan() {
        #expect(R.order(Int64(1), Double.nan) == nil)
        #expect(R.order(UInt64(1), Double.nan) == nil)
        #expect(R.order(Double.nan, Int64(1)) == nil)
    }

    @Test("strings order and compare by code point")
    func strings() {
        #expect(R.order("a", "b") == -1)
        #expect(R.order("ab", "a") == 1)
        #expect(R.order("", "") == 0)
        #expect(R.order("\u{E9}", "e\u{301}") == 1)  // U+00E9 > U+0065
        #expect(!R.equals("\u{E9}", "e\u{301}"))  // Swift's == says equal; CEL does not
        #expect(R.equals("é", "é"))
        #expect(R.order("\u{FFFF}", "😀") == -1)  // code point order, not UTF-16 order
        #expect(R.equals(["a", "e\u{301}"], ["a", "e\u{301}"]))
        #expect(!R.equals(["\u{E9}"], ["e\u{301}"]))
    }

    @Test("bools, bytes, durations and timestamps order")
    func others() {
        #expect(R.order(false, true) == -1)
        #expect(R.order(ByteBuffer(bytes: [1, 2]), ByteBuffer(bytes: [1, 2, 0])) == -1)
        #expect(R.order(ByteBuffer(bytes: [0xFF]), ByteBuffer(bytes: [1, 2])) == 1)
        #expect(R.order(ByteBuffer(), ByteBuffer()) == 0)
        #expect(R.order(Google_Protobuf_Duration(seconds: -1, nanos: -5), Google_Protobuf_Duration(seconds: -1)) == -1)
        #expect(R.order(Google_Protobuf_Timestamp(seconds: 2), Google_Protobuf_Timestamp(seconds: 1, nanos: 999)) == 1)
    }
}
