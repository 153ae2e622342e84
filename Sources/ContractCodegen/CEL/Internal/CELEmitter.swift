/// The type checker and Swift emitter, in one pass over the tree: each node becomes a
/// ``CELValue`` (its type and Swift text) or a ``CELCompileError``.
struct CELEmitter {
    let environment: any CELTypeEnvironment
    let bindings: CELBindings
    let expression: String
    let validatePattern: CELCompiler.PatternValidator?
    /// Macro variables in scope, innermost last.
    var scopes: [(name: String, value: CELValue)] = []
    /// Counter for unique closure parameter names.
    var nextVariable = 0
    var usesNow = false
    /// File-scope declarations by name.
    var declarations: [String: String] = [:]

    init(
        environment: any CELTypeEnvironment, bindings: CELBindings, expression: String,
        validatePattern: CELCompiler.PatternValidator?
    ) {
        self.environment = environment
        self.bindings = bindings
        self.expression = expression
        self.validatePattern = validatePattern
    }

    func error(
        _ code: CELCompileError.Code, _ message: String, at node: CELNode, cause: String? = nil
    )
        -> CELCompileError
    {
        CELCompileError(code: code, message: message, expression: expression, offset: node.offset, cause: cause)
    }

    mutating func emit(_ node: CELNode) throws(CELCompileError) -> CELValue {
        switch node.kind {
        case .int(let value): return constant(.int(value))
        case .uint(let value): return constant(.uint(value))
        case .double(let value): return constant(.double(value))
        case .string(let value): return constant(.string(value))
        case .bytes(let value): return constant(.bytes(value))
        case .bool(let value): return constant(.bool(value))
        case .null: return CELValue(.null, "nil")
        case .identifier(let name): return try identifier(name, at: node)
        case .select(let base, let field): return try select(base, field, at: node)
        case .call(let target, let name, let arguments): return try call(target, name, arguments, at: node)
        case .index(let base, let index): return try self.index(base, index, at: node)
        case .list(let items): return try list(items, at: node)
        case .map: throw error(.unsupported, "map literals are not supported", at: node)
        case .unary(let op, let operand): return try unary(op, operand, at: node)
        case .binary(let op, let left, let right): return try binary(op, left, right, at: node)
        case .conditional(let condition, let then, let otherwise):
            return try conditional(condition, then, otherwise, at: node)
        }
    }

    // MARK: Names

    private mutating func identifier(_ name: String, at node: CELNode) throws(CELCompileError) -> CELValue {
        if let bound = scopes.last(where: { $0.name == name }) { return bound.value }
        switch name {
        case "this": return thisValue()
        case "now":
            usesNow = true
            return CELValue(.timestamp, bindings.nowSwift)
        case "rule":
            guard let rule = bindings.rule else {
                throw error(.undeclared, "'rule' is only defined in predefined rules", at: node)
            }
            return constant(rule)
        case "rules":
            throw error(.unsupported, "'rules' can only be used to read one of its fields (rules.name)", at: node)
        default:
            throw error(.undeclared, "undeclared reference to '\(name)'", at: node)
        }
    }

    private func thisValue() -> CELValue {
        let this = bindings.this
        switch this.shape {
        case .repeated: return CELValue(.list(this.kind.celType), this.swift, itemKind: this.kind)
        case .map(let key):
            return CELValue(.map(key.celType, this.kind.celType), this.swift, itemKind: this.kind, keyKind: key)
        case .single, .optional:
            if case .wrapper(let inner) = this.kind {
                return CELValue(inner.celType, inner.canonical("\(this.swift).value"))
            }
            return CELValue(this.kind.celType, this.kind.canonical(this.swift))
        }
    }

    // MARK: Fields

    private func isRules(_ node: CELNode) -> Bool {
        if case .identifier("rules") = node.kind { return !scopes.contains { $0.name == "rules" } }
        return false
    }

