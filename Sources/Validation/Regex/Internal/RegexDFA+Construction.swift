extension RegexDFA {
    /// The automaton for `program`, or nil when the program is outside the fast path (too many
    /// consuming instructions, an assertion other than `\A` and `\z`, or too many states).
    ///
    /// A state is the set of consuming instructions (rune or class) alive before the next
    /// scalar, plus whether the text matches if it ends there. Following RE2's semantics as the
    /// Pike VM does: threads reach a match through `\A` only at offset 0 and through `\z` only
    /// at the end; an unanchored program restarts at instruction 0 at every offset.
    init?(_ program: RegexProgram) {
        guard let construction = RegexDFAConstruction(program) else { return nil }
        guard let built = construction.build() else { return nil }
        self = built
    }
}

/// The subset construction behind ``RegexDFA/init(_:)``, over bit sets of consuming
/// instructions (Glushkov's view of the Thompson NFA: what is alive after each consumer).
struct RegexDFAConstruction {
    /// The most consuming instructions a program may have for the fast path (one bit each).
    static let maxConsumers = 64
    /// The most instructions: each closure walks the program once.
    static let maxInstructions = 2_048
    /// The most states (numbered in a byte, below ``RegexDFA/noState``).
    static let maxStates = 240
    /// The most cells of the transition table (states × classes), about 32 KiB.
    static let maxTableSize = 32_768

    let program: RegexProgram
    let alphabet: RegexAlphabet
    /// Bit `i` of a state is consumer `i` alive; `follow[i]` is what is alive after it consumes.
    private var follow: [UInt64] = []
    /// Bit `i`: after consumer `i` consumes, the match is reached (not at the end of the text).
    private var followMatches: UInt64 = 0
    /// Bit `i`: after consumer `i` consumes the last scalar, the match is reached.
    private var followMatchesAtEnd: UInt64 = 0
    /// What a new match start adds at every offset after the first (nothing when anchored).
    private var restart: Closure = Closure(alive: 0, matches: false)
    private var restartMatchesAtEnd = false

    /// The consumers reached from some instructions, and whether the match is.
    struct Closure {
        var alive: UInt64
        var matches: Bool
    }

    init?(_ program: RegexProgram) {
        guard program.count <= RegexDFAConstruction.maxInstructions else { return nil }
        let allowed = RegexAssertion.beginText.rawValue | RegexAssertion.endText.rawValue
        for pc in 0..<program.count where program.opcodes[pc] == .assert {
            guard UInt8(truncatingIfNeeded: program.operands[pc]) & ~allowed == 0 else { return nil }
        }
        guard let alphabet = RegexAlphabet(program) else { return nil }
        self.program = program
        self.alphabet = alphabet
        let endText = RegexAssertion.endText.rawValue
        for consumer in alphabet.consumers {
            let next = closure(from: consumer + 1, context: 0)
            let bit = UInt64(1) << UInt64(follow.count)
            follow.append(next.alive)
            if next.matches { followMatches |= bit }
            if closure(from: consumer + 1, context: endText).matches { followMatchesAtEnd |= bit }
        }
        if !program.isAnchoredAtStart {
            restart = closure(from: 0, context: 0)
            restartMatchesAtEnd = closure(from: 0, context: endText).matches
        }
    }

    /// The consumers reachable from `start` without consuming, passing the assertions whose
    /// bit is in `context`, and whether the match is.
    func closure(from start: Int, context: UInt8) -> Closure {
        var visited = [Bool](repeating: false, count: program.count)
        var stack = [start]
        var result = Closure(alive: 0, matches: false)
        while let pc = stack.popLast() {
            guard pc < program.count, !visited[pc] else { continue }
            visited[pc] = true
            let operand = Int(program.operands[pc])
            switch program.opcodes[pc] {
            case .rune, .charClass: result.alive |= UInt64(1) << UInt64(alphabet.consumerIndex[pc])
            case .split: stack += [operand, Int(program.alternates[pc])]
            case .jump: stack.append(operand)
            case .assert:
                if UInt8(truncatingIfNeeded: operand) & context != 0 { stack.append(pc + 1) }
            case .match: result.matches = true
            case .fail: break
            }
        }
        return result
    }

