internal import HTTPRouting
internal import ProtoRuntime

/// room619's HTTP options, checked:
///
/// - `(room619.api.v1.method).success.status` is 200 (or unset), 201, 202 or 204; 204 has no
///   body, so no `response_body` and no streamed responses.
/// - `success.location` only with 201 or 202; it is a path template whose variables name
///   singular scalar or enum fields of the response and whose other segments are literals (a
///   `*` outside a variable could not be filled in).
/// - Declared errors have a `google.rpc.Code` other than `OK`, each once.
/// - `(room619.api.v1.header)` sits on a singular `string` field of the request, names an HTTP
///   token, no two fields bind the same header, and the field is not also a path variable or the
///   body field of a binding. Only top-level request fields are read.
extension HTTPRoutePlanner {
    /// The method-level part of every binding's plan.
    struct MethodOptionsPlan {
        var successStatus = 200
        var location: String?
        var locationFields: [HTTPFieldReference] = []
        var declaredErrors: [HTTPRoutePlan.DeclaredError] = []
    }

    /// Reads and checks `(room619.api.v1.method)`; `nil` when it has errors (recorded).
    mutating func planMethodOptions(_ context: MethodContext) -> MethodOptionsPlan? {
        var plan = MethodOptionsPlan()
        guard let options = context.method.options?[extension: Room619_Api_V1_Options_Extensions.method] else {
            return plan
        }
        let before = diagnostics.count
        let status = Int(options.success?.status ?? 0)
        plan.successStatus = status == 0 ? 200 : status
        if ![200, 201, 202, 204].contains(plan.successStatus) {
            error(
                context, binding: nil, "(room619.api.v1.method) success status \(status) is not 200, 201, 202 or 204",
                fix: "use 201 for a created resource, 202 for accepted work, 204 for no content")
        }
        if plan.successStatus == 204, context.kind == .serverStreaming || context.kind == .bidirectionalStreaming {
            error(
                context, binding: nil,
                "(room619.api.v1.method) success status 204 has no body, but the method streams "
                    + "its responses", fix: "use 200")
        }
        if let location = options.success?.location, !location.isEmpty {
            plan.location = location
            plan.locationFields = locationFields(location, status: plan.successStatus, context) ?? []
        }
        plan.declaredErrors = declaredErrors(options.errors, context)
        return diagnostics.count == before ? plan : nil
    }

    /// The response fields a `Location` template reads, or `nil` (errors recorded).
    private mutating func locationFields(
        _ location: String, status: Int, _ context: MethodContext
    ) -> [HTTPFieldReference]? {
        let name = "(room619.api.v1.method) success location \"\(location)\""
        guard status == 201 || status == 202 else {
            error(
                context, binding: nil, "\(name) is set, but the success status is \(status)",
                fix: "set status 201 or 202, whose responses carry a Location, or remove location")
            return nil
        }
        let template: PathTemplate
        do {
            template = try PathTemplate(location)
        } catch {
            self.error(
                context, binding: nil,
                "\(name) is not a valid template: \(error.message) (\(error.code) at byte \(error.offset))")
            return nil
        }
        let covered = Set(template.variables.flatMap { Array($0.segments) })
        for (index, segment) in template.segments.enumerated() where !covered.contains(index) {
            guard case .literal = segment else {
                error(
                    context, binding: nil, "\(name) has a wildcard outside a variable, which no response field fills",
                    fix: "name a response field for it: {id}")
                return nil
            }
        }
        var fields: [HTTPFieldReference] = []
        for variable in template.variables {
            switch symbols.resolve(variable.fieldPath, in: context.response) {
            case .failure(let problem):
                error(
                    context, binding: nil,
                    "\(name): variable {\(variable.fieldPathString)} names no field of the response: \(problem)")
            case .success(let field):
                guard !field.isRepeated, field.kind == .scalar || field.kind == .enumeration else {
                    error(
                        context, binding: nil,
                        "\(name): variable {\(variable.fieldPathString)} names \(field.kindDescription), not a scalar",
                        fix: "name a singular scalar field of the response, such as its id or name")
                    continue
                }
                fields.append(field)
            }
        }
        return fields.count == template.variables.count ? fields : nil
    }

    private mutating func declaredErrors(
        _ errors: [Room619_Api_V1_DeclaredError], _ context: MethodContext
    ) -> [HTTPRoutePlan.DeclaredError] {
        var seen: Set<Int32> = []
        var result: [HTTPRoutePlan.DeclaredError] = []
        for declared in errors {
            let code = declared.code
            guard let name = code.protoName, code != .ok else {
                let shown = code == .ok ? "OK" : "\(code.rawValue)"
                error(
                    context, binding: nil,
                    "(room619.api.v1.method) declares the error code \(shown), which is not an error",
                    fix: "declare a google.rpc.Code from CANCELLED to UNAUTHENTICATED")
                continue
            }
            guard seen.insert(code.rawValue).inserted else {
                error(context, binding: nil, "(room619.api.v1.method) declares the error \(name) twice")
                continue
            }
            result.append(HTTPRoutePlan.DeclaredError(code: code, description: declared.description_p))
        }
        return result
    }
}
