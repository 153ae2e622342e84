/// A compiled CEL rule: one Swift expression and what the generator must put around it.
///
/// The generator evaluates `swift` where `this` (and `now`, when ``usesNow``) are bound as given
/// in ``CELBindings``, inside a function that can throw `Validation.CELEvaluationError` when
/// ``canThrow``, and writes ``declarations`` once at file scope (deduplicated by name: the same
/// regular expression compiled twice has the same name and the same text).
///
/// ```swift
/// let now = context.now  // only when usesNow
/// do throws(Validation.CELEvaluationError) {
///     let passed = try <swift>           // resultKind == .bool
///     if !passed { context.add(field: "name", rule: id, message: message) }
/// } catch {
///     context.fail(field: "name", rule: id, reason: error.message)
/// }
/// ```
package struct CELCompiled: Sendable, Hashable {
    /// What the expression evaluates to.
    package enum ResultKind: Sendable, Hashable {
        /// `false` is a violation carrying the rule's own message.
        case bool
        /// A non-empty string is a violation with that string as its message; empty passes.
        case string
    }

    /// A file-scope Swift declaration the expression refers to.
    package struct Declaration: Sendable, Hashable {
        /// The declared name (`_celRegex_1f0a…`), unique to its text.
        package var name: String
        /// The whole declaration, one line.
        package var swift: String
    }

    /// What the expression evaluates to.
    package var resultKind: ResultKind
    /// A Swift expression of type `Swift.Bool` or `Swift.String`; it begins with `try` when
    /// ``canThrow``.
    package var swift: String
    /// True when evaluation can throw `Validation.CELEvaluationError`.
    package var canThrow: Bool
    /// True when the expression reads ``CELBindings/nowSwift``.
    package var usesNow: Bool
    /// File-scope declarations the expression needs, sorted by name.
    package var declarations: [Declaration]
}
