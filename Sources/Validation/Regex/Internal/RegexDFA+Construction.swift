extension RegexDFA {
    /// The automaton for `program`, or nil when the program is outside the fast path (too many
    /// consuming instructions, an assertion other than `\A` and `\z`, or too many states).
    ///
    /// A state is the set of consuming instructions (rune or class) alive before the next
    /// scalar, plus whether the text matches if it ends there. Following RE2's semantics as the
    /// Pike VM does: threads reach a match through `\A` only at offset 0 and through `\z` only
    /// at the end; an unanchored program restarts at instruction 0 at every offset.
    convenience init?(_ program: RegexProgram) {
        guard let construction = RegexDFAConstruction(program), let found = construction.build() else { return nil }
        self.init(found, alphabet: construction.alphabet)
    }
}

/// The subset construction behind ``RegexDFA/init(_:)``, over bit sets of consuming
/// instructions (Glushkov's view of the Thompson NFA: what is alive after each consumer).
struct RegexDFAConstruction {
    /// The most consuming instructions a program may have for the fast path (one bit each).
    static let maxConsumers = 64
    /// The most instructions: each closure walks the program once.
    static let maxInstructions = 2_048
    /// The most states: with ``RegexAlphabet/maxClasses`` columns, every row offset stays below
    /// ``RegexDFA/noState`` (the table is at most 64 KiB).
    static let maxStates = 240

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

    /// What ``build()`` found: states numbered from 0, where `nil` is the match and -1 the dead end.
    struct Automaton {
        /// For each state, the next state on each class.
        var transitions: [[Int?]] = []
        /// Whether the text matches if it ends in each state.
        var matchesAtEnd: [Bool] = []
        /// The state at offset 0 of a non-empty text.
        var start: Int?
        /// Whether the empty text matches.
        var matchesEmptyText = false
        /// The state with no thread alive but restarts, when there is a first-byte filter.
        var idle: Int?
        /// The filter (empty unless ``idle`` is set).
        var firstBytes = RegexByteSet()
    }

    /// The states, breadth first from the start, or nil past the limits.
    func build() -> Automaton? {
        let beginText = RegexAssertion.beginText.rawValue
        let start = closure(from: 0, context: beginText)
        var found = Automaton()
        found.matchesEmptyText = closure(from: 0, context: beginText | RegexAssertion.endText.rawValue).matches
        var states = RegexDFAStates()
        found.start = start.matches ? nil : states.number(for: start.alive, matchesAtEnd: false)
        if !program.isAnchoredAtStart, let firstBytes = program.firstBytes {
            found.idle = states.number(for: restart.alive, matchesAtEnd: restartMatchesAtEnd)
            found.firstBytes = firstBytes
        }
        while found.transitions.count < states.count {
            guard states.count <= RegexDFAConstruction.maxStates else { return nil }
            let alive = states.alive[found.transitions.count]
            found.transitions.append(alphabet.signatures.map { next(from: alive, on: $0, states: &states) })
        }
        guard states.count <= RegexDFAConstruction.maxStates else { return nil }
        found.matchesAtEnd = states.matchesAtEnd
        return found
    }

    /// The state after the consumers in `alive` that accept a scalar of the class with
    /// `signature` (the consumers that accept it) have consumed it.
    private func next(from alive: UInt64, on signature: UInt64, states: inout RegexDFAStates) -> Int? {
        let fired = alive & signature
        var nextAlive = restart.alive
        var remaining = fired
        while remaining != 0 {
            nextAlive |= follow[remaining.trailingZeroBitCount]
            remaining &= remaining - 1
        }
        if restart.matches || fired & followMatches != 0 { return nil }
        let matchesAtEnd = restartMatchesAtEnd || fired & followMatchesAtEnd != 0
        if nextAlive == 0 && !matchesAtEnd { return -1 }
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

    /// The number of the state, added if new.
    mutating func number(for alive: UInt64, matchesAtEnd: Bool) -> Int {
        let key = Key(alive: alive, matchesAtEnd: matchesAtEnd)
        if let number = numbers[key] { return number }
        let number = self.alive.count
        numbers[key] = number
        self.alive.append(alive)
        self.matchesAtEnd.append(matchesAtEnd)
        return number
    }
}
