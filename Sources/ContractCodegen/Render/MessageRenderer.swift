internal import ProtoRuntime

/// Writes one message (and its nested types) as a Swift struct with a codec specialised per field.
struct MessageRenderer {
    let symbols: SymbolTable
    let file: FileProto
    /// `"public "`, `"package "` or `""`.
    let access: String
    let comments: Comments
    var diagnostics: [Diagnostic] = []

    struct Oneof {
        var index: Int
        var swiftTypeName: String
        var property: String
        var members: [FieldModel]
        var protoPath: [Int32]
    }

    mutating func render(_ message: MessageProto, symbol: TypeSymbol, path: [Int32], into out: inout SwiftWriter) {
        let fields = message.field.map { field in
            FieldModel.make(
                field, in: message, ownerName: symbol.fullName, file: file, symbols: symbols, diagnostics: &diagnostics)
        }
        let oneofs = makeOneofs(message, fields: fields, path: path)
        let isExtensible = !message.extensionRange.isEmpty
        let typeName = SwiftNaming.escaped(String(symbol.swiftName.split(separator: ".").last ?? ""))
        let conformance = isExtensible ? "ProtoRuntime.ExtensibleMessage" : "ProtoRuntime.Message"
        checkNameClashes(fields: fields, oneofs: oneofs, symbol: symbol)

        out.docComment(comments.leading(path))
        out.block("\(access)struct \(typeName): \(conformance), Swift.Sendable, Swift.Hashable {") { out in
            renderProperties(fields: fields, oneofs: oneofs, message: message, path: path, into: &out)
            if isExtensible {
                out.line("/// Extension fields set on this message.")
                out.line("\(access)var extensions = ProtoRuntime.ExtensionFieldSet()")
            }
            out.line("/// Fields read from the wire that this version of the contract does not declare.")
            out.line("\(access)var unknownFields = ProtoRuntime.UnknownFields()")
            out.line()
            renderInitializers(fields: fields, oneofs: oneofs, into: &out)
            out.line(
                "\(access)static var protoMessageName: Swift.String { \(SwiftNaming.stringLiteral(symbol.protoName)) }")
            out.line()
            renderDecode(fields: fields, isExtensible: isExtensible, into: &out)
            out.line()
            renderEncode(fields: fields, message: message, into: &out)
            if !JSONCodecRenderer.specialJSONTypes.contains(symbol.fullName) {
                out.line()
                JSONCodecRenderer(access: access, isExtensible: isExtensible).render(
                    fields: fields, oneofs: oneofs, into: &out)
            }
            if symbols.needsInitCheck.contains(symbol.fullName) {
                out.line()
                renderIsInitialized(fields: fields, into: &out)
            }
            if isExtensible {
                out.line()
                renderExtensionRanges(message, into: &out)
            }
            for oneof in oneofs {
                out.line()
                renderOneofEnum(oneof, into: &out)
            }
            for (index, nested) in message.enumType.enumerated() {
                guard let nestedSymbol = symbols[symbol.fullName + "." + (nested.name ?? "")] else { continue }
                out.line()
                EnumModel.render(
                    nested, symbol: nestedSymbol, access: access, comments: comments, path: path + [4, Int32(index)],
                    into: &out, diagnostics: &diagnostics)
            }
            for (index, nested) in message.nestedType.enumerated() {
                guard let nestedSymbol = symbols[symbol.fullName + "." + (nested.name ?? "")], !nestedSymbol.isMapEntry
                else { continue }
                out.line()
                render(nested, symbol: nestedSymbol, path: path + [3, Int32(index)], into: &out)
            }
        }
    }

    private func makeOneofs(_ message: MessageProto, fields: [FieldModel], path: [Int32]) -> [Oneof] {
        var oneofs: [Oneof] = []
        let nestedNames = Set(
            message.nestedType.map { SwiftNaming.nestedTypeName($0.name ?? "", isEnum: false) }
                + message.enumType.map { SwiftNaming.nestedTypeName($0.name ?? "", isEnum: true) })
        for (index, decl) in message.oneofDecl.enumerated() {
            let members = fields.filter { if case .oneofMember(let i, _) = $0.storage { i == index } else { false } }
            guard !members.isEmpty else { continue }  // synthetic oneof of a proto3 `optional`
            let protoName = decl.name ?? "oneof"
            var typeName = SwiftNaming.upperCamel(protoName)
            if nestedNames.contains(typeName) || SwiftNaming.reservedTypeNames.contains(typeName) {
                typeName = "OneOf_" + typeName
            }
            oneofs.append(
                Oneof(
                    index: index, swiftTypeName: typeName, property: SwiftNaming.propertyName(protoName),
                    members: members, protoPath: path + [8, Int32(index)]))
        }
        return oneofs
    }

