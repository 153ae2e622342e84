import Testing
import Validation

@Suite("RE2Regex anchors, multi-line mode and word boundaries")
struct RE2RegexAnchorTests {
    @Test(
        "^ and $ mean the text's ends unless (?m); \\A and \\z always do",
        arguments: [
            MatchCase("^abc", "abc", true),
            MatchCase("^abc", "x\nabc", false),
            MatchCase("abc$", "abc\n", false),  // unlike Perl, $ is not before a final \n
            MatchCase("^$", "", true),
            MatchCase("^$", "\n", false),
            MatchCase("(?m)^abc", "x\nabc", true),
            MatchCase("(?m)abc$", "abc\nx", true),
            MatchCase("(?m)^$", "a\n\nb", true),
            MatchCase("(?m)^$", "ab", false),
            MatchCase("(?m)^b$", "a\nb\nc", true),
            MatchCase(#"(?m)\Ab"#, "a\nb", false),
            MatchCase(#"(?m)a\z"#, "a\n", false),
            MatchCase(#"\Aabc\z"#, "abc", true),
            MatchCase("(?m:^)a", "\na", true),
            MatchCase("(?m)(?-m)^a", "\na", false),
            MatchCase("a^b", "a^b", false),
            MatchCase("(^|x)a", "xa", true),
            MatchCase("(a|^)b", "cb", false),
            MatchCase("^^a$$", "a", true),
        ])
    func lineAnchors(_ testCase: MatchCase) throws { try testCase.check() }

    @Test(
        "\\b and \\B use ASCII word characters",
        arguments: [
            MatchCase(#"\bfoo\b"#, "a foo b", true),
            MatchCase(#"\bfoo\b"#, "foobar", false),
            MatchCase(#"\bfoo\b"#, "_foo", false),
            MatchCase(#"\bfoo\b"#, "éfooé", true),
            MatchCase(#"\Bfoo\B"#, "xfoox", true),
            MatchCase(#"\Bfoo\B"#, "foo", false),
            MatchCase(#"\b"#, "", false),
            MatchCase(#"\B"#, "", true),
            MatchCase(#"\B"#, " ", true),
            MatchCase(#"\B"#, "a", false),
            MatchCase(#"a\b"#, "aé", true),
            MatchCase(#"^\b$"#, "", false),
            // RE2 searches byte by byte, so \B holds between the bytes of a multi-byte character.
            MatchCase(#"\B"#, "cẞa", true),
            MatchCase(#"(?:\B)+"#, "aéa", true),
            MatchCase(#"\B"#, "a b", false),
        ])
    func wordBoundaries(_ testCase: MatchCase) throws { try testCase.check() }
}
