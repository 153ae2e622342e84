/// Compiles protovalidate's CEL rules to Swift at generation time, so no CEL interpreter runs when
/// a message is validated.
///
/// The compiler parses an expression, type-checks it against the message it belongs to (through
/// a ``CELTypeEnvironment``), and emits one Swift expression that calls `Validation._CELRuntime`
/// for everything Swift's operators do not do as CEL does (checked arithmetic, code-point
/// strings, durations). An expression outside the supported subset, naming an unknown field, or
/// ill-typed (`this.name > 3` on a string) is a ``CELCompileError``.
///
/// ```swift
/// let compiler = CELCompiler(environment: descriptors)
/// let rule = try compiler.compile(
///     "this.end > this.start ? '' : 'end must be after start'",
///     bindings: CELBindings(this: .message("shop.v1.Window", swift: "self")))
/// // rule.resultKind == .string
/// // rule.swift == "((ProtoRuntime…) ? \"\" : \"end must be after start\")"
/// ```
package struct CELCompiler {
    /// Checks a literal regular expression at generation time: returns `nil` when `pattern` is
    /// valid RE2, else the reason (the generator passes `{ try? Validation.RE2Regex($0) … }`).
    package typealias PatternValidator = @Sendable (_ pattern: String) -> String?

    let environment: any CELTypeEnvironment
    let validatePattern: PatternValidator?

    /// Creates a compiler over the given messages.
    ///
    /// - Parameters:
    ///   - environment: the messages and fields expressions may reach.
    ///   - validatePattern: checks literal `matches` patterns; without it, an invalid literal
    ///     pattern fails only at run time (as an evaluation error).
    package init(environment: some CELTypeEnvironment, validatePattern: PatternValidator? = nil) {
        self.environment = environment
        self.validatePattern = validatePattern
    }

    /// Compiles one rule expression.
    ///
    /// - Parameters:
    ///   - expression: the CEL text from the rule's `expression`.
    ///   - bindings: what `this`, `rule` and `rules` are, and where `now` is read from.
    /// - Returns: the Swift expression, its result kind, and what it needs around it.
    /// - Throws: ``CELCompileError`` naming the expression and the position of the problem.
    package func compile(_ expression: String, bindings: CELBindings) throws(CELCompileError) -> CELCompiled {
        var parser = try CELParser(expression)
        let tree = try parser.parse()
        var emitter = CELEmitter(
            environment: environment, bindings: bindings, expression: expression, validatePattern: validatePattern)
        let value = try emitter.emit(tree)
        let kind: CELCompiled.ResultKind
        switch value.type {
        case .bool: kind = .bool
        case .string: kind = .string
        default:
            throw CELCompileError(
                code: .invalidResult, message: "a rule must evaluate to bool or string, not \(value.type)",
                expression: expression, offset: tree.offset)
        }
        let declarations = emitter.declarations.sorted { $0.key < $1.key }.map {
            CELCompiled.Declaration(name: $0.key, swift: $0.value)
        }
        return CELCompiled(
            resultKind: kind, swift: (value.canThrow ? "try " : "") + value.swift, canThrow: value.canThrow,
            usesNow: emitter.usesNow, declarations: declarations)
    }
}