    private mutating func checkNameClashes(fields: [FieldModel], oneofs: [Oneof], symbol: TypeSymbol) {
        var seen: [String: String] = [:]
        let names =
            fields.map { ($0.name, $0.protoName) } + oneofs.map { ($0.property, "oneof " + $0.property) }
            + fields.filter { $0.proto.defaultValue != nil }.map { ($0.name + "OrDefault", $0.protoName + " default") }
        for (name, origin) in names {
            if let other = seen[name] {
                diagnostics.append(
                    Diagnostic(
                        .error, "fields '\(other)' and '\(origin)' both become the Swift property '\(name)'",
                        at: "\(file.name ?? ""): message \(symbol.protoName)", fix: "rename one of the fields"))
            }
            seen[name] = origin
        }
    }

    // MARK: Properties and initializers

    private func renderProperties(
        fields: [FieldModel], oneofs: [Oneof], message: MessageProto, path: [Int32], into out: inout SwiftWriter
    ) {
        for (index, field) in fields.enumerated() {
            if case .oneofMember = field.storage { continue }
            out.docComment(comments.leading(path + [2, Int32(index)]))
            if field.isBoxed {
                out.block("\(access)var \(field.property): \(field.propertyType) {") { out in
                    out.line("get { self._\(field.name)?.value }")
                    out.line("set { self._\(field.name) = newValue.map(ProtoRuntime._Box.init) }")
                }
                out.line("private var _\(field.name): ProtoRuntime._Box<\(field.valueSwiftType)>? = nil")
            } else {
                out.line("\(access)var \(field.property): \(field.propertyType) = \(field.propertyDefault)")
            }
            if let defaultText = field.proto.defaultValue, case .optional = field.storage,
                let literal = DefaultValues.literal(defaultText, for: field, symbols: symbols)
            {
                out.line("/// `\(field.property)`, or its declared default (`\(defaultText)`) when not set.")
                out.line(
                    "\(access)var \(field.name)OrDefault: \(field.valueSwiftType) { self.\(field.property) ?? \(literal) }"
                )
            }
            out.line()
        }
        for oneof in oneofs {
            out.docComment(comments.leading(oneof.protoPath))
            out.line("\(access)var \(SwiftNaming.escaped(oneof.property)): \(oneof.swiftTypeName)? = nil")
            out.line()
            for member in oneof.members {
                let index = fields.firstIndex { $0.number == member.number } ?? 0
                out.docComment(comments.leading(path + [2, Int32(index)]))
                out.block("\(access)var \(member.property): \(member.valueSwiftType)? {") { out in
                    out.block("get {") { out in
                        out.line(
                            "if case .\(member.property)(let value)? = self.\(SwiftNaming.escaped(oneof.property)) { return value }"
                        )
                        out.line("return nil")
                    }
                    out.block("set {") { out in
                        out.block("if let newValue {") { out in
                            out.line("self.\(SwiftNaming.escaped(oneof.property)) = .\(member.property)(newValue)")
                        }
                        out.block("else if case .\(member.property)? = self.\(SwiftNaming.escaped(oneof.property)) {") {
                            out in
                            out.line("self.\(SwiftNaming.escaped(oneof.property)) = nil")
                        }
                    }
                }
                out.line()
            }
        }
    }

    private func renderInitializers(fields: [FieldModel], oneofs: [Oneof], into out: inout SwiftWriter) {
        out.line("/// A message with every field at its default.")
        out.line("\(access)init() {}")
        out.line()
        var parameters: [(label: String, type: String, defaultValue: String)] = []
        for field in fields {
            if case .oneofMember = field.storage { continue }
            parameters.append((field.name, field.propertyType, field.propertyDefault))
        }
        for oneof in oneofs { parameters.append((oneof.property, oneof.swiftTypeName + "?", "nil")) }
        guard !parameters.isEmpty else { return }
        out.line("/// A message with the given fields; the rest keep their defaults.")
        let list = parameters.map { "\($0.label): \($0.type) = \($0.defaultValue)" }.joined(separator: ", ")
        out.block("\(access)init(\(list)) {") { out in
            for parameter in parameters {
                out.line("self.\(SwiftNaming.escaped(parameter.label)) = \(SwiftNaming.escaped(parameter.label))")
            }
        }
        out.line()
    }

