extension RegexParser {
    /// Parses what follows `(?`: a named group `(?P<name>` or `(?<name>`, flags `(?i-s)`, or
    /// flags opening a group `(?i:`. Lookarounds and unknown flags are errors, as in RE2.
    mutating func parseGroupPrefix() throws(RE2SyntaxError) {
        let start = position
        let remaining = pattern.count - start
        let third = peek(2)
        let fourth = peek(3)
        if (remaining > 3 && (third == "=" || third == "!"))
            || (remaining > 4 && third == "<" && (fourth == "=" || fourth == "!"))
        {
            position += third == "<" ? 4 : 3
            throw error(.invalidPerlOp, from: start)
        }
        if (remaining > 4 && third == "P" && fourth == "<") || (remaining > 3 && third == "<") {
            try parseNamedGroup(nameStart: start + (third == "P" ? 4 : 3))
            return
        }
        try parseFlags()
    }

    private mutating func parseNamedGroup(nameStart: Int) throws(RE2SyntaxError) {
        let start = position
        guard let close = pattern[(start + 2)...].firstIndex(of: ">") else {
            throw error(.invalidNamedCapture, text(start..<pattern.count), at: start)
        }
        let name = pattern[nameStart..<close]
        guard !name.isEmpty, name.allSatisfy(RegexParser.isCaptureNameScalar) else {
            throw error(.invalidNamedCapture, text(start..<(close + 1)), at: start)
        }
        openGroup(at: start)
        position = close + 1
    }

    /// Whether a group name may hold `scalar`: RE2 takes the word-like general categories.
    static func isCaptureNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return isASCIILetter(scalar) || decimalValue(scalar) != nil || scalar == "_"
        }
        switch RegexUnicodeTables.generalCategory(of: scalar.value) {
        case "Lu", "Ll", "Lt", "Lm", "Lo", "Nl", "Mn", "Mc", "Nd", "Pc": return true
        default: return false
        }
    }

    /// `(?flags)` or `(?flags:`; a `-` turns the flags after it off.
    private mutating func parseFlags() throws(RE2SyntaxError) {
        let start = position
        position += 2
        var isNegated = false
        var sawFlag = false
        var newFlags = flags
        while true {
            guard let scalar = peek(0) else { throw error(.invalidPerlOp, from: start) }
            position += 1
            let flag: Flags
            switch scalar {
            case "i": flag = .foldCase
            case "m": flag = .multiLine
            case "s": flag = .dotMatchesNewline
            case "U": flag = .ungreedy
            case "-":
                if isNegated { throw error(.invalidPerlOp, from: start) }
                isNegated = true
                sawFlag = false
                continue
            case ":", ")":
                if isNegated && !sawFlag { throw error(.invalidPerlOp, from: start) }
                if scalar == ":" { openGroup(at: start) }
                flags = newFlags
                return
            default:
                throw error(.invalidPerlOp, from: start)
            }
            sawFlag = true
            if isNegated { newFlags.remove(flag) } else { newFlags.insert(flag) }
        }
    }
}
