import Testing
import Validation

@Suite("Validation violations")
struct ValidationViolationTests {
    @Test("a violation reads path, rule and message")
    func description() {
        let violation = ValidationViolation(fieldPath: "items[2].sku", ruleID: "string.min_len", message: "too short")
        #expect(violation.description == "items[2].sku: string.min_len: too short")
        let error = ValidationError(messageName: "a.B", violations: [violation])
        #expect(error.description == "a.B is invalid: items[2].sku: string.min_len: too short")
    }
}