    // MARK: Decoding

    private func renderDecode(fields: [FieldModel], isExtensible: Bool, into out: inout SwiftWriter) {
        out.block(
            "\(access)mutating func _protoDecode(from decoder: inout ProtoRuntime.BinaryDecoder) throws(ProtoRuntime.ProtoDecodingError) {"
        ) { out in
            out.block("while let tag = try decoder.nextTag() {") { out in
                out.switchBlock("switch tag {") { out in
                    for field in fields.sorted(by: { $0.number < $1.number }) {
                        for (tags, statement) in decodeCases(field) {
                            out.line("case \(tags.map(String.init).joined(separator: ", ")):")
                            out.line("    " + statement)
                        }
                    }
                    out.line("default:")
                    if isExtensible {
                        out.block("    if Self._isExtensionFieldNumber(Swift.Int(tag >> 3)) {", closing: "    }") {
                            out in
                            out.line("    try decoder.decodeExtensionField(tag, of: &self)")
                        }
                        out.block("    else {", closing: "    }") { out in
                            out.line("    try decoder.decodeUnknownField(tag, into: &self.unknownFields)")
                        }
                    } else {
                        out.line("    try decoder.decodeUnknownField(tag, into: &self.unknownFields)")
                    }
                }
            }
        }
    }

    private func oneofProperty(of field: FieldModel) -> String? {
        if case .oneofMember(_, let property) = field.storage { return property }
        return nil
    }

    private func decodeCases(_ field: FieldModel) -> [([UInt32], String)] {
        let p = "self." + field.property
        let n = field.number
        switch field.storage {
        case .map(let key, let value):
            if case .enumeration(let name, true, _) = value.valueType {
                return [
                    (
                        [field.tag(wireType: 2)],
                        "try decoder.decodeMapEntry(\(key.kindType).self, closedEnum: \(name).self, into: &\(p), unknownFields: &self.unknownFields)"
                    )
                ]
            }
            return [
                (
                    [field.tag(wireType: 2)],
                    "try decoder.decodeMapEntry(\(key.kindType).self, \(value.kindType).self, into: &\(p))"
                )
            ]
        case .repeated:
            return decodeRepeatedCases(field, property: p)
        case .oneofMember:
            let oneof = "self." + SwiftNaming.escaped(oneofProperty(of: field) ?? "")
            let caseName = field.property
            switch field.valueType {
            case .scalar(let info):
                return [([field.tag], "\(oneof) = .\(caseName)(try decoder.\(info.decode)())")]
            case .enumeration(let name, let isClosed, _):
                if isClosed {
                    return [
                        (
                            [field.tag],
                            "if let value = try decoder.decodeClosedEnum(\(name).self, fieldNumber: \(n), unknownFields: &self.unknownFields) { \(oneof) = .\(caseName)(value) }"
                        )
                    ]
                }
                return [([field.tag], "\(oneof) = .\(caseName)(\(name)(rawValue: try decoder.decodeEnumRawValue()))")]
            case .message(let name):
                return [
                    (
                        [field.tag],
                        "var value = \(name)(); if case .\(caseName)(let existing)? = \(oneof) { value = existing }; try decoder.decodeMessage(&value); \(oneof) = .\(caseName)(value)"
                    )
                ]
            case .group(let name):
                return [
                    (
                        [field.tag],
                        "var value = \(name)(); if case .\(caseName)(let existing)? = \(oneof) { value = existing }; try decoder.decodeGroup(&value, fieldNumber: \(n)); \(oneof) = .\(caseName)(value)"
                    )
                ]
            }
        case .implicit, .optional:
            switch field.valueType {
            case .scalar(let info):
                return [([field.tag], "\(p) = try decoder.\(info.decode)()")]
            case .enumeration(let name, let isClosed, _):
                if isClosed {
                    return [
                        (
                            [field.tag],
                            "if let value = try decoder.decodeClosedEnum(\(name).self, fieldNumber: \(n), unknownFields: &self.unknownFields) { \(p) = value }"
                        )
                    ]
                }
                return [([field.tag], "\(p) = \(name)(rawValue: try decoder.decodeEnumRawValue())")]
            case .message:
                if field.isBoxed {
                    return [
                        (
                            [field.tag],
                            "var value = self._\(field.name)?.value; try decoder.decodeMessage(&value); self._\(field.name) = value.map(ProtoRuntime._Box.init)"
                        )
                    ]
                }
                return [([field.tag], "try decoder.decodeMessage(&\(p))")]
            case .group:
                if field.isBoxed {
                    return [
                        (
                            [field.tag],
                            "var value = self._\(field.name)?.value; try decoder.decodeGroup(&value, fieldNumber: \(n)); self._\(field.name) = value.map(ProtoRuntime._Box.init)"
                        )
                    ]
                }
                return [([field.tag], "try decoder.decodeGroup(&\(p), fieldNumber: \(n))")]
            }
        }
    }

