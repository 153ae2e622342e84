internal import ProtoRuntime

/// Writes a message's proto3 JSON codec: `_protoDecodeJSON` (a `switch` on the key, accepting
/// the JSON name and the `.proto` name) and `_protoEncodeJSON` (JSON names, field-number order).
struct JSONCodecRenderer {
    let access: String
    let isExtensible: Bool

    /// Well-known types whose JSON is not an object of their fields; ProtoRuntime implements
    /// their codecs by hand (`WellKnownTypes/JSON`).
    static let specialJSONTypes: Set<String> = [
        ".google.protobuf.Any", ".google.protobuf.Timestamp", ".google.protobuf.Duration",
        ".google.protobuf.FieldMask", ".google.protobuf.Struct", ".google.protobuf.Value",
        ".google.protobuf.ListValue", ".google.protobuf.DoubleValue", ".google.protobuf.FloatValue",
        ".google.protobuf.Int64Value", ".google.protobuf.UInt64Value", ".google.protobuf.Int32Value",
        ".google.protobuf.UInt32Value", ".google.protobuf.BoolValue", ".google.protobuf.StringValue",
        ".google.protobuf.BytesValue",
    ]

    /// The field's JSON name: `json_name` as protoc computed or the contract set it.
    static func jsonName(_ field: FieldModel) -> String { jsonName(field.proto) }

    /// The JSON name of a field descriptor: its `json_name`, or protoc's rule when a descriptor
    /// lacks it (drop each `_`, upper-case the letter after it: `order_id` → `orderId`). The codec,
    /// the REST planner and OpenAPI all name fields through here.
    static func jsonName(_ field: FieldProto) -> String {
        if let name = field.jsonName { return name }
        var output = ""
        var upperNext = false
        for character in field.name ?? "" {
            if character == "_" {
                upperNext = true
            } else {
                output += upperNext ? character.uppercased() : String(character)
                upperNext = false
            }
        }
        return output
    }

    /// A Swift literal of `name` as it appears between the quotes of a JSON key.
    static func keyLiteral(_ name: String) -> String {
        var escaped = ""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return SwiftNaming.stringLiteral(escaped)
    }

    func render(fields: [FieldModel], oneofs: [MessageRenderer.Oneof], into out: inout SwiftWriter) {
        renderDecode(fields: fields, oneofs: oneofs, into: &out)
        out.line()
        renderEncode(fields: fields, into: &out)
    }

    // MARK: Decoding

    private var unknownKeyStatement: String {
        isExtensible
            ? "try scanner.decodeExtensionOrSkip(key, in: Self.protoMessageName, extensions: &self.extensions)"
            : "try scanner.skipUnknownField(key, in: Self.protoMessageName)"
    }

    private func renderDecode(fields: [FieldModel], oneofs: [MessageRenderer.Oneof], into out: inout SwiftWriter) {
        out.block(
            "\(access)mutating func _protoDecodeJSON(from scanner: inout ProtoRuntime.JSONScanner) throws(ProtoRuntime.JSONDecodingError) {"
        ) { out in
            out.line("try scanner.beginObject()")
            out.line("var isFirst = true")
            guard !fields.isEmpty else {
                out.block("while let key = try scanner.nextKey(isFirst: &isFirst) {") { out in
                    out.line(unknownKeyStatement)
                }
                return
            }
            out.line("var seen = ProtoRuntime._JSONSeenFields()")
            out.block("while let key = try scanner.nextKey(isFirst: &isFirst) {") { out in
                out.block("do throws(ProtoRuntime.JSONDecodingError) {", closing: "} catch {") { out in
                    out.switchBlock("switch key {") { out in
                        for (slot, field) in fields.enumerated() {
                            let json = Self.jsonName(field)
                            var names = [SwiftNaming.stringLiteral(json)]
                            if field.protoName != json { names.append(SwiftNaming.stringLiteral(field.protoName)) }
                            out.line("case \(names.joined(separator: ", ")):")
                            for line in decodeLines(field, slot: slot, fieldCount: fields.count, oneofs: oneofs) {
                                out.line("    " + line)
                            }
                        }
                        out.line("default:")
                        out.line("    " + unknownKeyStatement)
                    }
                }
                out.line("    throw error.prefixed(by: .key(key))")
                out.line("}")
            }
        }
    }

    private func decodeLines(
        _ field: FieldModel, slot: Int, fieldCount: Int, oneofs: [MessageRenderer.Oneof]
    ) -> [String] {
        let p = "self." + field.property
        switch field.storage {
        case .implicit, .optional:
            return [
                "try seen.insert(\(slot), scanner: scanner)",
                "try scanner.readField(\(field.kindType).self, into: &\(p))",
            ]
        case .repeated:
            return [
                "try seen.insert(\(slot), scanner: scanner)",
                "try scanner.readRepeated(\(field.kindType).self, into: &\(p))",
            ]
        case .map(let key, let value):
            return [
                "try seen.insert(\(slot), scanner: scanner)",
                "try scanner.readMap(\(key.kindType).self, \(value.kindType).self, into: &\(p))",
            ]
        case .oneofMember(let index, let property):
            // One slot per oneof after the fields' slots: a second member is a duplicate.
            let oneofSlot = fieldCount + (oneofs.firstIndex { $0.index == index } ?? 0)
            return [
                "var value: \(field.valueSwiftType)? = nil",
                "try scanner.readField(\(field.kindType).self, into: &value)",
                "if let value { try seen.insert(\(oneofSlot), scanner: scanner); self.\(SwiftNaming.escaped(property)) = .\(field.property)(value) }",
            ]
        }
    }

    // MARK: Encoding

    private func renderEncode(fields: [FieldModel], into out: inout SwiftWriter) {
        out.block(
            "\(access)func _protoEncodeJSON(to writer: inout ProtoRuntime.JSONWriter) throws(ProtoRuntime.ProtoEncodingError) {"
        ) { out in
            out.line("writer.beginObject()")
            for field in fields.sorted(by: { $0.number < $1.number }) {
                out.line(encodeLine(field))
            }
            if isExtensible { out.line("try writer.writeExtensionFields(self.extensions)") }
            out.line("writer.endObject()")
        }
    }

    private func encodeLine(_ field: FieldModel) -> String {
        let p = "self." + field.property
        let key = "writer.writeFieldKey(\(Self.keyLiteral(Self.jsonName(field))), \(Self.keyLiteral(field.protoName)))"
        let tryKeyword: String
        switch field.valueType {
        case .message, .group: tryKeyword = "try "
        case .scalar, .enumeration: tryKeyword = ""
        }
        func write(_ value: String) -> String { "\(tryKeyword)\(field.kindType).writeJSON(\(value), to: &writer)" }
        switch field.storage {
        case .implicit:
            return
                "if writer.options.emitDefaultValues || \(MessageRenderer.nonDefaultCondition(field, p)) { \(key); \(write(p)) }"
        case .optional:
            return "if let value = \(p) { \(key); \(write("value")) }"
        case .oneofMember(_, let property):
            return
                "if case .\(field.property)(let value)? = self.\(SwiftNaming.escaped(property)) { \(key); \(write("value")) }"
        case .repeated:
            return
                "if writer.options.emitDefaultValues || !\(p).isEmpty { \(key); try writer.writeRepeated(\(field.kindType).self, \(p)) }"
        case .map(let keyField, let valueField):
            return
                "if writer.options.emitDefaultValues || !\(p).isEmpty { \(key); try writer.writeMap(\(keyField.kindType).self, \(valueField.kindType).self, \(p)) }"
        }
    }
}
