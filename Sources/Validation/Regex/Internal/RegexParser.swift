/// Parses RE2 syntax into a ``RegexNode``, accepting and rejecting exactly what RE2 does
/// (with the default options: Perl classes, `\b`, non-greedy operators, Unicode classes,
/// `^`/`$` at the text's ends unless `(?m)`).
///
/// Like RE2's parser it reads left to right with an explicit stack, never recursing, so any
/// nesting of parentheses is parsed in constant stack space. Each open group is a ``Frame``
/// holding its finished alternatives and the sequence being built; a repetition operator
/// applies to the last node of that sequence.
struct RegexParser {
    /// The `(?imsU)` flags.
    struct Flags: OptionSet {
        let rawValue: UInt8
        /// `(?i)`: case-insensitive.
        static let foldCase = Flags(rawValue: 1)
        /// `(?s)`: `.` matches `\n`.
        static let dotMatchesNewline = Flags(rawValue: 2)
        /// `(?m)`: `^` and `$` match at line breaks too.
        static let multiLine = Flags(rawValue: 4)
        /// `(?U)`: swaps greedy and lazy (no effect on whether a match exists).
        static let ungreedy = Flags(rawValue: 8)
    }

    /// One open group (or the whole pattern, at the bottom of the stack).
    struct Frame {
        var alternatives: [RegexNode] = []
        var sequence: [RegexNode] = []
        /// The flags outside the group, restored at its `)`.
        var outerFlags: Flags
        /// Where the group's `(` is.
        var start: Int
    }

    let pattern: [Unicode.Scalar]
    var position = 0
    var flags = Flags()
    var frames: [Frame]
    /// Where the previous token started, when it was a repetition operator (`a**` is an error).
    var previousRepetition: Int?

    init(_ pattern: String) {
        self.pattern = Array(pattern.unicodeScalars)
        self.frames = [Frame(outerFlags: [], start: 0)]
    }

    /// Parses the whole pattern.
    static func parse(_ pattern: String) throws(RE2SyntaxError) -> RegexNode {
        var parser = RegexParser(pattern)
        return try parser.parse()
    }

    mutating func parse() throws(RE2SyntaxError) -> RegexNode {
        while position < pattern.count {
            let tokenStart = position
            let isRepetition = try parseToken()
            previousRepetition = isRepetition ? tokenStart : nil
        }
        guard frames.count == 1, let top = frames.last else {
            let start = frames.last?.start ?? 0
            throw error(.missingParen, String(String.UnicodeScalarView(pattern)), at: start)
        }
        return try finish(top)
    }

    /// Parses one token; returns whether it was a repetition operator.
    private mutating func parseToken() throws(RE2SyntaxError) -> Bool {
        let scalar = pattern[position]
        switch scalar {
        case "(":
            if peek(1) == "?" {
                try parseGroupPrefix()
            } else {
                openGroup(at: position)
                position += 1
            }
        case "|":
            let sequence = try finishSequence()
            frames[frames.count - 1].alternatives.append(sequence)
            position += 1
        case ")":
            try closeGroup()
            position += 1
        case "^":
            try push(.assertion(flags.contains(.multiLine) ? .beginLine : .beginText))
            position += 1
        case "$":
            try push(.assertion(flags.contains(.multiLine) ? .endLine : .endText))
            position += 1
        case ".":
            let dot = flags.contains(.dotMatchesNewline) ? RegexCharClass.any : RegexParser.dotClass
            try push(.charClass(dot))
            position += 1
        case "[":
            try push(.charClass(try parseCharClass()))
        case "*", "+", "?":
            try parseRepetitionOperator()
            return true
        case "{":
            return try parseCountedRepetition()
        case "\\":
            try parseBackslash()
        default:
            try pushLiteral(scalar.value)
            position += 1
        }
        return false
    }

    /// `.` without `(?s)`: everything but `\n`.
    static let dotClass = RegexCharClass(normalized: [
        RegexScalarRange(0, 9), RegexScalarRange(11, RegexCharClass.maxScalar),
    ])

    /// The scalar `offset` places ahead, if the pattern is that long.
    func peek(_ offset: Int) -> Unicode.Scalar? {
        position + offset < pattern.count ? pattern[position + offset] : nil
    }

    /// The pattern text in `range`, for error messages.
    func text(_ range: Range<Int>) -> String {
        let clamped = range.clamped(to: 0..<pattern.count)
        return String(String.UnicodeScalarView(pattern[clamped]))
    }

    /// An error whose message is RE2's: the code's text, then the offending `argument`.
    func error(_ code: RE2SyntaxError.Code, _ argument: String?, at offset: Int) -> RE2SyntaxError {
        RE2SyntaxError(code: code, message: argument.map { "\(code): \($0)" } ?? "\(code)", offset: offset)
    }

    /// An error naming the pattern text from `start` up to the current position.
    func error(_ code: RE2SyntaxError.Code, from start: Int) -> RE2SyntaxError {
        error(code, text(start..<position), at: start)
    }
}
