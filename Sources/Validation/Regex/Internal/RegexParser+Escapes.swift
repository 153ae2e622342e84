extension RegexParser {
    /// A `\` outside a class: an assertion (`\b \B \A \z`), quoted text (`\Q…\E`), a class
    /// (`\pL`, `\d`) or an escaped literal.
    mutating func parseBackslash() throws(RE2SyntaxError) {
        switch peek(1) {
        case "b", "B":
            try push(.assertion(peek(1) == "b" ? .wordBoundary : .notWordBoundary))
            position += 2
        case "A":
            try push(.assertion(.beginText))
            position += 2
        case "z":
            try push(.assertion(.endText))
            position += 2
        case "C":
            throw error(.unsupported, "\\C (any byte) is not supported", at: position)
        case "Q":
            try parseQuoted()
        case "p", "P":
            var builder = RegexCharClassBuilder()
            try parseUnicodeGroup().add(to: &builder, foldCase: flags.contains(.foldCase))
            try push(.charClass(builder.build()))
        default:
            if let letter = peek(1), let group = RegexClassGroup.perl(letter) {
                var builder = RegexCharClassBuilder()
                group.add(to: &builder, foldCase: flags.contains(.foldCase))
                try push(.charClass(builder.build()))
                position += 2
            } else {
                try pushLiteral(try parseEscape())
            }
        }
    }

    /// `\Q…\E`: everything up to `\E` (or the end) is literal.
    private mutating func parseQuoted() throws(RE2SyntaxError) {
        position += 2
        while position < pattern.count {
            if pattern[position] == "\\", peek(1) == "E" {
                position += 2
                return
            }
            try pushLiteral(pattern[position].value)
            position += 1
        }
    }

    /// An escaped literal at `\`: octal (`\0`, `\012`, `\123`), hex (`\x41`, `\x{10FFFF}`),
    /// C escapes (`\n \r \t \a \f \v`), or an escaped ASCII punctuation character.
    /// Backreferences (`\1`), `\Z`, and escaped letters or digits RE2 does not know are errors.
    mutating func parseEscape() throws(RE2SyntaxError) -> UInt32 {
        let start = position
        guard let escaped = peek(1) else { throw error(.trailingBackslash, nil, at: start) }
        position += 2
        switch escaped {
        case "1"..."7":
            // A lone non-zero digit would be a backreference, which RE2 does not support.
            guard let next = peek(0), ("0"..."7").contains(next) else { throw error(.invalidEscape, from: start) }
            return parseOctal(first: escaped.value - 48)
        case "0":
            return parseOctal(first: 0)
        case "x":
            return try parseHex(start: start)
        case "n": return 10
        case "r": return 13
        case "t": return 9
        case "a": return 7
        case "f": return 12
        case "v": return 11
        default:
            guard escaped.isASCII, !Self.isASCIILetter(escaped), Self.decimalValue(escaped) == nil else {
                throw error(.invalidEscape, from: start)
            }
            return escaped.value
        }
    }

    /// Up to two more octal digits after the first.
    private mutating func parseOctal(first: UInt32) -> UInt32 {
        var code = first
        for _ in 0..<2 {
            guard let next = peek(0), ("0"..."7").contains(next) else { break }
            code = code * 8 + next.value - 48
            position += 1
        }
        return code
    }

    /// `\xHH` or `\x{H…}` (at least one digit, at most U+10FFFF), after the `x`.
    private mutating func parseHex(start: Int) throws(RE2SyntaxError) -> UInt32 {
        guard let first = peek(0) else { throw error(.invalidEscape, from: start) }
        position += 1
        guard first == "{" else {
            guard let second = peek(0) else { throw error(.invalidEscape, from: start) }
            position += 1
            guard let high = Self.hexValue(first), let low = Self.hexValue(second) else {
                throw error(.invalidEscape, from: start)
            }
            return high * 16 + low
        }
        // RE2 reports `\x{` at the very end as invalid UTF-8 (it reads past the end); this is
        // the same mistake under its proper name.
        guard var next = peek(0) else { throw error(.invalidEscape, from: start) }
        position += 1
        var code: UInt32 = 0
        var digits = 0
        while let digit = Self.hexValue(next) {
            digits += 1
            code = code * 16 + digit
            guard code <= RegexCharClass.maxScalar, let following = peek(0) else {
                throw error(.invalidEscape, from: start)
            }
            next = following
            position += 1
        }
        guard next == "}", digits > 0 else { throw error(.invalidEscape, from: start) }
        return code
    }

    /// `\pL`, `\p{Greek}`, `\PL`, `\p{^L}` at the `\`: a general category, a script or `Any`.
    mutating func parseUnicodeGroup() throws(RE2SyntaxError) -> RegexClassGroup {
        let start = position
        var isNegated = pattern[position + 1] == "P"
        position += 2
        var name: String
        if peek(0) == "{" {
            guard let close = pattern[position...].firstIndex(of: "}") else {
                throw error(.invalidCharRange, text(start..<pattern.count), at: start)
            }
            name = text((position + 1)..<close)
            position = close + 1
        } else {
            name = peek(0).map { String($0) } ?? ""
            position = min(position + 1, pattern.count)
        }
        if name.hasPrefix("^") {
            isNegated.toggle()
            name.removeFirst()
        }
        guard let charClass = RegexUnicodeTables.group(named: name) else { throw error(.invalidCharRange, from: start) }
        return RegexClassGroup(charClass: charClass, isNegated: isNegated)
    }
}
