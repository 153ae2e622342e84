/// Why a pattern is not valid RE2 syntax, and where.
///
/// The codes are RE2's own error kinds (`RegexpStatusCode` in RE2's `regexp.h`), and
/// ``message`` reads like RE2's error text (`invalid escape sequence: \1`), so a diagnostic
/// names the same problem RE2 would. Two codes are this implementation's own:
/// ``Code-swift.struct/nestingTooDeep`` and ``Code-swift.struct/unsupported``.
public struct RE2SyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable {
            case invalidEscape, invalidCharClass, invalidCharRange, missingBracket, missingParen
            case unexpectedParen, trailingBackslash, repeatArgument, repeatSize, repeatOp
            case invalidPerlOp, invalidNamedCapture, patternTooLarge, nestingTooDeep, unsupported
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// An unknown or malformed escape: `\1` (backreference), `\Z`, `\e`, `\x{110000}`.
        public static let invalidEscape = Code(.invalidEscape)
        /// A malformed character class (RE2 keeps this code; its parser reports the two below).
        public static let invalidCharClass = Code(.invalidCharClass)
        /// A range out of order (`[z-a]`) or an unknown class name (`[[:foo:]]`, `\p{Foo}`).
        public static let invalidCharRange = Code(.invalidCharRange)
        /// A `[` without its `]`.
        public static let missingBracket = Code(.missingBracket)
        /// A `(` without its `)`.
        public static let missingParen = Code(.missingParen)
        /// A `)` without its `(`.
        public static let unexpectedParen = Code(.unexpectedParen)
        /// The pattern ends in a lone `\`.
        public static let trailingBackslash = Code(.trailingBackslash)
        /// A repetition with nothing to repeat: `*a`, `(+)`, `a|?`.
        public static let repeatArgument = Code(.repeatArgument)
        /// A count over 1000, `{2,1}`, or nested counts whose product passes 1000.
        public static let repeatSize = Code(.repeatSize)
        /// Stacked repetition operators: `a**`, `a++` (possessive), `a{2}{3}`.
        public static let repeatOp = Code(.repeatOp)
        /// An unsupported `(?` group: lookarounds `(?=` `(?!` `(?<=` `(?<!`, unknown flags.
        public static let invalidPerlOp = Code(.invalidPerlOp)
        /// A malformed group name: `(?P<>x)`, `(?P<a-b>x)`, an unclosed `(?P<name`.
        public static let invalidNamedCapture = Code(.invalidNamedCapture)
        /// The compiled program would pass this implementation's size limit.
        public static let patternTooLarge = Code(.patternTooLarge)
        /// The expression nests deeper than this implementation allows (RE2 has no such limit).
        public static let nestingTooDeep = Code(.nestingTooDeep)
        /// Valid RE2 that this implementation does not support: `\C` (any byte).
        public static let unsupported = Code(.unsupported)

        public var description: String {
            switch value {
            case .invalidEscape: "invalid escape sequence"
            case .invalidCharClass: "invalid character class"
            case .invalidCharRange: "invalid character class range"
            case .missingBracket: "missing ]"
            case .missingParen: "missing )"
            case .unexpectedParen: "unexpected )"
            case .trailingBackslash: "trailing \\"
            case .repeatArgument: "no argument for repetition operator"
            case .repeatSize: "invalid repetition size"
            case .repeatOp: "bad repetition operator"
            case .invalidPerlOp: "invalid perl operator"
            case .invalidNamedCapture: "invalid named capture group"
            case .patternTooLarge: "pattern too large"
            case .nestingTooDeep: "expression nests too deeply"
            case .unsupported: "unsupported"
            }
        }
    }

    /// What kind of problem this is.
    public var code: Code
    /// RE2's wording: the code's text, then the offending part of the pattern
    /// (`bad repetition operator: **`).
    public var message: String
    /// Where the offending part starts, in Unicode scalars from the start of the pattern.
    public var offset: Int

    /// Creates an error.
    public init(code: Code, message: String, offset: Int) {
        self.code = code
        self.message = message
        self.offset = offset
    }

    /// `code: "message" at offset N`.
    public var description: String {
        "\(code): \"\(message)\" at offset \(offset)"
    }
}
