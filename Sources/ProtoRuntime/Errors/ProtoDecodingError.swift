/// Why a message could not be decoded, and where.
///
/// Every failure of the binary decoder is one of these: truncated or over-long varints, bad
/// wire types, lengths past the end, nesting past the depth limit, input over the size limit,
/// invalid UTF-8, missing required fields. ``offset`` is the byte offset into the input where
/// the problem was found, and ``path`` names the fields from the outer message inwards
/// (`bench.v1.Order.items(3)`, `bench.v1.LineItem.attributes(4)`).
public struct ProtoDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable {
            case truncated, malformedVarint, invalidWireType, invalidFieldNumber, invalidLength
            case invalidUTF8, tooDeep, tooLarge, missingRequiredFields, unmatchedGroup, invalidValue
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The input ended in the middle of a field.
        public static let truncated = Code(.truncated)
        /// A varint ran past 10 bytes.
        public static let malformedVarint = Code(.malformedVarint)
        /// A tag carried wire type 6 or 7, or an end-group where none was open.
        public static let invalidWireType = Code(.invalidWireType)
        /// A tag carried field number 0 (or one past 2^29 - 1).
        public static let invalidFieldNumber = Code(.invalidFieldNumber)
        /// A length prefix was negative or ran past the end of the enclosing message.
        public static let invalidLength = Code(.invalidLength)
        /// A proto3 `string` field held bytes that are not UTF-8.
        public static let invalidUTF8 = Code(.invalidUTF8)
        /// Messages nested deeper than ``BinaryDecodingOptions/maxDepth``.
        public static let tooDeep = Code(.tooDeep)
        /// The input is larger than ``BinaryDecodingOptions/maxMessageSize``.
        public static let tooLarge = Code(.tooLarge)
        /// A proto2 `required` field was missing.
        public static let missingRequiredFields = Code(.missingRequiredFields)
        /// A group's end tag did not match its start tag.
        public static let unmatchedGroup = Code(.unmatchedGroup)
        /// A value was out of range for its type (JSON and well-known-type checks).
        public static let invalidValue = Code(.invalidValue)

        public var description: String {
            switch value {
            case .truncated: "truncated"
            case .malformedVarint: "malformed varint"
            case .invalidWireType: "invalid wire type"
            case .invalidFieldNumber: "invalid field number"
            case .invalidLength: "invalid length"
            case .invalidUTF8: "invalid UTF-8"
            case .tooDeep: "nesting too deep"
            case .tooLarge: "message too large"
            case .missingRequiredFields: "missing required fields"
            case .unmatchedGroup: "unmatched group"
            case .invalidValue: "invalid value"
            }
        }
    }

    /// What kind of problem this is.
    public var code: Code
    /// A sentence saying what was wrong.
    public var message: String
    /// The byte offset in the input where the problem was found (-1 if unknown).
    public var offset: Int
    /// The fields from the outermost message inwards, as `message.name(field number)`.
    public var path: [String]

    /// Creates an error.
    public init(code: Code, message: String, offset: Int = -1, path: [String] = []) {
        self.code = code
        self.message = message
        self.offset = offset
        self.path = path
    }

    /// `code: "message" at byte N in a.B(3) > c.D(4)`.
    public var description: String {
        var text = "\(code): \"\(message)\""
        if offset >= 0 { text += " at byte \(offset)" }
        if !path.isEmpty { text += " in " + path.joined(separator: " > ") }
        return text
    }

    /// The same error with `step` added in front of the path (used as the error leaves a nested message).
    @inlinable
    public func prefixed(by step: @autoclosure () -> String) -> ProtoDecodingError {
        var copy = self
        copy.path.insert(step(), at: 0)
        return copy
    }
}

/// Why a message could not be encoded.
public struct ProtoEncodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable { case missingRequiredFields, invalidValue, tooLarge }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// A proto2 `required` field was not set.
        public static let missingRequiredFields = Code(.missingRequiredFields)
        /// A value cannot be represented (for example a timestamp out of range in JSON).
        public static let invalidValue = Code(.invalidValue)
        /// The encoding would exceed 2 GiB, the protobuf limit.
        public static let tooLarge = Code(.tooLarge)

        public var description: String {
            switch value {
            case .missingRequiredFields: "missing required fields"
            case .invalidValue: "invalid value"
            case .tooLarge: "message too large"
            }
        }
    }

    /// What kind of problem this is.
    public var code: Code
    /// A sentence saying what was wrong.
    public var message: String

    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// `code: "message"`.
    public var description: String { "\(code): \"\(message)\"" }
}
