internal import ProtoRuntime

/// The JSON Schemas of the well-known types that proto3 JSON writes in a special form, by full
/// name (`.google.protobuf.Timestamp`); other `google.protobuf` messages (`Api`, `Type`, …) are
/// ordinary messages.
///
/// Each becomes a component of its own (`google.protobuf.Timestamp`), so a field's own keywords
/// (`description`, `readOnly`, rule constraints) sit next to its `$ref`.
enum WellKnownSchemas {
    /// Seconds with up to nine fractional digits and the `s` suffix (`"1.5s"`, `"-3s"`); proto3
    /// JSON allows ±315,576,000,000 seconds, twelve digits.
    static let durationPattern = "^-?[0-9]{1,12}(\\.[0-9]{1,9})?s$"

    /// The schema of a well-known type with a special JSON form, or `nil` for any other type.
    static func schema(for fullName: String) -> [String: JSONValue]? {
        if let wrapped = wrappers[fullName] { return wrapper(wrapped.type, name: wrapped.name) }
        switch fullName {
        case ".google.protobuf.Timestamp":
            return [
                "type": "string", "format": "date-time",
                "description":
                    "An instant in RFC 3339 form with a `Z` or an offset (`2024-05-01T12:00:00Z`), years 0001 to 9999, up to nine fractional digits.",
            ]
        case ".google.protobuf.Duration":
            return [
                "type": "string", "pattern": .string(durationPattern),
                "description": "A signed span of time in seconds with the `s` suffix (`\"1.5s\"`).",
            ]
        case ".google.protobuf.FieldMask":
            return [
                "type": "string",
                "description": "Field paths in lowerCamelCase, separated by commas (`\"displayName,labels\"`).",
            ]
        case ".google.protobuf.Struct":
            return ["type": "object", "description": "Any JSON object."]
        case ".google.protobuf.Value":
            return ["description": "Any JSON value."]
        case ".google.protobuf.ListValue":
            return ["type": "array", "items": [:], "description": "Any JSON array."]
        case ".google.protobuf.NullValue":
            return ["type": "null", "description": "JSON `null`."]
        case ".google.protobuf.Empty":
            return ["type": "object", "additionalProperties": false, "description": "An empty JSON object."]
        case ".google.protobuf.Any":
            return [
                "type": "object", "required": ["@type"],
                "properties": ["@type": ["type": "string", "description": "The type URL (`type.googleapis.com/…`)."]],
                "description":
                    "A message of any type: `@type` names it, and its fields follow (a well-known type with a special JSON form sits in `value`).",
            ]
        default:
            return nil
        }
    }

    /// The wrapper types and the scalar they wrap.
    static let wrappers: [String: (type: FieldProto.TypeEnum, name: String)] = [
        ".google.protobuf.DoubleValue": (.double, "double"), ".google.protobuf.FloatValue": (.float, "float"),
        ".google.protobuf.Int64Value": (.int64, "int64"), ".google.protobuf.UInt64Value": (.uint64, "uint64"),
        ".google.protobuf.Int32Value": (.int32, "int32"), ".google.protobuf.UInt32Value": (.uint32, "uint32"),
        ".google.protobuf.BoolValue": (.bool, "bool"), ".google.protobuf.StringValue": (.string, "string"),
        ".google.protobuf.BytesValue": (.bytes, "bytes"),
    ]

    /// A wrapper is its scalar's JSON form, or `null` (absent).
    private static func wrapper(_ type: FieldProto.TypeEnum, name: String) -> [String: JSONValue] {
        let scalar = ScalarSchemas.schema(for: type) ?? [:]
        var schema: [String: JSONValue]
        if case .array(let alternatives)? = scalar["anyOf"] {
            schema = ["anyOf": .array(alternatives + [["type": "null"]])]
        } else {
            schema = scalar
            schema["type"] = [scalar["type"] ?? "string", "null"]
        }
        schema["description"] = "A wrapped `\(name)`, or `null` for none."
        return schema
    }
}
