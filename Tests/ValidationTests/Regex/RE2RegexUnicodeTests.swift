import Testing
import Validation

@Suite("RE2Regex Unicode classes and UTF-8 input")
struct RE2RegexUnicodeTests {
    @Test(
        "general categories, scripts and their negations",
        arguments: [
            MatchCase(#"\pL"#, "日", true),
            MatchCase(#"\pL"#, "1", false),
            MatchCase(#"\p{L}"#, "Ω", true),
            MatchCase(#"\pN"#, "Ⅻ", true),
            MatchCase(#"\PL"#, "a", false),
            MatchCase(#"\p{^L}"#, "1", true),
            MatchCase(#"\P{^L}"#, "a", true),
            MatchCase(#"\p{Lu}"#, "Ω", true),
            MatchCase(#"\p{Lu}"#, "ω", false),
            MatchCase(#"\p{Lt}"#, "ǅ", true),
            MatchCase(#"\p{Nd}"#, "٥", true),
            MatchCase(#"\p{Mn}"#, "\u{0301}", true),
            MatchCase(#"\p{Sc}"#, "€", true),
            MatchCase(#"\p{Zs}"#, "\u{A0}", true),
            MatchCase(#"\p{C}"#, "\u{200B}", true),
            MatchCase(#"\p{C}"#, "\u{0378}", false),  // unassigned (Cn) is not in RE2's C
            MatchCase(#"\p{Any}"#, "\n", true),
            MatchCase(#"\p{Greek}"#, "α", true),
            MatchCase(#"\p{Greek}"#, "a", false),
            MatchCase(#"\p{Cyrillic}+"#, "привет", true),
            MatchCase(#"\p{Han}"#, "\u{2EBF0}", true),  // CJK Extension I, Unicode 15.1
            MatchCase(#"\p{Hiragana}"#, "ヒ", false),
            MatchCase(#"\p{Old_Italic}"#, "\u{10300}", true),
            MatchCase(#"\p{Common}"#, "1", true),
            MatchCase(#"\p{Inherited}"#, "\u{0301}", true),
            MatchCase(#"[\p{Greek}\p{Cyrillic}]"#, "б", true),
            MatchCase(#"[^\p{L}\p{N}]"#, "a", false),
            MatchCase(#"^\p{Lu}\p{Ll}+$"#, "Hello", true),
            // Letters of Unicode 16 and 17 are unassigned in RE2's (and these) tables.
            MatchCase(#"\pL"#, "\u{1C89}", false),
        ])
    func unicodeClasses(_ testCase: MatchCase) throws { try testCase.check() }

    @Test("a dot is one scalar, however many bytes it takes")
    func scalars() throws {
        let threeDots = try RE2Regex("^...$")
        #expect(threeDots.matches("aé😀"))
        #expect(!threeDots.matches("aé"))
        #expect(try RE2Regex("^.$").matches("\u{FFFD}"))
        // A grapheme of two scalars is two characters to the pattern.
        #expect(!(try RE2Regex("^.$").matches("e\u{0301}")))
        #expect(try RE2Regex("^..$").matches("e\u{0301}"))
    }

    @Test("invalid UTF-8 bytes match nothing, and matching goes on after them")
    func invalidBytes() throws {
        let dot = try RE2Regex("a.b")
        #expect(!dot.matches(utf8: [0x61, 0xFF, 0x62]))
        #expect(!dot.matches(utf8: [0x61, 0x80, 0x62]))
        #expect(!dot.matches(utf8: [0x61, 0xC3, 0x62]))  // truncated sequence
        #expect(!dot.matches(utf8: [0x61, 0xC0, 0x80, 0x62]))  // overlong
        #expect(!dot.matches(utf8: [0x61, 0xED, 0xA0, 0x80, 0x62]))  // surrogate
        #expect(dot.matches(utf8: [0x61, 0xC3, 0xA9, 0x62]))
        #expect(dot.matches(utf8: [0xFF, 0x61, 0x78, 0x62, 0xFF]))
        #expect(!(try RE2Regex(#"\x{FFFD}"#).matches(utf8: [0xFF])))
        #expect(try RE2Regex(#"\x{FFFD}"#).matches(utf8: Array("\u{FFFD}".utf8)))
        #expect(!(try RE2Regex("[^a]").matches(utf8: [0xFF, 0xFE])))
        #expect(try RE2Regex(#"\bfoo\b"#).matches(utf8: [0xFF, 0x66, 0x6F, 0x6F, 0xFF]))
        #expect(try RE2Regex("^$").matches(utf8: [UInt8]()))
        #expect(try RE2Regex("é").matches(utf8: ArraySlice([0x00, 0xC3, 0xA9])))
    }

    @Test("no byte string traps, and valid UTF-8 bytes match as the same text does")
    func bytesAgreeWithText() throws {
        let patterns = ["a.b", "[^a]+", #"\pL\b"#, "(?i)k", "(?m)^$", "x*", #"\B"#, "(a|b)*c", "é$"]
        let regexes = try patterns.map { try RE2Regex($0) }
        var compared = 0
        for first in UInt8.min...UInt8.max {
            for second in [UInt8(0x61), 0x80, 0xA9, 0xBF, 0xC3, 0xE2, 0xF0, 0xFF] {
                // The last two cover lone continuation bytes and sequences cut off at the end.
                for bytes in [[first, second, 0x62, first], [first, second], [0xC3, first]] {
                    for regex in regexes {
                        let viaBytes = regex.matches(utf8: bytes)
                        guard let text = String(validating: bytes, as: UTF8.self) else { continue }
                        #expect(regex.matches(text) == viaBytes, "\(regex.pattern) on \(bytes)")
                        compared += 1
                    }
                }
            }
        }
        #expect(compared > 1000)
    }
}
