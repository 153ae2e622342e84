/// Why a query string was refused: the client's mistake, answered with a 4xx.
///
/// ```swift
/// do {
///     _ = try QueryStringParser().parse("name=%E2%28")
/// } catch {
///     print(error)  // invalid UTF-8: "a query parameter is not UTF-8 once decoded" (at byte 5 of the query)
/// }
/// ```
public struct QueryStringError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable {
            case tooLong, tooManyParameters, malformedPercentEncoding, invalidUTF8
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The query is longer than ``QueryStringConfiguration/maxBytes`` (414).
        public static let tooLong = Code(.tooLong)
        /// More parameters than ``QueryStringConfiguration/maxParameters`` (400).
        public static let tooManyParameters = Code(.tooManyParameters)
        /// A `%` not followed by two hexadecimal digits (400).
        public static let malformedPercentEncoding = Code(.malformedPercentEncoding)
        /// A key or value that is not UTF-8 once decoded (400).
        public static let invalidUTF8 = Code(.invalidUTF8)

        public var description: String {
            switch value {
            case .tooLong: "query too long"
            case .tooManyParameters: "too many parameters"
            case .malformedPercentEncoding: "malformed percent-encoding"
            case .invalidUTF8: "invalid UTF-8"
            }
        }

        /// 414 URI Too Long for ``tooLong``, 400 Bad Request for the rest.
        var httpStatus: Int { value == .tooLong ? 414 : 400 }
    }

    /// What kind of problem this is.
    public var code: Code
    /// The UTF-8 byte offset in the query where the problem is (the start of the key or value
    /// for ``Code/invalidUTF8``), when there is one place.
    public var offset: Int?
    /// A sentence for the client that says what is wrong (it quotes nothing from the query).
    public var message: String

    /// Creates an error.
    public init(code: Code, offset: Int? = nil, message: String) {
        self.code = code
        self.offset = offset
        self.message = message
    }

    /// The HTTP status to answer with: 414 for ``Code/tooLong``, 400 otherwise.
    public var httpStatus: Int { code.httpStatus }

    /// `invalid UTF-8: "a query parameter is not UTF-8 once decoded" (at byte 5 of the query)`.
    public var description: String {
        "\(code): \"\(message)\"" + (offset.map { " (at byte \($0) of the query)" } ?? "")
    }
}
