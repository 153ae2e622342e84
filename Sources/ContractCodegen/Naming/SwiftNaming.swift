/// How protobuf names become Swift names. The rules, in one place (also in docs/codegen.md):
///
/// - A proto package becomes a type-name prefix: each dot-separated part UpperCamelCased and
///   joined with `_`, then `_` and the type name: package `user.v1`, message `User` →
///   `User_V1_User`. The file option `swift_prefix` replaces the prefix. Nested types nest.
/// - Fields become lowerCamelCase properties (`order_id` → `orderID`: the words `id`, `url`,
///   `uri`, `http`, `https`, `json` are upper-cased as whole words after the first).
/// - Enum values lose the enum's name as a prefix when what remains is a valid name
///   (`STATUS_ACTIVE` in `Status` → `.active`).
/// - Swift keywords are escaped with backticks; names that would clash with members the
///   generator adds (`unknownFields`, `hashValue`, …) or that Swift forbids even escaped
///   (`self`, `Type`) get a `_p` suffix, and nested types named `Type` or `Protocol` an
///   `Enum`/`Message` suffix.
package enum SwiftNaming {
    static let acronyms: Set<String> = ["id", "url", "uri", "http", "https", "json"]

    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
        "inout", "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public",
        "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case", "catch",
        "continue", "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat",
        "return", "throw", "switch", "where", "while", "Any", "as", "await", "false", "is", "nil", "super",
        "throws", "true", "try", "package", "consume", "borrowing", "consuming", "some", "any",
    ]

    /// Property names taken by the generator or unusable even with backticks.
    static let reservedMembers: Set<String> = [
        "self", "Self", "Type", "Protocol", "unknownFields", "extensions", "hashValue", "isInitialized",
        "protoMessageName", "protoName", "protoEnumName", "rawValue", "allCases", "init", "deinit",
        "subscript", "hash", "description", "debugDescription",
    ]

    /// Type names unusable as nested types.
    static let reservedTypeNames: Set<String> = ["Type", "Protocol", "Self", "Any", "Sendable", "Hashable"]

    /// Splits `snake_case`, `camelCase` and `SCREAMING_CASE` into lowercase words.
    static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previous: Character?
        for char in name {
            if char == "_" || char == "-" || char == "." {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else if char.isUppercase, let prev = previous, prev.isLowercase || prev.isNumber, !current.isEmpty {
                words.append(current)
                current = String(char)
            } else {
                current.append(char)
            }
            previous = char
        }
        if !current.isEmpty { words.append(current) }
        return words.map { $0.lowercased() }
    }

    /// `order_id` → `orderID`, `HTTPServer` → `httpServer`.
    package static func lowerCamel(_ name: String) -> String {
        let parts = words(name)
        guard let first = parts.first else { return "_" }
        var result = first
        for word in parts.dropFirst() { result += acronyms.contains(word) ? word.uppercased() : capitalized(word) }
        return result
    }

    /// `line_item` → `LineItem`.
    package static func upperCamel(_ name: String) -> String {
        words(name).map { acronyms.contains($0) && $0 != "id" ? $0.uppercased() : capitalized($0) }.joined()
    }

    /// `HolderX` → `holderX`.
    static func lowerFirst(_ word: String) -> String {
        guard let first = word.first else { return word }
        return first.lowercased() + word.dropFirst()
    }

    static func capitalized(_ word: String) -> String {
        guard let first = word.first else { return word }
        return first.uppercased() + word.dropFirst()
    }

    /// The Swift property name for a field.
    package static func propertyName(_ protoName: String) -> String {
        var name = lowerCamel(protoName)
        if let first = name.first, first.isNumber { name = "_" + name }
        if reservedMembers.contains(name) { name += "_p" }
        return name
    }

    /// A declaration-safe identifier: keywords in backticks.
    package static func escaped(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }

    /// The Swift name for a nested message or enum.
    package static func nestedTypeName(_ protoName: String, isEnum: Bool) -> String {
        let name = upperCamelKeepingCase(protoName)
        if reservedTypeNames.contains(name) { return name + (isEnum ? "Enum" : "Message") }
        return name
    }

    /// The type-name prefix for a proto package: `user.v1` → `User_V1_`.
    package static func packagePrefix(_ package: String) -> String {
        guard !package.isEmpty else { return "" }
        return package.split(separator: ".").map { part in
            let camel = upperCamel(String(part))
            return camel.isEmpty ? String(part) : camel
        }.joined(separator: "_") + "_"
    }

    /// The Swift case name for an enum value, stripping the enum-name prefix when possible.
    package static func enumCaseName(_ valueName: String, enumName: String, stripPrefix: Bool) -> String {
        var base = valueName
        if stripPrefix {
            let prefix = words(enumName).joined(separator: "_") + "_"
            if valueName.lowercased().hasPrefix(prefix) {
                let rest = String(valueName.dropFirst(prefix.count))
                if let first = rest.first, first.isLetter || first == "_" { base = rest }
            }
        }
        var name = lowerCamel(base)
        if let first = name.first, first.isNumber { name = "_" + name }
        if reservedMembers.contains(name) || name == "unrecognized" { name += "_p" }
        return name
    }

    /// Swift string-literal text for `value` (quotes included).
    package static func stringLiteral(_ value: String) -> String {
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
