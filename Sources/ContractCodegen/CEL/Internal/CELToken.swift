/// One token of a CEL expression, with its UTF-8 offset.
struct CELToken: Equatable {
    enum Kind: Equatable {
        case identifier(String)
        /// An int literal's magnitude (the sign is a separate token); may exceed `Int64.max` by
        /// one, for `-9223372036854775808`.
        case int(UInt64)
        case uint(UInt64)
        case double(Double)
        case string(String)
        case bytes([UInt8])
        /// An operator or punctuation: `(`, `)`, `[`, `]`, `{`, `}`, `.`, `,`, `:`, `?`, `!`, `+`,
        /// `-`, `*`, `/`, `%`, `<`, `<=`, `>`, `>=`, `==`, `!=`, `&&`, `||`.
        case symbol(String)
        case end
    }

    var kind: Kind
    var offset: Int
}

/// Identifiers CEL reserves; they may not name anything.
let celReservedWords: Set<String> = [
    "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop", "package",
    "namespace", "return", "var", "void", "while",
]
