/// Unary, binary and conditional operators, with CEL's overloads: checked int and uint
/// arithmetic, heterogeneous numeric comparison, code-point string comparison, duration and
/// timestamp arithmetic, and the error-absorbing `&&` and `||`.
extension CELEmitter {
    static let throwsClause = "throws(Validation.CELEvaluationError)"

    mutating func unary(_ op: String, _ operandNode: CELNode, at node: CELNode) throws(CELCompileError) -> CELValue {
        let operand = try unwrapped(try emit(operandNode))
        switch (op, operand.type) {
        case ("!", .bool): return CELValue(.bool, "(!\(operand.swift))", canThrow: operand.canThrow)
        case ("-", .int): return CELValue(.int, "Validation._CELRuntime.negate(\(operand.swift))", canThrow: true)
        case ("-", .double): return CELValue(.double, "(-\(operand.swift))", canThrow: operand.canThrow)
        default: throw error(.noMatchingOverload, "no '\(op)' for \(operand.type)", at: node)
        }
    }

    /// A nullable operand as its base type, failing at run time when it is `null`.
    func unwrapped(_ value: CELValue) throws(CELCompileError) -> CELValue {
        guard case .nullable(let base) = value.type else { return value }
        return CELValue(base, "Validation._CELRuntime.nonNull(\(value.swift))", canThrow: true)
    }

    mutating func binary(
        _ op: String, _ leftNode: CELNode, _ rightNode: CELNode, at node: CELNode
    )
        throws(CELCompileError) -> CELValue
    {
        let left = try emit(leftNode)
        let right = try emit(rightNode)
        switch op {
        case "&&", "||": return try logical(op, left, right, at: node)
        case "==", "!=": return try equality(op, left, right, at: node)
        case "<", "<=", ">", ">=": return try ordering(op, try unwrapped(left), try unwrapped(right), at: node)
        case "in": return try membership(left, right, at: node)
        default: return try arithmetic(op, try unwrapped(left), try unwrapped(right), at: node)
        }
    }

    /// Swift text of both operands, a constant written bare when the other side fixes its type.
    private func operands(_ left: CELValue, _ right: CELValue) -> (String, String) {
        let l = right.bareLiteral == nil ? (left.bareLiteral ?? left.swift) : left.swift
        let r = left.bareLiteral == nil ? (right.bareLiteral ?? right.swift) : right.swift
        return (l, r)
    }

    private func logical(
        _ op: String, _ left: CELValue, _ right: CELValue, at node: CELNode
    ) throws(CELCompileError)
        -> CELValue
    {
        guard left.type == .bool, right.type == .bool else {
            throw error(
                .noMatchingOverload, "'\(op)' needs bool operands, not \(left.type) and \(right.type)", at: node)
        }
        guard left.canThrow || right.canThrow else { return CELValue(.bool, "(\(left.swift) \(op) \(right.swift))") }
        let helper = op == "&&" ? "and" : "or"
        return CELValue(
            .bool,
            "Validation._CELRuntime.\(helper)({ () \(Self.throwsClause) -> Swift.Bool in \(body(left)) }, "
                + "{ () \(Self.throwsClause) -> Swift.Bool in \(body(right)) })", canThrow: true)
    }

    /// A closure body computing `value`.
    func body(_ value: CELValue) -> String { (value.canThrow ? "try " : "") + value.swift }

    private func arithmetic(
        _ op: String, _ left: CELValue, _ right: CELValue, at node: CELNode
    )
        throws(CELCompileError) -> CELValue
    {
        let canThrow = left.canThrow || right.canThrow
        let (l, r) = operands(left, right)
        let names = ["+": "add", "-": "subtract", "*": "multiply", "/": "divide", "%": "remainder"]
        let helper = "Validation._CELRuntime.\(names[op] ?? op)(\(l), \(r))"
        switch (left.type, right.type) {
        case (.int, .int), (.uint, .uint): return CELValue(left.type, helper, canThrow: true)
        case (.double, .double) where op != "%": return CELValue(.double, "(\(l) \(op) \(r))", canThrow: canThrow)
        case (.string, .string) where op == "+": return CELValue(.string, "(\(l) + \(r))", canThrow: canThrow)
        case (.bytes, .bytes) where op == "+":
            return CELValue(.bytes, "Validation._CELRuntime.concatenate(\(l), \(r))", canThrow: canThrow)
        case (.duration, .duration) where op == "+" || op == "-": return CELValue(.duration, helper, canThrow: true)
        case (.timestamp, .duration) where op == "+" || op == "-", (.duration, .timestamp) where op == "+":
            return CELValue(.timestamp, helper, canThrow: true)
        case (.timestamp, .timestamp) where op == "-": return CELValue(.duration, helper, canThrow: true)
        case (.list(let a), .list(let b)) where op == "+" && (a == b || a == .dyn || b == .dyn):
            if a == .dyn { return right }
            if b == .dyn { return left }
            let x = try materialized(left, at: node)
            let y = try materialized(right, at: node)
            return CELValue(left.type, "(\(x.swift) + \(y.swift))", canThrow: canThrow)
        default:
            throw error(.noMatchingOverload, "no '\(op)' for \(left.type) and \(right.type)", at: node)
        }
    }

