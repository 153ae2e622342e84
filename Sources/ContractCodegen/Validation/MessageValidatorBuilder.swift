internal import ProtoRuntime

/// Compiles the rules of one message into the statements of its `validate(into:)`.
///
/// Field semantics follow protovalidate: a field with `ignore: IGNORE_ALWAYS` is skipped; a
/// `required` field that is unset (or zero, for fields without presence; empty, for lists and
/// maps) gets a `required` violation and nothing else; an unset field with presence is skipped;
/// `IGNORE_IF_ZERO_VALUE` also skips a zero value. Then, on the value: CEL rules, the nested
/// message's own rules, and the standard rules of the field's type.
struct MessageValidatorBuilder {
    let symbols: SymbolTable
    let plan: ValidationPlan
    let file: FileProto
    let message: MessageProto
    let symbol: TypeSymbol
    /// Statements of the method body, indented relative to it.
    var lines: [String] = []
    /// Static declarations the statements use (compiled patterns).
    private(set) var statics: [String] = []
    /// File-scope declarations of compiled CEL rules (regular expressions), by name.
    var fileDeclarations: [String: String] = [:]
    private(set) var diagnostics: [Diagnostic] = []
    private var indentation = 0
    private var counter = 0

    init(symbols: SymbolTable, plan: ValidationPlan, file: FileProto, message: MessageProto, symbol: TypeSymbol) {
        self.symbols = symbols
        self.plan = plan
        self.file = file
        self.message = message
        self.symbol = symbol
    }

    /// Where a violation is reported: the field's name for a field of this message, `nil` inside
    /// a list item or map entry (whose path the context already holds).
    struct Site {
        var field: String?
        var isForKey = false
        /// How the location reads in generation errors.
        var description: String
    }

    mutating func build() {
        buildMessageRules()
        buildOneofRules()
        for field in message.field { buildField(field) }
    }

    // MARK: Writing

    mutating func emit(_ line: String) {
        lines.append(String(repeating: "    ", count: indentation) + line)
    }

    /// Writes `header {`, the body, and `}`.
    /// A header that opens a closure (`… { context in`) is written as it is.
    mutating func block(
        _ header: String, closing: String = "}", _ body: (inout MessageValidatorBuilder) -> Void
    ) {
        emit(header.hasSuffix(" in") ? header : header + " {")
        indentation += 1
        body(&self)
        indentation -= 1
        emit(closing)
    }

    /// Writes `if condition { report }` on one line.
    mutating func check(_ condition: String, _ site: Site, rule: String, message: String) {
        emit("if \(condition) { \(report(site, rule: rule, message: message)) }")
    }

    /// The statement that records a violation.
    func report(_ site: Site, rule: String, message: String) -> String {
        let field = site.field.map { SwiftNaming.stringLiteral($0) } ?? "nil"
        let key = site.isForKey ? ", isForKey: true" : ""
        return
            "context.add(field: \(field), rule: \(SwiftNaming.stringLiteral(rule)), message: \(SwiftNaming.stringLiteral(message))\(key))"
    }

    /// A fresh Swift identifier with the given stem.
    mutating func uniqueName(_ stem: String) -> String {
        counter += 1
        return "_\(stem)\(counter)"
    }

    mutating func addStatic(_ declaration: String) { statics.append(declaration) }

    /// Records a generation error about a rule of a field.
    mutating func error(_ site: Site, rule: String, _ text: String, fix: String? = nil) {
        diagnostics.append(
            Diagnostic(
                .error, "rule \(rule): \(text)", at: "\(file.name ?? ""): \(symbol.protoName).\(site.description)",
                fix: fix))
    }

    /// Records a generation error about the message itself.
    mutating func messageError(_ text: String, fix: String? = nil) {
        diagnostics.append(Diagnostic(.error, text, at: "\(file.name ?? ""): \(symbol.protoName)", fix: fix))
    }
}
