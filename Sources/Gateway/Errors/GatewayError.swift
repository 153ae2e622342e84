/// Why a ``GatewayHandler`` could not be built from its services: a route or a descriptor that
/// cannot work. Raised once, at start-up, never per request.
///
/// ```swift
/// do {
///     _ = try GatewayHandler(server: server)
/// } catch {
///     print(error)  // invalid route: "GET /v1/{nme}: library.v1.GetBookRequest has no field 'nme'"
/// }
/// ```
public struct GatewayError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable { case invalidRoute, invalidDescriptor, conflictingRoutes }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// A route names a field its request does not have, a type the descriptors lack, or a
        /// template that does not parse.
        public static let invalidRoute = Code(.invalidRoute)
        /// A service's serialized descriptors do not decode.
        public static let invalidDescriptor = Code(.invalidDescriptor)
        /// Two routes match the same requests.
        public static let conflictingRoutes = Code(.conflictingRoutes)

        public var description: String {
            switch value {
            case .invalidRoute: "invalid route"
            case .invalidDescriptor: "invalid descriptor"
            case .conflictingRoutes: "conflicting routes"
            }
        }
    }

    /// What kind of problem this is.
    public var code: Code
    /// What is wrong, naming the route or descriptor.
    public var message: String
    /// The error underneath, if any (not part of `==`).
    public var cause: (any Error)?

    /// Creates an error.
    public init(_ code: Code, _ message: String, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    /// `invalid route: "message" (cause: …)`.
    public var description: String {
        "\(code): \"\(message)\"" + (cause.map { " (cause: \($0))" } ?? "")
    }

    public static func == (lhs: GatewayError, rhs: GatewayError) -> Bool {
        lhs.code == rhs.code && lhs.message == rhs.message
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(message)
    }
}