    private func decodeRepeatedCases(_ field: FieldModel, property p: String) -> [([UInt32], String)] {
        let n = field.number
        switch field.valueType {
        case .scalar(let info) where info.isPackable:
            return [
                (
                    [field.tag, field.tag(wireType: 2)],
                    "try decoder.decodeRepeated(\(field.kindType).self, tag: tag, into: &\(p))"
                )
            ]
        case .scalar(let info):
            return [([field.tag], "\(p).append(try decoder.\(info.decode)())")]
        case .enumeration(let name, let isClosed, _):
            if isClosed {
                return [
                    (
                        [field.tag],
                        "if let value = try decoder.decodeClosedEnum(\(name).self, fieldNumber: \(n), unknownFields: &self.unknownFields) { \(p).append(value) }"
                    ),
                    (
                        [field.tag(wireType: 2)],
                        "try decoder.decodePackedEnum(\(name).self, fieldNumber: \(n), into: &\(p), unknownFields: &self.unknownFields)"
                    ),
                ]
            }
            return [
                (
                    [field.tag, field.tag(wireType: 2)],
                    "try decoder.decodeRepeated(\(field.kindType).self, tag: tag, into: &\(p))"
                )
            ]
        case .message(let name):
            return [([field.tag], "var value = \(name)(); try decoder.decodeMessage(&value); \(p).append(value)")]
        case .group(let name):
            return [
                (
                    [field.tag],
                    "var value = \(name)(); try decoder.decodeGroup(&value, fieldNumber: \(n)); \(p).append(value)"
                )
            ]
        }
    }

    // MARK: Encoding

    private func renderEncode(fields: [FieldModel], message: MessageProto, into out: inout SwiftWriter) {
        out.block("\(access)func _protoEncode(to encoder: inout ProtoRuntime.BinaryEncoder) {") { out in
            // Fields and extension ranges in field-number order, as other implementations write them.
            var ranges = message.extensionRange.map { (Int($0.start ?? 0), Int($0.end ?? 0)) }.sorted { $0.0 < $1.0 }
            for field in fields.sorted(by: { $0.number < $1.number }) {
                while let range = ranges.first, range.0 < field.number {
                    out.line("encoder.encodeExtensionFields(self.extensions, in: \(range.0)..<\(range.1))")
                    ranges.removeFirst()
                }
                for line in encodeLines(field) { out.line(line) }
            }
            for range in ranges {
                out.line("encoder.encodeExtensionFields(self.extensions, in: \(range.0)..<\(range.1))")
            }
            out.line("encoder.encodeUnknownFields(self.unknownFields)")
        }
    }

    /// The statement that writes one value held in `value` (no presence check).
    private func encodeValue(_ field: FieldModel, _ value: String) -> String {
        switch field.valueType {
        case .scalar(let info) where info.kind == "ProtoString":
            return "encoder.encodeString(\(value), tag: \(field.tag))"
        case .scalar(let info) where info.kind == "ProtoBytes":
            return "encoder.encodeBytes(\(value), tag: \(field.tag))"
        case .scalar, .enumeration:
            return "encoder.encodeScalar(\(field.kindType).self, \(value), tag: \(field.tag))"
        case .message:
            return "encoder.encodeMessage(\(value), tag: \(field.tag))"
        case .group:
            return "encoder.encodeGroup(\(value), fieldNumber: \(field.number))"
        }
    }