    /// The states, breadth first from the start, or nil past the limits.
    func build() -> RegexDFA? {
        let beginText = RegexAssertion.beginText.rawValue
        let start = closure(from: 0, context: beginText)
        let matchesEmptyText = closure(from: 0, context: beginText | RegexAssertion.endText.rawValue).matches
        var states = RegexDFAStates()
        let startState = start.matches ? RegexDFA.matchState : states.number(for: start.alive, matchesAtEnd: false)
        var idleState = RegexDFA.noState
        let firstBytes = program.isAnchoredAtStart ? nil : program.firstBytes
        if firstBytes != nil {
            idleState = states.number(for: restart.alive, matchesAtEnd: restartMatchesAtEnd)
        }
        var transitions: [UInt8] = []
        var row = 0
        while row < states.count {
            guard states.count <= RegexDFAConstruction.maxStates,
                states.count * alphabet.classCount <= RegexDFAConstruction.maxTableSize
            else { return nil }
            for signature in alphabet.signatures {
                transitions.append(next(from: states.alive[row], on: signature, states: &states))
            }
            row += 1
        }
        guard states.count <= RegexDFAConstruction.maxStates else { return nil }
        let table = alphabet.asciiClasses + transitions + states.matchesAtEnd.map { $0 ? 1 : 0 }
        return RegexDFA(
            table: table, classCount: alphabet.classCount, stateCount: states.count,
            nonASCIIStarts: alphabet.nonASCIIStarts, nonASCIIClasses: alphabet.nonASCIIClasses,
            invalidClass: alphabet.invalidClass, startState: startState, matchesEmptyText: matchesEmptyText,
            idleState: idleState, firstBytes: idleState == RegexDFA.noState ? nil : firstBytes)
    }

    /// The state after the consumers in `alive` that accept a scalar of the class with
    /// `signature` (the consumers that accept it) have consumed it.
    private func next(from alive: UInt64, on signature: UInt64, states: inout RegexDFAStates) -> UInt8 {
        let fired = alive & signature
        var nextAlive = restart.alive
        var remaining = fired
        while remaining != 0 {
            nextAlive |= follow[remaining.trailingZeroBitCount]
            remaining &= remaining - 1
        }
        if restart.matches || fired & followMatches != 0 { return RegexDFA.matchState }
        let matchesAtEnd = restartMatchesAtEnd || fired & followMatchesAtEnd != 0
        if nextAlive == 0 && !matchesAtEnd { return RegexDFA.deadState }
        return states.number(for: nextAlive, matchesAtEnd: matchesAtEnd)
    }
}

/// The states found so far, numbered in order of discovery.
struct RegexDFAStates {
    private var numbers: [Key: Int] = [:]
    /// The consumers alive in each state.
    private(set) var alive: [UInt64] = []
    /// Whether the text matches if it ends in each state.
    private(set) var matchesAtEnd: [Bool] = []

    private struct Key: Hashable {
        var alive: UInt64
        var matchesAtEnd: Bool
    }

    var count: Int { alive.count }

    /// The number of the state, added if new. Past ``RegexDFAConstruction/maxStates`` the
    /// number is a placeholder: the caller then gives up on the automaton.
    mutating func number(for alive: UInt64, matchesAtEnd: Bool) -> UInt8 {
        let key = Key(alive: alive, matchesAtEnd: matchesAtEnd)
        if let number = numbers[key] { return UInt8(truncatingIfNeeded: number) }
        let number = self.alive.count
        numbers[key] = number
        self.alive.append(alive)
        self.matchesAtEnd.append(matchesAtEnd)
        return UInt8(truncatingIfNeeded: number)
    }
}
