import Testing
import Validation

/// Patterns that make backtracking engines take exponential time, on inputs built to trigger
/// that: RE2Regex's work (its step counter) must grow linearly with the input.
@Suite("RE2Regex matching is linear in the input")
struct RE2RegexLinearTimeTests {
    struct HostileCase: Sendable, CustomTestStringConvertible {
        var pattern: String
        /// The hostile input of `length` bytes.
        var input: @Sendable (Int) -> String
        var isMatch: Bool

        var testDescription: String { pattern }
    }

    static let cases: [HostileCase] = [
        HostileCase(pattern: "^(a+)+$", input: { String(repeating: "a", count: $0 - 1) + "!" }, isMatch: false),
        HostileCase(pattern: "(a|a)*b", input: { String(repeating: "a", count: $0) }, isMatch: false),
        HostileCase(pattern: "(a*)*b", input: { String(repeating: "a", count: $0) }, isMatch: false),
        HostileCase(pattern: "(x+x+)+y", input: { String(repeating: "x", count: $0) }, isMatch: false),
        HostileCase(pattern: "(a|aa)+$", input: { String(repeating: "a", count: $0 - 1) + "b" }, isMatch: false),
        HostileCase(pattern: "^(\\w+\\s?)*$", input: { String(repeating: "ab ", count: $0 / 3) + "!" }, isMatch: false),
        HostileCase(pattern: "(.*a){20}", input: { String(repeating: "a", count: $0) }, isMatch: true),
        HostileCase(pattern: "(?i)(k|\u{212A})*z", input: { String(repeating: "K", count: $0) }, isMatch: false),
    ]

    @Test("10x the input takes about 10x the steps", arguments: cases, [RE2Regex.Engine.automatic, .pikeVM])
    func linearSteps(_ testCase: HostileCase, engine: RE2Regex.Engine) throws {
        let regex = try RE2Regex(testCase.pattern)
        let small = regex.countingSteps(testCase.input(10_000), engine: engine)
        let large = regex.countingSteps(testCase.input(100_000), engine: engine)
        #expect(small.isMatch == testCase.isMatch)
        #expect(large.isMatch == testCase.isMatch)
        // Linear: at most (input bytes + 1) × 2 × instructions, and 10x the input, ≤ 11x the steps.
        #expect(large.steps <= (100_000 + 1) * 2 * regex.instructionCount)
        #expect(large.steps <= 11 * small.steps, "10 KB: \(small.steps) steps, 100 KB: \(large.steps) steps")
        if !testCase.isMatch {
            #expect(large.steps >= 9 * small.steps, "10 KB: \(small.steps) steps, 100 KB: \(large.steps) steps")
        }
    }

    @Test("an anchored pattern stops when no thread is left", arguments: [RE2Regex.Engine.automatic, .pikeVM])
    func anchoredStopsEarly(engine: RE2Regex.Engine) throws {
        let regex = try RE2Regex("^abc")
        let (isMatch, steps) = regex.countingSteps("x" + String(repeating: "a", count: 100_000), engine: engine)
        #expect(!isMatch)
        #expect(steps < 20)
    }

    @Test("the first-byte filter skips text no match can start in", arguments: [RE2Regex.Engine.automatic, .pikeVM])
    func firstByteFilter(engine: RE2Regex.Engine) throws {
        let regex = try RE2Regex("needle[0-9]+")
        let haystack = String(repeating: "hay ", count: 25_000) + "needle42"
        let (isMatch, steps) = regex.countingSteps(haystack, engine: engine)
        #expect(isMatch)
        #expect(steps < 100)
        let (missing, fewSteps) = regex.countingSteps(String(repeating: "hay ", count: 25_000), engine: engine)
        #expect(!missing)
        #expect(fewSteps == 0)
    }
}
