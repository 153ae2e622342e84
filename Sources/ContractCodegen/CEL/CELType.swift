/// A CEL type, as the compiler checks expressions against it.
///
/// Enum values are CEL ints; `google.protobuf.Duration` and `Timestamp` are CEL's own duration and
/// timestamp; a wrapper field (`google.protobuf.Int32Value`) is a nullable primitive
/// (``CELType/nullable(_:)``). `dyn` appears only as the item type of the empty list literal.
package indirect enum CELType: Sendable, Hashable, CustomStringConvertible {
    case bool, int, uint, double, string, bytes, duration, timestamp, null
    case list(CELType)
    case map(CELType, CELType)
    /// A message, by fully-qualified protobuf name (`shop.v1.Address`).
    case message(String)
    /// A primitive that may be `null` (a wrapper-typed field that is unset).
    case nullable(CELType)
    /// Any type; only the item type of `[]`.
    case dyn

    /// CEL's name for the type, as error messages print it.
    package var description: String {
        switch self {
        case .bool: "bool"
        case .int: "int"
        case .uint: "uint"
        case .double: "double"
        case .string: "string"
        case .bytes: "bytes"
        case .duration: "google.protobuf.Duration"
        case .timestamp: "google.protobuf.Timestamp"
        case .null: "null_type"
        case .list(let item): "list(\(item))"
        case .map(let key, let value): "map(\(key), \(value))"
        case .message(let name): name
        case .nullable(let base): "wrapper(\(base))"
        case .dyn: "dyn"
        }
    }

    /// True for int, uint and double.
    var isNumeric: Bool { self == .int || self == .uint || self == .double }
}

/// The protobuf kind of one value of a field, which fixes both its CEL type and how the generated
/// Swift holds it (an `int32` is a `Swift.Int32` that CEL widens to int).
package indirect enum CELValueKind: Sendable, Hashable {
    case bool, int32, int64, uint32, uint64, float, double, string, bytes
    /// An enum (a Swift enum with `rawValue: Int32`), by fully-qualified protobuf name.
    case enumeration(String)
    /// A message (an optional Swift struct), by fully-qualified protobuf name.
    case message(String)
    /// `google.protobuf.Duration`.
    case duration
    /// `google.protobuf.Timestamp`.
    case timestamp
    /// A wrapper message (`google.protobuf.Int32Value` is `.wrapper(.int32)`), held as an optional
    /// Swift struct with a `value` property.
    case wrapper(CELValueKind)

    /// The CEL type of one value of this kind.
    package var celType: CELType {
        switch self {
        case .bool: .bool
        case .int32, .int64, .enumeration: .int
        case .uint32, .uint64: .uint
        case .float, .double: .double
        case .string: .string
        case .bytes: .bytes
        case .message(let name): .message(name)
        case .duration: .duration
        case .timestamp: .timestamp
        case .wrapper(let base): .nullable(base.celType)
        }
    }
}

/// What the compiler needs to know about one field of a message: its kind, whether it repeats or
/// maps, how Swift holds it, and the Swift property that reads it.
///
/// ```swift
/// // optional string nickname = 3;
/// CELFieldInfo(kind: .string, shape: .optional, swiftAccessor: "nickname")
/// // map<string, int32> stock = 4;
/// CELFieldInfo(kind: .int32, shape: .map(key: .string), swiftAccessor: "stock")
/// ```
package struct CELFieldInfo: Sendable, Hashable {
    /// How many values the field holds and how Swift stores them.
    package enum Shape: Sendable, Hashable {
        /// One value, stored as itself (a proto3 scalar without presence).
        case single
        /// One value stored as a Swift optional, `nil` when absent: message fields, proto3
        /// `optional`, proto2 `optional`, oneof members and wrapper fields.
        case optional
        /// `repeated`: a Swift array.
        case repeated
        /// `map<K, V>`: a Swift dictionary; ``CELFieldInfo/kind`` is the value's kind.
        case map(key: CELValueKind)
    }

    /// The kind of one value (of an item for `repeated`, of a value for `map`).
    package var kind: CELValueKind
    /// How many values and how they are stored.
    package var shape: Shape
    /// The Swift property, escaped as needed (`displayName`, `` `default` ``).
    package var swiftAccessor: String

    /// Creates a description of a field.
    package init(kind: CELValueKind, shape: Shape, swiftAccessor: String) {
        self.kind = kind
        self.shape = shape
        self.swiftAccessor = swiftAccessor
    }

    /// The CEL type of the field's value.
    package var celType: CELType {
        switch shape {
        case .single, .optional: kind.celType
        case .repeated: .list(kind.celType)
        case .map(let key): .map(key.celType, kind.celType)
        }
    }
}
