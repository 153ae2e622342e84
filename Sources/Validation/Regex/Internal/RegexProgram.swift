#if canImport(Glibc)
    internal import Glibc
#elseif canImport(Musl)
    internal import Musl
#elseif canImport(Darwin)
    internal import Darwin
#endif

/// A compiled pattern: a Thompson NFA as a flat instruction list, simulated by
/// ``RegexProgram/run(_:steps:)`` in time linear in the text.
///
/// Instructions are stored column by column (opcode, operand, second target) so the matcher
/// reads small arrays; classes live in one ``RegexClassTable``.
struct RegexProgram: Sendable {
    /// What one instruction does.
    enum Opcode: UInt8, Sendable {
        /// Consume the scalar `operand`.
        case rune
        /// Consume a scalar in class `operand`.
        case charClass
        /// Continue at `operand` and at `alternate` (both threads run).
        case split
        /// Continue at `operand`.
        case jump
        /// Continue at the next instruction if the assertions in `operand` (bits of
        /// ``RegexAssertion``) hold here.
        case assert
        /// A match: the text matches.
        case match
        /// A dead end (an empty class).
        case fail
    }

    /// The most instructions a program may have; past it the pattern is rejected as too large
    /// (RE2's own limit, from its 8 MiB default memory budget, is of the same order).
    static let maxInstructions = 100_000
    /// The most class ranges a program may hold, for the same reason.
    static let maxClassRanges = 1_000_000

    var opcodes: [Opcode] = []
    var operands: [Int32] = []
    var alternates: [Int32] = []
    var classes = RegexClassTable()
    /// Every match starts at the beginning of the text (the pattern starts with `^` or `\A`).
    var isAnchoredAtStart = false
    /// The bytes a match can start with, when that is a useful filter.
    var firstBytes: RegexByteSet?
    /// The empty string matches where only `\B` holds (see ``analyze()``).
    var matchesEmptyInsideCharacter = false
    /// Whether any instruction is an assertion (else the matcher need not work out which hold).
    var hasAssertions = false
    /// The deterministic automaton for small programs (see ``RegexDFA``), which ``run(_:steps:)``
    /// uses instead of the Pike VM when it is there.
    var dfa: RegexDFA?

    /// The number of instructions.
    var count: Int { opcodes.count }

    /// Appends an instruction and returns its index.
    @discardableResult
    mutating func emit(
        _ opcode: Opcode, _ operand: Int32 = 0, _ alternate: Int32 = 0
    ) throws(RE2SyntaxError)
        -> Int32
    {
        guard opcodes.count < RegexProgram.maxInstructions else {
            throw RE2SyntaxError(
                code: .patternTooLarge,
                message: "pattern too large - compile failed (more than \(RegexProgram.maxInstructions) instructions)",
                offset: 0)
        }
        opcodes.append(opcode)
        operands.append(operand)
        alternates.append(alternate)
        return Int32(opcodes.count - 1)
    }
}

/// The classes of a program: an ASCII bitmap per class for the common case, and every range
/// flattened into one array for the rest.
struct RegexClassTable: Sendable {
    /// Two words per class: bit `c` set when ASCII `c` is in it.
    private(set) var asciiBits: [UInt64] = []
    /// Class `i`'s ranges are `bounds[rangeStarts[i]..<rangeStarts[i + 1]]` taken in pairs.
    private(set) var rangeStarts: [Int32] = [0]
    /// Lower and upper bound of each range, one after the other.
    private(set) var bounds: [UInt32] = []
    private var indices: [RegexCharClass: Int32] = [:]

    /// The index of `charClass`, adding it unless an equal class is already here.
    mutating func index(of charClass: RegexCharClass) throws(RE2SyntaxError) -> Int32 {
        if let index = indices[charClass] { return index }
        guard bounds.count / 2 + charClass.ranges.count <= RegexProgram.maxClassRanges else {
            throw RE2SyntaxError(
                code: .patternTooLarge, message: "pattern too large - compile failed (too many class ranges)",
                offset: 0)
        }
        var low: UInt64 = 0
        var high: UInt64 = 0
        for range in charClass.ranges where range.lower < 128 {
            for value in range.lower...min(range.upper, 127) {
                if value < 64 { low |= 1 << UInt64(value) } else { high |= 1 << UInt64(value - 64) }
            }
        }
        asciiBits.append(low)
        asciiBits.append(high)
        for range in charClass.ranges {
            bounds.append(range.lower)
            bounds.append(range.upper)
        }
        rangeStarts.append(Int32(bounds.count))
        let index = Int32(indices.count)
        indices[charClass] = index
        return index
    }

    /// The number of ranges of class `index`.
    func rangeCount(of index: Int) -> Int {
        Int(rangeStarts[index + 1] - rangeStarts[index]) / 2
    }

    /// The ranges of class `index`, as (lower, upper) pairs.
    func ranges(of index: Int) -> [(UInt32, UInt32)] {
        stride(from: Int(rangeStarts[index]), to: Int(rangeStarts[index + 1]), by: 2).map {
            (bounds[$0], bounds[$0 + 1])
        }
    }

    /// Whether `scalar` is in class `index`.
    func contains(_ scalar: UInt32, inClass index: Int) -> Bool {
        if scalar < 128 {
            return asciiBits[2 * index + Int(scalar >> 6)] & (UInt64(1) << UInt64(scalar & 63)) != 0
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

/// A set of bytes, as a 256-bit map.
struct RegexByteSet: Sendable {
    private(set) var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// Adds the bytes `lower...upper`.
    mutating func insert(_ lower: UInt8, through upper: UInt8) {
        guard lower <= upper else { return }
        for byte in lower...upper {
            let bit = UInt64(1) << UInt64(byte & 63)
            switch byte >> 6 {
            case 0: words.0 |= bit
            case 1: words.1 |= bit
            case 2: words.2 |= bit
            default: words.3 |= bit
            }
        }
    }

    /// Whether `byte` is in the set.
    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        let word: UInt64 =
            switch byte >> 6 {
            case 0: words.0
            case 1: words.1
            case 2: words.2
            default: words.3
            }
        return word & (UInt64(1) << UInt64(byte & 63)) != 0
    }

    /// How many bytes are in the set.
    var count: Int {
        words.0.nonzeroBitCount + words.1.nonzeroBitCount + words.2.nonzeroBitCount + words.3.nonzeroBitCount
    }

    /// The one byte in the set when it has exactly one, as ``seal()`` found.
    private(set) var onlyByte: UInt8?

    /// Records ``onlyByte``; call once the set is complete.
    mutating func seal() {
        guard count == 1 else { return onlyByte = nil }
        let (word, base): (UInt64, Int) =
            words.0 != 0 ? (words.0, 0) : words.1 != 0 ? (words.1, 64) : words.2 != 0 ? (words.2, 128) : (words.3, 192)
        onlyByte = UInt8(base + word.trailingZeroBitCount)
    }

    /// The offset of the first byte at or after `start` that is in the set (`text.count` if none).
    func firstIndex(in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var position = start
        if let byte = onlyByte, let base = text.baseAddress, position < text.count {
            // memchr scans many bytes per instruction; the one-byte case is every pattern that
            // starts with a case-sensitive literal.
            guard let found = memchr(base + position, Int32(byte), text.count - position) else { return text.count }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
        while position < text.count, !contains(text[position]) { position += 1 }
        return position
    }
}
