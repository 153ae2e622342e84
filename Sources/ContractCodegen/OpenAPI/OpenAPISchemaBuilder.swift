internal import ProtoRuntime

/// Builds `components/schemas` of an OpenAPI 3.1 document: one JSON Schema 2020-12 object per
/// message, enum and well-known type a route reaches, named by full proto name
/// (`user.v1.User`), in proto3 JSON terms (see ``ScalarSchemas``, ``WellKnownSchemas`` and
/// ``RuleSchemas`` for the details).
///
/// ```swift
/// var builder = OpenAPISchemaBuilder(index: OpenAPITypeIndex(files: request.protoFile))
/// let user = builder.reference(".user.v1.User")  // {"$ref": "#/components/schemas/user.v1.User"}
/// builder.build()                                // builder.schemas now holds User and what it reaches
/// ```
///
/// Messages are closed (`additionalProperties: false`): the gateway refuses unknown fields by
/// default, and a closed schema keeps example generators to requests it accepts. Properties use
/// the JSON names (lowerCamelCase, or `json_name`) the gateway writes; it also reads the
/// `.proto` names, which the schema does not list.
struct OpenAPISchemaBuilder {
    let index: OpenAPITypeIndex
    /// The built component schemas by component name.
    private(set) var schemas: [String: JSONValue] = [:]
    /// Types referenced but not built yet.
    private var queue: [String] = []
    private var queued: Set<String> = []

    init(index: OpenAPITypeIndex) { self.index = index }

    /// The component name of a type: its full name without the leading dot.
    static func componentName(_ fullName: String) -> String {
        fullName.hasPrefix(".") ? String(fullName.dropFirst()) : fullName
    }

    /// The reference to a type's component, queuing the type for ``build()``.
    mutating func reference(_ fullName: String) -> JSONValue {
        let name = Self.componentName(fullName)
        if queued.insert(name).inserted { queue.append(fullName) }
        return ["$ref": .string("#/components/schemas/" + name)]
    }

    /// Builds every queued type's schema, and those of the types they reach.
    mutating func build() {
        while let fullName = queue.popLast() {
            let name = Self.componentName(fullName)
            if let known = WellKnownSchemas.schema(for: fullName) {
                schemas[name] = .object(known)
            } else if let entry = index[fullName], let message = entry.message {
                schemas[name] = messageSchema(message, entry: entry)
            } else if let entry = index[fullName], let enumeration = entry.enumeration {
                schemas[name] = enumSchema(enumeration, entry: entry)
            } else if fullName == ".google.rpc.Status" {
                schemas[name] = Self.statusSchema
                _ = reference(".google.protobuf.Any")
            } else {
                // protoc resolves every type name, so this is a request without its imports.
                schemas[name] = ["description": .string("`\(name)` (no descriptor in the request).")]
            }
        }
    }

    /// `google.rpc.Status` as the gateway writes errors, when the request has no descriptor of it.
    static let statusSchema: JSONValue = [
        "type": "object",
        "description": "An error: the gRPC status code, a message for developers, and typed details.",
        "properties": [
            "code": ["type": "integer", "format": "int32", "description": "The `google.rpc.Code` number."],
            "message": ["type": "string", "description": "What went wrong, in English."],
            "details": [
                "type": "array", "items": ["$ref": "#/components/schemas/google.protobuf.Any"],
                "description": "Typed details (`google.rpc.BadRequest` …), each with its `@type`.",
            ],
        ],
    ]

    /// An enum as the names of its values, with their comments in the description.
    func enumSchema(_ enumeration: EnumProto, entry: OpenAPITypeIndex.Entry) -> JSONValue {
        var schema: [String: JSONValue] = [
            "type": "string", "enum": .array(enumeration.value.map { .string($0.name ?? "") }),
        ]
        var lines: [String] = []
        for (position, value) in enumeration.value.enumerated() {
            if let comment = index.comment(in: entry.file, at: entry.path + [2, Int32(position)]) {
                lines.append("- `\(value.name ?? "")`: \(comment.replacingNewlines())")
            }
        }
        let text = [index.comment(of: entry), lines.isEmpty ? nil : lines.joined(separator: "\n")].compactMap { $0 }
        if !text.isEmpty { schema["description"] = .string(text.joined(separator: "\n\n")) }
        return .object(schema)
    }

    /// The `(name, number)` of each value of an enum (for enum rules).
    func enumValues(_ fullName: String) -> [(String, Int32)] {
        index[fullName]?.enumeration?.value.map { ($0.name ?? "", $0.number ?? 0) } ?? []
    }
}

extension String {
    /// The text on one line (newlines become spaces), for list items in descriptions.
    func replacingNewlines() -> String {
        String(map { $0 == "\n" ? " " : $0 })
    }
}
