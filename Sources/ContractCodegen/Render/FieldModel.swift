internal import ProtoRuntime

/// One field of a message, with everything the renderer needs to write its property and codec.
struct FieldModel {
    indirect enum Storage {
        /// proto3 scalar without presence: stored with its default, written when not default.
        case implicit
        /// Has presence: stored as an optional.
        case optional
        /// `repeated`.
        case repeated(packed: Bool)
        /// `map<K, V>`.
        case map(key: FieldModel, value: FieldModel)
        /// A member of a real oneof; `oneofIndex` indexes the message's oneofs, `property` is
        /// the Swift property that holds the oneof.
        case oneofMember(oneofIndex: Int, property: String)
    }

    enum ValueType {
        case scalar(ScalarInfo)
        case enumeration(swiftName: String, isClosed: Bool, defaultCase: String)
        case message(swiftName: String)
        case group(swiftName: String)
    }

    struct ScalarInfo {
        var kind: String  // ProtoInt32
        var swiftType: String  // Swift.Int32
        var decode: String  // decodeInt32
        var defaultLiteral: String
        var wireType: UInt32
        var isPackable: Bool { wireType != 2 }
    }

    let proto: FieldProto
    let number: Int
    /// Unescaped Swift property name.
    let name: String
    let storage: Storage
    let valueType: ValueType
    let isBoxed: Bool
    let isRequired: Bool
    let protoName: String

    var property: String { SwiftNaming.escaped(name) }

    /// The Swift type of one value.
    var valueSwiftType: String {
        switch valueType {
        case .scalar(let info): info.swiftType
        case .enumeration(let name, _, _), .message(let name), .group(let name): name
        }
    }

    /// The wire type of one value.
    var wireType: UInt32 {
        switch valueType {
        case .scalar(let info): info.wireType
        case .enumeration: 0
        case .message: 2
        case .group: 3
        }
    }

    /// The ProtoRuntime kind type for generic helpers (maps, packed, extensions).
    var kindType: String {
        switch valueType {
        case .scalar(let info): "ProtoRuntime.\(info.kind)"
        case .enumeration(let name, _, _): "ProtoRuntime.ProtoEnumKind<\(name)>"
        case .message(let name), .group(let name): "ProtoRuntime.ProtoMessageKind<\(name)>"
        }
    }

    func tag(wireType: UInt32) -> UInt32 { UInt32(number) << 3 | wireType }
    var tag: UInt32 { tag(wireType: wireType) }

    /// The Swift type of the stored property (as people see it).
    var propertyType: String {
        switch storage {
        case .implicit: valueSwiftType
        case .optional, .oneofMember: valueSwiftType + "?"
        case .repeated: "[\(valueSwiftType)]"
        case .map(let key, let value): "[\(key.valueSwiftType): \(value.valueSwiftType)]"
        }
    }

    /// The default of the stored property.
    var propertyDefault: String {
        switch storage {
        case .implicit: defaultValueLiteral
        case .optional, .oneofMember: "nil"
        case .repeated: "[]"
        case .map: "[:]"
        }
    }

    /// The protobuf default of one value.
    var defaultValueLiteral: String {
        switch valueType {
        case .scalar(let info): info.defaultLiteral
        case .enumeration(let name, _, let defaultCase): "\(name).\(defaultCase)"
        case .message(let name), .group(let name): "\(name)()"
        }
    }

    static let int32Info = ScalarInfo(
        kind: "ProtoInt32", swiftType: "Swift.Int32", decode: "decodeInt32", defaultLiteral: "0", wireType: 0)

    static let scalars: [Google_Protobuf_FieldDescriptorProto.TypeEnum: ScalarInfo] = [
        .double: ScalarInfo(
            kind: "ProtoDouble", swiftType: "Swift.Double", decode: "decodeDouble", defaultLiteral: "0", wireType: 1),
        .float: ScalarInfo(
            kind: "ProtoFloat", swiftType: "Swift.Float", decode: "decodeFloat", defaultLiteral: "0", wireType: 5),
        .int64: ScalarInfo(
            kind: "ProtoInt64", swiftType: "Swift.Int64", decode: "decodeInt64", defaultLiteral: "0", wireType: 0),
        .uint64: ScalarInfo(
            kind: "ProtoUInt64", swiftType: "Swift.UInt64", decode: "decodeUInt64", defaultLiteral: "0", wireType: 0),
        .int32: ScalarInfo(
            kind: "ProtoInt32", swiftType: "Swift.Int32", decode: "decodeInt32", defaultLiteral: "0", wireType: 0),
        .fixed64: ScalarInfo(
            kind: "ProtoFixed64", swiftType: "Swift.UInt64", decode: "decodeFixed64", defaultLiteral: "0", wireType: 1),
        .fixed32: ScalarInfo(
            kind: "ProtoFixed32", swiftType: "Swift.UInt32", decode: "decodeFixed32", defaultLiteral: "0", wireType: 5),
        .bool: ScalarInfo(
            kind: "ProtoBool", swiftType: "Swift.Bool", decode: "decodeBool", defaultLiteral: "false", wireType: 0),
        .string: ScalarInfo(
            kind: "ProtoString", swiftType: "Swift.String", decode: "decodeString", defaultLiteral: "\"\"", wireType: 2),
        .bytes: ScalarInfo(
            kind: "ProtoBytes", swiftType: "ProtoRuntime.ByteBuffer", decode: "decodeBytes",
            defaultLiteral: "ProtoRuntime.ByteBuffer()", wireType: 2),
        .uint32: ScalarInfo(
            kind: "ProtoUInt32", swiftType: "Swift.UInt32", decode: "decodeUInt32", defaultLiteral: "0", wireType: 0),
        .sfixed32: ScalarInfo(
            kind: "ProtoSFixed32", swiftType: "Swift.Int32", decode: "decodeSFixed32", defaultLiteral: "0", wireType: 5),
        .sfixed64: ScalarInfo(
            kind: "ProtoSFixed64", swiftType: "Swift.Int64", decode: "decodeSFixed64", defaultLiteral: "0", wireType: 1),
        .sint32: ScalarInfo(
            kind: "ProtoSInt32", swiftType: "Swift.Int32", decode: "decodeSInt32", defaultLiteral: "0", wireType: 0),
        .sint64: ScalarInfo(
            kind: "ProtoSInt64", swiftType: "Swift.Int64", decode: "decodeSInt64", defaultLiteral: "0", wireType: 0),
    ]
}

