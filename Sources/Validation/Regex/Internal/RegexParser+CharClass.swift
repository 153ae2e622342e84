extension RegexParser {
    /// A bracketed class at `[`: `[abc]`, `[^a-z]`, `[[:alpha:]\d\pL]`. A `]` right after the
    /// `[` (or `[^`) is a literal, and so is a `-` that cannot start a range.
    mutating func parseCharClass() throws(RE2SyntaxError) -> RegexCharClass {
        let classStart = position
        position += 1
        var isNegated = false
        if peek(0) == "^" {
            isNegated = true
            position += 1
        }
        let foldCase = flags.contains(.foldCase)
        var builder = RegexCharClassBuilder()
        var isFirst = true
        while position < pattern.count, pattern[position] != "]" || isFirst {
            isFirst = false
            if try parseClassName(into: &builder) { continue }
            if pattern.count - position > 2, pattern[position] == "\\", peek(1) == "p" || peek(1) == "P" {
                try parseUnicodeGroup().add(to: &builder, foldCase: foldCase)
                continue
            }
            if pattern[position] == "\\", let letter = peek(1), let group = RegexClassGroup.perl(letter) {
                group.add(to: &builder, foldCase: foldCase)
                position += 2
                continue
            }
            let (lower, upper) = try parseClassRange(classStart: classStart)
            if foldCase { builder.addFolded(lower, upper) } else { builder.add(lower, upper) }
        }
        guard position < pattern.count else {
            throw error(.missingBracket, text(classStart..<pattern.count), at: classStart)
        }
        position += 1
        let charClass = builder.build()
        return isNegated ? charClass.inverted() : charClass
    }

    /// `[:alpha:]` or `[:^alpha:]` inside a class. Without a closing `:]` anywhere later the
    /// `[` is an ordinary character (returns false); an unknown name is an error.
    private mutating func parseClassName(into builder: inout RegexCharClassBuilder) throws(RE2SyntaxError) -> Bool {
        guard pattern.count - position > 2, pattern[position] == "[", peek(1) == ":" else { return false }
        var close = position + 2
        while close + 1 < pattern.count, !(pattern[close] == ":" && pattern[close + 1] == "]") { close += 1 }
        guard close + 1 < pattern.count else { return false }
        guard let group = RegexClassGroup.posix(text((position + 2)..<close)) else {
            throw error(.invalidCharRange, text(position..<(close + 2)), at: position)
        }
        group.add(to: &builder, foldCase: flags.contains(.foldCase))
        position = close + 2
        return true
    }

    /// One character or a range `a-z`; `[a-]` ends with a literal `-`.
    private mutating func parseClassRange(classStart: Int) throws(RE2SyntaxError) -> (UInt32, UInt32) {
        let start = position
        let lower = try parseClassCharacter(classStart: classStart)
        guard pattern.count - position >= 2, pattern[position] == "-", pattern[position + 1] != "]" else {
            return (lower, lower)
        }
        position += 1
        let upper = try parseClassCharacter(classStart: classStart)
        guard upper >= lower else { throw error(.invalidCharRange, from: start) }
        return (lower, upper)
    }

    private mutating func parseClassCharacter(classStart: Int) throws(RE2SyntaxError) -> UInt32 {
        guard let scalar = peek(0) else {
            throw error(.missingBracket, text(classStart..<pattern.count), at: classStart)
        }
        if scalar == "\\" { return try parseEscape() }
        position += 1
        return scalar.value
    }
}
