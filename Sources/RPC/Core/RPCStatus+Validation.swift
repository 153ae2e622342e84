internal import GoogleContracts
internal import ProtoRuntime
public import Validation

extension RPCStatus {
    /// `INVALID_ARGUMENT` for a message that breaks its `buf.validate` rules, with every
    /// violation as a `google.rpc.BadRequest.FieldViolation`: `field` is protovalidate's path
    /// (`items[2].sku`), `reason` the rule id (`string.min_len`), `description` the explanation.
    public init(validation error: ValidationError) {
        let violations = error.violations.map {
            Google_Rpc_BadRequest.FieldViolation(field: $0.fieldPath, description_p: $0.message, reason: $0.ruleID)
        }
        let count = violations.count
        let summary =
            count == 1 ? "1 field violation" : "\(count) field violations"
        self.init(
            .invalidArgument,
            "\(error.messageName) is invalid: \(summary): "
                + error.violations.prefix(3).map(\.description).joined(separator: "; ") + (count > 3 ? "; …" : ""),
            details: [Google_Rpc_BadRequest(fieldViolations: violations)], cause: error)
    }

    /// Checks `message` against its rules when it has any.
    /// - Throws: the ``init(validation:)`` status when it breaks them.
    static func validate<M: Message>(_ message: M) throws(RPCStatus) {
        // A metatype cast (one cached conformance lookup) rather than a value cast: the message is
        // never boxed in an existential, and messages without rules skip everything else.
        guard let type = M.self as? any ValidatableMessage.Type else { return }
        try validate(message, as: type)
    }

    private static func validate<M: Message, V: ValidatableMessage>(_ message: M, as type: V.Type) throws(RPCStatus) {
        guard let validatable = message as? V else { return }  // M is V: a same-type cast
        do {
            try validatable.validateOrThrow()
        } catch {
            throw RPCStatus(validation: error)
        }
    }
}
