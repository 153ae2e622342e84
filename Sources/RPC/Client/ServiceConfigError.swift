/// Why a service config (``RPCServiceConfig/init(json:loadBalancingPolicies:)``) was refused:
/// what kind of problem, where in the JSON, and a sentence that names the place.
///
/// A typed error rather than a bare `RPCStatus(.invalidArgument, …)`: a service config is read
/// while a channel or client is set up, from a file, a DNS record or a resolver, not inside a
/// call, so the code and the path are what its reader (a log line, a config loader, a test)
/// needs. It still becomes `INVALID_ARGUMENT` when it must cross a call (``rpcStatus``).
///
/// ```swift
/// do {
///     let config = try RPCServiceConfig(json: text)
/// } catch {
///     print(error)  // invalid value: "methodConfig[0].retryPolicy.maxAttempts must be greater than 1, not 1"
/// }
/// ```
public struct RPCServiceConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable {
            case malformedJSON, wrongType, invalidValue, duplicateName, unsupportedLoadBalancing
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// Not JSON at all.
        public static let malformedJSON = Code(.malformedJSON)
        /// JSON of the wrong kind for its place (a number for a duration, an object for a list).
        public static let wrongType = Code(.wrongType)
        /// A value the gRFCs do not allow (`maxAttempts` of 1, a zero backoff, an unknown status
        /// code, a method without a service, a required field missing).
        public static let invalidValue = Code(.invalidValue)
        /// Two `methodConfig` names for the same service and method.
        public static let duplicateName = Code(.duplicateName)
        /// No load-balancing policy that the client knows.
        public static let unsupportedLoadBalancing = Code(.unsupportedLoadBalancing)

        public var description: String {
            switch value {
            case .malformedJSON: "malformed JSON"
            case .wrongType: "wrong type"
            case .invalidValue: "invalid value"
            case .duplicateName: "duplicate name"
            case .unsupportedLoadBalancing: "unsupported load balancing"
            }
        }
    }

    /// What kind of problem this is.
    public var code: Code
    /// Where: the JSON path (`methodConfig[0].retryPolicy.maxAttempts`); empty for the whole
    /// document.
    public var path: String
    /// A sentence that names the path and says what is wrong.
    public var message: String
    /// The underlying error, when there is one (the JSON parser's).
    public var cause: String?

    /// Creates an error.
    public init(code: Code, path: String, message: String, cause: String? = nil) {
        self.code = code
        self.path = path
        self.message = message
        self.cause = cause
    }

    /// `invalid value: "methodConfig[0].timeout must not be negative" (cause: …)`.
    public var description: String {
        "\(code): \"\(message)\"" + (cause.map { " (cause: \($0))" } ?? "")
    }
}

extension RPCServiceConfigError: RPCStatusConvertible {
    /// `INVALID_ARGUMENT`, with the message.
    public var rpcStatus: RPCStatus { RPCStatus(.invalidArgument, "invalid service config: \(message)") }
}
