internal import ProtoRuntime

extension MessageValidatorBuilder {
    /// Enum rules on the numeric value: `const`, `defined_only`, `in`, `not_in`.
    mutating func enumRules(
        _ r: Buf_Validate_EnumRules, _ value: String, descriptor: EnumProto, isOpen: Bool, site: Site
    ) {
        let number = "\(value).rawValue"
        if let expected = r.const {
            check("\(number) != \(expected)", site, rule: "enum.const", message: "value must equal \(expected)")
        }
        if r.definedOnly == true, isOpen {
            // A proto3 enum keeps numbers it does not declare as `.unrecognized`; a closed (proto2)
            // enum never holds one, since the decoder moves them to the unknown fields.
            emit(
                "if case .unrecognized = \(value) { "
                    + report(site, rule: "enum.defined_only", message: "value must be one of the defined enum values")
                    + " }")
        }
        if !r.in.isEmpty {
            check(
                "![\(r.in.map(String.init).joined(separator: ", "))].contains(\(number))", site, rule: "enum.in",
                message: "value must be in list [\(r.in.map(String.init).joined(separator: ", "))]")
        }
        if !r.notIn.isEmpty {
            check(
                "[\(r.notIn.map(String.init).joined(separator: ", "))].contains(\(number))", site, rule: "enum.not_in",
                message: "value must not be in list [\(r.notIn.map(String.init).joined(separator: ", "))]")
        }
    }
}
