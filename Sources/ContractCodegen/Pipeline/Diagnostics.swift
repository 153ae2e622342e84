/// A problem the generator found, with where it is and how to fix it.
package struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How bad it is.
    package enum Severity: String, Sendable, Hashable { case error, warning }

    /// How bad it is.
    package var severity: Severity
    /// What is wrong.
    package var message: String
    /// The `.proto` file (and element) it concerns.
    package var location: String
    /// How to fix it, when the generator knows.
    package var fix: String?

    /// Creates a diagnostic.
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
    /// Every error found, in the order found.
    package var diagnostics: [Diagnostic]
    /// Creates the error.
    package init(diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
    package var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
