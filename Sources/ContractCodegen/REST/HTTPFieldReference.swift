internal import ProtoRuntime

/// A field reached from a request or response message by a dotted path of `.proto` field names
/// (`page.size`), with the descriptor of every field on the way: what a path variable, a body,
/// a query parameter, a header or a `Location` variable names.
struct HTTPFieldReference: Hashable {
    /// What the leaf field holds, as REST sees it.
    enum Kind: Hashable {
        /// A number, bool, string or bytes field.
        case scalar
        /// An enum field (by name or number in JSON and in query strings).
        case enumeration
        /// A well-known message whose JSON form is a string or a scalar: Timestamp, Duration,
        /// FieldMask and the wrappers (see ``HTTPFieldReference/scalarWellKnownTypes``).
        case scalarWellKnownType
        /// Any other message field (an object in JSON), other well-known types included.
        case message
        /// A map field.
        case map
    }

    /// The `.proto` field names from the root message to the leaf: `["page", "size"]`.
    var path: [String]
    /// The descriptor of each field on ``path``, the leaf last.
    var fields: [FieldProto]
    /// The leaf field's descriptor.
    var leaf: FieldProto
    /// The full name (with a leading dot) of the message that declares the leaf:
    /// `.library.v1.PageRequest`.
    var leafOwner: String
    /// What the leaf holds.
    var kind: Kind
    /// Whether the leaf is a repeated field that is not a map.
    var isRepeated: Bool

    /// `page.size`.
    var protoPath: String { path.joined(separator: ".") }
    /// The same path in proto3 JSON names: `page.size`, `pageToken`.
    var jsonPath: String {
        fields.map(JSONCodecRenderer.jsonName).joined(separator: ".")
    }

    /// Message types whose proto3 JSON form is a string or a scalar, so a path variable, a query
    /// parameter or a header can carry them: what grpc-gateway's runtime converts from text.
    static let scalarWellKnownTypes: Set<String> = [
        ".google.protobuf.Timestamp", ".google.protobuf.Duration", ".google.protobuf.FieldMask",
        ".google.protobuf.DoubleValue", ".google.protobuf.FloatValue", ".google.protobuf.Int64Value",
        ".google.protobuf.UInt64Value", ".google.protobuf.Int32Value", ".google.protobuf.UInt32Value",
        ".google.protobuf.BoolValue", ".google.protobuf.StringValue", ".google.protobuf.BytesValue",
    ]

    /// Whether `typeName` is a `google.protobuf` type, whose JSON form is special (never an
    /// object of its fields, except for `Empty`).
    static func isWellKnownType(_ typeName: String) -> Bool { typeName.hasPrefix(".google.protobuf.") }

    /// Whether the leaf is a `string` or a `google.protobuf.StringValue`: what a multi-segment
    /// path variable (`{name=shelves/*}`) may bind.
    var isStringLike: Bool {
        (kind == .scalar && leaf.type == .string)
            || (kind == .scalarWellKnownType && leaf.typeName == ".google.protobuf.StringValue")
    }

    /// A phrase for diagnostics: `a repeated field`, `a map`, `a message (library.v1.Page)`.
    var kindDescription: String {
        if kind == .map { return "a map" }
        if isRepeated { return "a repeated field" }
        switch kind {
        case .message: return "a message (\((leaf.typeName ?? "").dropFirst()))"
        case .scalarWellKnownType: return "a \((leaf.typeName ?? "").dropFirst())"
        case .enumeration: return "an enum"
        case .scalar, .map:
            let name = Self.typeName(leaf.type)
            return (name.first.map { "aeiou".contains($0) } == true ? "an " : "a ") + name
        }
    }

    /// The `.proto` spelling of a scalar type: `int64`, `string` (`TYPE_INT64` less its prefix).
    static func typeName(_ type: FieldProto.TypeEnum?) -> String {
        type?.protoName.map { String($0.dropFirst("TYPE_".count)).lowercased() } ?? "field"
    }
}

/// Why a field path could not be followed.
struct FieldPathProblem: Error, Hashable, CustomStringConvertible {
    /// A sentence naming the component and the message: `no field 'nme' in library.v1.Book`.
    var description: String
}

extension SymbolTable {
    /// The kind of `field`, a field of a message in this table.
    func httpKind(of field: FieldProto) -> HTTPFieldReference.Kind {
        switch field.type {
        case .message?, .group?:
            let typeName = field.typeName ?? ""
            if field.label == .repeated, self[typeName]?.isMapEntry == true { return .map }
            if HTTPFieldReference.scalarWellKnownTypes.contains(typeName) { return .scalarWellKnownType }
            return .message
        case .enum?: return .enumeration
        default: return .scalar
        }
    }

    /// Follows `path` from the message `root` (full name with a leading dot). Every field before
    /// the leaf must be a singular message field that is not a well-known type; the leaf may be
    /// anything, for the caller to judge.
    func resolve(_ path: [String], in root: String) -> Result<HTTPFieldReference, FieldPathProblem> {
        var owner = root
        var fields: [FieldProto] = []
        for (index, name) in path.enumerated() {
            guard let message = self[owner]?.message else {
                return .failure(FieldPathProblem(description: "\(owner.dropFirst()) is not a known message"))
            }
            guard let field = message.field.first(where: { $0.name == name }) else {
                return .failure(FieldPathProblem(description: "no field '\(name)' in \(owner.dropFirst())"))
            }
            fields.append(field)
            guard index < path.count - 1 else {
                let kind = httpKind(of: field)
                let isRepeated = field.label == .repeated && kind != .map
                let reference = HTTPFieldReference(
                    path: path, fields: fields, leaf: field, leafOwner: owner, kind: kind, isRepeated: isRepeated)
                return .success(reference)
            }
            let kind = httpKind(of: field)
            let prefix = path[...index].joined(separator: ".")
            let isMessage = kind == .message || kind == .scalarWellKnownType
            guard isMessage, field.label != .repeated else {
                let what = field.label == .repeated && kind != .map ? "a repeated field" : "not a message"
                let shown = kind == .map ? "a map" : what
                return .failure(
                    FieldPathProblem(description: "'\(prefix)' is \(shown), so it has no field '\(path[index + 1])'"))
            }
            let typeName = field.typeName ?? ""
            guard !HTTPFieldReference.isWellKnownType(typeName) else {
                return .failure(
                    FieldPathProblem(
                        description:
                            "'\(prefix)' is a \(typeName.dropFirst()), a well-known type whose JSON form is not "
                            + "an object of its fields"))
            }
            owner = typeName
        }
        return .failure(FieldPathProblem(description: "an empty field path"))
    }
}
