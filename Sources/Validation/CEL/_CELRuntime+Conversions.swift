public import ProtoRuntime

/// CEL's type conversions (`int()`, `uint()`, `double()`, `string()`, `bytes()`): a value that
/// does not convert (out of range, not a number, not UTF-8) is an evaluation error.
extension _CELRuntime {
    /// `int(uint)`.
    @inlinable public static func int(_ value: UInt64) throws(CELEvaluationError) -> Int64 {
        guard let result = Int64(exactly: value) else { throw rangeError("int", value) }
        return result
    }

    /// `int(double)`: truncates toward zero; NaN, infinities and values outside int64 are errors.
    public static func int(_ value: Double) throws(CELEvaluationError) -> Int64 {
        let whole = value.rounded(.towardZero)
        guard whole >= -9_223_372_036_854_775_808.0, whole < 9_223_372_036_854_775_808.0 else {
            throw rangeError("int", value)
        }
        return Int64(whole)
    }

    /// `int(string)`: a base-10 integer, with an optional sign.
    public static func int(_ text: String) throws(CELEvaluationError) -> Int64 {
        guard let result = Int64(text, radix: 10) else { throw rangeError("int", text) }
        return result
    }

    /// `int(timestamp)`: seconds since the Unix epoch.
    @inlinable public static func int(_ value: Google_Protobuf_Timestamp) -> Int64 { value.seconds }

    /// `uint(int)`: negative values are errors.
    @inlinable public static func uint(_ value: Int64) throws(CELEvaluationError) -> UInt64 {
        guard let result = UInt64(exactly: value) else { throw rangeError("uint", value) }
        return result
    }

    /// `uint(double)`: truncates toward zero; NaN, infinities and values outside uint64 are errors.
    public static func uint(_ value: Double) throws(CELEvaluationError) -> UInt64 {
        let whole = value.rounded(.towardZero)
        guard whole >= 0, whole < 18_446_744_073_709_551_616.0 else { throw rangeError("uint", value) }
        return UInt64(whole)
    }

    /// `uint(string)`: a base-10 unsigned integer.
    public static func uint(_ text: String) throws(CELEvaluationError) -> UInt64 {
        guard let result = UInt64(text, radix: 10) else { throw rangeError("uint", text) }
        return result
    }

    /// `double(string)`: a decimal or exponent literal (also `inf`, `-inf`, `NaN`).
    public static func double(_ text: String) throws(CELEvaluationError) -> Double {
        guard let result = Double(text) else { throw rangeError("double", text) }
        return result
    }

    /// `string(bytes)`: the bytes as UTF-8; invalid UTF-8 is an error.
    public static func string(_ bytes: ByteBuffer) throws(CELEvaluationError) -> String {
        let array = bytes.readableBytesArray
        guard let text = String(validating: array, as: UTF8.self) else {
            throw CELEvaluationError(code: .invalidConversion, message: "bytes are not valid UTF-8")
        }
        return text
    }

    /// `string(double)`: the shortest text that reads back as the same double, in the `%g`
    /// layout CEL's reference implementation prints (`1.5`, `1e+06`, `1e-05`).
    public static func string(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        let sign = value.sign == .minus ? "-" : ""
        if value == 0 { return sign + "0" }
        let (digits, point) = shortestDigits(value.magnitude)
        let exponent = point - 1
        if exponent < -4 || exponent >= 6 {
            let mantissa = digits.count == 1 ? digits : digits.prefix(1) + "." + digits.dropFirst()
            let magnitude = exponent.magnitude < 10 ? "0\(exponent.magnitude)" : "\(exponent.magnitude)"
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + magnitude
        }
        if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + digits }
        if point >= digits.count { return sign + digits + String(repeating: "0", count: point - digits.count) }
        return sign + digits.prefix(point) + "." + digits.dropFirst(point)
    }

    /// The shortest round-trip decimal digits of a positive finite double (no leading or
    /// trailing zeros) and the position of the decimal point relative to them.
    static func shortestDigits(_ value: Double) -> (digits: String, point: Int) {
        let text = value.description  // Swift prints the shortest round-trip form
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        }
        let dot = mantissa.firstIndex(of: ".") ?? mantissa.endIndex
        let integerPart = mantissa[..<dot]
        let fractionPart = dot < mantissa.endIndex ? mantissa[mantissa.index(after: dot)...] : ""
        var digits = String(integerPart) + fractionPart
        var point = integerPart.count + exponent
        while digits.first == "0" {
            digits.removeFirst()
            point -= 1
        }
        while digits.last == "0" { digits.removeLast() }
        return (digits, point)
    }

    /// The error for a value that does not convert.
    @usableFromInline static func rangeError(_ target: String, _ value: Any) -> CELEvaluationError {
        CELEvaluationError(code: .invalidConversion, message: "cannot convert \(value) to \(target)")
    }
}
