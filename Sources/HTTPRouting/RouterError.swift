/// Why a ``Router`` could not be built from its routes: a mistake in the route table, found once
/// at startup (or by the generator) rather than on some later request.
///
/// ```swift
/// do {
///     _ = try Router(routes: [
///         (method: "GET", template: try PathTemplate("/v1/{name}"), route: "A"),
///         (method: "GET", template: try PathTemplate("/v1/{id=*}"), route: "B"),
///     ])
/// } catch {
///     print(error)  // conflicting routes: "route 1 (GET /v1/{id}) matches the same requests as route 0 (GET /v1/{name})"
/// }
/// ```
public struct RouterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable {
            case conflictingRoutes, invalidMethod, unmatchableRoute, invalidConfiguration
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// Two routes with the same method and equivalent templates (the same
        /// ``PathTemplate/routingShape``): the second could never be reached.
        public static let conflictingRoutes = Code(.conflictingRoutes)
        /// A method that is not an RFC 9110 token (or `*`, any method).
        public static let invalidMethod = Code(.invalidMethod)
        /// A template with more segments than ``RouterConfiguration/Limits/maxSegments`` allows a
        /// request path to have.
        public static let unmatchableRoute = Code(.unmatchableRoute)
        /// A limit below 1.
        public static let invalidConfiguration = Code(.invalidConfiguration)

        public var description: String {
            switch value {
            case .conflictingRoutes: "conflicting routes"
            case .invalidMethod: "invalid method"
            case .unmatchableRoute: "unmatchable route"
            case .invalidConfiguration: "invalid configuration"
            }
        }
    }

    /// What kind of problem this is.
    public var code: Code
    /// The indices, in the routes given to ``Router/init(routes:configuration:)``, of the routes
    /// at fault: both for ``Code/conflictingRoutes`` (the earlier first), one otherwise, none for
    /// ``Code/invalidConfiguration``.
    public var routeIndices: [Int]
    /// A sentence that names the routes (method and canonical template) and says what is wrong.
    public var message: String

    /// Creates an error.
    public init(code: Code, routeIndices: [Int], message: String) {
        self.code = code
        self.routeIndices = routeIndices
        self.message = message
    }

    /// `conflicting routes: "route 1 (GET /v1/{id}) matches the same requests as route 0 (GET /v1/{name})"`.
    public var description: String { "\(code): \"\(message)\"" }
}
