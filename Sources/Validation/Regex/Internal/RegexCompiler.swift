/// Turns a ``RegexNode`` into a ``RegexProgram`` by Thompson's construction: each node
/// becomes a block of instructions that falls through to whatever follows it.
///
/// Counted repetitions are unrolled (`x{2,4}` is `xx(x(x)?)?`), which is why RE2 bounds the
/// counts; ``RegexProgram/maxInstructions`` bounds the result. Recursion follows the tree,
/// whose height the parser bounds (``RegexNode/maxHeight``).
struct RegexCompiler {
    private var program = RegexProgram()

    /// The program for `node`, analysed for the matcher's shortcuts.
    static func compile(_ node: RegexNode) throws(RE2SyntaxError) -> RegexProgram {
        var compiler = RegexCompiler()
        try compiler.emit(node)
        try compiler.program.emit(.match)
        compiler.program.analyze()
        return compiler.program
    }

    private mutating func emit(_ node: RegexNode) throws(RE2SyntaxError) {
        switch node.kind {
        case .empty:
            return
        case .literal(let scalar):
            try program.emit(.rune, Int32(bitPattern: scalar))
        case .charClass(let charClass):
            try emitClass(charClass)
        case .assertion(let assertion):
            try program.emit(.assert, Int32(assertion.rawValue))
        case .concat(let nodes):
            for child in nodes { try emit(child) }
        case .alternate(let nodes):
            try emitAlternation(nodes)
        case .repeat(let child, let min, let max):
            try emitRepetition(child, min: min, max: max)
        }
    }

    private mutating func emitClass(_ charClass: RegexCharClass) throws(RE2SyntaxError) {
        if charClass.isEmpty {
            try program.emit(.fail)
        } else if charClass.ranges.count == 1, charClass.ranges[0].lower == charClass.ranges[0].upper {
            try program.emit(.rune, Int32(bitPattern: charClass.ranges[0].lower))
        } else {
            try program.emit(.charClass, try program.classes.index(of: charClass))
        }
    }

    /// `split next, L2; a; jump end; L2: split next, L3; b; jump end; L3: c; end:`.
    private mutating func emitAlternation(_ nodes: [RegexNode]) throws(RE2SyntaxError) {
        var jumps: [Int32] = []
        for (position, child) in nodes.enumerated() {
            guard position < nodes.count - 1 else {
                try emit(child)
                break
            }
            let split = try program.emit(.split, Int32(program.count + 1))
            try emit(child)
            jumps.append(try program.emit(.jump))
            program.alternates[Int(split)] = Int32(program.count)
        }
        for jump in jumps { program.operands[Int(jump)] = Int32(program.count) }
    }

    private mutating func emitRepetition(_ child: RegexNode, min: Int, max: Int?) throws(RE2SyntaxError) {
        guard let max else {
            if min == 0 {
                // L: split body, end; body; jump L; end:
                let split = try program.emit(.split, Int32(program.count + 1))
                try emit(child)
                try program.emit(.jump, split)
                program.alternates[Int(split)] = Int32(program.count)
            } else {
                // (min - 1) copies, then L: body; split L, end.
                for _ in 1..<min { try emit(child) }
                let start = Int32(program.count)
                try emit(child)
                try program.emit(.split, start, Int32(program.count + 1))
            }
            return
        }
        for _ in 0..<min { try emit(child) }
        var splits: [Int32] = []
        for _ in min..<Swift.max(min, max) {
            splits.append(try program.emit(.split, Int32(program.count + 1)))
            try emit(child)
        }
        for split in splits { program.alternates[Int(split)] = Int32(program.count) }
    }
}
