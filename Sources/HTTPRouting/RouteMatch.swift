/// What ``Router/match(method:path:)`` found for a request.
public enum RouteMatch<Route: Sendable>: Sendable {
    /// A route for this method matches the path.
    case matched(MatchedRoute<Route>)
    /// No route for this method matches, but routes for these methods (sorted) do: answer 405
    /// with `Allow: <allowed joined by ", ">`.
    case methodNotAllowed(allowed: [String])
    /// No route matches the path under any method: answer 404.
    case notFound
}

extension RouteMatch: Equatable where Route: Equatable {}

/// A route that matched, with the values its path variables captured.
public struct MatchedRoute<Route: Sendable>: Sendable {
    /// The route value given to the router.
    public var route: Route
    /// The route's method as registered (`*` for a route that takes any method).
    public var method: String
    /// The route's template.
    public var template: PathTemplate
    /// The index of the route in the routes given to ``Router/init(routes:configuration:)``.
    public var index: Int
    /// One binding per variable of the template, in template order, percent-decoded.
    public var bindings: [VariableBinding]

    /// Creates a match.
    public init(route: Route, method: String, template: PathTemplate, index: Int, bindings: [VariableBinding]) {
        self.route = route
        self.method = method
        self.template = template
        self.index = index
        self.bindings = bindings
    }

    /// The value bound to a field path (`"sub.subfield"`), if the template has that variable.
    public func value(for fieldPath: String) -> String? {
        bindings.first { $0.fieldPathString == fieldPath }?.value
    }
}

extension MatchedRoute: Equatable where Route: Equatable {}

/// The value a path variable captured, ready to set on its request field.
///
/// A single-segment variable (`{id}`) has every escape decoded, `%2F` included. A multi-segment
/// variable (`{name=shelves/*}`, `{path=**}`) keeps `%2F` (or, with
/// ``RouterConfiguration/MultiSegmentDecoding/allExceptReserved``, every reserved character's
/// escape) as it came, so its `/` separators stay distinguishable.
public struct VariableBinding: Sendable, Hashable {
    /// The field path, one identifier per element.
    public var fieldPath: [String]
    /// The decoded value (valid UTF-8; empty when `**` matched no segment).
    public var value: String

    /// Creates a binding.
    public init(fieldPath: [String], value: String) {
        self.fieldPath = fieldPath
        self.value = value
    }

    /// The field path with dots: `sub.subfield`.
    public var fieldPathString: String { fieldPath.joined(separator: ".") }
}
