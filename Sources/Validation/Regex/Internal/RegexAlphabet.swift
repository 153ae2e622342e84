/// The scalar classes of a small program: scalars that every consuming instruction accepts or
/// rejects alike fall in one class, so an automaton needs one transition per class.
///
/// A class is named by its signature, the bit set of the consumers that accept its scalars
/// (consumer `i` is the `i`-th rune or class instruction). Class 0 is the signature 0, which
/// also takes the bytes that are not valid UTF-8.
struct RegexAlphabet {
    /// The most classes (numbered in a byte).
    static let maxClasses = 128
    /// The most class ranges the program's consumers may hold in all: every range boundary
    /// splits the scalars, and each piece's signature is worked out at construction.
    static let maxRanges = 4_096

    /// The program counter of each consumer, in program order.
    let consumers: [Int]
    /// For each instruction, its consumer number (meaningful for consumers only).
    let consumerIndex: [Int]
    /// The signature of each class.
    private(set) var signatures: [UInt64] = []
    /// The class of each ASCII scalar.
    private(set) var asciiClasses: [UInt8] = []
    /// The scalars from 0x80 on, as ranges: `nonASCIIStarts[i]` up to the next start.
    private(set) var nonASCIIStarts: [UInt32] = []
    /// The class of each range of ``nonASCIIStarts``.
    private(set) var nonASCIIClasses: [UInt8] = []
    /// The class of invalid UTF-8 (the empty signature).
    let invalidClass: UInt8 = 0
    private var numbers: [UInt64: UInt8] = [0: 0]
    /// One entry per distinct rune or class operand: which consumers use it.
    private var predicates: [(opcode: RegexProgram.Opcode, operand: Int32, consumers: UInt64)] = []

    /// The number of classes.
    var classCount: Int { signatures.count }

    /// The classes of `program`, or nil past ``RegexDFAConstruction/maxConsumers``,
    /// ``maxClasses`` or ``maxRanges``.
    init?(_ program: RegexProgram) {
        var consumers: [Int] = []
        var consumerIndex = [Int](repeating: -1, count: program.count)
        for pc in 0..<program.count where program.opcodes[pc] == .rune || program.opcodes[pc] == .charClass {
            guard consumers.count < RegexDFAConstruction.maxConsumers else { return nil }
            consumerIndex[pc] = consumers.count
            consumers.append(pc)
        }
        self.consumers = consumers
        self.consumerIndex = consumerIndex
        signatures = [0]
        var ranges = 0
        for (index, pc) in consumers.enumerated() {
            let opcode = program.opcodes[pc]
            let operand = program.operands[pc]
            let bit = UInt64(1) << UInt64(index)
            if let known = predicates.firstIndex(where: { $0.opcode == opcode && $0.operand == operand }) {
                predicates[known].consumers |= bit
                continue
            }
            if opcode == .charClass { ranges += program.classes.rangeCount(of: Int(operand)) }
            predicates.append((opcode, operand, bit))
        }
        guard ranges <= RegexAlphabet.maxRanges else { return nil }
        var ascii: [UInt8] = []
        for scalar in UInt32(0)..<128 {
            guard let number = number(for: signature(of: scalar, in: program)) else { return nil }
            ascii.append(number)
        }
        asciiClasses = ascii
        guard splitNonASCII(program) else { return nil }
    }

    /// Cuts 0x80...0x10FFFF at every range boundary and names each piece's class, merging
    /// neighbours of one class; false past ``maxClasses``.
    private mutating func splitNonASCII(_ program: RegexProgram) -> Bool {
        var boundaries: Set<UInt32> = [0x80]
        for predicate in predicates {
            let pairs: [(UInt32, UInt32)]
            if predicate.opcode == .rune {
                let scalar = UInt32(bitPattern: predicate.operand)
                pairs = [(scalar, scalar)]
            } else {
                pairs = program.classes.ranges(of: Int(predicate.operand))
            }
            for (lower, upper) in pairs where upper >= 0x80 {
                boundaries.insert(max(lower, 0x80))
                if upper < RegexCharClass.maxScalar { boundaries.insert(upper + 1) }
            }
        }
        for start in boundaries.sorted() where start <= RegexCharClass.maxScalar {
            guard let number = number(for: signature(of: start, in: program)) else { return false }
            if nonASCIIClasses.last == number { continue }
            nonASCIIStarts.append(start)
            nonASCIIClasses.append(number)
        }
        return true
    }

    /// The consumers that accept `scalar`.
    private func signature(of scalar: UInt32, in program: RegexProgram) -> UInt64 {
        var signature: UInt64 = 0
        for predicate in predicates {
            let accepts =
                predicate.opcode == .rune
                ? UInt32(bitPattern: predicate.operand) == scalar
                : program.classes.contains(scalar, inClass: Int(predicate.operand))
            if accepts { signature |= predicate.consumers }
        }
        return signature
    }

    /// The class with `signature`, added if new; nil past ``maxClasses``.
    private mutating func number(for signature: UInt64) -> UInt8? {
        if let number = numbers[signature] { return number }
        guard signatures.count < RegexAlphabet.maxClasses else { return nil }
        let number = UInt8(signatures.count)
        numbers[signature] = number
        signatures.append(signature)
        return number
    }
}
