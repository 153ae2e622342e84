import Testing
import Validation

/// Arbitrary patterns and texts: compiling either succeeds or throws, matching always answers,
/// and the String and byte entry points agree. Seeded; the seed is printed.
@Suite("RE2Regex on arbitrary input")
struct RE2RegexRobustnessTests {
    /// A small deterministic generator (SplitMix64), so a failing seed replays exactly.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let patternPieces: [String] =
        "()[]{}*+?|\\^$.-:<>P=!,0129aAbkK_ ".map { String($0) } + [
            "\\d", "\\b", "\\B", "\\pL", "\\p{Greek}", "\\P{^N}", "(?", "(?i)", "(?s:", "(?m)", "[:alpha:]", "[^",
            "\\Q", "\\E", "\\x{", "\\x{10FFFF}", "}", "{2}", "{1,}", "{0,3}?", "(?P<n>", "(?<n>", "é", "σ", "😀",
            "\\z", "\\A", "\\C", "\\1", "{1001}",
        ]
    static let textPieces: [String] = ["a", "b", "A", "k", "K", "_", " ", "\n", "1", "é", "σ", "ſ", "😀", "\u{FFFD}"]

    @Test("random patterns compile or throw, and every compiled one answers on random texts")
    func randomPatterns() {
        let seed = UInt64.random(in: 0...UInt64.max)
        print("RE2Regex robustness seed: \(seed)")
        var random = SplitMix(state: seed)
        var compiled = 0
        var rejected = 0
        for _ in 0..<3000 {
            let pattern = (0..<Int.random(in: 1...12, using: &random))
                .map { _ in Self.patternPieces.randomElement(using: &random) ?? "" }.joined()
            let regex: RE2Regex
            do {
                regex = try RE2Regex(pattern)
            } catch {
                #expect(!error.message.isEmpty, "seed \(seed): \(String(reflecting: pattern))")
                #expect((0...pattern.unicodeScalars.count).contains(error.offset))
                rejected += 1
                continue
            }
            compiled += 1
            for _ in 0..<4 {
                let text = (0..<Int.random(in: 0...16, using: &random))
                    .map { _ in Self.textPieces.randomElement(using: &random) ?? "" }.joined()
                let bytes = Array(text.utf8)
                #expect(
                    regex.matches(text) == regex.matches(utf8: bytes),
                    "seed \(seed): \(String(reflecting: pattern)) on \(String(reflecting: text))")
                var noisy = bytes
                noisy.insert(
                    UInt8.random(in: 0x80...0xFF, using: &random), at: Int.random(in: 0...bytes.count, using: &random))
                _ = regex.matches(utf8: noisy)
            }
        }
        #expect(compiled > 300 && rejected > 300, "compiled \(compiled), rejected \(rejected)")
    }

    /// Compiling recurses once per level, so this runs on a cooperative thread's (smaller) stack.
    @Test("the deepest nesting allowed compiles and matches on a task's stack")
    func deepestNesting() async throws {
        let depth = 998
        let pattern = String(repeating: "(a|", count: depth) + "b" + String(repeating: ")", count: depth)
        let regex = try RE2Regex(pattern)
        #expect(regex.matches("b"))
        #expect(regex.matches("xa"))
        #expect(!regex.matches("c"))
    }
}
