/// Why a `google.api.http` path template was refused: what kind of problem, where in the
/// template, and a sentence that says what is wrong.
///
/// ```swift
/// do {
///     _ = try PathTemplate("/v1/{name=**}/books")
/// } catch {
///     print(error)  // misplaced '**': "'**' must be the last segment" (at byte 10 of /v1/{name=**}/books)
/// }
/// ```
public struct PathTemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable {
            case missingLeadingSlash, emptySegment, invalidCharacter, malformedPercentEncoding, invalidFieldPath
            case unterminatedVariable, nestedVariable, misplacedDoubleWildcard, duplicateVariable, emptyVerb
            case dotSegment
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The template does not start with `/`.
        public static let missingLeadingSlash = Code(.missingLeadingSlash)
        /// An empty segment: `//`, a trailing `/`, `{a=}`, or a template that is only `/`.
        public static let emptySegment = Code(.emptySegment)
        /// A character the grammar does not allow where it stands (outside RFC 3986 `pchar` in a
        /// literal, a stray `}`, text after a variable in the same segment).
        public static let invalidCharacter = Code(.invalidCharacter)
        /// A `%` not followed by two hexadecimal digits.
        public static let malformedPercentEncoding = Code(.malformedPercentEncoding)
        /// A field path that is not identifiers joined by dots (`{}`, `{a..b}`, `{1a}`).
        public static let invalidFieldPath = Code(.invalidFieldPath)
        /// A `{` without its `}`.
        public static let unterminatedVariable = Code(.unterminatedVariable)
        /// A variable inside a variable (`{a={b}}`), which the spec forbids.
        public static let nestedVariable = Code(.nestedVariable)
        /// A `**` that is not the last segment.
        public static let misplacedDoubleWildcard = Code(.misplacedDoubleWildcard)
        /// Two variables bind the same field, or one binds a field inside the other's (`{a}` and
        /// `{a.b}`).
        public static let duplicateVariable = Code(.duplicateVariable)
        /// A `:` with no verb after it.
        public static let emptyVerb = Code(.emptyVerb)
        /// A literal segment `.` or `..` (also percent-encoded), which no accepted request path has.
        public static let dotSegment = Code(.dotSegment)

        public var description: String {
            switch value {
            case .missingLeadingSlash: "missing leading slash"
            case .emptySegment: "empty segment"
            case .invalidCharacter: "invalid character"
            case .malformedPercentEncoding: "malformed percent-encoding"
            case .invalidFieldPath: "invalid field path"
            case .unterminatedVariable: "unterminated variable"
            case .nestedVariable: "nested variable"
            case .misplacedDoubleWildcard: "misplaced '**'"
            case .duplicateVariable: "duplicate variable"
            case .emptyVerb: "empty verb"
            case .dotSegment: "dot segment"
            }
        }
    }

    /// What kind of problem this is.
    public var code: Code
    /// The template as written.
    public var template: String
    /// The UTF-8 byte offset in ``template`` where the problem is (the character offset too, for
    /// the ASCII templates the grammar admits).
    public var offset: Int
    /// A sentence that says what is wrong.
    public var message: String

    /// Creates an error.
    public init(code: Code, template: String, offset: Int, message: String) {
        self.code = code
        self.template = template
        self.offset = offset
        self.message = message
    }

    /// `misplaced '**': "'**' must be the last segment" (at byte 10 of /v1/{name=**}/books)`.
    public var description: String {
        "\(code): \"\(message)\" (at byte \(offset) of \(template))"
    }
}
