import Foundation
import Testing
import Validation

/// The deterministic automaton that small patterns compile to: which patterns take it, and that
/// it answers exactly as the Pike VM does, on chosen cases and on random patterns and texts.
@Suite("RE2Regex fast path (deterministic automaton)")
struct RE2RegexFastPathTests {
    @Test(
        "small patterns with only \\A, ^, \\z and $ take the fast path",
        arguments: [
            "^[A-Z]{3}$", "^[0-9]{4}$", #"^[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}$"#, "[0-9]{3}-[0-9]{4}", "needle",
            #"\Aabc\z"#, "(?i)^straße$", #"^\p{Greek}+$"#, "a*", "", "^$", "(a|b)*c", "^.{1,64}$", "(?s)x.y",
            #"^[\x{10000}-\x{10FFFF}]$"#,
        ])
    func takesFastPath(_ pattern: String) throws {
        #expect(try RE2Regex(pattern).hasFastPath)
    }

    @Test(
        "other assertions, more than 64 consuming instructions or too many states keep the Pike VM",
        arguments: [
            #"\bword\b"#, #"\B"#, "(?m)^line$", "^a{65}$", "(a|b)*a(a|b){12}", #"^\pL{70}$"#,
        ])
    func keepsPikeVM(_ pattern: String) throws {
        #expect(!(try RE2Regex(pattern).hasFastPath))
    }

