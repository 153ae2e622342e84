/// A named class that a pattern can add to a character class: a Perl class (`\d`), a POSIX
/// class (`[:alpha:]`) or a Unicode class (`\pL`), possibly negated (`\D`, `[:^alpha:]`, `\PL`).
struct RegexClassGroup {
    /// The values of the positive class.
    var charClass: RegexCharClass
    /// Whether the group stands for the values outside ``charClass``.
    var isNegated: Bool

    /// Adds the group to `builder` as RE2's `AddUGroup` does. A folded negated group is built
    /// positively with its case partners, then inverted, so `(?i)\W` keeps out `K` (Kelvin),
    /// whose partner `k` is a word character.
    func add(to builder: inout RegexCharClassBuilder, foldCase: Bool) {
        guard isNegated else {
            builder.add(charClass.ranges, foldCase: foldCase)
            return
        }
        if foldCase {
            var positive = RegexCharClassBuilder()
            positive.add(charClass.ranges, foldCase: true)
            builder.add(positive.build().inverted())
        } else {
            builder.add(charClass.inverted())
        }
    }

    /// `\d \s \w \D \S \W`: ASCII only, as in RE2.
    static func perl(_ letter: Unicode.Scalar) -> RegexClassGroup? {
        switch letter {
        case "d": RegexClassGroup(charClass: digit, isNegated: false)
        case "D": RegexClassGroup(charClass: digit, isNegated: true)
        case "s": RegexClassGroup(charClass: perlSpace, isNegated: false)
        case "S": RegexClassGroup(charClass: perlSpace, isNegated: true)
        case "w": RegexClassGroup(charClass: word, isNegated: false)
        case "W": RegexClassGroup(charClass: word, isNegated: true)
        default: nil
        }
    }

    /// `[:name:]` or `[:^name:]` (the text between the brackets' colons), ASCII only.
    static func posix(_ name: String) -> RegexClassGroup? {
        let isNegated = name.hasPrefix("^")
        let bare = isNegated ? String(name.dropFirst()) : name
        guard let ranges = posixClasses[bare] else { return nil }
        return RegexClassGroup(charClass: make(ranges), isNegated: isNegated)
    }

    private static func make(_ pairs: [(Unicode.Scalar, Unicode.Scalar)]) -> RegexCharClass {
        var builder = RegexCharClassBuilder()
        for (lower, upper) in pairs { builder.add(lower.value, upper.value) }
        return builder.build()
    }

    private static let digit = make([("0", "9")])
    private static let perlSpace = make([("\t", "\n"), ("\u{0C}", "\r"), (" ", " ")])
    private static let word = make([("0", "9"), ("A", "Z"), ("_", "_"), ("a", "z")])

    private static let posixClasses: [String: [(Unicode.Scalar, Unicode.Scalar)]] = [
        "alnum": [("0", "9"), ("A", "Z"), ("a", "z")],
        "alpha": [("A", "Z"), ("a", "z")],
        "ascii": [("\u{00}", "\u{7F}")],
        "blank": [("\t", "\t"), (" ", " ")],
        "cntrl": [("\u{00}", "\u{1F}"), ("\u{7F}", "\u{7F}")],
        "digit": [("0", "9")],
        "graph": [("!", "~")],
        "lower": [("a", "z")],
        "print": [(" ", "~")],
        "punct": [("!", "/"), (":", "@"), ("[", "`"), ("{", "~")],
        "space": [("\t", "\r"), (" ", " ")],
        "upper": [("A", "Z")],
        "word": [("0", "9"), ("A", "Z"), ("a", "z"), ("_", "_")],
        "xdigit": [("0", "9"), ("A", "F"), ("a", "f")],
    ]
}
