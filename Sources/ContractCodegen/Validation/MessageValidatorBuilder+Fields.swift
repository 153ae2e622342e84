internal import ProtoRuntime

extension MessageValidatorBuilder {
    /// The checks of one field: presence, `required`, `ignore`, then the rules on its value.
    mutating func buildField(_ field: FieldProto) {
        let declared = ValidationPlan.fieldRules(field)
        guard declared != nil || plan.reachesValidated(field, symbols: symbols) else { return }
        let rules = declared ?? Buf_Validate_FieldRules()
        if rules.ignore == .always { return }
        var scratch: [Diagnostic] = []
        let model = FieldModel.make(
            field, in: message, ownerName: symbol.fullName, file: symbol.file, symbols: symbols,
            diagnostics: &scratch)
        let name = field.name ?? ""
        let site = Site(field: name, description: name)
        let property = "self." + model.property
        let isRequired = rules.required == true
        // protovalidate: a field named in a message `oneof` rule is skipped when unset or zero,
        // as with IGNORE_IF_ZERO_VALUE (its `required` still applies).
        let ignoresZero = rules.ignore == .ifZeroValue || isInMessageOneofRule(name)
        let required = report(site, rule: "required", message: "value is required")
        switch model.storage {
        case .repeated, .map:
            let body: (inout MessageValidatorBuilder) -> Void = { builder in
                if case .map(let key, let value) = model.storage {
                    builder.mapRules(rules, key: key.proto, value: value.proto, property: property, site: site)
                } else {
                    builder.listRules(rules, field: field, property: property, site: site)
                }
            }
            if isRequired {
                guardedBlock(
                    "if \(property).isEmpty { \(required) } else", orElse: "if \(property).isEmpty { \(required) }",
                    body)
            } else if ignoresZero {
                guardedBlock("if !\(property).isEmpty", orElse: nil, body)
            } else {
                body(&self)
            }
        case .implicit:
            let kind = ValueKind.of(field, symbols: symbols)
            // Implicit presence means a scalar or an enum, which always have a zero test.
            let isZero = kind.isZero(property) ?? "false"
            if isRequired {
                guardedBlock(
                    "if \(isZero) { \(required) } else",
                    orElse: "if \(isZero) { \(required) }"
                ) { $0.valueRules(rules, kind: kind, value: property, site: site) }
            } else if ignoresZero {
                guardedBlock("if !(\(isZero))", orElse: nil) {
                    $0.valueRules(rules, kind: kind, value: property, site: site)
                }
            } else {
                valueRules(rules, kind: kind, value: property, site: site)
            }
        case .optional, .oneofMember:
            let kind = ValueKind.of(field, symbols: symbols)
            let value = uniqueName("value")
            let binding: String
            if case .oneofMember(_, let oneof) = model.storage {
                binding = "if case .\(model.property)(let \(value))? = self.\(SwiftNaming.escaped(oneof))"
            } else {
                binding = "if let \(value) = \(property)"
            }
            // IGNORE_IF_ZERO_VALUE skips a field with presence only when it is unset: a set zero
            // is still checked, as protovalidate does.
            let unset =
                binding.hasPrefix("if let")
                ? "if \(property) == nil { \(required) }"
                : "if !(\(isSet(field))) { \(required) }"
            guardedBlock(
                binding, closing: isRequired ? "} else { \(required) }" : "}", orElse: isRequired ? unset : nil
            ) { builder in
                builder.valueRules(rules, kind: kind, value: value, site: site)
            }
        }
    }

    /// Writes `header { body }`, or, when `body` writes nothing, `orElse` (or nothing): a binding
    /// with an empty body would be an unused-value warning.
    mutating func guardedBlock(
        _ header: String, closing: String = "}", orElse: String?, _ body: (inout MessageValidatorBuilder) -> Void
    ) {
        let mark = lines.count
        block(header, closing: closing, body)
        guard lines.count == mark + 2 else { return }  // the header and the closing line only
        lines.removeLast(2)
        if let orElse { emit(orElse) }
    }

    /// True when a message-level `oneof` rule names the field.
    func isInMessageOneofRule(_ name: String) -> Bool {
        ValidationPlan.messageRules(message)?.oneof.contains { $0.fields.contains(name) } ?? false
    }

