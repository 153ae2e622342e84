internal import ProtoRuntime

/// The JSON Schema of each protobuf scalar in its proto3 JSON form (protobuf's "ProtoJSON
/// format" page): what the gateway writes and what it reads.
///
/// - 64-bit integers are strings of digits (JSON numbers lose precision past 2^53), with
///   `format: int64`/`uint64` and a pattern, so a generator of examples writes valid ones.
/// - 32-bit integers are integers with their range as `minimum`/`maximum`.
/// - `float` and `double` are numbers, or one of the strings `"NaN"`, `"Infinity"` and
///   `"-Infinity"`, which proto3 JSON writes for the values JSON numbers cannot hold. A field whose
///   rules exclude them (`finite`, or any bound) is documented as a plain number.
/// - `bytes` are standard base64 with padding (`format: byte`, `contentEncoding: base64`).
enum ScalarSchemas {
    /// Digits with an optional minus sign: proto3 JSON's signed 64-bit integers.
    static let signedDigits = "^-?[0-9]+$"
    /// Digits: proto3 JSON's unsigned 64-bit integers.
    static let unsignedDigits = "^[0-9]+$"
    /// Standard base64 with padding, as proto3 JSON writes `bytes`.
    static let base64 = "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"
    /// The strings proto3 JSON uses for the floating-point values JSON numbers cannot hold.
    static let nonFiniteNames: [JSONValue] = ["NaN", "Infinity", "-Infinity"]

    /// The schema of a scalar type (not a message or an enum), or `nil` for those.
    ///
    /// - Parameter allowsNonFinite: whether `float`/`double` also accept `"NaN"` and the infinities.
    static func schema(for type: FieldProto.TypeEnum, allowsNonFinite: Bool = true) -> [String: JSONValue]? {
        switch type {
        case .double, .float:
            let format: JSONValue = type == .double ? "double" : "float"
            guard allowsNonFinite else { return ["type": "number", "format": format] }
            return [
                "anyOf": [["type": "number", "format": format], ["type": "string", "enum": .array(nonFiniteNames)]]
            ]
        case .int32, .sint32, .sfixed32:
            return [
                "type": "integer", "format": "int32", "minimum": .integer(Int64(Int32.min)), "maximum": 2_147_483_647,
            ]
        case .uint32, .fixed32:
            return ["type": "integer", "format": "int64", "minimum": 0, "maximum": 4_294_967_295]
        case .int64, .sint64, .sfixed64:
            return ["type": "string", "format": "int64", "pattern": .string(signedDigits)]
        case .uint64, .fixed64:
            return ["type": "string", "format": "uint64", "pattern": .string(unsignedDigits)]
        case .bool:
            return ["type": "boolean"]
        case .string:
            return ["type": "string"]
        case .bytes:
            return ["type": "string", "format": "byte", "contentEncoding": "base64", "pattern": .string(base64)]
        case .message, .group, .enum:
            return nil
        }
    }

    /// Whether the type's JSON form is a string holding a number (the 64-bit integers), where
    /// numeric keywords (`minimum` …) would not apply.
    static func isStringEncodedInteger(_ type: FieldProto.TypeEnum) -> Bool {
        switch type {
        case .int64, .sint64, .sfixed64, .uint64, .fixed64: true
        default: false
        }
    }

    /// The schema of a map key: JSON object keys are strings, so integer keys are strings of
    /// digits and bool keys `"true"` or `"false"`.
    static func keySchema(for type: FieldProto.TypeEnum) -> [String: JSONValue]? {
        switch type {
        case .int32, .sint32, .sfixed32, .int64, .sint64, .sfixed64: ["pattern": .string(signedDigits)]
        case .uint32, .fixed32, .uint64, .fixed64: ["pattern": .string(unsignedDigits)]
        case .bool: ["enum": ["true", "false"]]
        default: nil
        }
    }

    /// The JSON form of a scalar's zero value (for `IGNORE_IF_ZERO_VALUE`).
    static func zeroValue(for type: FieldProto.TypeEnum) -> JSONValue? {
        switch type {
        case .double, .float, .int32, .sint32, .sfixed32, .uint32, .fixed32: 0
        case .int64, .sint64, .sfixed64, .uint64, .fixed64: "0"
        case .bool: false
        case .string, .bytes: ""
        case .message, .group, .enum: nil
        }
    }
}