extension FieldModel {
    /// Builds the model of `field` in `message` (whose full name is `ownerName`).
    static func make(
        _ field: FieldProto, in message: MessageProto, ownerName: String, file: FileProto, symbols: SymbolTable,
        diagnostics: inout [Diagnostic]
    ) -> FieldModel {
        let isProto3 = file.syntax == "proto3"
        let valueType = makeValueType(field, isProto3: isProto3, symbols: symbols)
        let storage: Storage
        if field.label == .repeated {
            if let target = field.typeName, let entry = symbols[target], entry.isMapEntry,
                let entryMessage = entry.message,
                let keyField = entryMessage.field.first(where: { $0.number == 1 }),
                let valueField = entryMessage.field.first(where: { $0.number == 2 })
            {
                let key = make(
                    keyField, in: entryMessage, ownerName: target, file: file, symbols: symbols,
                    diagnostics: &diagnostics)
                let value = make(
                    valueField, in: entryMessage, ownerName: target, file: file, symbols: symbols,
                    diagnostics: &diagnostics)
                storage = .map(key: key, value: value)
            } else {
                let packable: Bool
                if case .scalar(let info) = valueType {
                    packable = info.isPackable
                } else if case .enumeration = valueType {
                    packable = true
                } else {
                    packable = false
                }
                let packed = packable && (field.options?.packed ?? isProto3)
                storage = .repeated(packed: packed)
            }
        } else if let index = field.oneofIndex, field.proto3Optional != true {
            let oneofName = Int(index) < message.oneofDecl.count ? message.oneofDecl[Int(index)].name ?? "" : ""
            storage = .oneofMember(oneofIndex: Int(index), property: SwiftNaming.propertyName(oneofName))
        } else if isProto3 && field.proto3Optional != true && field.type != .message && field.type != .group {
            storage = .implicit
        } else {
            storage = .optional
        }
        return FieldModel(
            proto: field, number: Int(field.number ?? 0), name: propertyName(of: field),
            storage: storage, valueType: valueType,
            isBoxed: symbols.isBoxed(message: ownerName, field: field),
            isRequired: field.label == .required, protoName: field.name ?? "")
    }

    /// The property name: from the field name, except for groups, whose field name protoc
    /// lower-cases (`Point` → `point`): those take the group's own name (`ExtGroup` → `extGroup`).
    static func propertyName(of field: FieldProto) -> String {
        if field.type == .group, let typeName = field.typeName, let last = typeName.split(separator: ".").last {
            return SwiftNaming.propertyName(String(last))
        }
        return SwiftNaming.propertyName(field.name ?? "")
    }

    static func makeValueType(_ field: FieldProto, isProto3: Bool, symbols: SymbolTable) -> ValueType {
        let type = field.type ?? .int32
        switch type {
        case .message:
            return .message(swiftName: symbols.qualifiedName(field.typeName ?? ""))
        case .group:
            return .group(swiftName: symbols.qualifiedName(field.typeName ?? ""))
        case .enum:
            let target = field.typeName ?? ""
            let symbol = symbols[target]
            let firstValue = symbol?.enumeration?.value.first?.name ?? ""
            let enumName = symbol?.enumeration?.name ?? ""
            let strip = EnumModel.canStripPrefix(symbol?.enumeration)
            return .enumeration(
                swiftName: symbols.qualifiedName(target), isClosed: symbol?.isProto3 == false,
                defaultCase: SwiftNaming.escaped(
                    SwiftNaming.enumCaseName(firstValue, enumName: enumName, stripPrefix: strip)))
        default:
            var info = scalars[type] ?? int32Info
            if type == .string && !isProto3 { info.decode = "decodeStringRepairingUTF8" }
            return .scalar(info)
        }
    }
}
