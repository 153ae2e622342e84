internal import ProtoRuntime

extension OpenAPISchemaBuilder {
    /// A field's schema: a map is an object of its values (keys are strings in JSON), a repeated
    /// field an array, anything else its value's schema; with the rules' keywords, the comment and
    /// rule notes as `description`, `readOnly` for OUTPUT_ONLY, `writeOnly` for INPUT_ONLY and
    /// `deprecated`.
    mutating func fieldSchema(_ field: FieldProto, comment: String?) -> (schema: [String: JSONValue], isRequired: Bool)
    {
        let rules = ValidationPlan.fieldRules(field)
        let behaviors = field.options?[extension: Google_Api_FieldBehavior_Extensions.fieldBehavior] ?? []
        var schema: [String: JSONValue]
        var notes: [String] = []
        if let entry = mapEntry(field), let key = entry.field.first(where: { $0.number == 1 }),
            let value = entry.field.first(where: { $0.number == 2 })
        {
            let mapRules: Buf_Validate_MapRules? = if case .map(let r)? = rules?.type { r } else { nil }
            let values = valueSchema(value, rules: mapRules?.values)
            var keys = ScalarSchemas.keySchema(for: key.type ?? .string) ?? [:]
            if let keyRules = mapRules?.keys {
                let keyRuleSchema = RuleSchemas.valueRules(keyRules, type: key.type ?? .string)
                keys.merge(keyRuleSchema.keywords) { _, new in new }
                notes += keyRuleSchema.notes.map { "Keys: " + $0 }
            }
            schema = ["type": "object", "additionalProperties": .object(values.schema)]
            if !keys.isEmpty { schema["propertyNames"] = .object(keys) }
            notes += values.notes.map { "Values: " + $0 }
        } else if field.label == .repeated {
            let listRules: Buf_Validate_RepeatedRules? = if case .repeated(let r)? = rules?.type { r } else { nil }
            let items = valueSchema(field, rules: listRules?.items)
            schema = ["type": "array", "items": .object(items.schema)]
            notes += items.notes.map { "Items: " + $0 }
        } else {
            let value = valueSchema(field, rules: rules)
            schema = value.schema
            notes += value.notes
        }
        if let rules {
            let collection = RuleSchemas.collectionRules(rules)
            schema.merge(collection.keywords) { _, new in new }
            notes += collection.notes
        }
        let text = ([comment] + notes.map { Optional($0) }).compactMap { $0 }
        if !text.isEmpty { schema["description"] = .string(text.joined(separator: "\n\n")) }
        if behaviors.contains(.outputOnly) { schema["readOnly"] = true }
        if behaviors.contains(.inputOnly) { schema["writeOnly"] = true }
        if field.options?.deprecated == true { schema["deprecated"] = true }
        return (schema, Self.isRequired(field))
    }

    /// Whether a field is required: `(google.api.field_behavior) = REQUIRED` or
    /// `(buf.validate.field).required`.
    static func isRequired(_ field: FieldProto) -> Bool {
        let behaviors = field.options?[extension: Google_Api_FieldBehavior_Extensions.fieldBehavior] ?? []
        return behaviors.contains(.required) || ValidationPlan.fieldRules(field)?.required == true
    }

    /// The map entry message of a map field, or `nil` when the field is not a map.
    func mapEntry(_ field: FieldProto) -> MessageProto? {
        guard field.type == .message, field.label == .repeated, let typeName = field.typeName,
            let entry = index[typeName], entry.isMapEntry
        else { return nil }
        return entry.message
    }

    /// The schema of one value of `field`'s type (the field itself, a list item or a map value)
    /// with `rules` on that value: a `$ref` for messages and enums, with the rules' keywords next
    /// to it; the scalar's schema with the rules merged in otherwise.
    mutating func valueSchema(
        _ field: FieldProto, rules: Buf_Validate_FieldRules?
    ) -> (
        schema: [String: JSONValue], notes: [String]
    ) {
        let type = field.type ?? .string
        let enumValues = type == .enum ? enumValues(field.typeName ?? "") : []
        let ruleSchema = rules.map { RuleSchemas.valueRules($0, type: type, enumValues: enumValues) } ?? RuleSchema()
        var schema: [String: JSONValue]
        switch type {
        case .message, .group, .enum:
            guard let reference = reference(field.typeName ?? "").objectValue else { return ([:], ruleSchema.notes) }
            schema = reference
        default:
            schema = ScalarSchemas.schema(for: type, allowsNonFinite: !RuleSchemas.excludesNonFinite(rules)) ?? [:]
        }
        // A rule's exclusive bound makes the type's inclusive one on that side redundant.
        if ruleSchema.keywords["exclusiveMinimum"] != nil { schema.removeValue(forKey: "minimum") }
        if ruleSchema.keywords["exclusiveMaximum"] != nil { schema.removeValue(forKey: "maximum") }
        var merged = RuleSchema(keywords: schema)
        for (key, value) in ruleSchema.keywords { merged.add(key, value) }
        return (merged.keywords, ruleSchema.notes)
    }
}
