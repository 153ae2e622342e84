extension RegexParser {
    /// Appends `node` to the sequence being built.
    mutating func push(_ node: RegexNode) throws(RE2SyntaxError) {
        try checkHeight(node)
        frames[frames.count - 1].sequence.append(node)
    }

    /// Appends a literal; under `(?i)` a value with case partners becomes the class of them all.
    mutating func pushLiteral(_ scalar: UInt32) throws(RE2SyntaxError) {
        guard flags.contains(.foldCase) else { return try push(.literal(scalar)) }
        let orbit = RegexCaseFolding.orbit(of: scalar)
        guard orbit.count > 1 else { return try push(.literal(scalar)) }
        var builder = RegexCharClassBuilder()
        for value in orbit { builder.add(value, value) }
        try push(.charClass(builder.build()))
    }

    /// Opens a group whose `(` is at `start`; its `)` restores the current flags.
    mutating func openGroup(at start: Int) {
        frames.append(Frame(outerFlags: flags, start: start))
    }

    /// Closes the innermost group at its `)`.
    mutating func closeGroup() throws(RE2SyntaxError) {
        guard frames.count > 1, let frame = frames.last else {
            throw error(.unexpectedParen, text(0..<pattern.count), at: position)
        }
        let node = try finish(frame)
        frames.removeLast()
        flags = frame.outerFlags
        try push(node)
    }

    /// The current sequence as one node, leaving the sequence empty.
    mutating func finishSequence() throws(RE2SyntaxError) -> RegexNode {
        let node = RegexNode.concat(frames[frames.count - 1].sequence)
        frames[frames.count - 1].sequence = []
        try checkHeight(node)
        return node
    }

    /// The alternation of a group's alternatives and its last sequence.
    func finish(_ frame: Frame) throws(RE2SyntaxError) -> RegexNode {
        let node = RegexNode.alternate(frame.alternatives + [RegexNode.concat(frame.sequence)])
        try checkHeight(node)
        return node
    }

    func checkHeight(_ node: RegexNode) throws(RE2SyntaxError) {
        guard node.height <= RegexNode.maxHeight else {
            throw error(.nestingTooDeep, nil, at: position)
        }
    }

    // MARK: Repetition

    /// `*`, `+` or `?`, maybe followed by `?` (lazy).
    mutating func parseRepetitionOperator() throws(RE2SyntaxError) {
        let start = position
        let (min, max): (Int, Int?) =
            switch pattern[position] {
            case "*": (0, nil)
            case "+": (1, nil)
            default: (0, 1)
            }
        position += 1
        if peek(0) == "?" { position += 1 }
        if let previous = previousRepetition { throw error(.repeatOp, from: previous) }
        try applyRepetition(min: min, max: max, operatorStart: start)
    }

    /// `{n}`, `{n,}` or `{n,m}`, maybe followed by `?`; anything else makes `{` a literal.
    /// Returns whether it was a repetition.
    mutating func parseCountedRepetition() throws(RE2SyntaxError) -> Bool {
        let start = position
        guard let (min, max, end) = scanCount(at: position) else {
            try pushLiteral(UInt32(("{" as Unicode.Scalar).value))
            position += 1
            return false
        }
        position = end
        if peek(0) == "?" { position += 1 }
        if let previous = previousRepetition { throw error(.repeatOp, from: previous) }
        if let max, max < min { throw error(.repeatSize, from: start) }
        if min > RegexNode.maxRepeat || (max ?? 0) > RegexNode.maxRepeat { throw error(.repeatSize, from: start) }
        try applyRepetition(min: min, max: max, operatorStart: start)
        if min >= 2 || (max ?? 0) >= 2,
            let last = frames.last?.sequence.last, last.repeatProduct > RegexNode.maxRepeat
        {
            throw error(.repeatSize, from: start)
        }
        return true
    }

    /// Wraps the last node of the sequence in a repetition.
    private mutating func applyRepetition(min: Int, max: Int?, operatorStart: Int) throws(RE2SyntaxError) {
        guard let operand = frames[frames.count - 1].sequence.popLast() else {
            throw error(.repeatArgument, from: operatorStart)
        }
        try push(.repeat(operand, min: min, max: max))
    }

    /// Reads `{lo}`, `{lo,}` or `{lo,hi}` at `start` as RE2 does: decimal without leading
    /// zeros, each at most 100000000 (a longer number makes the brace a literal).
    private func scanCount(at start: Int) -> (min: Int, max: Int?, end: Int)? {
        var index = start + 1
        guard let min = scanInteger(&index), index < pattern.count else { return nil }
        var max: Int? = min
        if pattern[index] == "," {
            index += 1
            guard index < pattern.count else { return nil }
            if pattern[index] == "}" {
                max = nil
            } else {
                guard let upper = scanInteger(&index) else { return nil }
                max = upper
            }
        }
        guard index < pattern.count, pattern[index] == "}" else { return nil }
        return (min, max, index + 1)
    }

    private func scanInteger(_ index: inout Int) -> Int? {
        guard index < pattern.count, let first = Self.decimalValue(pattern[index]) else { return nil }
        if first == 0, index + 1 < pattern.count, Self.decimalValue(pattern[index + 1]) != nil { return nil }
        var value = 0
        while index < pattern.count, let digit = Self.decimalValue(pattern[index]) {
            if value >= 100_000_000 { return nil }
            value = value * 10 + digit
            index += 1
        }
        return value
    }
}

extension RegexParser {
    /// The value of an ASCII digit `0`–`9`.
    static func decimalValue(_ scalar: Unicode.Scalar) -> Int? {
        ("0"..."9").contains(scalar) ? Int(scalar.value - 48) : nil
    }

    /// The value of an ASCII hex digit.
    static func hexValue(_ scalar: Unicode.Scalar) -> UInt32? {
        switch scalar {
        case "0"..."9": scalar.value - 48
        case "a"..."f": scalar.value - 87
        case "A"..."F": scalar.value - 55
        default: nil
        }
    }

    /// Whether `scalar` is an ASCII letter.
    static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }
}
