internal import Bytes
internal import ProtoRuntime

/// Every message and enum type of the hosted services' contracts, by full name, decoded once at
/// start-up from each ``RPC/RPCServiceDescriptor/fileDescriptors`` (base64 `FileDescriptorProto`s
/// of the service's file and all it imports).
struct SchemaIndex: Sendable {
    private(set) var messages: [String: MessageSchema] = [:]
    /// Enum value names by enum full name.
    private(set) var enums: [String: Set<String>] = [:]

    init() {}

    /// Adds every type in `files` (base64 `FileDescriptorProto`s).
    /// - Throws: ``GatewayError`` (`invalidDescriptor`) for text that is not base64 or bytes that
    ///   are not a `FileDescriptorProto`.
    mutating func add(base64Files files: [String]) throws(GatewayError) {
        for (position, text) in files.enumerated() {
            let decoded = Array(text.utf8).withUnsafeBytes { Base64.decode($0) }
            guard let bytes = decoded else {
                throw GatewayError(.invalidDescriptor, "file descriptor \(position) is not base64")
            }
            do {
                add(try Google_Protobuf_FileDescriptorProto(decoding: bytes))
            } catch {
                throw GatewayError(
                    .invalidDescriptor, "file descriptor \(position) is not a FileDescriptorProto", cause: error)
            }
        }
    }

    /// Adds the types of one file.
    mutating func add(_ file: Google_Protobuf_FileDescriptorProto) {
        let package = file.package ?? ""
        let prefix = package.isEmpty ? "" : package + "."
        for message in file.messageType { add(message, prefix: prefix) }
        for enumeration in file.enumType { add(enumeration, prefix: prefix) }
    }

    private mutating func add(_ message: Google_Protobuf_DescriptorProto, prefix: String) {
        let fullName = prefix + (message.name ?? "")
        for nested in message.nestedType { add(nested, prefix: fullName + ".") }
        for enumeration in message.enumType { add(enumeration, prefix: fullName + ".") }
        let mapEntries = Set(
            message.nestedType.filter { $0.options?.mapEntry == true }.map { fullName + "." + ($0.name ?? "") })
        let fields = message.field.compactMap { Self.field($0, mapEntries: mapEntries) }
        messages[fullName] = MessageSchema(
            fullName: fullName, fields: fields, isMapEntry: message.options?.mapEntry == true)
    }

    private mutating func add(_ enumeration: Google_Protobuf_EnumDescriptorProto, prefix: String) {
        enums[prefix + (enumeration.name ?? "")] = Set(enumeration.value.compactMap(\.name))
    }

    private static func field(
        _ field: Google_Protobuf_FieldDescriptorProto, mapEntries: Set<String>
    ) -> FieldSchema? {
        guard let name = field.name, let type = field.type else { return nil }
        let typeName = String((field.typeName ?? "").drop { $0 == "." })
        let kind: FieldKind
        switch type {
        case .message, .group: kind = .message(typeName)
        case .enum: kind = .enumeration(typeName)
        default:
            guard let scalar = scalarType(type) else { return nil }
            kind = .scalar(scalar)
        }
        let isRepeated = field.label == .repeated
        let oneof = field.proto3Optional == true ? nil : field.oneofIndex.map(Int.init)
        return FieldSchema(
            name: name, jsonName: field.jsonName ?? lowerCamel(name), kind: kind, isRepeated: isRepeated,
            isMap: isRepeated && mapEntries.contains(typeName), oneofIndex: oneof)
    }

    private static func scalarType(_ type: Google_Protobuf_FieldDescriptorProto.TypeEnum) -> ScalarType? {
        switch type {
        case .double: .double
        case .float: .float
        case .int64: .int64
        case .uint64: .uint64
        case .int32: .int32
        case .fixed64: .fixed64
        case .fixed32: .fixed32
        case .bool: .bool
        case .string: .string
        case .bytes: .bytes
        case .uint32: .uint32
        case .sfixed32: .sfixed32
        case .sfixed64: .sfixed64
        case .sint32: .sint32
        case .sint64: .sint64
        default: nil
        }
    }

    /// protoc's JSON name when a descriptor lacks one: `page_size` → `pageSize`.
    static func lowerCamel(_ name: String) -> String {
        var result = ""
        var upper = false
        for character in name {
            if character == "_" {
                upper = true
            } else {
                result.append(upper ? Character(character.uppercased()) : character)
                upper = false
            }
        }
        return result
    }

    /// The message named `fullName`.
    func message(_ fullName: String) -> MessageSchema? { messages[fullName] }
}
