internal import ProtoRuntime
internal import Validation

/// The libFuzzer entry point of the validation fuzzer: decodes one input as a rule-heavy message
/// (`golden.validation.Everything`, every family of standard rules, from
/// Tests/ContractCodegenTests/Golden/validation.proto) and validates it; then compiles the input
/// as an RE2 pattern and matches it against the input.
///
/// Nothing may crash, trap or hang (libFuzzer's `-timeout` catches a hang; the RE2 engine is
/// linear, so a pattern of n bytes against n bytes of text stays quadratic at worst). The
/// invariants checked: validating twice gives the same violations (no hidden state), every
/// violation names a rule, and a message's verdict survives a round trip through the encoder.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzValidation(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let input = ByteBuffer(bytes: bytes)
    let now = Google_Protobuf_Timestamp(seconds: 1_700_000_000, nanos: 0)
    if let message = try? Golden_Validation_Everything(decoding: input) {
        let first = violations(of: message, now: now)
        precondition(first == violations(of: message, now: now), "validation is not deterministic")
        precondition(first.allSatisfy { !$0.ruleID.isEmpty }, "a violation without a rule id")
        if let encoded = try? message.serializedBytes(),
            let again = try? Golden_Validation_Everything(decoding: ByteBuffer(bytes: encoded))
        {
            precondition(violations(of: again, now: now) == first, "the verdict changed through a round trip")
        }
    }
    if let pattern = String(validating: bytes, as: UTF8.self), let regex = try? RE2Regex(pattern) {
        _ = regex.matches(pattern)
        _ = regex.matches(utf8: bytes)
    }
    return 0
}

private func violations(of message: Golden_Validation_Everything, now: Google_Protobuf_Timestamp)
    -> [ValidationViolation]
{
    var context = ValidationContext(now: now)
    message.validate(into: &context)
    return context.violations
}
