internal import HTTPRouting
internal import ProtoRuntime

extension OpenAPIDocumentBuilder {
    /// A binding's template as an OpenAPI path, with its path parameters (see the type's notes
    /// for multi-segment variables). The `:verb` stays a literal.
    mutating func renderPath(_ route: HTTPRoutePlan) -> (path: String, parameters: [JSONValue]) {
        let template = route.template
        var parts: [String] = []
        var parameters: [JSONValue] = []
        var names: Set<String> = []
        func unique(_ base: String) -> String {
            var name = base
            var counter = 2
            while names.contains(name) {
                name = "\(base)\(counter)"
                counter += 1
            }
            names.insert(name)
            return name
        }
        var index = 0
        while index < template.segments.count {
            guard let variable = template.variables.first(where: { $0.segments.lowerBound == index }) else {
                let part = segmentText(template.segments[index], name: { unique($0) }, into: &parameters, owner: nil)
                parts.append(part)
                index += 1
                continue
            }
            let bound = route.pathVariables.first { $0.variable == variable }
            if !variable.isMultiSegment, let bound {
                let name = unique(variable.fieldPathString)
                parts.append("{\(name)}")
                parameters.append(fieldParameter(name, in: "path", field: bound.field, isRequired: true))
            } else {
                var previous: String?
                let inner = variable.segments.map { Self.text(of: template.segments[$0]) }.joined(separator: "/")
                let owner = "Part of `\(variable.fieldPathString)` (`\(inner)`)."
                for position in variable.segments {
                    let segment = template.segments[position]
                    if case .literal(let text) = segment { previous = text }
                    let base = previous.map { variable.fieldPathString + "." + $0 } ?? variable.fieldPathString
                    parts.append(
                        segmentText(segment, name: { _ in unique(base) }, into: &parameters, owner: owner))
                }
            }
            index = max(variable.segments.upperBound, index + 1)
        }
        let path = "/" + parts.joined(separator: "/") + (template.verb.map { ":" + $0 } ?? "")
        return canonicalNames(path: path, parameters: parameters)
    }

    /// OpenAPI forbids two paths that differ only in parameter names (`/v1/{id}` and
    /// `/v1/{name}`): a path with the shape of one seen before takes its names, in order.
    private mutating func canonicalNames(path: String, parameters: [JSONValue]) -> (String, [JSONValue]) {
        let (shape, names) = Self.shape(of: path)
        guard let existing = shapes[shape], existing != path else {
            shapes[shape] = path
            return (path, parameters)
        }
        let canonical = Self.shape(of: existing).names
        var renamed: [String: String] = [:]
        for (old, new) in zip(names, canonical) { renamed[old] = new }
        let parameters = parameters.map { parameter -> JSONValue in
            guard case .object(var members) = parameter, case .string(let name)? = members["name"],
                let new = renamed[name]
            else { return parameter }
            members["name"] = .string(new)
            return .object(members)
        }
        return (existing, parameters)
    }

    /// A path with its parameter names blanked (`/v1/{}/books`), and the names in order.
    static func shape(of path: String) -> (shape: String, names: [String]) {
        var shape = ""
        var names: [String] = []
        var current: String?
        for character in path {
            if character == "{" {
                current = ""
                shape.append("{")
            } else if character == "}", let name = current {
                names.append(name)
                current = nil
                shape.append("}")
            } else if current != nil {
                current?.append(character)
            } else {
                shape.append(character)
            }
        }
        return (shape, names)
    }

    /// One segment of a path: a literal as itself, a wildcard as a new string parameter (one
    /// segment, or the rest of the path for `**`).
    private func segmentText(
        _ segment: PathTemplate.Segment, name: (String) -> String, into parameters: inout [JSONValue],
        owner: String?
    ) -> String {
        let field = owner ?? ""
        switch segment {
        case .literal(let text):
            return text
        case .wildcard:
            let parameter = name(owner == nil ? "segment" : "")
            let text = field.isEmpty ? "Any one path segment (bound to no field)." : field + " One path segment."
            parameters.append(segmentParameter(parameter, schema: ["type": "string", "pattern": "^[^/]+$"], text))
            return "{\(parameter)}"
        case .doubleWildcard:
            let parameter = name(owner == nil ? "rest" : "")
            let text =
                (field.isEmpty ? "The rest of the path (bound to no field)." : field + " The rest of the path.")
                + " It may span segments: send its `/` unescaped (an escaped `%2F` stays escaped in the value)."
            parameters.append(segmentParameter(parameter, schema: ["type": "string"], text))
            return "{\(parameter)}"
        }
    }

    private func segmentParameter(_ name: String, schema: JSONValue, _ description: String) -> JSONValue {
        ["name": .string(name), "in": "path", "required": true, "schema": schema, "description": .string(description)]
    }

    /// A template segment as written: a literal, `*` or `**`.
    static func text(of segment: PathTemplate.Segment) -> String {
        switch segment {
        case .literal(let text): text
        case .wildcard: "*"
        case .doubleWildcard: "**"
        }
    }

    /// A parameter set from a request field: its type's schema with the field's rules, and the
    /// field's comment.
    mutating func fieldParameter(
        _ name: String, in location: String, field: HTTPFieldReference, isRequired: Bool
    )
        -> JSONValue
    {
        var built = schemas.fieldSchema(field.leaf, comment: comment(of: field))
        let description = built.schema.removeValue(forKey: "description")
        var parameter: [String: JSONValue] = [
            "name": .string(name), "in": .string(location), "schema": .object(built.schema),
        ]
        // A nested field is required only when every field on the way is.
        let ancestorsRequired = field.fields.dropLast().allSatisfy(OpenAPISchemaBuilder.isRequired)
        if isRequired || (built.isRequired && ancestorsRequired) { parameter["required"] = true }
        if let description { parameter["description"] = description }
        if field.isRepeated {
            parameter["style"] = "form"
            parameter["explode"] = true
        }
        return .object(parameter)
    }

    /// The query parameters: every field the planner leaves to the query string, by `.proto`
    /// path; repeated ones as `name=a&name=b` (`style: form, explode: true`).
    mutating func queryParameters(_ route: HTTPRoutePlan) -> [JSONValue] {
        route.queryFields.map { field in
            fieldParameter(field.protoPath, in: "query", field: field, isRequired: false)
        }
    }

    /// Request headers bound to fields (`Idempotency-Key`).
    mutating func headerParameters(_ route: HTTPRoutePlan) -> [JSONValue] {
        route.headers.map { header in
            fieldParameter(header.name, in: "header", field: header.field, isRequired: false)
        }
    }
}
