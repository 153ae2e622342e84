import Testing

@testable import ContractCodegen

@Suite("CEL lexer and parser")
struct CELParserTests {
    /// The single token of `text`.
    func token(_ text: String) throws -> CELToken.Kind {
        var lexer = CELLexer(text)
        let tokens = try lexer.tokens()
        #expect(tokens.count == 2)
        return tokens[0].kind
    }

    /// A compact rendering of a parse tree, for precedence checks.
    func shape(_ node: CELNode) -> String {
        switch node.kind {
        case .int(let v): "\(v)"
        case .uint(let v): "\(v)u"
        case .double(let v): "\(v)"
        case .string(let v): "'\(v)'"
        case .bytes(let v): "b\(v)"
        case .bool(let v): "\(v)"
        case .null: "null"
        case .identifier(let name): name
        case .select(let base, let field): "\(shape(base)).\(field)"
        case .call(let target, let name, let args):
            (target.map { shape($0) + "." } ?? "") + name + "(" + args.map(shape).joined(separator: ", ") + ")"
        case .index(let base, let index): "\(shape(base))[\(shape(index))]"
        case .list(let items): "[" + items.map(shape).joined(separator: ", ") + "]"
        case .map(let entries): "{" + entries.map { shape($0.0) + ": " + shape($0.1) }.joined(separator: ", ") + "}"
        case .unary(let op, let operand): "(\(op)\(shape(operand)))"
        case .binary(let op, let l, let r): "(\(shape(l)) \(op) \(shape(r)))"
        case .conditional(let c, let t, let e): "(\(shape(c)) ? \(shape(t)) : \(shape(e)))"
        }
    }

    func parse(_ text: String) throws -> String {
        var parser = try CELParser(text)
        return shape(try parser.parse())
    }

    @Test(
        "number literals",
        arguments: [
            ("0", CELToken.Kind.int(0)), ("42", .int(42)), ("0x1F", .int(31)), ("7u", .uint(7)), ("0xFFu", .uint(255)),
            ("18446744073709551615u", .uint(.max)), ("9223372036854775808", .int(9_223_372_036_854_775_808)),
            ("1.5", .double(1.5)), (".5", .double(0.5)), ("1e3", .double(1000)), ("2.5E-2", .double(0.025)),
        ])
    func numbers(text: String, expected: CELToken.Kind) throws {
        #expect(try token(text) == expected)
    }

    @Test(
        "string and bytes literals with every escape form",
        arguments: [
            (#""a\"b""#, CELToken.Kind.string("a\"b")), (#"'it\'s'"#, .string("it's")),
            (#""\a\b\f\n\r\t\v\\\?\`""#, .string("\u{7}\u{8}\u{C}\n\r\t\u{B}\\?`")),
            (#""\x41\101\u00e9\U0001F600""#, .string("AAé😀")), (#"r"\d+\n""#, .string(#"\d+\n"#)),
            (#"R'\x'"#, .string(#"\x"#)), ("'''a\n'b'''", .string("a\n'b")), (#""""x"y""""#, .string("x\"y")),
            (#"b"\xff\001a""#, .bytes([0xFF, 0x01, 0x61])), (#"b"\u00e9""#, .bytes([0xC3, 0xA9])),
            (#"b'é'"#, .bytes([0xC3, 0xA9])),
            (#"rb"\x""#, .bytes([0x5C, 0x78])), (#"BR'a'"#, .bytes([0x61])),
        ])
    func strings(text: String, expected: CELToken.Kind) throws {
        #expect(try token(text) == expected)
    }

    @Test(
        "invalid literals are syntax errors",
        arguments: [#""\q""#, #""\x4""#, #""\uD800""#, #""\400""#, "'a\nb'", "'abc", "0x"])
    func invalidLiterals(text: String) {
        #expect(throws: CELCompileError.self) { try token(text) }
    }

    @Test(
        "precedence and associativity",
        arguments: [
            ("a || b && c", "(a || (b && c))"),
            ("a && b || c && d", "((a && b) || (c && d))"),
            ("1 + 2 * 3 - 4", "((1 + (2 * 3)) - 4)"),
            ("a < b == c", "((a < b) == c)"),
            ("x in [1, 2] && y", "((x in [1, 2]) && y)"),
            ("!a.b", "(!a.b)"),
            ("--a", "(-(-a))"),
            ("-9223372036854775808", "-9223372036854775808"),
            ("-2.5", "(-2.5)"),
            ("a ? b : c ? d : e", "(a ? b : (c ? d : e))"),
            ("a.b[0].c(1, 'x')", "a.b[0].c(1, 'x')"),
            ("size(x) // comment\n > 1", "(size(x) > 1)"),
            ("[1, 2,]", "[1, 2]"),
            ("{'a': 1, 'b': 2}", "{'a': 1, 'b': 2}"),
            ("x.all(y, y > 0)", "x.all(y, (y > 0))"),
        ])
    func precedence(text: String, expected: String) throws {
        #expect(try parse(text) == expected)
    }

    @Test("nesting is bounded")
    func depth() {
        let deep = String(repeating: "(", count: 300) + "1" + String(repeating: ")", count: 300)
        #expect(throws: CELCompileError.self) { try parse(deep) }
    }
}
