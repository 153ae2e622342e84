/// A compiled RE2-syntax pattern; matching is linear in the input.
///
/// This is the matcher behind protovalidate's `string.pattern` and `bytes.pattern` rules and
/// CEL's `matches()`. It accepts RE2's syntax and rejects what RE2 rejects (backreferences,
/// lookarounds, possessive quantifiers, `\Z`), and it keeps RE2's guarantee: the pattern is
/// compiled to an NFA that is simulated over the text without backtracking, so the time is
/// O(text length × pattern size) even for patterns like `^(a+)+$` on hostile input.
///
/// ```swift
/// let sku = try RE2Regex("^[A-Z]{3}-\\d{4}$")
/// sku.matches("ABC-1234")  // true
/// sku.matches("abc-1234")  // false
/// try RE2Regex("(?i)^über$").matches("ÜBER")  // true: (?i) folds Unicode case
/// ```
///
/// Text is matched scalar by scalar (`.` is one code point, `(?s)` lets it match `\n`);
/// `\d`, `\s`, `\w` and `\b` are ASCII as in RE2, and `\pL`, `\p{Greek}` use Unicode 15.1
/// data, RE2's. Differences from RE2: `\C` (any byte) is rejected, expressions nested more
/// than 1000 deep are rejected, and the size limit is this implementation's own.
public struct RE2Regex: Sendable {
    /// The pattern as written.
    public let pattern: String
    private let program: RegexProgram

    /// Compiles `pattern`.
    ///
    /// - Throws: ``RE2SyntaxError`` when the pattern is not valid RE2 syntax, or is too large.
    public init(_ pattern: String) throws(RE2SyntaxError) {
        self.pattern = pattern
        self.program = try RegexCompiler.compile(try RegexParser.parse(pattern))
    }

    /// Unanchored search, like RE2::PartialMatch and CEL's `matches`: true when any substring matches.
    public func matches(_ text: String) -> Bool {
        var steps = 0
        return run(text, steps: &steps)
    }

    /// Same, over UTF-8 bytes (`bytes.pattern`): true when any substring matches.
    ///
    /// Invalid UTF-8 matches nothing: each byte that does not begin a well-formed sequence is a
    /// position no class, literal or `.` matches (not even `\x{FFFD}`), and the search goes on
    /// after it. No byte string traps.
    public func matches(utf8 bytes: some Collection<UInt8>) -> Bool {
        var steps = 0
        return run(utf8: bytes, steps: &steps)
    }

    /// Matches like ``matches(_:)`` and counts the matcher's steps (instructions visited), so
    /// tests can check that the work grows linearly with the text.
    package func countingSteps(_ text: String) -> (isMatch: Bool, steps: Int) {
        var steps = 0
        let isMatch = run(text, steps: &steps)
        return (isMatch, steps)
    }

    /// The number of instructions in the compiled program.
    package var instructionCount: Int { program.count }

    private func run(_ text: String, steps: inout Int) -> Bool {
        if let result = text.utf8.withContiguousStorageIfAvailable({ program.run($0, steps: &steps) }) {
            return result
        }
        var copy = text
        return copy.withUTF8 { program.run($0, steps: &steps) }
    }

    private func run(utf8 bytes: some Collection<UInt8>, steps: inout Int) -> Bool {
        if let result = bytes.withContiguousStorageIfAvailable({ program.run($0, steps: &steps) }) {
            return result
        }
        return Array(bytes).withUnsafeBufferPointer { program.run($0, steps: &steps) }
    }
}
