/// Constants, list literals, indexing, and the Swift names of CEL types.
extension CELEmitter {
    /// A constant as a typed Swift expression (with its bare literal for scalars).
    func constant(_ value: CELConstant) -> CELValue {
        var result: CELValue
        switch value {
        case .bool(let b): result = CELValue(.bool, b ? "true" : "false")
        case .int(let i):
            result = CELValue(.int, "(\(i) as Swift.Int64)")
            result.bareLiteral = "\(i)"
        case .uint(let u):
            result = CELValue(.uint, "(\(u) as Swift.UInt64)")
            result.bareLiteral = "\(u)"
        case .double(let d):
            let literal = CELSwiftText.doubleLiteral(d)
            result = CELValue(.double, d.isFinite ? "(\(literal) as Swift.Double)" : literal)
            result.bareLiteral = literal
        case .string(let s): result = CELValue(.string, CELSwiftText.stringLiteral(s))
        case .bytes(let b): result = CELValue(.bytes, CELSwiftText.bytesLiteral(b))
        case .duration(let seconds, let nanos):
            result = CELValue(.duration, "ProtoRuntime.Google_Protobuf_Duration(seconds: \(seconds), nanos: \(nanos))")
        case .timestamp(let seconds, let nanos):
            result = CELValue(
                .timestamp, "ProtoRuntime.Google_Protobuf_Timestamp(seconds: \(seconds), nanos: \(nanos))")
        case .list(let item, let items):
            let texts = items.map { constant($0).bareLiteral ?? constant($0).swift }
            result = CELValue(
                .list(item), "([\(texts.joined(separator: ", "))] as [\(swiftType(item) ?? "Swift.Never")])")
        }
        result.constant = value
        return result
    }

    /// The canonical Swift type of a CEL type, or `nil` when it has none (`dyn`, `null`).
    func swiftType(_ type: CELType) -> String? {
        switch type {
        case .bool: "Swift.Bool"
        case .int: "Swift.Int64"
        case .uint: "Swift.UInt64"
        case .double: "Swift.Double"
        case .string: "Swift.String"
        case .bytes: "ProtoRuntime.ByteBuffer"
        case .duration: "ProtoRuntime.Google_Protobuf_Duration"
        case .timestamp: "ProtoRuntime.Google_Protobuf_Timestamp"
        case .message(let name): environment.swiftTypeName(ofMessage: name)
        case .list(let item): swiftType(item).map { "[\($0)]" }
        case .map(let key, let value):
            swiftType(key).flatMap { k in swiftType(value).map { "[\(k): \($0)]" } }
        case .nullable(let base): swiftType(base).map { "\($0)?" }
        case .null, .dyn: nil
        }
    }

    /// A value in its canonical Swift form: lists with canonical items, messages not optional.
    func materialized(_ value: CELValue, at node: CELNode) throws(CELCompileError) -> CELValue {
        var result = value
        if value.isOptionalMessage, case .message(let name) = value.type {
            guard let swiftName = environment.swiftTypeName(ofMessage: name) else {
                throw error(.noSuchField, "unknown message \(name)", at: node)
            }
            result.swift = "(\(value.swift) ?? \(swiftName)())"
            result.isOptionalMessage = false
        }
        if case .list = value.type, let kind = value.itemKind, !kind.isCanonical {
            result.swift = "\(value.swift).map { \(kind.canonical("$0")) }"
            result.itemKind = nil
        }
        return result
    }

    /// A list literal: every item of one type.
    mutating func list(_ items: [CELNode], at node: CELNode) throws(CELCompileError) -> CELValue {
        if items.isEmpty { return CELValue(.list(.dyn), "[]") }
        var values: [CELValue] = []
        for item in items { values.append(try materialized(try emit(item), at: item)) }
        let type = values[0].type
        for (value, item) in zip(values, items) where value.type != type {
            throw error(.noMatchingOverload, "list items must share one type: \(type) and \(value.type)", at: item)
        }
        guard let swiftName = swiftType(type) else {
            throw error(.unsupported, "a list of \(type) is not supported", at: node)
        }
        let texts = values.map { $0.bareLiteral ?? $0.swift }
        var result = CELValue(
            .list(type), "([\(texts.joined(separator: ", "))] as [\(swiftName)])",
            canThrow: values.contains { $0.canThrow })
        if values.allSatisfy({ $0.constant != nil }) { result.constant = .list(type, values.compactMap(\.constant)) }
        return result
    }

    /// `list[int]` or `map[key]`.
    mutating func index(
        _ baseNode: CELNode, _ indexNode: CELNode, at node: CELNode
    ) throws(CELCompileError)
        -> CELValue
    {
        let base = try emit(baseNode)
        let key = try emit(indexNode)
        switch base.type {
        case .list(let item):
            guard key.type == .int else {
                throw error(.noMatchingOverload, "a list index must be an int, not \(key.type)", at: indexNode)
            }
            let raw = "Validation._CELRuntime.item(\(base.swift), \(key.swift))"
            return itemValue(item, kind: base.itemKind, raw)
        case .map:
            return try mapValue(base, key: key, at: indexNode)
        default:
            throw error(.noMatchingOverload, "cannot index \(base.type)", at: node)
        }
    }

    /// `map[key]`: an evaluation error when the key is missing.
    func mapValue(_ base: CELValue, key: CELValue, at node: CELNode) throws(CELCompileError) -> CELValue {
        guard case .map(let keyType, let valueType) = base.type, keyType == key.type else {
            throw error(.noMatchingOverload, "cannot index \(base.type) with \(key.type)", at: node)
        }
        let keyKind = base.keyKind ?? .string
        let lookup =
            keyKind.isCanonical
            ? "\(base.swift)[\(key.bareLiteral ?? key.swift)]"
            : "\(base.swift).first(where: { \(keyKind.canonical("$0.key")) == \(key.bareLiteral ?? key.swift) })?.value"
        let description = key.type == .string ? key.swift : "\"\\(\(key.swift))\""
        let raw = "Validation._CELRuntime.value(\(lookup), key: \(description))"
        var value = itemValue(valueType, kind: base.itemKind, raw)
        value.canThrow = true
        return value
    }

    /// One item (of a list or map) read by `raw`, widened to its canonical form.
    func itemValue(_ type: CELType, kind: CELValueKind?, _ raw: String) -> CELValue {
        CELValue(type, kind?.canonical(raw) ?? raw, canThrow: true)
    }
}
