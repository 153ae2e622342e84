/// A compiled RE2-syntax pattern; matching is linear in the input.
///
/// This is the matcher behind protovalidate's `string.pattern` and `bytes.pattern` rules and
/// CEL's `matches()`. It accepts RE2's syntax and rejects what RE2 rejects (backreferences,
/// lookarounds, possessive quantifiers, `\Z`), and it keeps RE2's guarantee: the pattern is
/// compiled to an NFA that is simulated over the text without backtracking, so the time is
/// O(text length × pattern size) even for patterns like `^(a+)+$` on hostile input.
///
/// Small patterns whose only assertions are `^`, `$`, `\A` and `\z` (most validation patterns)
/// are also compiled to a deterministic automaton of bounded size, which reads each character
/// once with one table lookup (a few nanoseconds for `^[A-Z]{3}$`); the answers are the same.
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
    private let matcher: RegexMatcher

    /// Compiles `pattern`.
    ///
    /// - Throws: ``RE2SyntaxError`` when the pattern is not valid RE2 syntax, or is too large.
    public init(_ pattern: String) throws(RE2SyntaxError) {
        self.pattern = pattern
        self.matcher = RegexMatcher(try RegexCompiler.compile(try RegexParser.parse(pattern)))
    }

    /// Unanchored search, like RE2::PartialMatch and CEL's `matches`: true when any substring matches.
    public func matches(_ text: String) -> Bool {
        var steps = 0
        return matcher.run(text, engine: .automatic, steps: &steps)
    }

    /// Same, over UTF-8 bytes (`bytes.pattern`): true when any substring matches.
    ///
    /// Invalid UTF-8 matches nothing: each byte that does not begin a well-formed sequence is a
    /// position no class, literal or `.` matches (not even `\x{FFFD}`), and the search goes on
    /// after it. No byte string traps.
    public func matches(utf8 bytes: some Collection<UInt8>) -> Bool {
        var steps = 0
        return matcher.run(utf8: bytes, engine: .automatic, steps: &steps)
    }

    /// Which matcher a search uses: tests compare the fast path with the Pike VM.
    package enum Engine: Sendable {
        /// The automaton when the pattern has one (see ``hasFastPath``), else the Pike VM.
        case automatic
        /// Always the Pike VM (the NFA simulation every pattern has).
        case pikeVM
    }

    /// Whether the pattern compiled to a deterministic automaton, which ``matches(_:)`` uses.
    package var hasFastPath: Bool { matcher.program.dfa != nil }

    /// Matches like ``matches(_:)`` with the given engine and counts the matcher's steps
    /// (instructions visited by the Pike VM, scalars read by the automaton), so tests can check
    /// that the work grows linearly with the text.
    package func countingSteps(_ text: String, engine: Engine = .automatic) -> (isMatch: Bool, steps: Int) {
        var steps = 0
        let isMatch = matcher.run(text, engine: engine, steps: &steps)
        return (isMatch, steps)
    }

    /// Matches like ``matches(utf8:)`` with the given engine.
    package func matches(utf8 bytes: some Collection<UInt8>, engine: Engine) -> Bool {
        var steps = 0
        return matcher.run(utf8: bytes, engine: engine, steps: &steps)
    }

    /// The number of instructions in the compiled program.
    package var instructionCount: Int { matcher.program.count }
}
