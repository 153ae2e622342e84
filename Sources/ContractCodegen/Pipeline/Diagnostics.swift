/// A problem the generator found, with where it is and how to fix it.
package struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How bad it is.
    package enum Severity: String, Sendable, Hashable { case error, warning }

    package var severity: Severity
    package var message: String
    /// The `.proto` file (and element) it concerns.
    package var location: String
    package var fix: String?

    package init(_ severity: Severity, _ message: String, at location: String, fix: String? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
        self.fix = fix
    }

    package var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let fix { text += " (fix: \(fix))" }
        return text
    }
}

/// The error the generator throws once, carrying every error diagnostic it collected.
package struct CodegenError: Error, Sendable, Hashable, CustomStringConvertible {
    package var diagnostics: [Diagnostic]
    package init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    package var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
