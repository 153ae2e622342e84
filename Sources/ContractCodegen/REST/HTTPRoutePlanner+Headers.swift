internal import ProtoRuntime

extension HTTPRoutePlanner {
    /// The request's header bindings (`(room619.api.v1.header)` on its top-level fields), in
    /// field order; `nil` when one of them cannot work (errors recorded, once per request
    /// message, at the first method that takes it).
    mutating func planHeaders(_ context: MethodContext) -> [HTTPRoutePlan.HeaderBinding]? {
        if let known = headersByRequest[context.request] { return known }
        let bindings = readHeaders(context)
        headersByRequest[context.request] = .some(bindings)
        return bindings
    }

    private mutating func readHeaders(_ context: MethodContext) -> [HTTPRoutePlan.HeaderBinding]? {
        guard let request = symbols[context.request]?.message else { return [] }
        let before = diagnostics.count
        var bindings: [HTTPRoutePlan.HeaderBinding] = []
        var byHeader: [String: String] = [:]
        for field in request.field {
            guard let header = field.options?[extension: Room619_Api_V1_Options_Extensions.header] else { continue }
            let fieldName = field.name ?? ""
            let name = "(room619.api.v1.header) \"\(header)\" on \(context.request.dropFirst()).\(fieldName)"
            guard !header.isEmpty, header.utf8.allSatisfy(Self.isTokenCharacter) else {
                error(
                    context, binding: nil, "\(name) is not an HTTP header name (an RFC 9110 token)",
                    fix: "use a name such as Idempotency-Key")
                continue
            }
            guard case .success(let reference) = symbols.resolve([fieldName], in: context.request) else { continue }
            guard reference.kind == .scalar, reference.leaf.type == .string, !reference.isRepeated else {
                error(
                    context, binding: nil,
                    "\(name): the field is \(reference.kindDescription); a header binds a string",
                    fix: "bind the header to a singular string field")
                continue
            }
            if let other = byHeader.updateValue(fieldName, forKey: header.lowercased()) {
                error(
                    context, binding: nil, "\(name): the fields \(other) and \(fieldName) bind the same header",
                    fix: "bind each header to one field")
                continue
            }
            bindings.append(HTTPRoutePlan.HeaderBinding(name: header, field: reference))
        }
        return diagnostics.count == before ? bindings : nil
    }

    /// The checks that need both a binding and the method's options; `false` when one fails
    /// (errors recorded).
    mutating func checkBinding(_ route: HTTPRoutePlan, options: MethodOptionsPlan, _ context: MethodContext) -> Bool {
        let before = diagnostics.count
        let label = "\(route.httpMethod) \"\(route.pathText)\""
        if options.successStatus == 204, let responseBody = route.responseBody {
            error(
                context, binding: route.bindingIndex,
                "\(label): response_body \"\(responseBody.protoPath)\" is set, but the success status 204 sends no body",
                fix: "remove response_body, or use status 200")
        }
        var bodyField: String?
        if case .field(let field) = route.body { bodyField = field.protoPath }
        for header in route.headers {
            let field = header.field.protoPath
            if route.pathVariables.contains(where: { $0.field.protoPath == field }) {
                error(
                    context, binding: route.bindingIndex,
                    "\(label): the field \(field) is bound to the header \(header.name) and to the path variable {\(field)}",
                    fix: "bind the field to one of them")
            } else if bodyField == field {
                error(
                    context, binding: route.bindingIndex,
                    "\(label): the field \(field) is bound to the header \(header.name) and is the body",
                    fix: "bind the field to one of them")
            }
        }
        return diagnostics.count == before
    }
}
