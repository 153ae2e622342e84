internal import ProtoRuntime

/// Writes `validate(into:)` for every validated message of a file: the message's `buf.validate`
/// rules compiled into straight Swift (no reflection, no interpreter), in protovalidate's order —
/// message rules, then oneofs, then each field in declaration order.
struct ValidatorRenderer {
    let symbols: SymbolTable
    let file: FileProto
    /// `"public "`, `"package "` or `""`.
    let access: String
    var diagnostics: [Diagnostic] = []
    var plan: ValidationPlan { symbols.validation }

    init(symbols: SymbolTable, file: FileProto, access: String) {
        self.symbols = symbols
        self.file = file
        self.access = access
    }

    /// True when the file declares at least one validated message.
    var hasValidators: Bool { !validatedMessages().isEmpty }

    /// Validated messages of the file, outer before nested, in declaration order.
    func validatedMessages() -> [TypeSymbol] {
        var found: [TypeSymbol] = []
        func visit(_ message: MessageProto, fullName: String) {
            guard let symbol = symbols[fullName], !symbol.isMapEntry else { return }
            if plan.validated.contains(fullName) { found.append(symbol) }
            for nested in message.nestedType { visit(nested, fullName: fullName + "." + (nested.name ?? "")) }
        }
        let scope = (file.package ?? "").isEmpty ? "" : "." + (file.package ?? "")
        for message in file.messageType { visit(message, fullName: scope + "." + (message.name ?? "")) }
        return found
    }

    /// Writes one `extension … : Validation.ValidatableMessage` per validated message.
    mutating func render(into out: inout SwiftWriter) {
        var declarations: [String: String] = [:]
        defer {
            if !declarations.isEmpty { out.line() }
            for (_, declaration) in declarations.sorted(by: { $0.key < $1.key }) { out.line(declaration) }
        }
        for symbol in validatedMessages() {
            guard let message = symbol.message else { continue }
            var body = MessageValidatorBuilder(
                symbols: symbols, plan: plan, file: file, message: message, symbol: symbol)
            body.build()
            diagnostics += body.diagnostics
            declarations.merge(body.fileDeclarations) { first, _ in first }
            out.line()
            out.block("extension \(symbol.swiftName): Validation.ValidatableMessage {") { out in
                for declaration in body.statics { out.line(declaration) }
                if !body.statics.isEmpty { out.line() }
                out.block("\(access)func validate(into context: inout Validation.ValidationContext) {") { out in
                    for line in body.lines { out.line(line) }
                }
            }
        }
    }
}
