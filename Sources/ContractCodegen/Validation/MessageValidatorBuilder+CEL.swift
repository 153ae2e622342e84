internal import ProtoRuntime
internal import Validation

extension MessageValidatorBuilder {
    /// A field's CEL rules (`cel`, then `cel_expression`), with `this` bound to its value, its
    /// list or its map.
    mutating func celFieldRules(_ rules: Buf_Validate_FieldRules, this: CELThis, site: Site) {
        for rule in rules.cel {
            celRule(
                id: rule.id ?? "", message: rule.message ?? "", expression: rule.expression ?? "",
                bindings: CELBindings(this: this), site: site)
        }
        for expression in rules.celExpression {
            celRule(id: expression, message: "", expression: expression, bindings: CELBindings(this: this), site: site)
        }
    }

    /// The message's CEL rules, with `this` bound to the message.
    mutating func celMessageRules(_ rules: Buf_Validate_MessageRules) {
        let this = CELThis.message(symbol.protoName, swift: "self")
        let site = Site(field: nil, description: "(message)")
        for rule in rules.cel {
            celRule(
                id: rule.id ?? "", message: rule.message ?? "", expression: rule.expression ?? "",
                bindings: CELBindings(this: this), site: site)
        }
        for expression in rules.celExpression {
            celRule(id: expression, message: "", expression: expression, bindings: CELBindings(this: this), site: site)
        }
    }

    /// The predefined rules a rules message sets (after its standard rules), with `this` bound
    /// as for the field's CEL rules and `rule` to the value set.
    mutating func predefinedRules(_ type: Buf_Validate_FieldRules.OneOf_Type, this: CELThis, site: Site) {
        let (extendee, unknown) = Self.rulesMessage(type)
        for (declaration, value) in plan.predefined.applied(extendee: extendee, unknownFields: unknown) {
            for rule in declaration.rules.cel {
                celRule(
                    id: rule.id ?? "", message: rule.message ?? "", expression: rule.expression ?? "",
                    bindings: CELBindings(this: this, rule: value), site: site)
            }
        }
    }

    /// The full name and the unknown fields (where predefined rules' values are) of the rules
    /// message in a `type` case.
    static func rulesMessage(_ type: Buf_Validate_FieldRules.OneOf_Type) -> (String, UnknownFields) {
        let prefix = ".buf.validate."
        switch type {
        case .float(let r): return (prefix + "FloatRules", r.unknownFields)
        case .double(let r): return (prefix + "DoubleRules", r.unknownFields)
        case .int32(let r): return (prefix + "Int32Rules", r.unknownFields)
        case .int64(let r): return (prefix + "Int64Rules", r.unknownFields)
        case .uint32(let r): return (prefix + "UInt32Rules", r.unknownFields)
        case .uint64(let r): return (prefix + "UInt64Rules", r.unknownFields)
        case .sint32(let r): return (prefix + "SInt32Rules", r.unknownFields)
        case .sint64(let r): return (prefix + "SInt64Rules", r.unknownFields)
        case .fixed32(let r): return (prefix + "Fixed32Rules", r.unknownFields)
        case .fixed64(let r): return (prefix + "Fixed64Rules", r.unknownFields)
        case .sfixed32(let r): return (prefix + "SFixed32Rules", r.unknownFields)
        case .sfixed64(let r): return (prefix + "SFixed64Rules", r.unknownFields)
        case .bool(let r): return (prefix + "BoolRules", r.unknownFields)
        case .string(let r): return (prefix + "StringRules", r.unknownFields)
        case .bytes(let r): return (prefix + "BytesRules", r.unknownFields)
        case .enum(let r): return (prefix + "EnumRules", r.unknownFields)
        case .repeated(let r): return (prefix + "RepeatedRules", r.unknownFields)
        case .map(let r): return (prefix + "MapRules", r.unknownFields)
        case .any(let r): return (prefix + "AnyRules", r.unknownFields)
        case .duration(let r): return (prefix + "DurationRules", r.unknownFields)
        case .fieldMask(let r): return (prefix + "FieldMaskRules", r.unknownFields)
        case .timestamp(let r): return (prefix + "TimestampRules", r.unknownFields)
        }
    }

    /// Compiles one CEL rule and writes its check: `false` (or a non-empty string) is a violation
    /// of `id`; an evaluation error (overflow, division by zero) is a runtime error of the rule,
    /// as protovalidate reports it.
    mutating func celRule(id: String, message: String, expression: String, bindings: CELBindings, site: Site) {
        var bindings = bindings
        let now = uniqueName("now")
        bindings.nowSwift = now
        let compiler = CELCompiler(
            environment: CELEnvironment(symbols: symbols),
            validatePattern: { pattern in
                do {
                    _ = try RE2Regex(pattern)
                    return nil
                } catch {
                    return "\(error)"
                }
            })
        let compiled: CELCompiled
        do {
            compiled = try compiler.compile(expression, bindings: bindings)
        } catch {
            self.error(site, rule: id.isEmpty ? "cel" : id, "CEL: \(error)")
            return
        }
        for declaration in compiled.declarations { fileDeclarations[declaration.name] = declaration.swift }
        let field = site.field.map(SwiftNaming.stringLiteral) ?? "nil"
        let ruleID = SwiftNaming.stringLiteral(id)
        let failure = message.isEmpty ? "`\(expression)` failed" : message
        let key = site.isForKey ? ", isForKey: true" : ""
        if compiled.usesNow { emit("let \(now) = context.now") }
        let check: (inout MessageValidatorBuilder) -> Void = { builder in
            switch compiled.resultKind {
            case .bool:
                builder.emit(
                    "if !(\(compiled.swift)) { context.add(field: \(field), rule: \(ruleID), message: \(SwiftNaming.stringLiteral(failure))\(key)) }"
                )
            case .string:
                let text = builder.uniqueName("message")
                builder.emit("let \(text) = \(compiled.swift)")
                builder.emit(
                    "if !\(text).isEmpty { context.add(field: \(field), rule: \(ruleID), message: \(text)\(key)) }")
            }
        }
        if compiled.canThrow {
            block(
                "do throws(Validation.CELEvaluationError)",
                closing: "} catch { context.fail(field: \(field), rule: \(ruleID), reason: error.message) }", check)
        } else {
            check(&self)
        }
    }
}