    private func encodeLines(_ field: FieldModel) -> [String] {
        let p = "self." + field.property
        switch field.storage {
        case .implicit:
            return ["if \(Self.nonDefaultCondition(field, p)) { \(encodeValue(field, p)) }"]
        case .optional:
            return ["if let value = \(p) { \(encodeValue(field, "value")) }"]
        case .oneofMember:
            let oneof = "self." + SwiftNaming.escaped(oneofProperty(of: field) ?? "")
            return ["if case .\(field.property)(let value)? = \(oneof) { \(encodeValue(field, "value")) }"]
        case .map(let key, let value):
            return [
                "encoder.encodeMap(\(key.kindType).self, \(value.kindType).self, \(p), fieldNumber: \(field.number))"
            ]
        case .repeated(let packed):
            switch field.valueType {
            case .scalar(let info) where info.isPackable:
                let method = packed ? "encodePacked" : "encodeUnpacked"
                return ["encoder.\(method)(\(field.kindType).self, \(p), fieldNumber: \(field.number))"]
            case .enumeration:
                let method = packed ? "encodePacked" : "encodeUnpacked"
                return ["encoder.\(method)(\(field.kindType).self, \(p), fieldNumber: \(field.number))"]
            default:
                return ["for value in \(p) { \(encodeValue(field, "value")) }"]
            }
        }
    }

    static func nonDefaultCondition(_ field: FieldModel, _ p: String) -> String {
        switch field.valueType {
        case .scalar(let info):
            switch info.kind {
            case "ProtoString", "ProtoBytes": return "!\(p).isEmpty"
            case "ProtoBool": return p
            case "ProtoFloat", "ProtoDouble": return "\(p).bitPattern != 0"  // -0.0 is written, as upstream does
            default: return "\(p) != 0"
            }
        case .enumeration: return "\(p).rawValue != 0"
        case .message, .group: return "true"
        }
    }

    // MARK: Required fields, extension ranges, oneofs

    private func renderIsInitialized(fields: [FieldModel], into out: inout SwiftWriter) {
        out.block("\(access)var _protoIsInitialized: Swift.Bool {") { out in
            for field in fields {
                let p = "self." + field.property
                if field.isRequired { out.line("if \(p) == nil { return false }") }
                let target: String?
                switch field.valueType {
                case .message: target = field.proto.typeName
                case .group: target = field.proto.typeName
                default: target = nil
                }
                var checksNested = target.map { symbols.needsInitCheck.contains($0) } ?? false
                if case .map(_, let value) = field.storage, case .message = value.valueType {
                    let entry = symbols[field.proto.typeName ?? ""]?.message
                    let valueType = entry?.field.first { $0.number == 2 }?.typeName
                    checksNested = valueType.map { symbols.needsInitCheck.contains($0) } ?? false
                }
                guard checksNested else { continue }
                switch field.storage {
                case .implicit, .optional:
                    out.line("if let value = \(p), !value._protoIsInitialized { return false }")
                case .repeated:
                    out.line("for value in \(p) where !value._protoIsInitialized { return false }")
                case .map:
                    out.line("for value in \(p).values where !value._protoIsInitialized { return false }")
                case .oneofMember:
                    out.line("if let value = \(p), !value._protoIsInitialized { return false }")
                }
            }
            out.line("return true")
        }
    }

    private func renderExtensionRanges(_ message: MessageProto, into out: inout SwiftWriter) {
        let checks = message.extensionRange.map { "(\($0.start ?? 0)..<\($0.end ?? 0)).contains(fieldNumber)" }
        out.block("\(access)static func _isExtensionFieldNumber(_ fieldNumber: Swift.Int) -> Swift.Bool {") { out in
            out.line(checks.joined(separator: " || "))
        }
    }

    private func renderOneofEnum(_ oneof: Oneof, into out: inout SwiftWriter) {
        out.docComment(comments.leading(oneof.protoPath))
        let indirect = oneof.members.contains { member in
            if case .message = member.valueType { return member.isBoxed }
            if case .group = member.valueType { return member.isBoxed }
            return false
        }
        let keyword = indirect ? "indirect enum" : "enum"
        out.block("\(access)\(keyword) \(oneof.swiftTypeName): Swift.Sendable, Swift.Hashable {") { out in
            for member in oneof.members {
                out.line("case \(member.property)(\(member.valueSwiftType))")
            }
        }
    }

}
