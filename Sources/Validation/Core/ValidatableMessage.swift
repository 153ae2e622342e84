public import ProtoRuntime

/// A message with validation rules; the code generator conforms every message whose fields (or
/// whose nested messages' fields) carry `buf.validate` rules.
///
/// ```swift
/// let violations = request.validate()
/// try request.validateOrThrow()
/// ```
public protocol ValidatableMessage: Message {
    /// Checks every rule of this message and of the messages it contains, appending violations to
    /// `context` under its current path. Generated.
    func validate(into context: inout ValidationContext)
}

extension ValidatableMessage {
    /// Every violation of this message's rules, in evaluation order; empty when it is valid.
    @inlinable
    public func validate() -> [ValidationViolation] {
        var context = ValidationContext()
        validate(into: &context)
        return context.violations
    }

    /// Throws a ``ValidationError`` carrying every violation (and a rule that could not be
    /// evaluated as a violation of that rule) when this message breaks its rules.
    public func validateOrThrow() throws(ValidationError) {
        var context = ValidationContext()
        validate(into: &context)
        if context.isValid { return }
        throw ValidationError(context: context, messageName: Self.protoMessageName)
    }
}

extension ValidationError {
    /// The error for a finished check: violations first, then rules that could not be evaluated.
    public init(context: ValidationContext, messageName: String) {
        let failures = context.runtimeErrors.map {
            ValidationViolation(fieldPath: $0.fieldPath, ruleID: $0.ruleID, message: "cannot evaluate: \($0.reason)")
        }
        self.init(messageName: messageName, violations: context.violations + failures)
    }
}