    /// `<`, `<=`, `>`, `>=`.
    private func ordering(
        _ op: String, _ left: CELValue, _ right: CELValue, at node: CELNode
    )
        throws(CELCompileError) -> CELValue
    {
        let canThrow = left.canThrow || right.canThrow
        let (l, r) = operands(left, right)
        switch (left.type, right.type) {
        case (.int, .int), (.uint, .uint), (.double, .double):
            return CELValue(.bool, "(\(l) \(op) \(r))", canThrow: canThrow)
        case (.string, .string), (.bytes, .bytes), (.bool, .bool), (.duration, .duration), (.timestamp, .timestamp):
            return CELValue(.bool, "(Validation._CELRuntime.order(\(l), \(r)) \(op) 0)", canThrow: canThrow)
        case _ where left.type.isNumeric && right.type.isNumeric:
            return CELValue(.bool, mixedComparison(op, left, right), canThrow: canThrow)
        default:
            throw error(.noMatchingOverload, "'\(op)' cannot compare \(left.type) and \(right.type)", at: node)
        }
    }

    /// A comparison of an int, uint and double by exact value; with a double, NaN is unordered.
    private func mixedComparison(_ op: String, _ left: CELValue, _ right: CELValue) -> String {
        let order = "Validation._CELRuntime.order(\(left.swift), \(right.swift))"
        guard left.type == .double || right.type == .double else { return "(\(order) \(op) 0)" }
        switch op {
        case "<": return "(\(order) == -1)"
        case ">": return "(\(order) == 1)"
        case "<=": return "((\(order) ?? 1) <= 0)"
        case ">=": return "((\(order) ?? -1) >= 0)"
        case "==": return "(\(order) == 0)"
        default: return "(\(order) != 0)"
        }
    }

    /// `==` and `!=`.
    private func equality(
        _ op: String, _ left: CELValue, _ right: CELValue, at node: CELNode
    )
        throws(CELCompileError) -> CELValue
    {
        let canThrow = left.canThrow || right.canThrow
        let negation = op == "!=" ? "!" : ""
        switch (left.type, right.type) {
        case (.null, .null): return CELValue(.bool, op == "==" ? "true" : "false")
        case (.null, .nullable), (.nullable, .null):
            let value = left.type == .null ? right : left
            return CELValue(.bool, "(\(value.swift) \(op) nil)", canThrow: canThrow)
        case (.nullable(let a), let b) where a == b, (let b, .nullable(let a)) where a == b:
            let (l, r) = operands(left, right)
            return CELValue(.bool, "(\(l) \(op) \(r))", canThrow: canThrow)
        case (.string, .string):
            let (l, r) = operands(left, right)
            return CELValue(.bool, "\(negation)Validation._CELRuntime.equals(\(l), \(r))", canThrow: canThrow)
        case (.duration, .duration), (.timestamp, .timestamp):
            return CELValue(
                .bool, "(Validation._CELRuntime.order(\(left.swift), \(right.swift)) \(op) 0)", canThrow: canThrow)
        case (.int, .int), (.uint, .uint), (.double, .double), (.bool, .bool), (.bytes, .bytes):
            let (l, r) = operands(left, right)
            return CELValue(.bool, "(\(l) \(op) \(r))", canThrow: canThrow)
        case _ where left.type.isNumeric && right.type.isNumeric:
            return CELValue(.bool, mixedComparison(op, left, right), canThrow: canThrow)
        case (.message(let a), .message(let b)) where a == b:
            let x = try materialized(left, at: node)
            let y = try materialized(right, at: node)
            return CELValue(.bool, "(\(x.swift) \(op) \(y.swift))", canThrow: canThrow)
        case (.list(let a), .list(let b)) where a == b || a == .dyn || b == .dyn:
            return try listEquality(op, left, right, at: node)
        default:
            throw error(.noMatchingOverload, "'\(op)' cannot compare \(left.type) and \(right.type)", at: node)
        }
    }

