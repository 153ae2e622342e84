internal import ProtoRuntime

/// The CEL compiler's view of the messages, from the generator's symbol table.
struct CELEnvironment: CELTypeEnvironment {
    let symbols: SymbolTable

    func field(_ name: String, of message: String) -> CELFieldInfo? {
        guard let symbol = symbols["." + message], let descriptor = symbol.message,
            let field = descriptor.field.first(where: { $0.name == name })
        else { return nil }
        var scratch: [Diagnostic] = []
        let model = FieldModel.make(
            field, in: descriptor, ownerName: symbol.fullName, file: symbol.file, symbols: symbols,
            diagnostics: &scratch)
        let shape: CELFieldInfo.Shape
        let kind: ValueKind
        switch model.storage {
        case .implicit:
            (shape, kind) = (.single, ValueKind.of(field, symbols: symbols))
        case .optional, .oneofMember:
            (shape, kind) = (.optional, ValueKind.of(field, symbols: symbols))
        case .repeated:
            (shape, kind) = (.repeated, ValueKind.of(field, symbols: symbols))
        case .map(let key, let value):
            (shape, kind) = (
                .map(key: ValueKind.of(key.proto, symbols: symbols).celKind),
                ValueKind.of(value.proto, symbols: symbols)
            )
        }
        return CELFieldInfo(kind: kind.celKind, shape: shape, swiftAccessor: model.property)
    }

    func swiftTypeName(ofMessage message: String) -> String? {
        guard symbols["." + message] != nil else { return nil }
        return symbols.qualifiedName("." + message)
    }
}
