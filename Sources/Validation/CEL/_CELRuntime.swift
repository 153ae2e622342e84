/// What Swift code compiled from CEL rules calls at run time: checked integer arithmetic, CEL's
/// heterogeneous numeric comparison, code-point string operations, duration and timestamp
/// arithmetic, conversions, and the list macros with CEL's error-absorbing logic.
///
/// For generated code only (hence the underscore): the CEL compiler in `ContractCodegen` emits
/// calls to these functions, and their names and signatures move with it. Each function follows
/// the CEL language definition (cel-spec `langdef.md`); where CEL says a result is an error, the
/// function throws ``CELEvaluationError`` instead of trapping.
///
/// ```swift
/// // CEL: this.quantity * this.unit_price < 1000000
/// try (_CELRuntime.multiply(Swift.Int64(self.quantity), self.unitPrice) < 1000000)
/// ```
public enum _CELRuntime {}

extension _CELRuntime {
    /// `a + b` on CEL ints; overflow is an error.
    @inlinable public static func add(_ a: Int64, _ b: Int64) throws(CELEvaluationError) -> Int64 {
        let (result, overflow) = a.addingReportingOverflow(b)
        if overflow { throw overflowError("+") }
        return result
    }

    /// `a - b` on CEL ints; overflow is an error.
    @inlinable public static func subtract(_ a: Int64, _ b: Int64) throws(CELEvaluationError) -> Int64 {
        let (result, overflow) = a.subtractingReportingOverflow(b)
        if overflow { throw overflowError("-") }
        return result
    }

    /// `a * b` on CEL ints; overflow is an error.
    @inlinable public static func multiply(_ a: Int64, _ b: Int64) throws(CELEvaluationError) -> Int64 {
        let (result, overflow) = a.multipliedReportingOverflow(by: b)
        if overflow { throw overflowError("*") }
        return result
    }

    /// `a / b` on CEL ints, truncating toward zero; a zero divisor and `Int64.min / -1` are errors.
    @inlinable public static func divide(_ a: Int64, _ b: Int64) throws(CELEvaluationError) -> Int64 {
        if b == 0 { throw CELEvaluationError(code: .divisionByZero, message: "division by zero") }
        let (result, overflow) = a.dividedReportingOverflow(by: b)
        if overflow { throw overflowError("/") }
        return result
    }

    /// `a % b` on CEL ints (the sign of `a`); a zero divisor and `Int64.min % -1` are errors.
    @inlinable public static func remainder(_ a: Int64, _ b: Int64) throws(CELEvaluationError) -> Int64 {
        if b == 0 { throw CELEvaluationError(code: .divisionByZero, message: "modulus by zero") }
        let (result, overflow) = a.remainderReportingOverflow(dividingBy: b)
        if overflow { throw overflowError("%") }
        return result
    }

    /// `-a` on CEL ints; `-Int64.min` is an error.
    @inlinable public static func negate(_ a: Int64) throws(CELEvaluationError) -> Int64 {
        if a == .min { throw overflowError("unary -") }
        return -a
    }

    /// `a + b` on CEL uints; overflow is an error.
    @inlinable public static func add(_ a: UInt64, _ b: UInt64) throws(CELEvaluationError) -> UInt64 {
        let (result, overflow) = a.addingReportingOverflow(b)
        if overflow { throw overflowError("+") }
        return result
    }

    /// `a - b` on CEL uints; a negative result is an error.
    @inlinable public static func subtract(_ a: UInt64, _ b: UInt64) throws(CELEvaluationError) -> UInt64 {
        let (result, overflow) = a.subtractingReportingOverflow(b)
        if overflow { throw overflowError("-") }
        return result
    }

    /// `a * b` on CEL uints; overflow is an error.
    @inlinable public static func multiply(_ a: UInt64, _ b: UInt64) throws(CELEvaluationError) -> UInt64 {
        let (result, overflow) = a.multipliedReportingOverflow(by: b)
        if overflow { throw overflowError("*") }
        return result
    }

    /// `a / b` on CEL uints; a zero divisor is an error.
    @inlinable public static func divide(_ a: UInt64, _ b: UInt64) throws(CELEvaluationError) -> UInt64 {
        if b == 0 { throw CELEvaluationError(code: .divisionByZero, message: "division by zero") }
        return a / b
    }

    /// `a % b` on CEL uints; a zero divisor is an error.
    @inlinable public static func remainder(_ a: UInt64, _ b: UInt64) throws(CELEvaluationError) -> UInt64 {
        if b == 0 { throw CELEvaluationError(code: .divisionByZero, message: "modulus by zero") }
        return a % b
    }

    /// The error for an int or uint result that does not fit in 64 bits.
    @usableFromInline static func overflowError(_ operation: String) -> CELEvaluationError {
        CELEvaluationError(code: .overflow, message: "integer overflow in \(operation)")
    }

    /// The value of a nullable operand (an unset wrapper field is `null`); `null` is an error,
    /// as CEL has no arithmetic or ordering on `null`.
    @inlinable public static func nonNull<T>(_ value: T?) throws(CELEvaluationError) -> T {
        guard let value else {
            throw CELEvaluationError(code: .noSuchOverload, message: "no such overload for null operand")
        }
        return value
    }
}