    private func listEquality(
        _ op: String, _ left: CELValue, _ right: CELValue, at node: CELNode
    )
        throws(CELCompileError) -> CELValue
    {
        let canThrow = left.canThrow || right.canThrow
        let negation = op == "!=" ? "!" : ""
        if case .list(.dyn) = left.type {
            return CELValue(.bool, "(\(negation)\(right.swift).isEmpty)", canThrow: canThrow)
        }
        if case .list(.dyn) = right.type {
            return CELValue(.bool, "(\(negation)\(left.swift).isEmpty)", canThrow: canThrow)
        }
        let x = try materialized(left, at: node)
        let y = try materialized(right, at: node)
        if case .list(.string) = left.type {
            return CELValue(
                .bool, "\(negation)Validation._CELRuntime.equals(\(x.swift), \(y.swift))", canThrow: canThrow)
        }
        guard case .list(let item) = left.type, [.int, .uint, .double, .bool, .bytes].contains(item) else {
            throw error(.unsupported, "'\(op)' on \(left.type) is not supported", at: node)
        }
        return CELValue(.bool, "(\(x.swift) \(op) \(y.swift))", canThrow: canThrow)
    }

    /// `value in list` and `key in map`.
    private mutating func membership(
        _ value: CELValue, _ container: CELValue, at node: CELNode
    )
        throws(CELCompileError) -> CELValue
    {
        let canThrow = value.canThrow || container.canThrow
        let needle = value.bareLiteral ?? value.swift
        switch container.type {
        case .list(let item) where item == value.type:
            if item == .string {
                return CELValue(
                    .bool, "Validation._CELRuntime.contains(\(container.swift), \(value.swift))", canThrow: canThrow)
            }
            if let kind = container.itemKind, !kind.isCanonical, !value.canThrow {
                return CELValue(
                    .bool, "\(container.swift).contains { \(kind.canonical("$0")) == \(needle) }", canThrow: canThrow)
            }
            let list = try materialized(container, at: node)
            return CELValue(.bool, "\(list.swift).contains(\(value.swift))", canThrow: canThrow)
        case .list(.dyn): return CELValue(.bool, "false", canThrow: canThrow)
        case .map(let key, _) where key == value.type:
            let kind = container.keyKind ?? .string
            if kind.isCanonical { return CELValue(.bool, "(\(container.swift)[\(needle)] != nil)", canThrow: canThrow) }
            guard !value.canThrow else { throw error(.unsupported, "this 'in' operand is not supported", at: node) }
            return CELValue(
                .bool, "\(container.swift).keys.contains { \(kind.canonical("$0")) == \(needle) }", canThrow: canThrow)
        default:
            throw error(.noMatchingOverload, "'in' cannot look for \(value.type) in \(container.type)", at: node)
        }
    }

    /// `condition ? then : otherwise`: both branches of one type.
    mutating func conditional(
        _ conditionNode: CELNode, _ thenNode: CELNode, _ otherwiseNode: CELNode, at node: CELNode
    )
        throws(CELCompileError) -> CELValue
    {
        let condition = try emit(conditionNode)
        guard condition.type == .bool else {
            throw error(.noMatchingOverload, "a condition must be bool, not \(condition.type)", at: conditionNode)
        }
        var then = try materialized(try emit(thenNode), at: thenNode)
        var otherwise = try materialized(try emit(otherwiseNode), at: otherwiseNode)
        if then.type == .list(.dyn), case .list = otherwise.type { then.type = otherwise.type }
        if otherwise.type == .list(.dyn), case .list = then.type { otherwise.type = then.type }
        guard then.type == otherwise.type else {
            throw error(
                .noMatchingOverload, "both branches must have one type: \(then.type) and \(otherwise.type)", at: node)
        }
        let canThrow = condition.canThrow || then.canThrow || otherwise.canThrow
        let (t, o) = operands(then, otherwise)
        return CELValue(then.type, "(\(condition.swift) ? \(t) : \(o))", canThrow: canThrow)
    }
}
