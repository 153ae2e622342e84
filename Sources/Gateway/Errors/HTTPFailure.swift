public import HTTPRouting
public import RPC

/// What the gateway answers for a request that fails: the HTTP status, the status whose
/// `google.rpc.Status` JSON form is the body, and for 405 the methods for `Allow`.
///
/// Every failure goes through here, so the status mapping lives in one place: a status a handler
/// or interceptor returned takes its HTTP status from ``HTTPStatusMapping/httpStatus(for:)``; a
/// failure the gateway raises itself (a refused path or query, no route, a method not allowed)
/// keeps the HTTP status it was raised with and takes its body's code from
/// ``HTTPStatusMapping/code(forHTTPStatus:)``.
///
/// ```swift
/// let failure = HTTPFailure(route: router.match(method: "DELETE", path: "/v1/shelves"))
/// failure?.httpStatus    // 405
/// failure?.allowHeader   // "GET, POST"
/// ```
public struct HTTPFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status to answer with.
    public var httpStatus: Int
    /// The status for the body (`code`, `message`, `details`).
    public var status: RPCStatus
    /// For 405, the methods the path takes, sorted; empty otherwise.
    public var allowedMethods: [String]

    /// A failure with this HTTP status and body.
    public init(httpStatus: Int, status: RPCStatus, allowedMethods: [String] = []) {
        self.httpStatus = httpStatus
        self.status = status
        self.allowedMethods = allowedMethods
    }

    /// The failure for a status from a handler, an interceptor or validation.
    public init(_ status: RPCStatus) {
        self.init(httpStatus: HTTPStatusMapping.httpStatus(for: status.code), status: status)
    }

    /// The failure for an HTTP status the gateway raises itself, with a message for the body.
    public init(httpStatus: Int, message: String) {
        self.init(httpStatus: httpStatus, status: RPCStatus(HTTPStatusMapping.code(forHTTPStatus: httpStatus), message))
    }

    /// The failure for a refused request path: 400 or 414.
    public init(_ error: RequestPathError) {
        self.init(httpStatus: error.httpStatus, status: error.rpcStatus)
    }

    /// The failure for a refused query string: 400 or 414.
    public init(_ error: QueryStringError) {
        self.init(httpStatus: error.httpStatus, status: error.rpcStatus)
    }

    /// 404 for no route.
    public static let notFound = HTTPFailure(httpStatus: 404, message: "no route matches the path")

    /// 405 with the methods the path does take.
    public static func methodNotAllowed(allowed: [String]) -> HTTPFailure {
        HTTPFailure(
            httpStatus: 405,
            status: RPCStatus(.unimplemented, "the path takes only \(allowed.joined(separator: ", "))"),
            allowedMethods: allowed)
    }

    /// The failure for a routing result: 404, 405, or `nil` for a match.
    public init?<Route>(route match: RouteMatch<Route>) {
        switch match {
        case .matched: return nil
        case .notFound: self = .notFound
        case .methodNotAllowed(let allowed): self = .methodNotAllowed(allowed: allowed)
        }
    }

    /// The `Allow` header value for 405 (`GET, POST`), or `nil`.
    public var allowHeader: String? { allowedMethods.isEmpty ? nil : allowedMethods.joined(separator: ", ") }

    /// `405 UNIMPLEMENTED: the path takes only GET, POST`.
    public var description: String { "\(httpStatus) \(status)" }
}

extension RequestPathError: RPCStatusConvertible {
    /// INVALID_ARGUMENT for 400 (with a `BadRequest` naming the variable for invalid UTF-8),
    /// RESOURCE_EXHAUSTED for 414.
    public var rpcStatus: RPCStatus {
        let code = HTTPStatusMapping.code(forHTTPStatus: httpStatus)
        if code == .invalidArgument, let fieldPath {
            return RPCStatus.invalidArgument(message, fieldViolations: [(fieldPath, message)], cause: self)
        }
        return RPCStatus(code, message, cause: self)
    }
}

extension QueryStringError: RPCStatusConvertible {
    /// INVALID_ARGUMENT for 400, RESOURCE_EXHAUSTED for 414.
    public var rpcStatus: RPCStatus {
        RPCStatus(HTTPStatusMapping.code(forHTTPStatus: httpStatus), message, cause: self)
    }
}
