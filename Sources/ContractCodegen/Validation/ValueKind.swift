internal import ProtoRuntime

/// What one value of a field is, as far as validation rules care.
indirect enum ValueKind: Sendable {
    case number(NumberKind)
    case bool
    case string
    case bytes
    case enumeration(swiftName: String, fullName: String, descriptor: EnumProto, isOpen: Bool)
    case duration
    case timestamp
    case any
    case fieldMask
    /// `google.protobuf.Int32Value` and the other wrappers: rules apply to `.value`.
    case wrapper(ValueKind)
    case message(swiftName: String, fullName: String)

    /// The kind of the values of `field` (for a map field, of its entries: use ``mapParts``).
    static func of(_ field: FieldProto, symbols: SymbolTable) -> ValueKind {
        if let number = NumberKind.of(field.type) { return .number(number) }
        switch field.type {
        case .bool: return .bool
        case .string: return .string
        case .bytes: return .bytes
        case .enum:
            let symbol = field.typeName.flatMap { symbols[$0] }
            return .enumeration(
                swiftName: symbols.qualifiedName(field.typeName ?? ""), fullName: field.typeName ?? "",
                descriptor: symbol?.enumeration ?? EnumProto(),
                isOpen: symbol?.isProto3 ?? true)
        default:
            let name = field.typeName ?? ""
            if let known = wellKnown[name] { return known }
            let swiftName = symbols.qualifiedName(name)
            return .message(swiftName: swiftName, fullName: name)
        }
    }

    static let wellKnown: [String: ValueKind] = [
        ".google.protobuf.Duration": .duration,
        ".google.protobuf.Timestamp": .timestamp,
        ".google.protobuf.Any": .any,
        ".google.protobuf.FieldMask": .fieldMask,
        ".google.protobuf.DoubleValue": .wrapper(.number(.double)),
        ".google.protobuf.FloatValue": .wrapper(.number(.float)),
        ".google.protobuf.Int64Value": .wrapper(.number(.int64)),
        ".google.protobuf.UInt64Value": .wrapper(.number(.uint64)),
        ".google.protobuf.Int32Value": .wrapper(.number(.int32)),
        ".google.protobuf.UInt32Value": .wrapper(.number(.uint32)),
        ".google.protobuf.BoolValue": .wrapper(.bool),
        ".google.protobuf.StringValue": .wrapper(.string),
        ".google.protobuf.BytesValue": .wrapper(.bytes),
    ]

    /// The rules case that fits this kind, as protovalidate names it (`int32`, `string`, …).
    var ruleTypeName: String {
        switch self {
        case .number(let number): number.rawValue
        case .bool: "bool"
        case .string: "string"
        case .bytes: "bytes"
        case .enumeration: "enum"
        case .duration: "duration"
        case .timestamp: "timestamp"
        case .any: "any"
        case .fieldMask: "field_mask"
        case .wrapper(let inner): inner.ruleTypeName
        case .message: "message"
        }
    }

    /// The kind as the CEL compiler sees it.
    var celKind: CELValueKind {
        switch self {
        case .number(let number):
            switch number {
            case .int32, .sint32, .sfixed32: .int32
            case .int64, .sint64, .sfixed64: .int64
            case .uint32, .fixed32: .uint32
            case .uint64, .fixed64: .uint64
            case .float: .float
            case .double: .double
            }
        case .bool: .bool
        case .string: .string
        case .bytes: .bytes
        case .enumeration(_, let fullName, _, _): .enumeration(String(fullName.drop { $0 == "." }))
        case .duration: .duration
        case .timestamp: .timestamp
        case .any: .message("google.protobuf.Any")
        case .fieldMask: .message("google.protobuf.FieldMask")
        case .wrapper(let inner): .wrapper(inner.celKind)
        case .message(_, let fullName): .message(String(fullName.drop { $0 == "." }))
        }
    }

    /// A Swift test that `value` is the zero value of this kind; `nil` for messages, whose zero
    /// is "unset", which presence already covers.
    func isZero(_ value: String) -> String? {
        switch self {
        case .number: "\(value) == 0"
        case .bool: "!\(value)"
        case .string, .bytes: "\(value).isEmpty"
        case .enumeration: "\(value).rawValue == 0"
        default: nil
        }
    }
}

/// The twelve numeric field types, by protovalidate's rule names.
enum NumberKind: String, CaseIterable {
    case float, double, int32, int64, uint32, uint64, sint32, sint64, fixed32, fixed64, sfixed32, sfixed64

    static func of(_ type: Google_Protobuf_FieldDescriptorProto.TypeEnum?) -> NumberKind? {
        switch type {
        case .float: .float
        case .double: .double
        case .int32: .int32
        case .int64: .int64
        case .uint32: .uint32
        case .uint64: .uint64
        case .sint32: .sint32
        case .sint64: .sint64
        case .fixed32: .fixed32
        case .fixed64: .fixed64
        case .sfixed32: .sfixed32
        case .sfixed64: .sfixed64
        default: nil
        }
    }

    var isFloatingPoint: Bool { self == .float || self == .double }
}
