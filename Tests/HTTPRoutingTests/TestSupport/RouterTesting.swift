@testable import HTTPRouting

/// Builds a router whose route values are the template texts, from `(method, template)` pairs.
func makeRouter(
    _ routes: [(String, String)], configuration: RouterConfiguration = .defaults
) throws -> Router<String> {
    var entries: [(method: String, template: PathTemplate, route: String)] = []
    for (method, text) in routes {
        entries.append((method: method, template: try PathTemplate(text), route: "\(method) \(text)"))
    }
    return try Router(routes: entries, configuration: configuration)
}

/// What a match came to, flattened for comparisons: the route value and `field=value` bindings,
/// `405 A,B`, `404`, or the error code.
func outcome(_ router: Router<String>, _ method: String, _ path: String) -> String {
    do {
        switch try router.match(method: method, path: path) {
        case .matched(let match):
            let bindings = match.bindings.map { "\($0.fieldPathString)=\($0.value)" }
            return ([match.route] + bindings).joined(separator: " ")
        case .methodNotAllowed(let allowed): return "405 " + allowed.joined(separator: ",")
        case .notFound: return "404"
        }
    } catch {
        return "error \(error.code) \(error.httpStatus)"
    }
}

/// The error building a router from `(method, template)` pairs throws, or `nil` when it builds.
func routerError(_ routes: [(String, String)], configuration: RouterConfiguration = .defaults) throws -> RouterError? {
    var entries: [(method: String, template: PathTemplate, route: String)] = []
    for (method, text) in routes {
        entries.append((method: method, template: try PathTemplate(text), route: "\(method) \(text)"))
    }
    do {
        _ = try Router(routes: entries, configuration: configuration)
        return nil
    } catch {
        return error
    }
}
