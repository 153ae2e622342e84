internal import HTTPRouting
internal import ProtoRuntime

extension HTTPRoutePlanner {
    /// Plans one binding of a method: its pattern, template, path variables, body and response
    /// body, and the query fields that remain. Returns `nil` (with errors recorded) when any of
    /// them cannot work.
    mutating func planBinding(
        _ rule: Google_Api_HttpRule, index: Int, headers: [HTTPRoutePlan.HeaderBinding], _ context: MethodContext
    ) -> HTTPRoutePlan? {
        guard let (httpMethod, pathText) = pattern(of: rule, index: index, context) else { return nil }
        let route = "\(httpMethod) \"\(pathText)\""
        let template: PathTemplate
        do {
            template = try PathTemplate(pathText)
        } catch {
            self.error(
                context, binding: index,
                "\(route): the path template is invalid: \(error.message) (\(error.code) at byte \(error.offset))",
                fix: "see the template grammar in google/api/http.proto")
            return nil
        }
        let before = diagnostics.count
        let variables = template.variables.compactMap { pathVariable($0, route: route, index: index, context) }
        let body = bodyMapping(rule.body, template: template, route: route, index: index, context)
        if let body, body != .none, httpMethod == "GET" || httpMethod == "HEAD" {
            error(
                context, binding: index, "\(route): a \(httpMethod) request has no body, but the rule sets body",
                fix: "remove body (the fields come from the query string) or use POST")
        }
        let responseBody = responseBodyField(rule.responseBody, route: route, index: index, context)
        guard diagnostics.count == before, let body else { return nil }
        let query = queryFields(context.request, body: body, variables: variables, headers: headers)
        return HTTPRoutePlan(
            serviceName: context.serviceName, methodName: context.name, methodIndex: context.methodIndex,
            bindingIndex: index, streaming: context.kind, httpMethod: httpMethod, pathText: pathText,
            template: template, body: body, responseBody: responseBody, pathVariables: variables, queryFields: query,
            successStatus: 200, location: nil, locationFields: [], declaredErrors: [], headers: headers,
            requestType: String(context.request.dropFirst()), responseType: String(context.response.dropFirst()),
            comment: context.comment, serviceComment: context.serviceComment, sourceLocation: context.sourceLocation)
    }

    /// The HTTP method and the path template text of a rule.
    private mutating func pattern(
        of rule: Google_Api_HttpRule, index: Int, _ context: MethodContext
    ) -> (method: String, path: String)? {
        switch rule.pattern {
        case .get(let path)?: return ("GET", path)
        case .put(let path)?: return ("PUT", path)
        case .post(let path)?: return ("POST", path)
        case .delete(let path)?: return ("DELETE", path)
        case .patch(let path)?: return ("PATCH", path)
        case .custom(let custom)?:
            guard !custom.kind.isEmpty else {
                error(
                    context, binding: index, "custom pattern with an empty kind",
                    fix: "set kind to an HTTP method such as HEAD, or \"*\" for any method")
                return nil
            }
            guard custom.kind == "*" || custom.kind.utf8.allSatisfy(Self.isTokenCharacter) else {
                error(
                    context, binding: index, "custom kind \"\(custom.kind)\" is not an HTTP method (an RFC 9110 token)",
                    fix: "use a method name such as HEAD or OPTIONS, or \"*\" for any method")
                return nil
            }
            return (custom.kind, custom.path)
        case nil:
            error(
                context, binding: index, "the rule has no pattern",
                fix: "set one of get, put, post, delete, patch or custom")
            return nil
        }
    }

    /// RFC 9110 §5.6.2 `tchar`.
    static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    /// A path variable resolved against the request, or `nil` (error recorded).
    private mutating func pathVariable(
        _ variable: PathTemplate.Variable, route: String, index: Int, _ context: MethodContext
    ) -> HTTPRoutePlan.PathVariable? {
        let name = "path variable {\(variable.fieldPathString)}"
        let field: HTTPFieldReference
        switch symbols.resolve(variable.fieldPath, in: context.request) {
        case .failure(let problem):
            error(context, binding: index, "\(route): \(name) names no field of the request: \(problem)")
            return nil
        case .success(let resolved): field = resolved
        }
        guard !field.isRepeated, field.kind != .map, field.kind != .message else {
            error(
                context, binding: index,
                "\(route): \(name) names \(field.kindDescription), which a path segment cannot hold",
                fix: "bind a singular scalar, enum or string-form well-known type (Timestamp, Duration, FieldMask, "
                    + "a wrapper)")
            return nil
        }
        guard !variable.isMultiSegment || field.isStringLike else {
            error(
                context, binding: index,
                "\(route): \(name) spans several segments, so it needs a string field, but it names "
                    + field.kindDescription,
                fix: "bind a string field, or match one segment: {\(variable.fieldPathString)}")
            return nil
        }
        return HTTPRoutePlan.PathVariable(variable: variable, field: field)
    }

    /// The body mapping of a rule, or `nil` (error recorded).
    private mutating func bodyMapping(
        _ body: String, template: PathTemplate, route: String, index: Int, _ context: MethodContext
    ) -> HTTPRoutePlan.BodyMapping? {
        if body.isEmpty { return HTTPRoutePlan.BodyMapping.none }
        if body == "*" { return .whole }
        guard let field = topLevelField(body, of: context.request, role: "body", route: route, index: index, context)
        else { return nil }
        if template.variables.contains(where: { $0.fieldPath == [body] }) {
            error(
                context, binding: index,
                "\(route): body \"\(body)\" is also the path variable {\(body)}; a field comes from one place",
                fix: "bind the body to another field, or use body: \"*\"")
            return nil
        }
        return .field(field)
    }

    /// The response field sent as the body, `nil` when none is named or on an error (recorded).
    private mutating func responseBodyField(
        _ name: String, route: String, index: Int, _ context: MethodContext
    ) -> HTTPFieldReference? {
        guard !name.isEmpty else { return nil }
        return topLevelField(name, of: context.response, role: "response_body", route: route, index: index, context)
    }

    /// A top-level field of `message` named by `body` or `response_body` (`http.proto`: "must be
    /// present at the top-level of the request/response message type").
    private mutating func topLevelField(
        _ name: String, of message: String, role: String, route: String, index: Int, _ context: MethodContext
    ) -> HTTPFieldReference? {
        let which = message == context.request ? "request" : "response"
        guard !name.contains(".") else {
            error(
                context, binding: index, "\(route): \(role) \"\(name)\" is a path; it must name a top-level field",
                fix: "name a field of the \(which) message itself")
            return nil
        }
        switch symbols.resolve([name], in: message) {
        case .success(let field): return field
        case .failure(let problem):
            error(context, binding: index, "\(route): \(role) \"\(name)\" names no field of the \(which): \(problem)")
            return nil
        }
    }
}
