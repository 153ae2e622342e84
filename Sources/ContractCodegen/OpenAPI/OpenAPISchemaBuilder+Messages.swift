internal import ProtoRuntime

extension OpenAPISchemaBuilder {
    /// A message as a closed object of its fields' JSON names.
    ///
    /// `required` lists fields with `(google.api.field_behavior) = REQUIRED` or
    /// `(buf.validate.field).required`. A oneof's members are ordinary properties; that at most
    /// one is set is `dependentSchemas` (each member forbids the others), and a required oneof
    /// (`(buf.validate.oneof).required`) is an `anyOf` of one `required` per member. Neither uses
    /// `oneOf`, so a payload with one member set validates once, as it should.
    mutating func messageSchema(_ message: MessageProto, entry: OpenAPITypeIndex.Entry) -> JSONValue {
        var properties: [String: JSONValue] = [:]
        var required: [JSONValue] = []
        var notes: [String] = []
        var groups = oneofGroups(message)
        for (position, field) in message.field.enumerated() {
            let comment = index.comment(in: entry.file, at: entry.path + [2, Int32(position)])
            let built = fieldSchema(field, comment: comment)
            properties[jsonName(field)] = .object(built.schema)
            if built.isRequired { required.append(.string(jsonName(field))) }
        }
        if let rules = ValidationPlan.messageRules(message) {
            for rule in rules.oneof {
                let members = rule.fields.compactMap { name in message.field.first { $0.name == name } }
                groups.append((members.map(jsonName), rule.required == true, "`(buf.validate.message).oneof`"))
            }
            notes += rules.cel.map { "Rule `\($0.id ?? "cel")`: \($0.message ?? $0.expression ?? "")." }
            notes += rules.celExpression.map { "Rule: `\($0)`." }
        }
        var schema: [String: JSONValue] = [
            "type": "object", "properties": .object(properties), "additionalProperties": false,
        ]
        if !required.isEmpty { schema["required"] = .array(required) }
        addOneofs(groups, to: &schema, notes: &notes)
        let text = ([index.comment(of: entry)] + notes.map { Optional($0) }).compactMap { $0 }
        if !text.isEmpty { schema["description"] = .string(text.joined(separator: "\n\n")) }
        return .object(schema)
    }

    /// The JSON name of a field, as the codec writes it.
    func jsonName(_ field: FieldProto) -> String { JSONCodecRenderer.jsonName(field) }

    /// The message's real oneofs (not proto3 `optional`'s synthetic ones): member JSON names,
    /// whether one must be set, and what declares them.
    private func oneofGroups(_ message: MessageProto) -> [(members: [String], isRequired: Bool, source: String)] {
        message.oneofDecl.enumerated().compactMap { position, oneof in
            let members = message.field.filter { $0.oneofIndex == Int32(position) && $0.proto3Optional != true }
            guard !members.isEmpty else { return nil }
            let isRequired = ValidationPlan.oneofRules(oneof)?.required == true
            return (members.map(jsonName), isRequired, "oneof `\(oneof.name ?? "")`")
        }
    }

    private func addOneofs(
        _ groups: [(members: [String], isRequired: Bool, source: String)], to schema: inout [String: JSONValue],
        notes: inout [String]
    ) {
        var dependent: [String: JSONValue] = [:]
        var alternatives: [JSONValue] = []
        for group in groups {
            let list = RuleSchemas.codeList(group.members)
            notes.append("At most one of \(list) (\(group.source))\(group.isRequired ? " must be set" : "").")
            if group.members.count > 1 {
                for member in group.members {
                    var others: [String: JSONValue] = [:]
                    for other in group.members where other != member { others[other] = false }
                    if case .object(var existing)? = dependent[member],
                        case .object(let previous)? = existing["properties"]
                    {
                        existing["properties"] = .object(previous.merging(others) { first, _ in first })
                        dependent[member] = .object(existing)
                    } else {
                        dependent[member] = ["properties": .object(others)]
                    }
                }
            }
            if group.isRequired {
                alternatives.append(["anyOf": .array(group.members.map { ["required": [.string($0)]] })])
            }
        }
        if !dependent.isEmpty { schema["dependentSchemas"] = .object(dependent) }
        if alternatives.count == 1, let only = alternatives.first, let anyOf = only["anyOf"] {
            schema["anyOf"] = anyOf
        } else if !alternatives.isEmpty {
            schema["allOf"] = .array(alternatives)
        }
    }
}
