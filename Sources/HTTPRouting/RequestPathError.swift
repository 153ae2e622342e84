/// Why a request path was refused before routing: the client's mistake, answered with a 4xx.
///
/// ``httpStatus`` is the status to answer with: 414 for a path past the configured limits, 400
/// otherwise. The gateway's error mapping (``HTTPFailure``) adds the gRPC code of the JSON body.
///
/// ```swift
/// do {
///     _ = try router.match(method: "GET", path: "/v1/shelves/../admin")
/// } catch {
///     print(error)  // dot segment: "'.' and '..' segments are not allowed" (at byte 12 of the path)
/// }
/// ```
public struct RequestPathError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable {
            case notAbsolute, pathTooLong, tooManySegments, emptySegment, dotSegment, malformedPercentEncoding
            case encodedSlash, invalidUTF8
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The path does not start with `/`.
        public static let notAbsolute = Code(.notAbsolute)
        /// The path is longer than ``RouterConfiguration/Limits/maxPathBytes``.
        public static let pathTooLong = Code(.pathTooLong)
        /// The path has more segments than ``RouterConfiguration/Limits/maxSegments``.
        public static let tooManySegments = Code(.tooManySegments)
        /// An empty segment (`//`) inside the path.
        public static let emptySegment = Code(.emptySegment)
        /// A `.` or `..` segment, also percent-encoded (`%2E%2E`): refused rather than resolved,
        /// so no two components can disagree about which resource a path names.
        public static let dotSegment = Code(.dotSegment)
        /// A `%` not followed by two hexadecimal digits.
        public static let malformedPercentEncoding = Code(.malformedPercentEncoding)
        /// A `%2F` while ``RouterConfiguration/rejectsEncodedSlashes`` is set.
        public static let encodedSlash = Code(.encodedSlash)
        /// A path variable whose decoded value is not UTF-8.
        public static let invalidUTF8 = Code(.invalidUTF8)

        public var description: String {
            switch value {
            case .notAbsolute: "path not absolute"
            case .pathTooLong: "path too long"
            case .tooManySegments: "too many segments"
            case .emptySegment: "empty segment"
            case .dotSegment: "dot segment"
            case .malformedPercentEncoding: "malformed percent-encoding"
            case .encodedSlash: "encoded slash"
            case .invalidUTF8: "invalid UTF-8"
            }
        }

        /// 414 URI Too Long for the limits, 400 Bad Request for the rest.
        var httpStatus: Int { value == .pathTooLong || value == .tooManySegments ? 414 : 400 }
    }

    /// What kind of problem this is.
    public var code: Code
    /// The UTF-8 byte offset in the path where the problem is, when there is one place.
    public var offset: Int?
    /// The field path of the variable whose value is at fault (``Code/invalidUTF8``).
    public var fieldPath: String?
    /// A sentence for the client that says what is wrong (it quotes nothing from the path).
    public var message: String

    /// Creates an error.
    public init(code: Code, offset: Int? = nil, fieldPath: String? = nil, message: String) {
        self.code = code
        self.offset = offset
        self.fieldPath = fieldPath
        self.message = message
    }

    /// The HTTP status to answer with: 414 for ``Code/pathTooLong`` and ``Code/tooManySegments``,
    /// 400 otherwise.
    public var httpStatus: Int { code.httpStatus }

    /// `dot segment: "'.' and '..' segments are not allowed" (at byte 12 of the path)`.
    public var description: String {
        "\(code): \"\(message)\"" + (offset.map { " (at byte \($0) of the path)" } ?? "")
    }
}
