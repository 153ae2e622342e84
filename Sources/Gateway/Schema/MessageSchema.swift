/// What the gateway knows about one request or response message: its fields, from the
/// service's serialized descriptors, indexed by `.proto` name and by JSON name.
///
/// The gateway never sees generated types by name (the call engine is generic over them); it
/// needs field types only to turn path variables and query parameters, which are text, into
/// correctly typed proto3 JSON members, and to infer PATCH field masks from a body's keys.
struct MessageSchema: Sendable {
    /// `library.v1.Book`.
    let fullName: String
    /// The fields, in declaration order.
    let fields: [FieldSchema]
    /// Field index by `.proto` name and by JSON name.
    private let index: [String: Int]
    /// Whether this is a map's synthetic entry type (`FooEntry`).
    let isMapEntry: Bool

    init(fullName: String, fields: [FieldSchema], isMapEntry: Bool) {
        self.fullName = fullName
        self.fields = fields
        self.isMapEntry = isMapEntry
        var index: [String: Int] = [:]
        for (position, field) in fields.enumerated() {
            index[field.name] = position
            if index[field.jsonName] == nil { index[field.jsonName] = position }
        }
        self.index = index
    }

    /// The field named `name` (its `.proto` name or its JSON name).
    func field(named name: some StringProtocol) -> FieldSchema? {
        index[String(name)].map { fields[$0] }
    }
}

/// One field of a ``MessageSchema``.
struct FieldSchema: Sendable, Hashable {
    /// The `.proto` name: `page_size`.
    let name: String
    /// The JSON name: `pageSize`.
    let jsonName: String
    /// What values it holds.
    let kind: FieldKind
    /// `repeated` (maps included).
    let isRepeated: Bool
    /// A `map<K, V>` field (repeated entries of a synthetic message).
    let isMap: Bool
    /// The oneof it belongs to (index in the message), if any; `proto3 optional` fields do not count.
    let oneofIndex: Int?
}

/// The value type of a field.
enum FieldKind: Sendable, Hashable {
    /// A scalar: a number, a bool, a string or bytes.
    case scalar(ScalarType)
    /// An enum, by full name.
    case enumeration(String)
    /// A message, by full name (well-known types included).
    case message(String)

    /// The well-known type this is, if it is one whose JSON form matters to the gateway.
    var wellKnown: WellKnownType? {
        guard case .message(let name) = self else { return nil }
        return WellKnownType(fullName: name)
    }
}

/// Scalar field types, as `FieldDescriptorProto.Type` names them.
enum ScalarType: Sendable, Hashable {
    case double, float, int64, uint64, int32, fixed64, fixed32, bool, string, bytes, uint32, sfixed32, sfixed64
    case sint32, sint64

    /// Whether the type is a 64-bit integer (written as a JSON string in proto3 JSON).
    var is64Bit: Bool {
        switch self {
        case .int64, .uint64, .fixed64, .sfixed64, .sint64: true
        default: false
        }
    }

    /// Whether the type is an integer of any width.
    var isInteger: Bool {
        switch self {
        case .double, .float, .bool, .string, .bytes: false
        default: true
        }
    }
}

/// The well-known types whose proto3 JSON form is not an object of fields.
enum WellKnownType: Sendable, Hashable {
    /// `Timestamp`, `Duration`, `FieldMask`: a JSON string in the type's own syntax.
    case stringForm(String)
    /// A wrapper (`Int64Value` …): the JSON form of the wrapped scalar.
    case wrapper(ScalarType)
    /// `Struct`, `Value`, `ListValue`, `Any`, `Empty`: JSON values with no text form a query
    /// parameter could carry.
    case structured(String)

    init?(fullName: String) {
        switch fullName {
        case "google.protobuf.Timestamp", "google.protobuf.Duration", "google.protobuf.FieldMask":
            self = .stringForm(fullName)
        case "google.protobuf.DoubleValue": self = .wrapper(.double)
        case "google.protobuf.FloatValue": self = .wrapper(.float)
        case "google.protobuf.Int64Value": self = .wrapper(.int64)
        case "google.protobuf.UInt64Value": self = .wrapper(.uint64)
        case "google.protobuf.Int32Value": self = .wrapper(.int32)
        case "google.protobuf.UInt32Value": self = .wrapper(.uint32)
        case "google.protobuf.BoolValue": self = .wrapper(.bool)
        case "google.protobuf.StringValue": self = .wrapper(.string)
        case "google.protobuf.BytesValue": self = .wrapper(.bytes)
        case "google.protobuf.Struct", "google.protobuf.Value", "google.protobuf.ListValue", "google.protobuf.Any",
            "google.protobuf.Empty":
            self = .structured(fullName)
        default: return nil
        }
    }
}
