/// A recursive-descent parser for CEL's grammar (cel-spec `langdef.md`, "Syntax"): the ternary,
/// `||`, `&&`, relations (`<`, `<=`, `>=`, `>`, `==`, `!=`, `in`), `+ -`, `* / %`, unary `!` and
/// `-`, member access, calls, indexing, and list and map literals. Message construction
/// (`Type{field: …}`) is outside the supported subset.
struct CELParser {
    private let tokens: [CELToken]
    private let expression: String
    private var position = 0
    /// Nesting depth, bounded so a hostile expression cannot exhaust the stack.
    private var depth = 0
    private static let maximumDepth = 200

    init(_ expression: String) throws(CELCompileError) {
        var lexer = CELLexer(expression)
        self.tokens = try lexer.tokens()
        self.expression = expression
    }

    /// The whole expression as one node.
    mutating func parse() throws(CELCompileError) -> CELNode {
        let node = try parseExpression()
        guard current.kind == .end else { throw error("unexpected token after the expression") }
        return node
    }

    private var current: CELToken { tokens[min(position, tokens.count - 1)] }

    private func error(_ message: String, at offset: Int? = nil) -> CELCompileError {
        CELCompileError(code: .syntax, message: message, expression: expression, offset: offset ?? current.offset)
    }

    private mutating func accept(_ symbol: String) -> Bool {
        guard current.kind == .symbol(symbol) else { return false }
        position += 1
        return true
    }

    private mutating func expect(_ symbol: String) throws(CELCompileError) {
        guard accept(symbol) else { throw error("expected '\(symbol)'") }
    }

    private mutating func parseExpression() throws(CELCompileError) -> CELNode {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw error("expression nests too deeply") }
        let condition = try parseBinary(level: 0)
        let offset = current.offset
        guard accept("?") else { return condition }
        let then = try parseBinary(level: 0)
        try expect(":")
        let otherwise = try parseExpression()
        return CELNode(kind: .conditional(condition, then, otherwise), offset: offset)
    }

    /// Binary operators by precedence, loosest first; all are left-associative.
    private static let levels: [[String]] = [
        ["||"], ["&&"], ["<", "<=", ">", ">=", "==", "!=", "in"], ["+", "-"], ["*", "/", "%"],
    ]

    private mutating func parseBinary(level: Int) throws(CELCompileError) -> CELNode {
        guard level < Self.levels.count else { return try parseUnary() }
        var left = try parseBinary(level: level + 1)
        while let op = binaryOperator(at: level) {
            let offset = current.offset
            position += 1
            let right = try parseBinary(level: level + 1)
            left = CELNode(kind: .binary(op, left, right), offset: offset)
        }
        return left
    }

    private func binaryOperator(at level: Int) -> String? {
        switch current.kind {
        case .symbol(let symbol) where Self.levels[level].contains(symbol): symbol
        case .identifier("in") where level == 2: "in"
        default: nil
        }
    }

    private mutating func parseUnary() throws(CELCompileError) -> CELNode {
        let offset = current.offset
        if accept("!") { return CELNode(kind: .unary("!", try parseUnary()), offset: offset) }
        if accept("-") {
            if case .int(let magnitude) = current.kind {  // fold `-9223372036854775808`
                position += 1
                let value = magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
                return try parseMemberSuffix(CELNode(kind: .int(value), offset: offset))
            }
            return CELNode(kind: .unary("-", try parseUnary()), offset: offset)
        }
        return try parseMemberSuffix(try parsePrimary())
    }

    private mutating func parseMemberSuffix(_ base: CELNode) throws(CELCompileError) -> CELNode {
        var node = base
        while true {
            let offset = current.offset
            if accept(".") {
                guard case .identifier(let name) = current.kind else { throw error("expected a field or method name") }
                position += 1
                if accept("(") {
                    let arguments = try parseList(closing: ")")
                    node = CELNode(kind: .call(target: node, name: name, arguments: arguments), offset: offset)
                } else {
                    node = CELNode(kind: .select(node, name), offset: offset)
                }
            } else if accept("[") {
                let index = try parseExpression()
                try expect("]")
                node = CELNode(kind: .index(node, index), offset: offset)
            } else if current.kind == .symbol("{") {
                throw CELCompileError(
                    code: .unsupported, message: "message construction is not supported", expression: expression,
                    offset: offset)
            } else {
                return node
            }
        }
    }

    private mutating func parsePrimary() throws(CELCompileError) -> CELNode {
        let token = current
        position += 1
        switch token.kind {
        case .int(let magnitude):
            guard magnitude <= UInt64(Int64.max) else { throw error("integer literal out of range", at: token.offset) }
            return CELNode(kind: .int(Int64(magnitude)), offset: token.offset)
        case .uint(let value): return CELNode(kind: .uint(value), offset: token.offset)
        case .double(let value): return CELNode(kind: .double(value), offset: token.offset)
        case .string(let value): return CELNode(kind: .string(value), offset: token.offset)
        case .bytes(let value): return CELNode(kind: .bytes(value), offset: token.offset)
        case .identifier(let name): return try parseIdentifier(name, offset: token.offset)
        case .symbol("("):
            let inner = try parseExpression()
            try expect(")")
            return inner
        case .symbol("["): return CELNode(kind: .list(try parseList(closing: "]")), offset: token.offset)
        case .symbol("{"): return try parseMap(offset: token.offset)
        case .symbol("."): throw error("leading-dot names are not supported", at: token.offset)
        default: throw error("unexpected token", at: token.offset)
        }
    }

    private mutating func parseIdentifier(_ name: String, offset: Int) throws(CELCompileError) -> CELNode {
        switch name {
        case "true": return CELNode(kind: .bool(true), offset: offset)
        case "false": return CELNode(kind: .bool(false), offset: offset)
        case "null": return CELNode(kind: .null, offset: offset)
        case "in": throw error("'in' is an operator", at: offset)
        default: break
        }
        if celReservedWords.contains(name) { throw error("'\(name)' is a reserved word", at: offset) }
        if accept("(") {
            return CELNode(kind: .call(target: nil, name: name, arguments: try parseList(closing: ")")), offset: offset)
        }
        return CELNode(kind: .identifier(name), offset: offset)
    }

    /// Comma-separated expressions up to `closing` (a trailing comma is allowed in lists).
    private mutating func parseList(closing: String) throws(CELCompileError) -> [CELNode] {
        var items: [CELNode] = []
        if accept(closing) { return items }
        repeat {
            if closing == "]" && current.kind == .symbol("]") { break }
            items.append(try parseExpression())
        } while accept(",")
        try expect(closing)
        return items
    }

    private mutating func parseMap(offset: Int) throws(CELCompileError) -> CELNode {
        var entries: [(CELNode, CELNode)] = []
        if !accept("}") {
            repeat {
                if current.kind == .symbol("}") { break }
                let key = try parseExpression()
                try expect(":")
                entries.append((key, try parseExpression()))
            } while accept(",")
            try expect("}")
        }
        return CELNode(kind: .map(entries), offset: offset)
    }
}