    /// The rules on one value (a field's, a list item's, or a map value's): CEL rules, the nested
    /// message's rules, then the standard rules of its type.
    mutating func valueRules(_ rules: Buf_Validate_FieldRules, kind: ValueKind, value: String, site: Site) {
        celFieldRules(rules, this: CELThis(kind: kind.celKind, swift: value), site: site)
        if case .message(_, let fullName) = kind, plan.validated.contains(fullName) {
            if let field = site.field {
                emit("context.enter(.field(\(SwiftNaming.stringLiteral(field))))")
                emit("\(value).validate(into: &context)")
                emit("context.leave()")
            } else {
                emit("\(value).validate(into: &context)")
            }
        }
        guard let type = rules.type else { return }
        var target = kind
        var subject = value
        if case .wrapper(let inner) = kind {
            target = inner
            subject = value + ".value"
        }
        switch (type, target) {
        case (.float(let r), .number(.float)): numberRules(NumericRules(r), subject, site)
        case (.double(let r), .number(.double)): numberRules(NumericRules(r), subject, site)
        case (.int32(let r), .number(.int32)): numberRules(NumericRules(r), subject, site)
        case (.int64(let r), .number(.int64)): numberRules(NumericRules(r), subject, site)
        case (.uint32(let r), .number(.uint32)): numberRules(NumericRules(r), subject, site)
        case (.uint64(let r), .number(.uint64)): numberRules(NumericRules(r), subject, site)
        case (.sint32(let r), .number(.sint32)): numberRules(NumericRules(r), subject, site)
        case (.sint64(let r), .number(.sint64)): numberRules(NumericRules(r), subject, site)
        case (.fixed32(let r), .number(.fixed32)): numberRules(NumericRules(r), subject, site)
        case (.fixed64(let r), .number(.fixed64)): numberRules(NumericRules(r), subject, site)
        case (.sfixed32(let r), .number(.sfixed32)): numberRules(NumericRules(r), subject, site)
        case (.sfixed64(let r), .number(.sfixed64)): numberRules(NumericRules(r), subject, site)
        case (.bool(let r), .bool):
            if let expected = r.const {
                check("\(subject) != \(expected)", site, rule: "bool.const", message: "value must equal \(expected)")
            }
        case (.string(let r), .string): stringRules(r, subject, site)
        case (.bytes(let r), .bytes): bytesRules(r, subject, site)
        case (.enum(let r), .enumeration(_, _, let descriptor, let isOpen)):
            enumRules(r, subject, descriptor: descriptor, isOpen: isOpen, site: site)
        case (.duration(let r), .duration): durationRules(r, subject, site)
        case (.timestamp(let r), .timestamp): timestampRules(r, subject, site)
        case (.any(let r), .any): anyRules(r, subject, site)
        case (.fieldMask, .fieldMask):
            error(site, rule: "field_mask", "field_mask rules are not supported", fix: "use a CEL rule on the field")
            return
        case (.repeated, _), (.map, _):
            error(site, rule: Self.caseName(type), "applies to repeated and map fields only")
            return
        default:
            error(
                site, rule: Self.caseName(type), "does not apply to a field of type \(kind.ruleTypeName)",
                fix: "use \(kind.ruleTypeName) rules")
            return
        }
        predefinedRules(type, this: CELThis(kind: kind.celKind, swift: value), site: site)
    }

    /// protovalidate's name of a rules case (`int32`, `string`, `repeated`).
    static func caseName(_ type: Buf_Validate_FieldRules.OneOf_Type) -> String {
        switch type {
        case .float: "float"
        case .double: "double"
        case .int32: "int32"
        case .int64: "int64"
        case .uint32: "uint32"
        case .uint64: "uint64"
        case .sint32: "sint32"
        case .sint64: "sint64"
        case .fixed32: "fixed32"
        case .fixed64: "fixed64"
        case .sfixed32: "sfixed32"
        case .sfixed64: "sfixed64"
        case .bool: "bool"
        case .string: "string"
        case .bytes: "bytes"
        case .enum: "enum"
        case .repeated: "repeated"
        case .map: "map"
        case .any: "any"
        case .duration: "duration"
        case .fieldMask: "field_mask"
        case .timestamp: "timestamp"
        }
    }
}
