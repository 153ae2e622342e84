/// Matches HTTP requests to `google.api.http` routes: built once from a route table, then asked
/// `(method, path)` for each request.
///
/// ```swift
/// let router = try Router(routes: [
///     (method: "GET", template: try PathTemplate("/v1/{name=shelves/*}"), route: "GetShelf"),
///     (method: "POST", template: try PathTemplate("/v1/shelves/{shelf}:archive"), route: "ArchiveShelf"),
/// ])
/// switch try router.match(method: "GET", path: "/v1/shelves/7") {
/// case .matched(let match): print(match.route, match.bindings)  // GetShelf [name = "shelves/7"]
/// case .methodNotAllowed(let allowed): print(405, allowed)
/// case .notFound: print(404)
/// }
/// ```
///
/// ## The data structure, and why
///
/// Routes live in a segment trie (`RouteTrie`): each node is a distinct prefix of template
/// segments, with its literal children in a hash table, at most one `*` child, and terminals for
/// templates ending there or continuing with `**` (which the grammar only allows last), each
/// keyed by verb and then by method. A request walks the trie once per segment — a hash lookup
/// for the literal, then the `*` edge, then a `**` terminal — so the cost follows the length of
/// the path, not the number of routes, as grpc-httpjson-transcoding's path matcher does; the
/// linear scan over every pattern that grpc-gateway's `ServeMux` does grows with the API. The
/// walk backtracks (a literal branch that dead-ends falls back to `*`), but it enters each node
/// at most once, so even an adversarial path costs at most the size of the trie.
///
/// ## Precedence
///
/// Segment by segment from the left, a literal beats `*` beats `**`, and a template that ends
/// beats a `**` that would match nothing. A verb is tried first: `/v1/a:cancel` goes to
/// `/v1/{id}:cancel` if there is one, else to `/v1/{id}` with `id = "a:cancel"`; the last segment
/// is split at its last `:` only when what follows is a verb some template has. At the node that
/// matches, a route for the request's method beats a route for any method (`*`).
///
/// ## Request paths
///
/// The path ends at the first `?`. It is checked whole before routing (see ``RequestPathError``):
/// it starts with `/`, stays within ``RouterConfiguration/limits``, has no empty, `.` or `..`
/// segment and no malformed escape. Literals match in RFC 3986 §6.2.2 normal form (`%7E` is `~`,
/// `%2f` is `%2F`; an encoded reserved character is not the character), case-sensitively. A
/// trailing `/` follows ``RouterConfiguration/trailingSlash``.
public struct Router<Route: Sendable>: Sendable {
    /// One route as given to the router.
    public struct Entry: Sendable {
        /// The HTTP method (`GET`, …), or `*` for any method.
        public var method: String
        /// The path template.
        public var template: PathTemplate
        /// The caller's value for the route.
        public var route: Route
    }

    /// The routes, in the order given.
    public let routes: [Entry]
    /// What matching needs, none of it generic: the trie, the templates and the configuration.
    /// Matching runs there, so a request costs no generic metadata lookups; only the small
    /// wrapper that hands back the caller's route value is generic (and inlined into the caller).
    @usableFromInline let core: RouterCore
    /// How request paths are read.
    public var configuration: RouterConfiguration { core.configuration }

    /// Builds a router.
    ///
    /// - Throws: ``RouterError`` for an invalid method, a limit below 1, a template longer than
    ///   the segment limit, or two routes with the same method and equivalent templates (which
    ///   names both).
    public init(
        routes: [(method: String, template: PathTemplate, route: Route)],
        configuration: RouterConfiguration = .defaults
    ) throws(RouterError) {
        guard configuration.limits.maxPathBytes >= 1, configuration.limits.maxSegments >= 1 else {
            throw RouterError(
                code: .invalidConfiguration, routeIndices: [],
                message: "maxPathBytes and maxSegments must be at least 1")
        }
        let entries = routes.map { Entry(method: $0.method, template: $0.template, route: $0.route) }
        var trie = RouteTrie()
        for (index, entry) in entries.enumerated() {
            try Self.check(entry, index: index, configuration: configuration)
            if let existing = trie.insert(entry.template, method: entry.method, route: index) {
                throw RouterError(
                    code: .conflictingRoutes, routeIndices: [existing, index],
                    message: "route \(index) (\(Self.name(entries[index]))) matches the same requests as route "
                        + "\(existing) (\(Self.name(entries[existing])))")
            }
        }
        self.routes = entries
        self.core = RouterCore(trie: trie, configuration: configuration, templates: entries.map(\.template))
    }

    private static func check(_ entry: Entry, index: Int, configuration: RouterConfiguration) throws(RouterError) {
        guard entry.method == "*" || (!entry.method.isEmpty && entry.method.utf8.allSatisfy(isTokenCharacter)) else {
            throw RouterError(
                code: .invalidMethod, routeIndices: [index],
                message: "route \(index) has the method \"\(entry.method)\", which is not an HTTP token or '*'")
        }
        let fixed = entry.template.segments.count - (entry.template.endsWithDoubleWildcard ? 1 : 0)
        guard fixed <= configuration.limits.maxSegments else {
            throw RouterError(
                code: .unmatchableRoute, routeIndices: [index],
                message: "route \(index) (\(name(entry))) needs \(fixed) segments; request paths may have at most "
                    + "\(configuration.limits.maxSegments)")
        }
    }

    /// `GET /v1/{name}`.
    static func name(_ entry: Entry) -> String { "\(entry.method) \(entry.template.canonical)" }

    /// RFC 9110 §5.6.2 `tchar`.
    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    /// Finds the route for a request.
    ///
    /// - Parameters:
    ///   - method: The request method, as sent (methods are case-sensitive).
    ///   - path: The request path; a `?` and what follows it are ignored, so a whole request
    ///     target may be passed.
    /// - Returns: The matched route and its variables, or why there is none (405 or 404).
    /// - Throws: ``RequestPathError`` when the path itself is refused (400 or 414).
    @inlinable
    public func match(method: String, path: Substring) throws(RequestPathError) -> RouteMatch<Route> {
        switch core.match(method: method, path: path) {
        case .success(.matched(let index, let bindings)):
            let entry = routes[index]
            return .matched(
                MatchedRoute(
                    route: entry.route, method: entry.method, template: entry.template, index: index,
                    bindings: bindings))
        case .success(.methodNotAllowed(let allowed)): return .methodNotAllowed(allowed: allowed)
        case .success(.notFound): return .notFound
        case .failure(let error): throw error
        }
    }

    /// Finds the route for a request; see the `Substring` overload.
    @inlinable
    public func match(method: String, path: String) throws(RequestPathError) -> RouteMatch<Route> {
        try match(method: method, path: Substring(path))
    }
}