    private mutating func select(
        _ baseNode: CELNode, _ name: String, at node: CELNode
    ) throws(CELCompileError)
        -> CELValue
    {
        if isRules(baseNode) { return constant(try rulesField(name, at: node).value) }
        let base = try emit(baseNode)
        if case .map(.string, _) = base.type, base.keyKind?.isCanonical ?? true {
            return try mapValue(base, key: constant(.string(name)), at: node)
        }
        guard case .message(let message) = base.type else {
            throw error(.noMatchingOverload, "cannot select field '\(name)' from \(base.type)", at: node)
        }
        guard let field = environment.field(name, of: message) else {
            throw error(.noSuchField, "no field '\(name)' in message \(message)", at: node)
        }
        return fieldValue(
            field, path: base.swift + (base.isOptionalMessage ? "?." : ".") + field.swiftAccessor,
            isOptional: base.isOptionalMessage || field.shape == .optional, canThrow: base.canThrow)
    }

    func rulesField(_ name: String, at node: CELNode) throws(CELCompileError) -> CELRulesValue.Field {
        guard let rules = bindings.rules else {
            throw error(.undeclared, "'rules' is only defined in predefined rules", at: node)
        }
        guard let field = rules.fields[name] else {
            throw error(.noSuchField, "no field '\(name)' in \(rules.messageName)", at: node)
        }
        return field
    }

    /// The value of a field read through `path`; `isOptional` when the Swift value is `T?`.
    private func fieldValue(_ field: CELFieldInfo, path: String, isOptional: Bool, canThrow: Bool) -> CELValue {
        var value: CELValue
        switch field.shape {
        case .repeated:
            value = CELValue(field.celType, isOptional ? "(\(path) ?? [])" : path, itemKind: field.kind)
        case .map(let key):
            value = CELValue(field.celType, isOptional ? "(\(path) ?? [:])" : path, itemKind: field.kind, keyKind: key)
        case .single, .optional:
            switch field.kind {
            case .message(let name):
                value = CELValue(.message(name), path, isOptionalMessage: isOptional)
            case .wrapper(let inner):
                value =
                    isOptional
                    ? CELValue(.nullable(inner.celType), "(\(path)).map { \(inner.canonical("$0.value")) }")
                    : CELValue(inner.celType, inner.canonical("\(path).value"))
            case .enumeration:
                value = CELValue(
                    .int, isOptional ? "Swift.Int64(\(path)?.rawValue ?? 0)" : "Swift.Int64(\(path).rawValue)")
            default:
                value = CELValue(
                    field.kind.celType, field.kind.canonical(isOptional ? "(\(path) ?? \(field.kind.zeroSwift))" : path)
                )
            }
        }
        value.canThrow = canThrow
        return value
    }

    /// `has(a.f)`: presence for fields that track it, non-default for the rest.
    mutating func has(_ argument: CELNode, at node: CELNode) throws(CELCompileError) -> CELValue {
        guard case .select(let baseNode, let name) = argument.kind else {
            throw error(.noMatchingOverload, "has() takes a field selection, such as has(this.name)", at: argument)
        }
        if isRules(baseNode) { return constant(.bool(try rulesField(name, at: argument).isSet)) }
        let base = try emit(baseNode)
        if case .map(.string, _) = base.type, base.keyKind?.isCanonical ?? true {
            return CELValue(
                .bool, "(\(base.swift)[\(CELSwiftText.stringLiteral(name))] != nil)", canThrow: base.canThrow)
        }
        guard case .message(let message) = base.type else {
            throw error(.noMatchingOverload, "has() needs a message field, not a field of \(base.type)", at: argument)
        }
        guard let field = environment.field(name, of: message) else {
            throw error(.noSuchField, "no field '\(name)' in message \(message)", at: argument)
        }
        let path = base.swift + (base.isOptionalMessage ? "?." : ".") + field.swiftAccessor
        if field.shape == .optional { return CELValue(.bool, "(\(path) != nil)", canThrow: base.canThrow) }
        let value = fieldValue(field, path: path, isOptional: base.isOptionalMessage, canThrow: base.canThrow)
        switch value.type {
        case .list, .map, .string, .bytes: return CELValue(.bool, "(!\(value.swift).isEmpty)", canThrow: base.canThrow)
        case .bool: return value
        case .int, .uint, .double: return CELValue(.bool, "(\(value.swift) != 0)", canThrow: base.canThrow)
        default:  // a message-typed field Swift holds without an optional is always present
            return CELValue(.bool, base.isOptionalMessage ? "(\(path) != nil)" : "true", canThrow: base.canThrow)
        }
    }
}
