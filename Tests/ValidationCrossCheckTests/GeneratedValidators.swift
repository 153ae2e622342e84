import ProtoRuntime
import Validation

/// What a generated validator says about one encoded message.
struct GeneratedVerdict: Sendable {
    /// The violations, in the validator's order.
    var violations: [CrossCheckCorpus.Violation]
    /// The rules the validator could not evaluate.
    var runtimeErrors: [ValidationRuntimeError]
}

/// The generated validators of the test contracts, by full message name.
///
/// Every top-level message of `Tests/Validation/crosscheck/protos` is here;
/// `ValidationCrossCheckTests` checks that, so a contract added on one side only fails the test.
enum GeneratedValidators {
    /// Decodes an encoding as the type and validates it with the given clock.
    typealias Check = @Sendable ([UInt8], Google_Protobuf_Timestamp) throws -> GeneratedVerdict

    /// The compiled types (contracts.json names their files).
    static let checks: [String: Check] = Dictionary(uniqueKeysWithValues: [
        entry(Room619_Testing_Validation_V1_BytesCases.self),
        entry(Room619_Testing_Validation_V1_EnumCases.self),
        entry(Room619_Testing_Validation_V1_BoolCases.self),
        entry(Room619_Testing_Validation_V1_Item.self),
        entry(Room619_Testing_Validation_V1_RepeatedCases.self),
        entry(Room619_Testing_Validation_V1_MapCases.self),
        entry(Room619_Testing_Validation_V1_Order.self),
        entry(Room619_Testing_Validation_V1_Int32Cases.self),
        entry(Room619_Testing_Validation_V1_Int64Cases.self),
        entry(Room619_Testing_Validation_V1_UInt32Cases.self),
        entry(Room619_Testing_Validation_V1_UInt64Cases.self),
        entry(Room619_Testing_Validation_V1_SInt32Cases.self),
        entry(Room619_Testing_Validation_V1_SInt64Cases.self),
        entry(Room619_Testing_Validation_V1_Fixed32Cases.self),
        entry(Room619_Testing_Validation_V1_Fixed64Cases.self),
        entry(Room619_Testing_Validation_V1_SFixed32Cases.self),
        entry(Room619_Testing_Validation_V1_SFixed64Cases.self),
        entry(Room619_Testing_Validation_V1_FloatCases.self),
        entry(Room619_Testing_Validation_V1_DoubleCases.self),
        entry(Room619_Testing_Validation_V1_OrderingCases.self),
        entry(Room619_Testing_Validation_V1_RequiredCases.self),
        entry(Room619_Testing_Validation_V1_IgnoreCases.self),
        entry(Room619_Testing_Validation_V1_OneofCases.self),
        entry(Room619_Testing_Validation_V1_MessageOneofCases.self),
        entry(Room619_Testing_Validation_V1_OneofMessageCases.self),
        entry(Room619_Testing_Validation_V1_StringCases.self),
        entry(Room619_Testing_Validation_V1_StringFormatCases.self),
        entry(Room619_Testing_Validation_V1_AnyCases.self),
        entry(Room619_Testing_Validation_V1_DurationCases.self),
        entry(Room619_Testing_Validation_V1_TimestampCases.self),
        entry(Room619_Testing_Validation_V1_WrapperCases.self),
        entry(Room619_Testing_Validation_V1_CelMessageCases.self),
        entry(Room619_Testing_Validation_V1_CelFieldCases.self),
        entry(Room619_Testing_Validation_V1_CelRuntimeErrorCases.self),
        entry(Room619_Testing_Validation_V1_CelOrderingCases.self),
        entry(Room619_Testing_Validation_V1_PredefinedCases.self),
    ])

    private static func entry<M: ValidatableMessage>(_ type: M.Type) -> (String, Check) {
        let check: Check = { bytes, now in
            let message = try M(serializedBytes: bytes)
            var context = ValidationContext(now: now)
            message.validate(into: &context)
            let violations = context.violations.map {
                CrossCheckCorpus.Violation(path: $0.fieldPath, rule: $0.ruleID, forKey: $0.isForKey)
            }
            return GeneratedVerdict(violations: violations, runtimeErrors: context.runtimeErrors)
        }
        return (M.protoMessageName, check)
    }
}
