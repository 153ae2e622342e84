/// Why a compiled CEL rule could not be evaluated: an integer overflowed, a divisor was zero, a map
/// had no such key, a conversion was out of range.
///
/// Generated validators never trap on these: the emitted expression throws this error and the
/// validator records it with ``ValidationContext/fail(field:rule:reason:)``, as protovalidate
/// reports a runtime error apart from a violation.
///
/// ```swift
/// do throws(CELEvaluationError) {
///     let sum = try _CELRuntime.add(Int64.max, 1)
/// } catch {
///     print(error)  // overflow: "integer overflow in +"
/// }
/// ```
public struct CELEvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable {
            case overflow, divisionByZero, noSuchKey, invalidConversion, invalidArgument, noSuchOverload, outOfRange
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// An int or uint result does not fit in 64 bits.
        public static let overflow = Code(.overflow)
        /// `/` or `%` by zero on integers.
        public static let divisionByZero = Code(.divisionByZero)
        /// A map was indexed by a key it does not hold.
        public static let noSuchKey = Code(.noSuchKey)
        /// A conversion (`int("x")`, `uint(-1)`, `string(b"\xff")`) has no result.
        public static let invalidConversion = Code(.invalidConversion)
        /// A function argument it cannot work with (an invalid regular expression).
        public static let invalidArgument = Code(.invalidArgument)
        /// An operator applied to `null` (an unset wrapper field).
        public static let noSuchOverload = Code(.noSuchOverload)
        /// A duration or timestamp outside the range protobuf allows.
        public static let outOfRange = Code(.outOfRange)

        public var description: String {
            switch value {
            case .overflow: "overflow"
            case .divisionByZero: "division by zero"
            case .noSuchKey: "no such key"
            case .invalidConversion: "invalid conversion"
            case .invalidArgument: "invalid argument"
            case .noSuchOverload: "no such overload"
            case .outOfRange: "out of range"
            }
        }
    }

    /// What kind of problem this is.
    public var code: Code
    /// A sentence that says what went wrong (`integer overflow in +`).
    public var message: String
    /// The underlying error, when there is one (a regular-expression syntax error).
    public var cause: String?

    /// Creates an error.
    public init(code: Code, message: String, cause: String? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    /// `overflow: "integer overflow in +"`.
    public var description: String {
        "\(code): \"\(message)\"" + (cause.map { " (cause: \($0))" } ?? "")
    }
}
