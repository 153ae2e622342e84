extension RegexProgram {
    /// Finds the matcher's two shortcuts, both of which keep it linear:
    ///
    /// - ``isAnchoredAtStart``: every path from the start passes `\A` (or `^`) before it
    ///   consumes anything, so matches can only start at offset 0 and the search ends as soon
    ///   as no thread is left.
    /// - ``firstBytes``: the UTF-8 lead bytes of the scalars a match can start with. While no
    ///   thread is alive the matcher skips every byte outside the set (a memchr-like scan).
    ///
    /// It also finds whether the pattern matches the empty string where only `\B` holds, which
    /// is how RE2 sees every byte offset inside a multi-byte character: RE2 searches byte by
    /// byte, so `\B` alone matches `"ẞ"` (between the bytes of `ẞ`, neither side is a word
    /// character). ``matchesEmptyInsideCharacter`` lets the matcher give the same answer.
    mutating func analyze() {
        let beginText = RegexAssertion.beginText.rawValue
        let anchored = closureOfStart { $0 & beginText == 0 }
        isAnchoredAtStart = anchored.consumers.isEmpty && !anchored.reachesMatch
        let unanchored = closureOfStart { _ in true }
        firstBytes = unanchored.reachesMatch ? nil : leadBytes(of: unanchored.consumers)
        hasAssertions = opcodes.contains(.assert)
        matchesEmptyInsideCharacter = closureOfStart { $0 == RegexAssertion.notWordBoundary.rawValue }.reachesMatch
        dfa = RegexDFA(self)
    }

    /// The consuming instructions reachable from the start without consuming, and whether a
    /// match is, passing the assertions for which `passes` (given the assertion's bit) is true.
    private func closureOfStart(passing passes: (UInt8) -> Bool) -> (consumers: [Int], reachesMatch: Bool) {
        var visited = [Bool](repeating: false, count: count)
        var stack = [0]
        var consumers: [Int] = []
        var reachesMatch = false
        while let pc = stack.popLast() {
            guard pc < count, !visited[pc] else { continue }
            visited[pc] = true
            switch opcodes[pc] {
            case .rune, .charClass: consumers.append(pc)
            case .split: stack += [Int(operands[pc]), Int(alternates[pc])]
            case .jump: stack.append(Int(operands[pc]))
            case .assert:
                if passes(UInt8(truncatingIfNeeded: operands[pc])) { stack.append(pc + 1) }
            case .match: reachesMatch = true
            case .fail: break
            }
        }
        return (consumers, reachesMatch)
    }

    /// The lead bytes of every scalar the instructions consume; nil when nearly every byte
    /// qualifies (scanning would only cost time).
    private func leadBytes(of consumers: [Int]) -> RegexByteSet? {
        var set = RegexByteSet()
        for pc in consumers {
            if opcodes[pc] == .rune {
                let scalar = UInt32(bitPattern: operands[pc])
                RegexProgram.addLeadBytes(scalar, scalar, to: &set)
            } else {
                let index = Int(operands[pc])
                let bounds = classes.bounds
                var pair = Int(classes.rangeStarts[index])
                while pair + 1 < Int(classes.rangeStarts[index + 1]) {
                    RegexProgram.addLeadBytes(bounds[pair], bounds[pair + 1], to: &set)
                    pair += 2
                }
            }
        }
        set.seal()
        return set.count > 200 ? nil : set
    }

    /// Adds the first UTF-8 byte of every scalar in `lower...upper`.
    private static func addLeadBytes(_ lower: UInt32, _ upper: UInt32, to set: inout RegexByteSet) {
        // (first scalar, last scalar, lead byte of a scalar) for 1-, 2-, 3- and 4-byte forms.
        let forms: [(UInt32, UInt32, (UInt32) -> UInt32)] = [
            (0, 0x7F, { $0 }),
            (0x80, 0x7FF, { 0xC0 | ($0 >> 6) }),
            (0x800, 0xFFFF, { 0xE0 | ($0 >> 12) }),
            (0x10000, RegexCharClass.maxScalar, { 0xF0 | ($0 >> 18) }),
        ]
        for (first, last, lead) in forms {
            let low = max(lower, first)
            let high = min(upper, last)
            guard low <= high else { continue }
            set.insert(UInt8(truncatingIfNeeded: lead(low)), through: UInt8(truncatingIfNeeded: lead(high)))
        }
    }
}
