import Testing
import Validation

@Suite("RE2Regex case folding under (?i)")
struct RE2RegexCaseFoldingTests {
    @Test(
        "ASCII and simple Unicode case foldings, as RE2 applies them",
        arguments: [
            MatchCase("(?i)abc", "aBC", true),
            MatchCase("(?i)abc", "abd", false),
            MatchCase("(?i)k", "\u{212A}", true),  // KELVIN SIGN folds with k and K
            MatchCase("(?i)\u{212A}", "k", true),
            MatchCase("(?i)s", "ſ", true),  // LATIN SMALL LETTER LONG S
            MatchCase("(?i)σ", "ς", true),
            MatchCase("(?i)ς", "Σ", true),
            MatchCase("(?i)θ", "ϑ", true),
            MatchCase("(?i)µ", "Μ", true),  // MICRO SIGN
            MatchCase("(?i)ǆ", "ǅ", true),
            MatchCase("(?i)é", "É", true),
            MatchCase("(?i)é", "e", false),
            MatchCase("(?i)ß", "ẞ", true),
            MatchCase("(?i)ß", "ss", false),  // full folding is not applied, as in RE2
            MatchCase("(?i)i", "İ", false),  // Turkic foldings are not applied
            MatchCase("(?i)i", "ı", false),
            MatchCase("(?i)ꭰ", "Ꭰ", true),  // Cherokee folds to upper case
            MatchCase("(?i)\u{1FD3}", "\u{0390}", true),  // added in Unicode 15.1
        ])
    func literals(_ testCase: MatchCase) throws { try testCase.check() }

    @Test(
        "classes fold before they are negated",
        arguments: [
            MatchCase("(?i)[a-z]+", "HELLO", true),
            MatchCase("(?i)[k]", "\u{212A}", true),
            MatchCase("(?i)[^k]", "K", false),
            MatchCase("(?i)[^k]", "\u{212A}", false),
            MatchCase(#"(?i)\w"#, "\u{212A}", true),
            MatchCase(#"(?i)\W"#, "\u{212A}", false),
            MatchCase(#"(?i)\W"#, "ſ", false),
            MatchCase(#"(?i)[^\W]"#, "\u{212A}", true),
            MatchCase(#"(?i)\p{Lu}"#, "a", true),
            MatchCase(#"(?i)\P{Lu}"#, "a", false),
            MatchCase("(?i)[[:upper:]]", "a", true),
            MatchCase("(?i)[[:lower:]]", "ſ", true),
            MatchCase("(?i)[[:^upper:]]", "a", false),
            MatchCase("(?i)[Ā-đ]", "\u{0112}", false),
            MatchCase("(?i)[\u{0100}-\u{0110}]", "\u{0111}", true),
        ])
    func classes(_ testCase: MatchCase) throws { try testCase.check() }

    @Test(
        "flags scope to their group",
        arguments: [
            MatchCase("(?i:a)b", "Ab", true),
            MatchCase("(?i:a)b", "AB", false),
            MatchCase("a(?i)b", "aB", true),
            MatchCase("a(?i)b", "AB", false),
            MatchCase("(?i)a(?-i)b", "AB", false),
            MatchCase("(?i)a|b", "B", true),
            MatchCase(#"(?i)\Qab\E"#, "AB", true),
            MatchCase(#"(?i)\x41"#, "a", true),
        ])
    func scopes(_ testCase: MatchCase) throws { try testCase.check() }
}
