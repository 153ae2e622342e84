/// Header fields in order, names lower-cased (HTTP/2 requires it; HTTP/1.1 names are
/// case-insensitive, so this loses nothing). Duplicates are kept.
public struct HTTPHeaders: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    /// One field.
    public struct Field: Sendable, Hashable {
        /// The lower-cased name.
        public var name: String
        /// The value, without surrounding whitespace.
        public var value: String
    }

    /// The fields in order.
    public private(set) var fields: [Field] = []

    /// No fields.
    public init() {}

    /// Fields from pairs; names are lower-cased.
    public init(_ pairs: [(String, String)]) {
        for (name, value) in pairs { add(name: name, value: value) }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

    /// The number of fields.
    public var count: Int { fields.count }

    /// Appends a field.
    public mutating func add(name: String, value: String) {
        fields.append(Field(name: Self.lowercased(name), value: value))
    }

    /// Appends a field whose name is known to be lower-case already.
    mutating func addLowercased(name: String, value: String) {
        fields.append(Field(name: name, value: value))
    }

    /// Replaces every field named `name` with one field.
    public mutating func replaceOrAdd(name: String, value: String) {
        remove(name: name)
        add(name: name, value: value)
    }

    /// Removes every field named `name`.
    public mutating func remove(name: String) {
        let name = Self.lowercased(name)
        fields.removeAll { $0.name == name }
    }

    /// The first value of `name` (any case), or `nil`.
    public subscript(name: String) -> String? {
        let name = Self.lowercased(name)
        return fields.first { $0.name == name }?.value
    }

    /// Every value of `name`, in order.
    public func values(of name: String) -> [String] {
        let name = Self.lowercased(name)
        return fields.filter { $0.name == name }.map(\.value)
    }

    /// Whether a comma-separated header (`connection`, `transfer-encoding`) lists `token`.
    public func contains(token: String, in name: String) -> Bool {
        for value in values(of: name) {
            for item in value.split(separator: ",") where Self.lowercased(item.trimmingWhitespace()) == token {
                return true
            }
        }
        return false
    }

    static func lowercased(_ text: some StringProtocol) -> String {
        text.utf8.contains { $0 >= 0x41 && $0 <= 0x5A } ? text.lowercased() : String(text)
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> Substring {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return slice
    }
}

/// The protocol version of a request.
public enum HTTPVersion: Sendable, Hashable, CustomStringConvertible {
    case http1_0, http1_1, http2

    public var description: String {
        switch self {
        case .http1_0: "HTTP/1.0"
        case .http1_1: "HTTP/1.1"
        case .http2: "HTTP/2"
        }
    }
}

/// A request's head: what arrives before the body.
public struct HTTPRequestHead: Sendable, Hashable {
    /// `GET`, `POST` … (case-sensitive, as sent).
    public var method: String
    /// The request target: path and query (`/v1/items/42?x=1`).
    public var target: String
    /// The protocol version.
    public var version: HTTPVersion
    /// Header fields (for HTTP/2 without the pseudo-headers).
    public var headers: HTTPHeaders
    /// `Host` (HTTP/1.1) or `:authority` (HTTP/2).
    public var authority: String?

    /// Creates a head.
    public init(
        method: String, target: String, version: HTTPVersion = .http1_1, headers: HTTPHeaders = HTTPHeaders(),
        authority: String? = nil
    ) {
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.authority = authority
    }

    /// The target without its query.
    public var path: Substring {
        // Search the UTF-8 view: `firstIndex(of:)` on the String walks Characters (graphemes),
        // which showed up at 5 % of a gRPC server's CPU.
        if let question = target.utf8.firstIndex(of: UInt8(ascii: "?")) { return target[..<question] }
        return Substring(target)
    }
}

/// A response's head.
public struct HTTPResponseHead: Sendable, Hashable {
    /// The status code.
    public var status: Int
    /// Header fields. `content-length` and `transfer-encoding` are set by the server.
    public var headers: HTTPHeaders

    /// Creates a head.
    public init(status: Int, headers: HTTPHeaders = HTTPHeaders()) {
        self.status = status
        self.headers = headers
    }

    /// The standard reason phrase of `status` (HTTP/1.1 status lines).
    static func reason(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 101: "Switching Protocols"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 206: "Partial Content"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 411: "Length Required"
        case 412: "Precondition Failed"
        case 413: "Content Too Large"
        case 415: "Unsupported Media Type"
        case 417: "Expectation Failed"
        case 422: "Unprocessable Content"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 505: "HTTP Version Not Supported"
        default: ""
        }
    }
}
