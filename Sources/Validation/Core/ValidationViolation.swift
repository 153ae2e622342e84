/// One broken validation rule: where (the field path), which rule (its id), and why (a message).
///
/// Paths and rule ids use protovalidate's forms, so violations read the same as those of the
/// reference implementation: `items[2].sku`, `labels["k"]`; `string.email`, `int32.gte_lt`,
/// `required`, or the id of a CEL rule.
public struct ValidationViolation: Sendable, Hashable, CustomStringConvertible {
    /// The field path in protovalidate's text form (`items[2].sku`); empty for a message-level rule.
    public var fieldPath: String
    /// The rule id (`string.email`, `int32.gte_lt`, a CEL rule's `id`).
    public var ruleID: String
    /// A human-readable explanation (`value must be a valid email address`).
    public var message: String
    /// True when the violation is about a map key rather than its value.
    public var isForKey: Bool

    public init(fieldPath: String, ruleID: String, message: String, isForKey: Bool = false) {
        self.fieldPath = fieldPath
        self.ruleID = ruleID
        self.message = message
        self.isForKey = isForKey
    }

    public var description: String {
        fieldPath.isEmpty ? "\(ruleID): \(message)" : "\(fieldPath): \(ruleID): \(message)"
    }
}

/// A message failed its rules; carries every violation, in evaluation order.
public struct ValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The fully-qualified protobuf name of the message that was checked.
    public var messageName: String
    /// Every violation found, not just the first.
    public var violations: [ValidationViolation]

    public init(messageName: String, violations: [ValidationViolation]) {
        self.messageName = messageName
        self.violations = violations
    }

    public var description: String {
        "\(messageName) is invalid: " + violations.map(\.description).joined(separator: "; ")
    }
}
