/// Why a CEL expression could not be compiled: it does not parse, uses something outside the
/// supported subset, names an unknown field, or does not type-check against the message.
///
/// The description names the expression and the position (1-based line and column); the
/// generator adds the `.proto` file, the field and the rule id.
///
/// ```swift
/// // no matching overload: "'>' cannot compare string and int" at 1:11 in `this.name > 3`
/// ```
package struct CELCompileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem this is.
    package struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable {
            case syntax, unsupported, undeclared, noSuchField, noMatchingOverload, invalidLiteral, invalidResult
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The text is not a CEL expression.
        package static let syntax = Code(.syntax)
        /// Valid CEL, but outside the subset the compiler supports.
        package static let unsupported = Code(.unsupported)
        /// An identifier that is not `this`, `rules`, `rule`, `now` or a macro variable.
        package static let undeclared = Code(.undeclared)
        /// A field the message does not have.
        package static let noSuchField = Code(.noSuchField)
        /// An operator or function applied to types it does not accept.
        package static let noMatchingOverload = Code(.noMatchingOverload)
        /// A literal argument that is invalid (`duration("1x")`, a bad regular expression).
        package static let invalidLiteral = Code(.invalidLiteral)
        /// The expression is neither bool nor string.
        package static let invalidResult = Code(.invalidResult)

        package var description: String {
            switch value {
            case .syntax: "syntax error"
            case .unsupported: "unsupported"
            case .undeclared: "undeclared reference"
            case .noSuchField: "no such field"
            case .noMatchingOverload: "no matching overload"
            case .invalidLiteral: "invalid literal"
            case .invalidResult: "invalid result type"
            }
        }
    }

    /// What kind of problem this is.
    package var code: Code
    /// A sentence saying what is wrong.
    package var message: String
    /// The whole expression.
    package var expression: String
    /// 1-based line of the problem in the expression.
    package var line: Int
    /// 1-based column (in characters) of the problem in its line.
    package var column: Int
    /// The underlying error, when there is one (a regular-expression syntax error).
    package var cause: String?

    /// Creates an error at the given UTF-8 offset of `expression`.
    package init(code: Code, message: String, expression: String, offset: Int, cause: String? = nil) {
        self.code = code
        self.message = message
        self.expression = expression
        self.cause = cause
        var line = 1
        var column = 1
        for scalar in String(decoding: expression.utf8.prefix(offset), as: UTF8.self).unicodeScalars {
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        self.line = line
        self.column = column
    }

    /// `no matching overload: "…" at 1:11 in `this.name > 3``.
    package var description: String {
        "\(code): \"\(message)\" at \(line):\(column) in `\(expression)`" + (cause.map { " (cause: \($0))" } ?? "")
    }
}
