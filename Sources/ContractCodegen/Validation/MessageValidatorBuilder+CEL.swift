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
        if compiled.usesNow { emit("let \(now) = context.now") }
        let check: (inout MessageValidatorBuilder) -> Void = { builder in
            switch compiled.resultKind {
            case .bool:
                builder.emit(
                    "if !(\(compiled.swift)) { context.add(field: \(field), rule: \(ruleID), message: \(SwiftNaming.stringLiteral(failure))) }"
                )
            case .string:
                let text = builder.uniqueName("message")
                builder.emit("let \(text) = \(compiled.swift)")
                builder.emit("if !\(text).isEmpty { context.add(field: \(field), rule: \(ruleID), message: \(text)) }")
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
