internal import HTTPRouting
internal import ProtoRuntime

extension HTTPRoutePlanner {
    /// Builds a ``Router`` from `routes`, as the gateway will, and records an error for each
    /// binding it refuses: two bindings with the same method and equivalent templates (the later
    /// could never be reached; both methods are named), or a template longer than a request path
    /// may be. A refused binding is set aside and the router built again, so every conflict is
    /// reported, not just the first.
    mutating func checkConflicts(_ routes: [HTTPRoutePlan]) {
        var remaining = Array(routes.indices)
        while !remaining.isEmpty {
            let entries = remaining.map { (method: routes[$0].httpMethod, template: routes[$0].template, route: $0) }
            do {
                _ = try Router(routes: entries)
                return
            } catch {
                let faulty = error.routeIndices.map { remaining[$0] }
                guard let culprit = faulty.last else { return }
                diagnostics.append(conflictDiagnostic(error, routes: faulty.map { routes[$0] }))
                remaining.removeAll { $0 == culprit }
            }
        }
    }

    private func conflictDiagnostic(_ error: RouterError, routes faulty: [HTTPRoutePlan]) -> Diagnostic {
        guard let route = faulty.last else { return Diagnostic(.error, error.message, at: file.name ?? "") }
        let location = "\(route.sourceLocation): \(route.serviceName).\(route.methodName)"
        if error.code == .conflictingRoutes, let earlier = faulty.first {
            return Diagnostic(
                .error,
                "\(describe(route)) matches the same requests as \(describe(earlier)), so one of them could never "
                    + "be reached",
                at: location, fix: "change one template, or merge the two methods")
        }
        return Diagnostic(.error, "\(describe(route)) cannot be routed: \(error.message)", at: location)
    }

    /// `google.api.http additional_bindings[0] GET "/v1/x" of library.v1.Library.GetBook`.
    private func describe(_ route: HTTPRoutePlan) -> String {
        let binding = route.isAdditionalBinding ? "additional_bindings[\(route.bindingIndex - 1)]" : "binding"
        return "the \(binding) \(route.httpMethod) \"\(route.pathText)\" of \(route.serviceName).\(route.methodName)"
    }
}
