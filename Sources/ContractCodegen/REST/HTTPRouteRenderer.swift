/// Writes a service's planned REST bindings as the `httpRoutes:` argument of its
/// `RPC.RPCServiceDescriptor`, one `RPC.RPCHTTPRoute` per binding, in plan order (contract order
/// of methods, a rule before its additional bindings). Arguments at their defaults (no body, no
/// response body, status 200, no Location, no headers) are left out.
///
/// ```swift
/// httpRoutes: [
///     RPC.RPCHTTPRoute(
///         method: Method.getBook,
///         httpMethod: "GET",
///         path: "/v1/{name=shelves/*/books/*}",
///         requestType: "library.v1.GetBookRequest",
///         responseType: "library.v1.Book"),
/// ])
/// ```
enum HTTPRouteRenderer {
    /// Writes `httpRoutes: [ … ]` and then `closing` on the same line.
    ///
    /// - Parameters:
    ///   - methodNames: The Swift name of each method's descriptor in the service's `Method`
    ///     namespace, by `.proto` method name.
    ///   - closing: What follows the array: `)` to close the descriptor's initializer.
    static func render(
        _ routes: [HTTPRoutePlan], methodNames: [String: String], closing: String, into out: inout SwiftWriter
    ) {
        out.block("httpRoutes: [", closing: "]" + closing) { out in
            for route in routes {
                let method = methodNames[route.methodName] ?? SwiftNaming.lowerCamel(route.methodName)
                let lines = arguments(route, method: method)
                out.block("RPC.RPCHTTPRoute(", closing: "),") { out in
                    for (index, argument) in lines.enumerated() {
                        out.line(argument + (index == lines.count - 1 ? "" : ","))
                    }
                }
            }
        }
    }

    /// The initializer's arguments, in its parameter order.
    static func arguments(_ route: HTTPRoutePlan, method: String) -> [String] {
        let literal = SwiftNaming.stringLiteral
        var arguments = [
            "method: Method.\(SwiftNaming.escaped(method))",
            "httpMethod: \(literal(route.httpMethod))",
            "path: \(literal(route.pathText))",
        ]
        switch route.body {
        case .none: break
        case .whole: arguments.append("body: \"*\"")
        case .field(let field): arguments.append("body: \(literal(field.protoPath))")
        }
        if let responseBody = route.responseBody {
            arguments.append("responseBody: \(literal(responseBody.protoPath))")
        }
        arguments.append("requestType: \(literal(route.requestType))")
        arguments.append("responseType: \(literal(route.responseType))")
        if route.successStatus != 200 { arguments.append("successStatus: \(route.successStatus)") }
        if let location = route.location { arguments.append("location: \(literal(location))") }
        if !route.headers.isEmpty {
            let bindings = route.headers.map { header in
                "RPC.RPCHTTPRoute.HeaderBinding(header: \(literal(header.lowercasedName)), "
                    + "field: \(literal(header.field.protoPath)))"
            }
            arguments.append("headers: [\(bindings.joined(separator: ", "))]")
        }
        return arguments
    }
}
