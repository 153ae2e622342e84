internal import HTTPRouting
internal import RPC

/// Builds the JSON members a request's path variables, query parameters and bound headers set,
/// before the body is read, so a bad parameter is answered without reading the body or reaching
/// the call.
///
/// The members are split in two: ``RequestFields/direct`` go into the request object beside the
/// body; ``RequestFields/overBody`` are path variables inside what the body sets, merged over the
/// decoded body afterwards (the path wins, as in grpc-gateway).
struct RequestBinder {
    let plan: RoutePlan
    let schemas: SchemaIndex
    let ignoresUnknownParameters: Bool

    /// The fields of one request.
    struct RequestFields: Sendable {
        /// Members beside the body (or the whole request when there is no body).
        var direct = JSONObjectBuilder()
        /// Path variables inside what the body sets, applied after it.
        var overBody = JSONObjectBuilder()
    }

    /// Binds the path variables, the query parameters and the bound headers.
    /// - Throws: ``HTTPFailure`` (400) naming the parameter or variable and why.
    func bind(
        path bindings: [VariableBinding], query: [QueryParameter], headers: (String) -> String?
    ) throws(HTTPFailure) -> RequestFields {
        var fields = RequestFields()
        for (position, binding) in bindings.enumerated() where position < plan.pathKeys.count {
            let keys = plan.pathKeys[position]
            let text = try Self.text(binding.value, kind: plan.pathFields[position].kind, name: binding.fieldPathString)
            if isUnderBody(keys) {
                fields.overBody.set(keys[...], .value(text))
            } else {
                fields.direct.set(keys[...], .value(text))
            }
        }
        for parameter in query { try bind(parameter, into: &fields.direct) }
        for (header, field) in plan.headerBindings {
            guard let value = headers(header) else { continue }
            let text = try Self.text(value, kind: field.kind, name: field.name)
            if plan.body == .whole {
                fields.overBody.set([field.name], .value(text))
            } else {
                fields.direct.set([field.name], .value(text))
            }
        }
        return fields
    }

    private func isUnderBody(_ keys: [String]) -> Bool {
        switch plan.body {
        case .none: false
        case .whole: true
        case .field(let field): keys.first == field.name
        }
    }

    private func bind(_ parameter: QueryParameter, into builder: inout JSONObjectBuilder) throws(HTTPFailure) {
        let name = parameter.key
        let segments = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        var current = plan.request
        var keys: [String] = []
        for (position, segment) in segments.enumerated() {
            guard let field = current.field(named: segment) else {
                if ignoresUnknownParameters { return }
                throw Self.refusal(
                    name, "unknown query parameter '\(name)': \(current.fullName) has no field '\(segment)'")
            }
            keys.append(field.name)
            if let refusal = boundRefusal(keys, name: name) { throw refusal }
            if field.isMap {
                throw Self.refusal(name, "query parameter '\(name)': map fields cannot be set from the query")
            }
            if position == segments.count - 1 {
                try setLeaf(field, keys: keys, value: parameter.value, name: name, into: &builder)
                return
            }
            guard case .message(let type) = field.kind, field.kind.wellKnown == nil, let next = schemas.message(type)
            else {
                throw Self.refusal(name, "unknown query parameter '\(name)': '\(field.name)' has no fields")
            }
            if field.isRepeated {
                throw Self.refusal(name, "query parameter '\(name)': repeated messages cannot be set from the query")
            }
            current = next
        }
    }

    private func setLeaf(
        _ field: FieldSchema, keys: [String], value: String, name: String, into builder: inout JSONObjectBuilder
    ) throws(HTTPFailure) {
        if field.isRepeated, case .message = field.kind, field.kind.wellKnown == nil {
            throw Self.refusal(name, "query parameter '\(name)': repeated messages cannot be set from the query")
        }
        let text = try Self.text(value, kind: field.kind, name: name)
        let node: JSONObjectBuilder.Node = field.isRepeated ? .array([text]) : .value(text)
        guard builder.set(keys[...], node) else {
            throw Self.refusal(name, "query parameter '\(name)' is given more than once, but the field is not repeated")
        }
    }

    /// 400 when `keys` is, or is inside, or holds, a field the path or the body sets.
    private func boundRefusal(_ keys: [String], name: String) -> HTTPFailure? {
        if plan.body == .whole {
            return Self.refusal(name, "query parameter '\(name)': the body sets the whole request (body \"*\")")
        }
        let path = keys.joined(separator: ".")
        for bound in plan.boundPaths where bound == path || bound.hasPrefix(path + ".") || path.hasPrefix(bound + ".") {
            if case .field(let field) = plan.body, bound == field.name {
                return Self.refusal(name, "query parameter '\(name)': the body sets '\(field.name)'")
            }
            return Self.refusal(name, "query parameter '\(name)': the path sets '\(bound)'")
        }
        return nil
    }

    /// The JSON for `value` in a field of `kind`, or 400 naming `name`.
    /// `name` is only worked out for a refusal (a path variable's dotted name costs a join).
    static func text(_ value: String, kind: FieldKind, name: @autoclosure () -> String) throws(HTTPFailure) -> JSONText
    {
        let refusal: FieldValueRefusal
        switch FieldValueText.json(for: value, kind: kind) {
        case .success(let text): return text
        case .failure(let failure): refusal = failure
        }
        let name = name()
        switch refusal {
        case .invalid(let why), .notSettable(let why): throw Self.refusal(name, "'\(name)': \(why)")
        case .message(let type):
            throw Self.refusal(name, "'\(name)' is a message (\(type)): set its fields instead, as '\(name).<field>=…'")
        }
    }

    /// A 400 with a `BadRequest` naming `field`.
    static func refusal(_ field: String, _ message: String) -> HTTPFailure {
        HTTPFailure(RPCStatus.invalidArgument(message, fieldViolations: [(field, message)]))
    }
}
