/// One condition a process must meet to take traffic: the database answers, the migrations
/// are done, a dependency is reachable. The host runs its checks after it starts listening and
/// then every ``HostConfiguration/Health-swift.struct/interval``; while any fails, gRPC health
/// reports `NOT_SERVING` and `GET /health/ready` answers 503.
///
/// ```swift
/// configuration.health.readinessChecks = [
///     ReadinessCheck(name: "database") { try await database.ping() }
/// ]
/// ```
public struct ReadinessCheck: Sendable {
    /// The check's name in `/health/ready`'s body (`database`).
    public var name: String
    /// Passes by returning, fails by throwing; each run is bounded by the host's check timeout.
    public var check: @Sendable () async throws -> Void

    public init(name: String, check: @escaping @Sendable () async throws -> Void) {
        self.name = name
        self.check = check
    }
}

/// A plain HTTP endpoint the host serves beside its RPC services and REST routes: a JWKS
/// document, a version page. Matched by method and exact path (the query is ignored).
///
/// ```swift
/// HTTPEndpoint(path: "/.well-known/jwks.json") { _ in
///     HTTPEndpoint.Response(status: 200, contentType: "application/json", body: jwks.json())
/// }
/// ```
public struct HTTPEndpoint: Sendable {
    /// What an endpoint answers.
    public struct Response: Sendable {
        public var status: Int
        public var contentType: String
        public var body: String
        /// More header fields (`cache-control`).
        public var headers: [(name: String, value: String)]

        public init(status: Int, contentType: String, body: String, headers: [(name: String, value: String)] = []) {
            self.status = status
            self.contentType = contentType
            self.body = body
            self.headers = headers
        }
    }

    /// `GET` (which also answers `HEAD`), `POST` …
    public var method: String
    /// The exact path, `/.well-known/jwks.json`.
    public var path: String
    /// Builds the response.
    public var respond: @Sendable () async -> Response

    public init(method: String = "GET", path: String, respond: @escaping @Sendable () async -> Response) {
        self.method = method
        self.path = path
        self.respond = respond
    }
}
