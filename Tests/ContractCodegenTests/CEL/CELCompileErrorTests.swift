import Testing

@testable import ContractCodegen

@Suite("CEL compiler: errors name the expression and the position")
struct CELCompileErrorTests {
    struct Case: CustomStringConvertible, Sendable {
        var expression: String
        var code: CELCompileError.Code
        var message: String
        var column: Int
        var description: String { expression }
    }

    static let cases: [Case] = [
        Case(
            expression: "this.name > 3", code: .noMatchingOverload, message: "'>' cannot compare string and int",
            column: 11),
        Case(
            expression: "size(this.age)", code: .unsupported, message: "no function int.size() in the supported subset",
            column: 1),
        Case(
            expression: "this.nope == 1", code: .noSuchField, message: "no field 'nope' in message test.v1.User",
            column: 5),
        Case(
            expression: "this.address.street == ''", code: .noSuchField,
            message: "no field 'street' in message test.v1.Address", column: 13),
        Case(expression: "that.name == ''", code: .undeclared, message: "undeclared reference to 'that'", column: 1),
        Case(
            expression: "this.age + 1", code: .invalidResult,
            message: "a rule must evaluate to bool or string, not int", column: 10),
        Case(
            expression: "this.name == 'a' && this.age", code: .noMatchingOverload,
            message: "'&&' needs bool operands, not bool and int", column: 18),
        Case(
            expression: "this.age > 0 ? 'x' : 1", code: .noMatchingOverload,
            message: "both branches must have one type: string and int", column: 14),
        Case(
            expression: "this.ttl < duration('1x')", code: .invalidLiteral, message: "invalid duration literal \"1x\"",
            column: 21),
        Case(
            expression: "this.created < timestamp('2024-02-30T00:00:00Z')", code: .invalidLiteral,
            message: "invalid timestamp literal \"2024-02-30T00:00:00Z\"", column: 26),
        Case(
            expression: "this.name.matches('(?<n>a)')", code: .invalidLiteral,
            message: "invalid regular expression \"(?<n>a)\"", column: 19),
        Case(
            expression: "this.name.lowerAscii() == ''", code: .unsupported,
            message: "no function string.lowerAscii() in the supported subset", column: 10),
        Case(
            expression: "{'a': 1}.size() > 0", code: .unsupported, message: "map literals are not supported", column: 1),
        Case(
            expression: "test.v1.Address{city: 'x'} == this.address", code: .unsupported,
            message: "message construction is not supported", column: 16),
        Case(expression: "this.name ==", code: .syntax, message: "unexpected token", column: 13),
        Case(expression: "this.name == 'abc", code: .syntax, message: "unterminated string", column: 14),
        Case(
            expression: "this.age == 9223372036854775808", code: .syntax, message: "integer literal out of range",
            column: 13),
        Case(
            expression: "rule > 1", code: .undeclared, message: "'rule' is only defined in predefined rules", column: 1),
        Case(
            expression: "this.tags.all(t, t)", code: .noMatchingOverload,
            message: "the all() predicate must be bool, not string", column: 18),
        Case(
            expression: "this.tags.all(1, true)", code: .syntax,
            message: "all() needs a variable name as its first argument", column: 15),
        Case(
            expression: "[1, 'a'].size() > 0", code: .noMatchingOverload,
            message: "list items must share one type: int and string", column: 5),
        Case(
            expression: "this.name in this.counts", code: .noMatchingOverload,
            message: "'in' cannot look for string in list(int)", column: 11),
        Case(expression: "-this.big > 0u", code: .noMatchingOverload, message: "no '-' for uint", column: 1),
        Case(
            expression: "this.score % 2.0 == 0.0", code: .noMatchingOverload, message: "no '%' for double and double",
            column: 12),
        Case(
            expression: "this.name.isIp(this.age)", code: .unsupported,
            message: "the IP version must be a literal (0, 4 or 6)", column: 20),
        Case(
            expression: "this.items.unique()", code: .noMatchingOverload,
            message: "unique() needs a list of scalars, not list(test.v1.Item)", column: 11),
        Case(
            expression: "has(this)", code: .noMatchingOverload,
            message: "has() takes a field selection, such as has(this.name)", column: 5),
        Case(expression: "this.age == 1 && for", code: .syntax, message: "'for' is a reserved word", column: 18),
    ]

    @Test("predefined-rule names outside a predefined rule, or naming an unknown rules field")
    func rulesNames() {
        let bindings = CELBindings(
            this: CELThis(kind: .string, swift: "v"),
            rules: CELRulesValue(messageName: "buf.validate.StringRules", fields: ["max_len": .init(value: .uint(3))]))
        for (expression, message) in [
            ("this.size() < rules.min_len", "no field 'min_len' in buf.validate.StringRules"),
            ("rules == rules", "'rules' can only be used to read one of its fields (rules.name)"),
        ] {
            #expect(throws: CELCompileError.self) { try CELCompiler.fixture.compile(expression, bindings: bindings) }
            do {
                _ = try CELCompiler.fixture.compile(expression, bindings: bindings)
            } catch {
                #expect(error.message == message)
            }
        }
        #expect(throws: CELCompileError.self) { try CELCompiler.fixture.compileOnUser("rules.max_len > 0") }
    }

    @Test("each rejected expression says why and where", arguments: cases)
    func rejected(_ testCase: Case) {
        do {
            let compiled = try CELCompiler.fixture.compileOnUser(testCase.expression)
            Issue.record("compiled to \(compiled.swift)")
        } catch {
            #expect(error.code == testCase.code)
            #expect(error.message == testCase.message)
            #expect(error.line == 1)
            #expect(error.column == testCase.column)
            #expect(error.expression == testCase.expression)
        }
    }

    @Test("the description reads code, message, position and expression")
    func description() {
        let error = CELCompileError(
            code: .noMatchingOverload, message: "'>' cannot compare string and int", expression: "this.name > 3",
            offset: 10)
        #expect(
            error.description
                == "no matching overload: \"'>' cannot compare string and int\" at 1:11 in `this.name > 3`")
    }

    @Test("positions count lines and code points")
    func multiline() {
        do {
            _ = try CELCompiler.fixture.compileOnUser("this.name == 'é' &&\n  this.nope")
            Issue.record("compiled")
        } catch {
            #expect(error.line == 2)
            #expect(error.column == 7)
        }
    }
}
