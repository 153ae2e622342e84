extension RegexProgram {
    /// Whether some substring of the UTF-8 `text` matches, by Thompson's simulation of the NFA
    /// (a Pike VM without captures, since only the yes/no answer is needed).
    ///
    /// All threads advance together one scalar at a time; each instruction enters a position's
    /// thread list at most once, so the work is O(text length × program size) whatever the
    /// pattern, and nothing backtracks. `steps` counts the instructions visited, which tests
    /// use to check that growth is linear. Invalid UTF-8 sequences advance one byte and match
    /// no instruction.
    ///
    /// When the program has a ``RegexDFA`` (and `engine` allows it), that answers instead, in
    /// one table lookup per scalar.
    func run(_ text: UnsafeBufferPointer<UInt8>, engine: RE2Regex.Engine = .automatic, steps: inout Int) -> Bool {
        // Optional chaining reads the automaton in place (`if let` would copy it first).
        if engine == .automatic, let isMatch = dfa?.run(text, steps: &steps) { return isMatch }
        return runPikeVM(text, steps: &steps)
    }

    private func runPikeVM(_ text: UnsafeBufferPointer<UInt8>, steps: inout Int) -> Bool {
        opcodes.withUnsafeBufferPointer { opcodes in
            operands.withUnsafeBufferPointer { operands in
                alternates.withUnsafeBufferPointer { alternates in
                    classes.asciiBits.withUnsafeBufferPointer { asciiBits in
                        classes.rangeStarts.withUnsafeBufferPointer { rangeStarts in
                            classes.bounds.withUnsafeBufferPointer { bounds in
                                let machine = PikeMachine(
                                    opcodes: opcodes, operands: operands, alternates: alternates,
                                    asciiBits: asciiBits, rangeStarts: rangeStarts, bounds: bounds,
                                    isAnchoredAtStart: isAnchoredAtStart, firstBytes: firstBytes,
                                    matchesEmptyInsideCharacter: matchesEmptyInsideCharacter,
                                    hasAssertions: hasAssertions, text: text)
                                return machine.run(steps: &steps)
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The program's arrays and the text, borrowed for one search.
///
/// Safety: every buffer comes from a `withUnsafeBufferPointer` (or the caller's text buffer)
/// that outlives the `run` call, and nothing here stores them beyond it.
private struct PikeMachine {
    let opcodes: UnsafeBufferPointer<RegexProgram.Opcode>
    let operands: UnsafeBufferPointer<Int32>
    let alternates: UnsafeBufferPointer<Int32>
    let asciiBits: UnsafeBufferPointer<UInt64>
    let rangeStarts: UnsafeBufferPointer<Int32>
    let bounds: UnsafeBufferPointer<UInt32>
    let isAnchoredAtStart: Bool
    let firstBytes: RegexByteSet?
    let matchesEmptyInsideCharacter: Bool
    let hasAssertions: Bool
    let text: UnsafeBufferPointer<UInt8>

    func run(steps: inout Int) -> Bool {
        let size = opcodes.count
        // Two sparse sets (sparse + dense arrays each) and the closure stack; on the stack for
        // small programs. Safety: the memory is initialized before use and not kept.
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: 6 * size + 2) { scratch in
            guard let base = scratch.baseAddress else { return false }
            base.initialize(repeating: 0, count: scratch.count)
            defer { base.deinitialize(count: scratch.count) }
            var current = SparseSet(base: base, capacity: size)
            var next = SparseSet(base: base + 2 * size, capacity: size)
            return search(current: &current, next: &next, stack: base + 4 * size, steps: &steps)
        }
    }

    private func search(
        current: inout SparseSet, next: inout SparseSet, stack: UnsafeMutablePointer<Int32>, steps: inout Int
    ) -> Bool {
        var position = 0
        let end = text.count
        while true {
            if current.count == 0 {
                if isAnchoredAtStart && position > 0 { return false }
                if let firstBytes {
                    position = firstBytes.firstIndex(in: text, from: position)
                    if position == end { return false }
                }
            }
            if !isAnchoredAtStart || position == 0 {
                let context = hasAssertions ? RegexText.assertions(in: text, at: position) : 0
                if addThread(0, to: &current, context: context, stack: stack, steps: &steps) { return true }
            }
            guard position < end else { return false }
            let (scalar, width) = RegexText.scalar(in: text, at: position)
            // RE2 also tries every byte offset inside a character, where only `\B` holds.
            if width > 1 && matchesEmptyInsideCharacter { return true }
            position += width
            let context = hasAssertions ? RegexText.assertions(in: text, at: position) : 0
            next.clear()
            for index in 0..<Int(current.count) {
                let pc = Int(current.dense[index])
                steps += 1
                let consumes: Bool
                switch opcodes[pc] {
                case .rune: consumes = UInt32(bitPattern: operands[pc]) == scalar
                case .charClass: consumes = classContains(Int(operands[pc]), scalar)
                default: consumes = false
                }
                if consumes, addThread(Int32(pc + 1), to: &next, context: context, stack: stack, steps: &steps) {
                    return true
                }
            }
            swap(&current, &next)
        }
    }

    /// Adds `start` and everything it reaches without consuming (jumps, splits, assertions
    /// that hold in `context`) to `set`; returns true when that reaches a match.
    @inline(__always)
    private func addThread(
        _ start: Int32, to set: inout SparseSet, context: UInt8, stack: UnsafeMutablePointer<Int32>,
        steps: inout Int
    ) -> Bool {
        stack[0] = start
        var top = 1
        while top > 0 {
            top -= 1
            let pc = stack[top]
            if set.contains(pc) { continue }
            set.insert(pc)
            steps += 1
            let index = Int(pc)
            switch opcodes[index] {
            case .jump:
                stack[top] = operands[index]
                top += 1
            case .split:
                stack[top] = alternates[index]
                stack[top + 1] = operands[index]
                top += 2
            case .assert:
                if UInt8(truncatingIfNeeded: operands[index]) & context != 0 {
                    stack[top] = pc + 1
                    top += 1
                }
            case .match:
                return true
            case .rune, .charClass, .fail:
                break
            }
        }
        return false
    }

    @inline(__always)
    private func classContains(_ index: Int, _ scalar: UInt32) -> Bool {
        if scalar < 128 {
            let word = asciiBits[2 * index + Int(scalar >> 6)]
            return word & (UInt64(1) << UInt64(scalar & 63)) != 0
        }
        var low = Int(rangeStarts[index]) / 2
        var high = Int(rangeStarts[index + 1]) / 2
        while low < high {
            let middle = (low + high) / 2
            if scalar < bounds[2 * middle] {
                high = middle
            } else if scalar > bounds[2 * middle + 1] {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }
}

/// A set of instruction indices with O(1) insert, lookup and clear (Briggs and Torczon's
/// sparse set): `dense` lists the members in insertion order, `sparse[pc]` is `pc`'s slot.
private struct SparseSet {
    let sparse: UnsafeMutablePointer<Int32>
    let dense: UnsafeMutablePointer<Int32>
    private(set) var count: Int32 = 0

    /// A set over `2 * capacity` Int32s at `base`, which must be initialized (any values:
    /// `contains` checks that the slot points back).
    init(base: UnsafeMutablePointer<Int32>, capacity: Int) {
        sparse = base
        dense = base + capacity
    }

    @inline(__always)
    func contains(_ pc: Int32) -> Bool {
        let slot = sparse[Int(pc)]
        return slot < count && dense[Int(slot)] == pc
    }

    @inline(__always)
    mutating func insert(_ pc: Int32) {
        sparse[Int(pc)] = count
        dense[Int(count)] = pc
        count += 1
    }

    mutating func clear() { count = 0 }
}
