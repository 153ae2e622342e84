internal import ProtoRuntime

/// User-declared predefined rules: fields of extensions of the standard rule messages
/// (`extend buf.validate.StringRules { bool no_spaces = 80048 [(buf.validate.predefined).cel = …]; }`)
/// whose CEL runs, with `rule` bound to the value a field sets, after the standard rules.
struct PredefinedRules {
    /// One declared predefined rule.
    struct Declaration {
        var field: FieldProto
        var rules: Buf_Validate_PredefinedRules
    }

    /// Declarations by extendee (`.buf.validate.StringRules`) and field number.
    private(set) var declarations: [String: [Int32: Declaration]] = [:]

    init(files: [FileProto]) {
        func collect(_ extensions: [FieldProto]) {
            for field in extensions {
                guard let rules = field.options?[extension: Buf_Validate_Validate_Extensions.predefined],
                    let extendee = field.extendee, let number = field.number
                else { continue }
                declarations[extendee, default: [:]][number] = Declaration(field: field, rules: rules)
            }
        }
        func visit(_ message: MessageProto) {
            collect(message.extension)
            message.nestedType.forEach(visit)
        }
        for file in files {
            collect(file.extension)
            file.messageType.forEach(visit)
        }
    }

    /// The predefined rules a rules message sets, with their values, in field-number order.
    /// Their values are in the message's unknown fields: the generator registers only
    /// `buf.validate`'s own extensions.
    func applied(extendee: String, unknownFields: UnknownFields) -> [(Declaration, CELConstant)] {
        guard let declared = declarations[extendee], !declared.isEmpty else { return [] }
        var values: [Int32: [WireValue]] = [:]
        for (number, value) in WireValue.fields(in: unknownFields.bytes.readableBytesArray)
        where declared[number] != nil {
            values[number, default: []].append(value)
        }
        return values.keys.sorted().compactMap { number in
            guard let declaration = declared[number], let wire = values[number],
                let constant = Self.constant(of: declaration.field, from: wire)
            else { return nil }
            return (declaration, constant)
        }
    }

    /// The CEL value of an extension field from its wire values (the last one for a singular
    /// field, all of them, packed or not, for a repeated one).
    static func constant(of field: FieldProto, from values: [WireValue]) -> CELConstant? {
        if field.label == .repeated {
            var items: [CELConstant] = []
            for value in values {
                if case .bytes(let bytes) = value, field.type != .string, field.type != .bytes,
                    field.type != .message
                {
                    items += WireValue.packed(bytes, type: field.type).compactMap { scalar(field, $0) }
                } else if let item = scalar(field, value) {
                    items.append(item)
                }
            }
            return .list(itemType(field), items)
        }
        return values.last.flatMap { scalar(field, $0) }
    }

    private static func itemType(_ field: FieldProto) -> CELType {
        switch field.type {
        case .bool: .bool
        case .int32, .int64, .sint32, .sint64, .sfixed32, .sfixed64, .enum: .int
        case .uint32, .uint64, .fixed32, .fixed64: .uint
        case .float, .double: .double
        case .string: .string
        case .bytes: .bytes
        default: field.typeName == ".google.protobuf.Duration" ? .duration : .timestamp
        }
    }

    private static func scalar(_ field: FieldProto, _ value: WireValue) -> CELConstant? {
        switch (field.type, value) {
        case (.bool, .varint(let v)): .bool(v != 0)
        case (.int32, .varint(let v)), (.enum, .varint(let v)): .int(Int64(Int32(truncatingIfNeeded: v)))
        case (.int64, .varint(let v)): .int(Int64(bitPattern: v))
        case (.uint32, .varint(let v)): .uint(UInt64(UInt32(truncatingIfNeeded: v)))
        case (.uint64, .varint(let v)): .uint(v)
        case (.sint32, .varint(let v)): .int(Int64(Int32(truncatingIfNeeded: WireValue.unzigzag(v))))
        case (.sint64, .varint(let v)): .int(WireValue.unzigzag(v))
        case (.fixed32, .fixed32(let v)): .uint(UInt64(v))
        case (.sfixed32, .fixed32(let v)): .int(Int64(Int32(bitPattern: v)))
        case (.float, .fixed32(let v)): .double(Double(Float(bitPattern: v)))
        case (.fixed64, .fixed64(let v)): .uint(v)
        case (.sfixed64, .fixed64(let v)): .int(Int64(bitPattern: v))
        case (.double, .fixed64(let v)): .double(Double(bitPattern: v))
        case (.string, .bytes(let b)): String(validating: b, as: UTF8.self).map { .string($0) }
        case (.bytes, .bytes(let b)): .bytes(b)
        case (.message, .bytes(let b)):
            // google.protobuf.Duration and Timestamp: seconds (1), nanos (2).
            timeConstant(field.typeName, b)
        default: nil
        }
    }

