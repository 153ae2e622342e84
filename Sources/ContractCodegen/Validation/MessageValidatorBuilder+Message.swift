internal import ProtoRuntime

extension MessageValidatorBuilder {
    /// Message-level rules: CEL rules on the whole message, then each `oneof` rule (a group of
    /// fields of which at most one, or exactly one when required, may be set).
    mutating func buildMessageRules() {
        guard let rules = ValidationPlan.messageRules(message) else { return }
        celMessageRules(rules)
        let site = Site(field: nil, description: "(message)")
        for (index, rule) in rules.oneof.enumerated() {
            var tests: [String] = []
            var seen: Set<String> = []
            for name in rule.fields {
                guard seen.insert(name).inserted else {
                    error(site, rule: "message.oneof", "field \(name) is listed twice in oneof rule \(index)")
                    continue
                }
                guard let field = message.field.first(where: { $0.name == name }) else {
                    error(site, rule: "message.oneof", "names \(name), which is not a field of this message")
                    continue
                }
                tests.append(isSet(field))
            }
            if rule.fields.isEmpty { error(site, rule: "message.oneof", "oneof rule \(index) lists no fields") }
            guard !tests.isEmpty else { continue }
            let count = uniqueName("setCount")
            let list = rule.fields.joined(separator: ", ")
            emit("let \(count) = " + tests.map { "(\($0) ? 1 : 0)" }.joined(separator: " + "))
            check(
                "\(count) > 1", site, rule: "message.oneof", message: "only one of \(list) can be set")
            if rule.required == true {
                check("\(count) == 0", site, rule: "message.oneof", message: "one of \(list) must be set")
            }
        }
    }

    /// `(buf.validate.oneof).required`: one member of the oneof must be set.
    mutating func buildOneofRules() {
        var scratch: [Diagnostic] = []
        for (index, oneof) in message.oneofDecl.enumerated() where ValidationPlan.oneofRules(oneof)?.required == true {
            guard
                let member = message.field.first(where: { $0.oneofIndex == Int32(index) && $0.proto3Optional != true })
            else { continue }
            let model = FieldModel.make(
                member, in: message, ownerName: symbol.fullName, file: symbol.file, symbols: symbols,
                diagnostics: &scratch)
            guard case .oneofMember(_, let property) = model.storage else { continue }
            let name = oneof.name ?? ""
            check(
                "self.\(SwiftNaming.escaped(property)) == nil", Site(field: name, description: name), rule: "required",
                message: "exactly one field is required in oneof")
        }
    }

    /// A Swift test that `field` is set: present for fields with presence, non-zero otherwise,
    /// non-empty for lists and maps.
    func isSet(_ field: FieldProto) -> String {
        var scratch: [Diagnostic] = []
        let model = FieldModel.make(
            field, in: message, ownerName: symbol.fullName, file: symbol.file, symbols: symbols, diagnostics: &scratch)
        let property = "self." + model.property
        switch model.storage {
        case .repeated, .map: return "!\(property).isEmpty"
        case .optional: return "\(property) != nil"
        case .oneofMember(_, let oneof):
            return "{ if case .\(model.property)? = self.\(SwiftNaming.escaped(oneof)) { true } else { false } }()"
        case .implicit: return ValueKind.of(field, symbols: symbols).isZero(property).map { "!(\($0))" } ?? "true"
        }
    }
}
