import Testing
import Validation

/// A pattern RE2 rejects, with the code, message and offset RE2Regex must report.
struct RejectCase: Sendable, CustomTestStringConvertible {
    var pattern: String
    var code: RE2SyntaxError.Code
    var message: String
    var offset: Int

    init(_ pattern: String, _ code: RE2SyntaxError.Code, _ message: String, at offset: Int) {
        self.pattern = pattern
        self.code = code
        self.message = message
        self.offset = offset
    }

    var testDescription: String { String(reflecting: pattern) }
}

@Suite("RE2Regex syntax errors")
struct RE2SyntaxErrorTests {
    @Test(
        "each error kind, with RE2's message and where it is",
        arguments: [
            RejectCase(#"(a)\1"#, .invalidEscape, #"invalid escape sequence: \1"#, at: 3),
            RejectCase(#"\8"#, .invalidEscape, #"invalid escape sequence: \8"#, at: 0),
            RejectCase(#"a\Z"#, .invalidEscape, #"invalid escape sequence: \Z"#, at: 1),
            RejectCase(#"\e"#, .invalidEscape, #"invalid escape sequence: \e"#, at: 0),
            RejectCase(#"\é"#, .invalidEscape, #"invalid escape sequence: \é"#, at: 0),
            RejectCase(#"\xg1"#, .invalidEscape, #"invalid escape sequence: \xg1"#, at: 0),
            RejectCase(#"\x{110000}"#, .invalidEscape, #"invalid escape sequence: \x{110000"#, at: 0),
            RejectCase(#"\x{}"#, .invalidEscape, #"invalid escape sequence: \x{}"#, at: 0),
            RejectCase(#"\x{"#, .invalidEscape, #"invalid escape sequence: \x{"#, at: 0),
            RejectCase(#"[\Q]"#, .invalidEscape, #"invalid escape sequence: \Q"#, at: 1),
            RejectCase(#"[a-\d]"#, .invalidEscape, #"invalid escape sequence: \d"#, at: 3),
            RejectCase("ab\\", .trailingBackslash, "trailing \\", at: 2),
            RejectCase("[z-a]", .invalidCharRange, "invalid character class range: z-a", at: 1),
            RejectCase("[[:foo:]]", .invalidCharRange, "invalid character class range: [:foo:]", at: 1),
            RejectCase(#"\p{Foo}"#, .invalidCharRange, #"invalid character class range: \p{Foo}"#, at: 0),
            RejectCase(#"\p{Cn}"#, .invalidCharRange, #"invalid character class range: \p{Cn}"#, at: 0),
            RejectCase(#"x\pX"#, .invalidCharRange, #"invalid character class range: \pX"#, at: 1),
            RejectCase(#"\p{L"#, .invalidCharRange, #"invalid character class range: \p{L"#, at: 0),
            RejectCase("[abc", .missingBracket, "missing ]: [abc", at: 0),
            RejectCase("[]", .missingBracket, "missing ]: []", at: 0),
            RejectCase("x(a(b)", .missingParen, "missing ): x(a(b)", at: 1),
            RejectCase("(?i:a", .missingParen, "missing ): (?i:a", at: 0),
            RejectCase("a)", .unexpectedParen, "unexpected ): a)", at: 1),
            RejectCase("*a", .repeatArgument, "no argument for repetition operator: *", at: 0),
            RejectCase("a|+", .repeatArgument, "no argument for repetition operator: +", at: 2),
            RejectCase("(?i)??", .repeatArgument, "no argument for repetition operator: ??", at: 4),
            RejectCase("{2}", .repeatArgument, "no argument for repetition operator: {2}", at: 0),
            RejectCase("a**", .repeatOp, "bad repetition operator: **", at: 1),
            RejectCase("a++", .repeatOp, "bad repetition operator: ++", at: 1),
            RejectCase("a*?+", .repeatOp, "bad repetition operator: *?+", at: 1),
            RejectCase("a{2}{3}", .repeatOp, "bad repetition operator: {2}{3}", at: 1),
            RejectCase("a{1001}", .repeatSize, "invalid repetition size: {1001}", at: 1),
            RejectCase("a{2,1}", .repeatSize, "invalid repetition size: {2,1}", at: 1),
            RejectCase("(a{10}){101}", .repeatSize, "invalid repetition size: {101}", at: 7),
            RejectCase("((a{2}){2}){251}", .repeatSize, "invalid repetition size: {251}", at: 11),
            RejectCase("(?=a)", .invalidPerlOp, "invalid perl operator: (?=", at: 0),
            RejectCase("(?!a)", .invalidPerlOp, "invalid perl operator: (?!", at: 0),
            RejectCase("(?<=a)", .invalidPerlOp, "invalid perl operator: (?<=", at: 0),
            RejectCase("(?<!a)", .invalidPerlOp, "invalid perl operator: (?<!", at: 0),
            RejectCase("(?x)", .invalidPerlOp, "invalid perl operator: (?x", at: 0),
            RejectCase("(?i-)", .invalidPerlOp, "invalid perl operator: (?i-)", at: 0),
            RejectCase("(?P=n)", .invalidPerlOp, "invalid perl operator: (?P", at: 0),
            RejectCase("(?P<>a)", .invalidNamedCapture, "invalid named capture group: (?P<>", at: 0),
            RejectCase("(?<a-b>a)", .invalidNamedCapture, "invalid named capture group: (?<a-b>", at: 0),
            RejectCase("(?P<name", .invalidNamedCapture, "invalid named capture group: (?P<name", at: 0),
            RejectCase(#"\C"#, .unsupported, #"unsupported: \C (any byte) is not supported"#, at: 0),
        ])
    func rejects(_ testCase: RejectCase) {
        #expect(throws: RE2SyntaxError(code: testCase.code, message: testCase.message, offset: testCase.offset)) {
            try RE2Regex(testCase.pattern)
        }
    }

    @Test("the description names the code, the message and the offset")
    func description() {
        let error = RE2SyntaxError(code: .repeatOp, message: "bad repetition operator: **", offset: 1)
        #expect(error.description == #"bad repetition operator: "bad repetition operator: **" at offset 1"#)
    }

    @Test("a program past the instruction limit is too large")
    func tooLarge() {
        // 1000 copies of a 200-scalar literal: 200,000 instructions.
        let pattern = "(?:" + String(repeating: "abcdefghij", count: 20) + "){1000}"
        #expect(throws: RE2SyntaxError.self) { try RE2Regex(pattern) }
        do {
            _ = try RE2Regex(pattern)
        } catch {
            #expect(error.code == .patternTooLarge)
        }
    }

    @Test("nesting past 1000 is an error, and deep groups of nothing are fine")
    func nesting() throws {
        let deep = String(repeating: "(a|", count: 1001) + String(repeating: ")", count: 1001)
        do {
            _ = try RE2Regex(deep)
            Issue.record("nesting 1001 deep compiled")
        } catch {
            #expect(error.code == .nestingTooDeep)
        }
        let shallow = String(repeating: "(a|", count: 300) + String(repeating: ")", count: 300)
        #expect(try RE2Regex(shallow).matches("a"))
        let empty = String(repeating: "(", count: 100_000) + String(repeating: ")", count: 100_000)
        #expect(try RE2Regex(empty).matches(""))
        let unclosed = String(repeating: "(", count: 100_000)
        #expect(throws: RE2SyntaxError.self) { try RE2Regex(unclosed) }
    }
}