    private static func timeConstant(_ typeName: String?, _ bytes: [UInt8]) -> CELConstant? {
        var seconds: Int64 = 0
        var nanos: Int32 = 0
        for (number, value) in WireValue.fields(in: bytes) {
            guard case .varint(let v) = value else { continue }
            if number == 1 { seconds = Int64(bitPattern: v) }
            if number == 2 { nanos = Int32(truncatingIfNeeded: v) }
        }
        switch typeName {
        case ".google.protobuf.Duration": return .duration(seconds: seconds, nanos: nanos)
        case ".google.protobuf.Timestamp": return .timestamp(seconds: seconds, nanos: nanos)
        default: return nil
        }
    }
}

/// One field value as the protobuf wire format carries it; enough to read extension values
/// the generator holds only as unknown fields.
enum WireValue {
    case varint(UInt64)
    case fixed32(UInt32)
    case fixed64(UInt64)
    case bytes([UInt8])

    /// The fields of an encoded message, in order; stops at the first malformed byte.
    static func fields(in bytes: [UInt8]) -> [(Int32, WireValue)] {
        var reader = Reader(bytes: bytes)
        var fields: [(Int32, WireValue)] = []
        while let tag = reader.varint(), tag >> 3 > 0, tag >> 3 <= UInt64(Int32.max) {
            let value: WireValue?
            switch tag & 7 {
            case 0: value = reader.varint().map { .varint($0) }
            case 1: value = reader.fixed(8).map { .fixed64($0) }
            case 2: value = reader.length().flatMap { reader.take($0) }.map { .bytes($0) }
            case 5: value = reader.fixed(4).map { .fixed32(UInt32(truncatingIfNeeded: $0)) }
            default: value = nil
            }
            guard let value else { break }
            fields.append((Int32(tag >> 3), value))
        }
        return fields
    }

    /// The values of a packed repeated scalar.
    static func packed(_ bytes: [UInt8], type: Google_Protobuf_FieldDescriptorProto.TypeEnum?) -> [WireValue] {
        var reader = Reader(bytes: bytes)
        var values: [WireValue] = []
        while !reader.isAtEnd {
            let value: WireValue?
            switch type {
            case .fixed32, .sfixed32, .float: value = reader.fixed(4).map { .fixed32(UInt32(truncatingIfNeeded: $0)) }
            case .fixed64, .sfixed64, .double: value = reader.fixed(8).map { .fixed64($0) }
            default: value = reader.varint().map { .varint($0) }
            }
            guard let value else { break }
            values.append(value)
        }
        return values
    }

    static func unzigzag(_ value: UInt64) -> Int64 { Int64(bitPattern: (value >> 1) ^ (0 &- (value & 1))) }

    private struct Reader {
        let bytes: [UInt8]
        var offset = 0
        var isAtEnd: Bool { offset >= bytes.count }

        mutating func varint() -> UInt64? {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while offset < bytes.count, shift < 64 {
                let byte = bytes[offset]
                offset += 1
                result |= UInt64(byte & 0x7f) << shift
                if byte & 0x80 == 0 { return result }
                shift += 7
            }
            return nil
        }

        mutating func fixed(_ size: Int) -> UInt64? {
            guard offset + size <= bytes.count else { return nil }
            var result: UInt64 = 0
            for index in 0..<size { result |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
            offset += size
            return result
        }

        mutating func length() -> Int? {
            guard let value = varint(), value <= UInt64(bytes.count - offset) else { return nil }
            return Int(value)
        }

        mutating func take(_ count: Int) -> [UInt8]? {
            guard offset + count <= bytes.count else { return nil }
            defer { offset += count }
            return Array(bytes[offset..<offset + count])
        }
    }
}
