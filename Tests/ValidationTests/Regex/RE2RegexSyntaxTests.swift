import Testing
import Validation

/// One pattern, one text, and whether the pattern matches somewhere in it.
struct MatchCase: Sendable, CustomTestStringConvertible {
    var pattern: String
    var text: String
    var isMatch: Bool

    init(_ pattern: String, _ text: String, _ isMatch: Bool) {
        self.pattern = pattern
        self.text = text
        self.isMatch = isMatch
    }

    var testDescription: String { "\(String(reflecting: pattern)) on \(String(reflecting: text))" }

    /// Records an issue unless the pattern compiles and gives the expected answer.
    func check(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let regex = try RE2Regex(pattern)
        #expect(regex.matches(text) == isMatch, sourceLocation: sourceLocation)
        #expect(regex.matches(utf8: Array(text.utf8)) == isMatch, "bytes", sourceLocation: sourceLocation)
    }
}

@Suite("RE2Regex syntax families")
struct RE2RegexSyntaxTests {
    @Test(
        "literals and escapes",
        arguments: [
            MatchCase("", "", true),
            MatchCase("abc", "xabcx", true),
            MatchCase("abc", "ab", false),
            MatchCase("日本", "日本語", true),
            MatchCase(#"\n\t\r\f\v\a"#, "\n\t\r\u{0C}\u{0B}\u{07}", true),
            MatchCase(#"\x41\x{42}\x{1F600}"#, "AB😀", true),
            MatchCase(#"\x{10FFFF}"#, "\u{10FFFF}", true),
            MatchCase(#"\0\012\101"#, "\u{0}\nA", true),
            MatchCase(#"\0123"#, "\n3", true),
            MatchCase(#"\777"#, "\u{1FF}", true),
            MatchCase(#"\.\*\+\?\(\)\[\]\{\}\|\^\$\\"#, ".*+?()[]{}|^$\\", true),
            MatchCase("\\_\\ \\-\\#", "_ -#", true),
            MatchCase(#"\Qa.b*\E+"#, "a.b**", true),
            MatchCase(#"\Qa.b*\E"#, "axbb", false),
            MatchCase(#"\Qunterminated."#, "unterminated.", true),
            MatchCase("a{,2}", "a{,2}", true),
            MatchCase("a{01}", "a{01}", true),
            MatchCase("x{", "x{", true),
            MatchCase("]}", "]}", true),
        ])
    func literals(_ testCase: MatchCase) throws { try testCase.check() }

    @Test(
        "dot and character classes",
        arguments: [
            MatchCase("a.c", "a😀c", true),
            MatchCase("a.c", "a\nc", false),
            MatchCase("(?s)a.c", "a\nc", true),
            MatchCase("[^a]", "\n", true),
            MatchCase("[^abc]", "abc", false),
            MatchCase("^[a-z]+$", "hello", true),
            MatchCase("^[a-z]+$", "Hello", false),
            MatchCase("[a-]", "-", true),
            MatchCase("[]a]", "]", true),
            MatchCase("[^]a]", "b", true),
            MatchCase("[a-c-e]", "-", true),
            MatchCase("[a-c-e]", "d", false),
            MatchCase("[α-ω]", "β", true),
            MatchCase(#"[\x{100}-\x{200}]"#, "\u{150}", true),
            MatchCase(#"[\d-z]"#, "-", true),
            MatchCase(#"[\s]"#, "\u{0B}", false),
            MatchCase(#"\s"#, "\u{A0}", false),
            MatchCase(#"\d"#, "١", false),
            MatchCase(#"\w"#, "é", false),
            MatchCase(#"\W"#, "é", true),
            MatchCase("[[:alpha:]]", "é", false),
            MatchCase("[[:^alpha:]]", "é", true),
            MatchCase("[[:punct:]]", "`", true),
            MatchCase("[[:word:]]", "_", true),
            MatchCase("[[:x]", ":", true),
            MatchCase(#"[^\x00-\x{10FFFF}]"#, "anything", false),
        ])
    func classes(_ testCase: MatchCase) throws { try testCase.check() }

    @Test(
        "groups, names, flags and alternation",
        arguments: [
            MatchCase("a|b", "b", true),
            MatchCase("ab|cd", "acd", true),
            MatchCase("|", "", true),
            MatchCase("(a|b)c", "bc", true),
            MatchCase("(?:a|b)c", "ab", false),
            MatchCase("(?P<word>a+)b", "aab", true),
            MatchCase("(?<word>a+)b", "b", false),
            MatchCase("(?P<n>a)(?P<n>b)", "ab", true),
            MatchCase("(?P<é>x)", "x", true),
            MatchCase("(foo|foobar)baz", "foobarbaz", true),
            MatchCase("a(b|c|)d", "ad", true),
            MatchCase("()", "", true),
            MatchCase("(?)", "x", true),
            MatchCase("(?i)(?s)(?m)(?U)a", "A", true),
            MatchCase("(?i-i)a", "A", false),
            MatchCase("(?s-i:A.)", "a\n", false),
            MatchCase("((?i)a)b", "AB", false),
            MatchCase("(?i)a(?-i:b)c", "AbC", true),
        ])
    func groups(_ testCase: MatchCase) throws { try testCase.check() }

    @Test(
        "repetition, greedy and lazy",
        arguments: [
            MatchCase("ba*c", "bc", true),
            MatchCase("ba+c", "bc", false),
            MatchCase("ba?c", "baac", false),
            MatchCase("ba*?c", "baac", true),
            MatchCase("ba+?c", "bac", true),
            MatchCase("ba??c", "bac", true),
            MatchCase("^a{2}$", "aa", true),
            MatchCase("^a{2}$", "aaa", false),
            MatchCase("^a{2,}$", "aaaaa", true),
            MatchCase("^a{2,4}$", "aaaaa", false),
            MatchCase("^a{0}$", "", true),
            MatchCase("^a{2}?$", "aa", true),
            MatchCase("^(ab){2,3}$", "ababab", true),
            MatchCase("^(?:x{10}){100}$", String(repeating: "x", count: 1000), true),
            MatchCase("^x{1000}$", String(repeating: "x", count: 999), false),
            MatchCase("(a*)*b", "aaab", true),
            MatchCase("(|a)*b", "a", false),
            MatchCase("(?U)^a+?$", "aaa", true),
            MatchCase("a(?i)*", "aaa", true),
            MatchCase("^*a", "ba", true),
        ])
    func repetition(_ testCase: MatchCase) throws { try testCase.check() }

    @Test("the pattern is kept, and compiled programs stay small")
    func patternAndSize() throws {
        let regex = try RE2Regex("^[A-Z]{3}-\\d{4}$")
        #expect(regex.pattern == "^[A-Z]{3}-\\d{4}$")
        #expect(regex.matches("ABC-1234"))
        #expect(!regex.matches("ABC-123"))
        #expect(regex.instructionCount < 20)
        #expect(try RE2Regex("x{1000}").instructionCount == 1001)
    }
}
