/// Why JSON could not be decoded, and where: the JSON path (`items[2].price.currencyCode`) and
/// the byte offset.
public struct JSONDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable {
            case malformed, wrongType, outOfRange, unknownField, duplicateField, tooDeep, tooLarge, invalidUTF8
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// Not JSON: a syntax error, a bad escape, trailing characters.
        public static let malformed = Code(.malformed)
        /// Valid JSON of the wrong kind for the field (a string for a bool, an object for a number).
        public static let wrongType = Code(.wrongType)
        /// A number that does not fit the field (or is not integral for an integer field).
        public static let outOfRange = Code(.outOfRange)
        /// A key the message does not declare (unless unknown fields are ignored).
        public static let unknownField = Code(.unknownField)
        /// The same field (or two members of one oneof) given twice.
        public static let duplicateField = Code(.duplicateField)
        /// Objects and arrays nested deeper than the limit.
        public static let tooDeep = Code(.tooDeep)
        /// Input larger than the limit.
        public static let tooLarge = Code(.tooLarge)
        /// Strings that are not valid UTF-8.
        public static let invalidUTF8 = Code(.invalidUTF8)

        public var description: String {
            switch value {
            case .malformed: "malformed JSON"
            case .wrongType: "wrong type"
            case .outOfRange: "out of range"
            case .unknownField: "unknown field"
            case .duplicateField: "duplicate field"
            case .tooDeep: "nesting too deep"
            case .tooLarge: "input too large"
            case .invalidUTF8: "invalid UTF-8"
            }
        }
    }

    /// One step of a JSON path.
    public enum PathComponent: Sendable, Hashable {
        /// An object member.
        case key(String)
        /// An array element.
        case index(Int)
    }

    /// What kind of problem this is.
    public var code: Code
    /// A sentence saying what was expected and what was found.
    public var message: String
    /// The byte offset in the input where the problem was found.
    public var offset: Int
    /// Where in the document, outermost first.
    public var path: [PathComponent]

    /// Creates an error.
    public init(code: Code, message: String, offset: Int, path: [PathComponent] = []) {
        self.code = code
        self.message = message
        self.offset = offset
        self.path = path
    }

    /// The path as people write it: `items[2].price.currencyCode` (`$` for the document itself).
    public var pathDescription: String {
        var text = ""
        for component in path {
            switch component {
            case .key(let key): text += text.isEmpty ? key : "." + key
            case .index(let index): text += "[\(index)]"
            }
        }
        return text.isEmpty ? "$" : text
    }

    /// `code: "message" at items[2].price (byte 57)`.
    public var description: String {
        "\(code): \"\(message)\" at \(pathDescription) (byte \(offset))"
    }

    /// The same error one level further out (used as the error leaves a member or element).
    @inlinable
    public func prefixed(by component: PathComponent) -> JSONDecodingError {
        var copy = self
        copy.path.insert(component, at: 0)
        return copy
    }
}