    @Test(
        "answers like the Pike VM on chosen edge cases",
        arguments: [
            ("^$", ""), ("^$", "a"), ("a*", ""), ("a*", "xyz"), (#"\z"#, "abc"), (#"\A\z"#, ""), ("b$", "ab"),
            ("b$", "ba"), (#"(\A|x)b"#, "b"), (#"(\A|x)b"#, "ab"), (#"(\A|x)b"#, "axb"), (#"a(\z|b)"#, "a"),
            (#"a(\z|b)"#, "ac"), ("^abc", "abcd"), ("^abc", "xabc"), ("abc$", "ababc"), ("(?i)k", "\u{212A}"),
            ("^.$", "😀"), ("^..$", "😀"), ("é+$", "aééé"), ("[^a]", "a"), ("[^a]", "é"), ("needle[0-9]+", "neneedle7"),
            ("needle[0-9]+", "needle needle"), ("^[A-Z]{3}$", "EURO"), ("^[A-Z]{3}$", "EU"), ("^[A-Z]{3}$", "eur"),
        ])
    func edgeCases(_ pattern: String, _ text: String) throws {
        let regex = try RE2Regex(pattern)
        #expect(regex.hasFastPath)
        #expect(regex.countingSteps(text).isMatch == regex.countingSteps(text, engine: .pikeVM).isMatch)
    }

    @Test("reads each scalar once, skips to a possible start, and stops at a dead state")
    func steps() throws {
        let currency = try RE2Regex("^[A-Z]{3}$")
        #expect(currency.countingSteps("EUR") == (true, 3))
        #expect(currency.countingSteps("éUR") == (false, 1))
        let needle = try RE2Regex("needle[0-9]+")
        // The match is reached once "4" is read.
        #expect(needle.countingSteps(String(repeating: "hay ", count: 1000) + "needle42") == (true, 7))
        #expect(needle.countingSteps(String(repeating: "hay ", count: 1000)) == (false, 0))
    }

    /// The patterns of ``RE2RegexRobustnessTests`` without the assertions the automaton leaves to
    /// the Pike VM, so most of them take the fast path.
    static let patternPieces: [String] =
        "()[]{}*+?|^$.-:P=!,0129aAbkK_ ".map { String($0) } + [
            "\\d", "\\s", "\\w", "\\pL", "\\p{Greek}", "\\P{^N}", "(?:", "(?i)", "(?s:", "[:alpha:]", "[^", "\\Q",
            "\\E", "\\x{10FFFF}", "}", "{2}", "{1,}", "{0,3}?", "é", "σ", "😀", "\\z", "\\A", "a|", "[a-z]", "[^é]",
            "(?i:k)", "ſ", ".*", "+?",
        ]
    static let textPieces: [String] = [
        "a", "b", "A", "k", "K", "_", " ", "\n", "1", "9", "é", "É", "σ", "Σ", "ſ", "😀", "\u{FFFD}", "\u{212A}",
        ":", "-", "P",
    ]

    @Test("agrees with the Pike VM on random patterns and texts, invalid UTF-8 included (seeded)")
    func randomAgreement() throws {
        let seed =
            ProcessInfo.processInfo.environment["RE2_FASTPATH_SEED"].flatMap(UInt64.init)
            ?? UInt64.random(in: 0...UInt64.max)
        print("RE2Regex fast-path seed: \(seed) (replay with RE2_FASTPATH_SEED=\(seed))")
        var random = SplitMix64(seed: seed)
        var fastPatterns = 0
        var comparisons = 0
        var matched = 0
        for _ in 0..<4000 {
            let pattern = (0..<Int.random(in: 1...10, using: &random))
                .map { _ in Self.patternPieces.randomElement(using: &random) ?? "" }.joined()
            guard let regex = try? RE2Regex(pattern), regex.hasFastPath else { continue }
            fastPatterns += 1
            for _ in 0..<8 {
                var bytes = Array(
                    (0..<Int.random(in: 0...12, using: &random))
                        .map { _ in Self.textPieces.randomElement(using: &random) ?? "" }.joined().utf8)
                if Bool.random(using: &random) {
                    bytes.insert(
                        UInt8.random(in: 0x80...0xFF, using: &random),
                        at: Int.random(in: 0...bytes.count, using: &random))
                }
                let fast = regex.matches(utf8: bytes, engine: .automatic)
                let pike = regex.matches(utf8: bytes, engine: .pikeVM)
                comparisons += 1
                if fast { matched += 1 }
                #expect(fast == pike, "seed \(seed): \(String(reflecting: pattern)) on bytes \(bytes)")
            }
        }
        print("RE2Regex fast path: \(fastPatterns) patterns, \(comparisons) texts, \(matched) matches")
        #expect(fastPatterns > 1000)
        #expect(matched > comparisons / 20 && matched < comparisons * 19 / 20)
    }

    @Test("agrees with the Pike VM on the strings of validation-style patterns (seeded)")
    func validationPatterns() throws {
        let seed = UInt64.random(in: 0...UInt64.max)
        print("RE2Regex validation-pattern seed: \(seed)")
        var random = SplitMix64(seed: seed)
        // Each pattern with a string it matches, which the test mutates.
        let patterns = [
            ("^[A-Z]{3}$", "EUR"), ("^[0-9]{4}$", "4242"),
            (#"^[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}$"#, "ada.lovelace@example.com"),
            ("[0-9]{3}-[0-9]{4}", "call 555-1234 now"), (#"^[a-zA-Z0-9_-]{1,32}$"#, "Order_42-b"),
            (#"^\+?[1-9]\d{1,14}$"#, "+4915112345678"),
            ("(?i)^[a-f0-9]{8}(-[a-f0-9]{4}){3}-[a-f0-9]{12}$", "5F1C3C7E-2b8a-4d5e-9f10-7a6b5c4d3e2f"),
        ]
        let alphabet = Array("AZaz09.-_@+%Éé €\n".unicodeScalars)
        var matched = 0
        for (pattern, sample) in patterns {
            let regex = try RE2Regex(pattern)
            #expect(regex.hasFastPath, "\(pattern)")
            #expect(regex.matches(sample))
            for _ in 0..<2000 {
                var scalars = Array(sample.unicodeScalars)
                for _ in 0..<Int.random(in: 0...2, using: &random) {
                    let scalar = alphabet.randomElement(using: &random) ?? "a"
                    let index = Int.random(in: 0...scalars.count, using: &random)
                    switch Int.random(in: 0..<3, using: &random) {
                    case 0: scalars.insert(scalar, at: index)
                    case 1 where index < scalars.count: scalars[index] = scalar
                    default: if index < scalars.count { scalars.remove(at: index) }
                    }
                }
                var text = ""
                text.unicodeScalars.append(contentsOf: scalars)
                let fast = regex.countingSteps(text)
                if fast.isMatch { matched += 1 }
                #expect(
                    fast.isMatch == regex.countingSteps(text, engine: .pikeVM).isMatch,
                    "seed \(seed): \(pattern) on \(String(reflecting: text))")
            }
        }
        #expect(matched > 1000 && matched < patterns.count * 2000 - 1000, "\(matched) matches")
    }
}
