internal import HTTPRouting
internal import ProtoRuntime

extension OpenAPIDocumentBuilder {
    /// `google.api.HttpBody`: a raw body in any content type.
    static let httpBodyType = ".google.api.HttpBody"

    /// The content of a raw (`HttpBody`) body.
    static let rawContent: JSONValue = [
        "*/*": ["schema": ["description": "The raw body, in the content type its `Content-Type` names."]]
    ]

    /// The request body: none, the request message less the fields the path and headers bind
    /// (`body: "*"`), or one field's JSON value (`body: "field"`); raw for `google.api.HttpBody`.
    /// Client-streaming methods read newline-delimited JSON, one request message per line.
    mutating func requestBody(_ route: HTTPRoutePlan) -> JSONValue? {
        let schema: JSONValue
        switch route.body {
        case .none:
            return nil
        case .whole:
            if "." + route.requestType == Self.httpBodyType { return ["required": true, "content": Self.rawContent] }
            schema = wholeRequestSchema(route)
        case .field(let field):
            if field.leaf.typeName == Self.httpBodyType, !field.isRepeated {
                return ["required": true, "content": Self.rawContent]
            }
            var built = schemas.fieldSchema(field.leaf, comment: comment(of: field))
            built.schema.removeValue(forKey: "readOnly")
            schema = .object(built.schema)
        }
        if route.streaming == .clientStreaming || route.streaming == .bidirectionalStreaming {
            return [
                "required": true,
                "description": "Newline-delimited JSON: one request per line.",
                "content": ["application/x-ndjson": ["schema": schema]],
            ]
        }
        return ["required": true, "content": ["application/json": ["schema": schema]]]
    }

    /// With `body: "*"`, the request message's schema without the top-level fields that path
    /// variables and headers set (a nested variable, `{book.name}`, leaves `book` in the body,
    /// where the path's value wins).
    private mutating func wholeRequestSchema(_ route: HTTPRoutePlan) -> JSONValue {
        let reference = schemas.reference("." + route.requestType)
        let bound = Set(
            route.pathVariables.filter { $0.field.fields.count == 1 }.map { schemas.jsonName($0.field.leaf) }
                + route.headers.map { schemas.jsonName($0.field.leaf) })
        guard !bound.isEmpty else { return reference }
        schemas.build()
        guard case .object(var schema)? = schemas.schemas[OpenAPISchemaBuilder.componentName(route.requestType)]
        else { return reference }
        if case .object(var properties)? = schema["properties"] {
            for name in bound { properties.removeValue(forKey: name) }
            schema["properties"] = .object(properties)
        }
        if case .array(let required)? = schema["required"] {
            let kept = required.filter { item in !bound.contains { item == .string($0) } }
            schema["required"] = kept.isEmpty ? nil : .array(kept)
        }
        if case .object(var dependent)? = schema["dependentSchemas"] {
            for name in bound { dependent.removeValue(forKey: name) }
            schema["dependentSchemas"] = dependent.isEmpty ? nil : .object(dependent)
        }
        let fields = RuleSchemas.codeList(bound.sorted())
        schema["description"] = .string("`\(route.requestType)` without \(fields), which the path or headers set.")
        return .object(schema)
    }

    /// The success response (its status from `(room619.api.v1.method)`, a `Location` header with
    /// 201 and 202, no content with 204, NDJSON or SSE for server streaming), one response per
    /// HTTP status of the declared errors, and `default`: every error is a `google.rpc.Status`.
    mutating func responses(_ route: HTTPRoutePlan) -> [String: JSONValue] {
        var responses: [String: JSONValue] = [:]
        var success: [String: JSONValue] = ["description": "Success."]
        if route.successStatus != 204 {
            success["content"] = responseContent(route)
        } else {
            success["description"] = "Success, with no content."
        }
        if let location = route.location {
            success["headers"] = [
                "Location": [
                    "description": .string("Where the result is: `\(location)` over the response's fields."),
                    "schema": ["type": "string"],
                ]
            ]
        }
        responses[String(route.successStatus)] = .object(success)
        let status = schemas.reference(".google.rpc.Status")
        let errorContent: JSONValue = ["application/json": ["schema": status]]
        var declared: [Int: [String]] = [:]
        for error in route.declaredErrors {
            let name = error.code.protoName ?? "code \(error.code.rawValue)"
            let text = error.description.isEmpty ? "`\(name)`." : "`\(name)`: \(error.description)"
            declared[GRPCHTTPStatus.httpStatus(forCode: Int(error.code.rawValue)), default: []].append(text)
        }
        for (code, texts) in declared {
            responses[String(code)] = [
                "description": .string(texts.joined(separator: "\n\n")), "content": errorContent,
            ]
        }
        responses["default"] = [
            "description":
                "An error, as a `google.rpc.Status` (validation failures: 400 with `google.rpc.BadRequest` details).",
            "content": errorContent,
        ]
        return responses
    }

    /// The success body: the response message or its `response_body` field, raw for
    /// `google.api.HttpBody`; server streaming as newline-delimited JSON (one `{"result": …}`
    /// per line, `{"error": …}` last on failure) or, when the client accepts `text/event-stream`,
    /// Server-Sent Events.
    private mutating func responseContent(_ route: HTTPRoutePlan) -> JSONValue {
        let schema: JSONValue
        if let field = route.responseBody {
            if field.leaf.typeName == Self.httpBodyType, !field.isRepeated { return Self.rawContent }
            var built = schemas.fieldSchema(field.leaf, comment: comment(of: field))
            built.schema.removeValue(forKey: "writeOnly")
            schema = .object(built.schema)
        } else {
            if "." + route.responseType == Self.httpBodyType { return Self.rawContent }
            schema = schemas.reference("." + route.responseType)
        }
        guard route.streaming == .serverStreaming || route.streaming == .bidirectionalStreaming else {
            return ["application/json": ["schema": schema]]
        }
        // The gateway's stream format (grpc-gateway v2's): each line wraps one response as
        // `{"result": …}`; a failure after the first line ends the stream with `{"error": Status}`.
        let status = schemas.reference(".google.rpc.Status")
        let line: JSONValue = [
            "oneOf": [
                [
                    "type": "object", "properties": ["result": schema], "required": ["result"],
                    "additionalProperties": false,
                ],
                [
                    "type": "object", "properties": ["error": status], "required": ["error"],
                    "additionalProperties": false,
                ],
            ]
        ]
        return [
            "application/x-ndjson": ["schema": line],
            "text/event-stream": [
                "schema": [
                    "type": "string",
                    "description": .string(
                        "Server-Sent Events: each event's `data` is one response as JSON, unwrapped; a failure "
                            + "after the first event is an `event: error` whose `data` is a `google.rpc.Status`."),
                ]
            ],
        ]
    }
}
