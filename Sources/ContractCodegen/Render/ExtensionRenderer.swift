internal import ProtoRuntime

/// Writes a file's `extend` fields as typed ``ExtensionField`` declarations in one namespace
/// enum per file (`<Prefix><FileName>_Extensions`), with a `registry` holding them all.
struct ExtensionRenderer {
    let file: FileProto
    let symbols: SymbolTable
    let access: String
    let comments: Comments

    /// The namespace for a file's extensions: `room619/testing/v1/proto2_types.proto` in
    /// package `room619.testing.v1` → `Room619_Testing_V1_Proto2Types_Extensions`.
    static func namespace(for file: FileProto, suffix: String = "_Extensions") -> String {
        let prefix = file.options?.swiftPrefix ?? SwiftNaming.packagePrefix(file.package ?? "")
        let base = (file.name ?? "").split(separator: "/").last.map(String.init) ?? ""
        let stem = base.hasSuffix(".proto") ? String(base.dropLast(6)) : base
        return prefix + SwiftNaming.upperCamel(stem) + suffix
    }

    /// Extensions of protovalidate's rule messages (`extend buf.validate.StringRules`) declare
    /// predefined rules: the generator compiles them into the validators of the fields that use
    /// them, and the rule messages have no Swift types at run time, so they are not written.
    static func isWritten(_ field: FieldProto) -> Bool {
        !(field.extendee ?? "").hasPrefix(".buf.validate.")
    }

    func render(into out: inout SwiftWriter) {
        var declarations: [(name: String, field: FieldProto, scope: String, path: [Int32])] = []
        let package = file.package ?? ""
        for (index, field) in file.extension.enumerated() where Self.isWritten(field) {
            declarations.append((FieldModel.propertyName(of: field), field, package, [7, Int32(index)]))
        }
        func collect(_ message: MessageProto, scope: String, swiftPrefix: String, path: [Int32]) {
            let fullScope = scope.isEmpty ? (message.name ?? "") : scope + "." + (message.name ?? "")
            // Extensions declared in a message are named after it: `Holder.nested_ext` → `holderNestedExt`.
            let prefix = swiftPrefix + SwiftNaming.upperCamel(message.name ?? "")
            for (index, field) in message.extension.enumerated() where Self.isWritten(field) {
                let name = FieldModel.propertyName(of: field)
                let qualified = SwiftNaming.lowerFirst(prefix) + SwiftNaming.capitalized(name)
                declarations.append((qualified, field, fullScope, path + [6, Int32(index)]))
            }
            for (index, nested) in message.nestedType.enumerated() {
                collect(nested, scope: fullScope, swiftPrefix: prefix, path: path + [3, Int32(index)])
            }
        }
        for (index, message) in file.messageType.enumerated() {
            collect(message, scope: package, swiftPrefix: "", path: [4, Int32(index)])
        }
        guard !declarations.isEmpty else { return }
        out.line()
        out.line("/// The extension fields declared in \(file.name ?? "").")
        out.block("\(access)enum \(Self.namespace(for: file)) {") { out in
            for declaration in declarations {
                let field = declaration.field
                let fullName = (declaration.scope.isEmpty ? "" : declaration.scope + ".") + (field.name ?? "")
                let extendee = symbols.qualifiedName(field.extendee ?? "")
                out.docComment(comments.leading(declaration.path))
                out.line(
                    "\(access)static let \(SwiftNaming.escaped(declaration.name)) = ProtoRuntime.ExtensionField<\(extendee), \(kind(of: field))>(fieldNumber: \(field.number ?? 0), fullName: \(SwiftNaming.stringLiteral(fullName)))"
                )
            }
            out.line()
            out.line("/// Every extension above, for ``ProtoRuntime/BinaryDecodingOptions/extensions``.")
            let all = declarations.map { SwiftNaming.escaped($0.name) }.joined(separator: ", ")
            out.line("\(access)static let registry = ProtoRuntime.ExtensionRegistry([\(all)])")
        }
    }

    private func kind(of field: FieldProto) -> String {
        let isProto3 = file.syntax == "proto3"
        let valueType = FieldModel.makeValueType(field, isProto3: isProto3, symbols: symbols)
        let repeated = field.label == .repeated
        switch valueType {
        case .group(let name):
            return repeated
                ? "ProtoRuntime.RepeatedGroupExtension<\(name)>" : "ProtoRuntime.OptionalGroupExtension<\(name)>"
        case .enumeration(let name, _, _):
            // Enum kinds route numbers a closed enum lacks to unknown fields.
            guard repeated else { return "ProtoRuntime.OptionalEnumExtension<\(name)>" }
            let packed = field.options?.packed ?? isProto3
            return packed ? "ProtoRuntime.PackedEnumExtension<\(name)>" : "ProtoRuntime.RepeatedEnumExtension<\(name)>"
        default:
            let kind: String
            switch valueType {
            case .scalar(let info): kind = "ProtoRuntime.\(info.kind)"
            case .enumeration(let name, _, _): kind = "ProtoRuntime.ProtoEnumKind<\(name)>"
            case .message(let name), .group(let name): kind = "ProtoRuntime.ProtoMessageKind<\(name)>"
            }
            guard repeated else { return "ProtoRuntime.OptionalExtension<\(kind)>" }
            let packable: Bool
            if case .scalar(let info) = valueType {
                packable = info.isPackable
            } else if case .enumeration = valueType {
                packable = true
            } else {
                packable = false
            }
            let packed = packable && (field.options?.packed ?? isProto3)
            return packed ? "ProtoRuntime.PackedExtension<\(kind)>" : "ProtoRuntime.RepeatedExtension<\(kind)>"
        }
    }
}
