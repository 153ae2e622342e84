/// Turns an RE2 pattern (protovalidate's `string.pattern`) into a JSON Schema `pattern`
/// (ECMA-262), or says it cannot.
///
/// RE2 and ECMA-262 agree on the syntax that contract patterns use: literals, classes,
/// `\d \w \s \b`, groups, alternation, greedy and lazy repetition and anchors. What differs is
/// rewritten to a form that matches the same strings in ECMA-262 and in Python's `re` (which the
/// validators and example generators of the Python tools use):
///
/// | RE2 | written as |
/// |---|---|
/// | `\A`, `\z` | `^`, `$` |
/// | `(?P<name>re)`, `(?<name>re)` | `(?:re)` (the name does not change what matches) |
/// | `[[:alpha:]]` and the other ASCII classes | their ranges (`[a-zA-Z]`) |
/// | `\x{4E00}` | `\u4E00` |
///
/// A pattern that needs what has no common form — flags (`(?i)`, `(?s:…)`), Unicode classes
/// (`\pL`, `\p{Greek}`), `\Q…\E`, `\C`, octal escapes, code points past U+FFFF, negated ASCII
/// classes — gives `nil`: the generator then documents the RE2 pattern in the description
/// instead of writing a `pattern` that would accept or refuse other strings than the server.
package enum ECMAPattern {
    /// The ECMA-262 form of `re2`, or `nil` when there is none that matches the same strings.
    package static func translate(_ re2: String) -> String? {
        let scalars = Array(re2.unicodeScalars)
        var output = ""
        var index = 0
        var inClass = false
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\" {
                guard index + 1 < scalars.count, let escape = translateEscape(scalars, at: index, inClass: inClass)
                else { return nil }
                output += escape.text
                index += escape.length
                continue
            }
            if inClass {
                if scalar == "[", index + 1 < scalars.count, scalars[index + 1] == ":" {
                    guard let posix = posixClass(scalars, at: index) else { return nil }
                    output += posix.text
                    index += posix.length
                    continue
                }
                if scalar == "]" { inClass = false }
                output.unicodeScalars.append(scalar)
                index += 1
                continue
            }
            if scalar == "[" {
                inClass = true
                output += "["
                index += 1
                // A `]` or `^]` right after the opening bracket is a literal in RE2.
                if index < scalars.count, scalars[index] == "^" {
                    output += "^"
                    index += 1
                }
                if index < scalars.count, scalars[index] == "]" {
                    output += "\\]"
                    index += 1
                }
                continue
            }
            if scalar == "(", index + 1 < scalars.count, scalars[index + 1] == "?" {
                guard let group = translateGroup(scalars, at: index) else { return nil }
                output += "(?:"
                index += group
                continue
            }
            output.unicodeScalars.append(scalar)
            index += 1
        }
        return inClass ? nil : output
    }

    /// `(?:`, `(?P<name>` or `(?<name>`: how many scalars the opening takes; flags give `nil`.
    private static func translateGroup(_ scalars: [Unicode.Scalar], at start: Int) -> Int? {
        var index = start + 2
        guard index < scalars.count else { return nil }
        if scalars[index] == ":" { return 3 }
        if scalars[index] == "P" { index += 1 }
        guard index < scalars.count, scalars[index] == "<" else { return nil }
        while index < scalars.count, scalars[index] != ">" { index += 1 }
        return index < scalars.count ? index - start + 1 : nil
    }

    /// An escape at `start` (a backslash): its ECMA-262 text and length, or `nil`.
    private static func translateEscape(
        _ scalars: [Unicode.Scalar], at start: Int, inClass: Bool
    ) -> (text: String, length: Int)? {
        let next = scalars[start + 1]
        switch next {
        case "A": return inClass ? nil : ("^", 2)
        case "z": return inClass ? nil : ("$", 2)
        case "p", "P", "Q", "E", "C", "Z": return nil
        case "0"..."9": return nil
        case "x":
            guard start + 2 < scalars.count, scalars[start + 2] == "{" else { return ("\\x", 2) }
            var index = start + 3
            var digits = ""
            while index < scalars.count, scalars[index] != "}" {
                digits.unicodeScalars.append(scalars[index])
                index += 1
            }
            guard index < scalars.count, let value = UInt32(digits, radix: 16), value <= 0xFFFF else { return nil }
            let hex = String(value, radix: 16, uppercase: true)
            return ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex, index - start + 1)
        default:
            var text = "\\"
            text.unicodeScalars.append(next)
            return (text, 2)
        }
    }

    /// The ASCII classes RE2 accepts inside brackets, as ranges.
    static let posixClasses: [String: String] = [
        "alnum": "0-9A-Za-z", "alpha": "A-Za-z", "ascii": "\\x00-\\x7F", "blank": "\\t ",
        "cntrl": "\\x00-\\x1F\\x7F", "digit": "0-9", "graph": "!-~", "lower": "a-z", "print": " -~",
        "punct": "!-/:-@\\[-`{-~", "space": "\\t\\n\\v\\f\\r ", "upper": "A-Z", "word": "0-9A-Za-z_",
        "xdigit": "0-9A-Fa-f",
    ]

    /// `[:name:]` at `start`: its ranges and length; negated (`[:^name:]`) or unknown gives `nil`.
    private static func posixClass(_ scalars: [Unicode.Scalar], at start: Int) -> (text: String, length: Int)? {
        var index = start + 2
        var name = ""
        while index < scalars.count, scalars[index] != ":" {
            name.unicodeScalars.append(scalars[index])
            index += 1
        }
        guard index + 1 < scalars.count, scalars[index + 1] == "]", let ranges = posixClasses[name] else {
            return nil
        }
        return (ranges, index + 2 - start)
    }
}
