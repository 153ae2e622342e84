import ProtoRuntime
import Testing
import Validation

@Suite("CEL run time: conversions")
struct CELRuntimeConversionTests {
    typealias R = _CELRuntime

    @Test("int() truncates toward zero and rejects what does not fit")
    func int() throws {
        #expect(try R.int(-1.9) == -1)
        #expect(try R.int(-9_223_372_036_854_775_808.0) == .min)
        #expect(throws: CELEvaluationError.self) { try R.int(9_223_372_036_854_775_807.0) }  // that double is 2^63
        #expect(throws: CELEvaluationError.self) { try R.int(Double.nan) }
        #expect(throws: CELEvaluationError.self) { try R.int(-Double.infinity) }
        #expect(try R.int("-12") == -12)
        #expect(throws: CELEvaluationError.self) { try R.int("1.5") }
        #expect(throws: CELEvaluationError.self) { try R.int(" 1") }
        #expect(throws: CELEvaluationError.self) { try R.int(UInt64.max) }
        #expect(try R.int(UInt64(Int64.max)) == .max)
        #expect(R.int(Google_Protobuf_Timestamp(seconds: 42)) == 42)
    }

    @Test("uint() rejects negatives")
    func uint() throws {
        #expect(throws: CELEvaluationError.self) { try R.uint(Int64(-1)) }
        #expect(throws: CELEvaluationError.self) { try R.uint(-1.0) }
        #expect(throws: CELEvaluationError.self) { try R.uint(18_446_744_073_709_551_616.0) }
        #expect(try R.uint(-0.5) == 0)
        #expect(try R.uint("18446744073709551615") == .max)
        #expect(throws: CELEvaluationError.self) { try R.uint("-1") }
    }

    @Test("double() parses decimal text")
    func double() throws {
        #expect(try R.double("1e3") == 1000)
        #expect(try R.double("-2.5") == -2.5)
        #expect(throws: CELEvaluationError.self) { try R.double("abc") }
    }

    @Test(
        "string(double) prints Go's %g shortest form",
        arguments: [
            (1.5, "1.5"), (1e6, "1e+06"), (123_456.0, "123456"), (0.0001, "0.0001"), (0.00001, "1e-05"), (-2.0, "-2"),
            (1e21, "1e+21"), (1.0 / 3, "0.3333333333333333"), (100.0, "100"), (1_234_567.0, "1.234567e+06"),
            (Double.nan, "NaN"), (Double.infinity, "+Inf"), (-Double.infinity, "-Inf"), (-0.0, "-0"), (0.0, "0"),
            (Double.leastNonzeroMagnitude, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"), (0.1, "0.1"),
            (123.456, "123.456"),
        ])
    func doubleText(value: Double, text: String) {
        #expect(R.string(value) == text)
    }

    @Test("string(bytes) needs valid UTF-8")
    func bytes() throws {
        #expect(try R.string(ByteBuffer(string: "héllo")) == "héllo")
        #expect(throws: CELEvaluationError.self) { try R.string(ByteBuffer(bytes: [0xFF, 0x61])) }
    }

    @Test("errors describe themselves in the shared shape")
    func description() {
        let error = CELEvaluationError(code: .overflow, message: "integer overflow in +")
        #expect(error.description == "overflow: \"integer overflow in +\"")
        let caused = CELEvaluationError(
            code: .invalidArgument, message: "invalid regular expression", cause: "missing )")
        #expect(caused.description == "invalid argument: \"invalid regular expression\" (cause: missing ))")
    }
}
