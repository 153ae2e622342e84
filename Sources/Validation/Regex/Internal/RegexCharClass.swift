/// One inclusive range of Unicode scalar values (surrogates included, as RE2 counts them).
struct RegexScalarRange: Sendable, Hashable {
    /// The first value in the range.
    var lower: UInt32
    /// The last value in the range.
    var upper: UInt32

    init(_ lower: UInt32, _ upper: UInt32) {
        self.lower = lower
        self.upper = upper
    }
}

/// A set of scalar values as sorted, disjoint, non-adjacent ranges: what a character class,
/// `.`, a Perl or POSIX class, a Unicode class or a case-folded literal compiles to.
struct RegexCharClass: Sendable, Hashable {
    /// The largest scalar value (RE2's `Runemax`).
    static let maxScalar: UInt32 = 0x10FFFF

    /// Sorted, disjoint and non-adjacent.
    private(set) var ranges: [RegexScalarRange]

    /// A class from ranges already sorted, disjoint and non-adjacent.
    init(normalized ranges: [RegexScalarRange]) {
        self.ranges = ranges
    }

    /// Every scalar value (`(?s).`, `\p{Any}`).
    static let any = RegexCharClass(normalized: [RegexScalarRange(0, maxScalar)])

    /// Whether the class holds no value (it can never match).
    var isEmpty: Bool { ranges.isEmpty }

    /// Whether the class holds every value.
    var isFull: Bool { ranges == RegexCharClass.any.ranges }

    /// Whether `scalar` is in the class.
    func contains(_ scalar: UInt32) -> Bool {
        var low = 0
        var high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if scalar < ranges[middle].lower {
                high = middle
            } else if scalar > ranges[middle].upper {
                low = middle + 1
            } else {
                return true
            }
        }
        return false
    }

    /// The values not in the class, within 0...``maxScalar``.
    func inverted() -> RegexCharClass {
        var result: [RegexScalarRange] = []
        result.reserveCapacity(ranges.count + 1)
        var next: UInt32 = 0
        for range in ranges {
            if range.lower > next { result.append(RegexScalarRange(next, range.lower - 1)) }
            next = range.upper + 1
        }
        if next <= RegexCharClass.maxScalar { result.append(RegexScalarRange(next, RegexCharClass.maxScalar)) }
        return RegexCharClass(normalized: result)
    }
}

/// Collects ranges in any order, then sorts and merges them into a ``RegexCharClass``.
struct RegexCharClassBuilder {
    private var pending: [RegexScalarRange] = []

    /// Adds `lower...upper` (ignored when empty or past ``RegexCharClass/maxScalar``).
    mutating func add(_ lower: UInt32, _ upper: UInt32) {
        let upper = min(upper, RegexCharClass.maxScalar)
        guard lower <= upper else { return }
        pending.append(RegexScalarRange(lower, upper))
    }

    /// Adds every range of `charClass`.
    mutating func add(_ charClass: RegexCharClass) {
        pending.append(contentsOf: charClass.ranges)
    }

    /// Adds `lower...upper` and every value that case-folds together with one in it
    /// (RE2's `AddFoldedRange`).
    mutating func addFolded(_ lower: UInt32, _ upper: UInt32) {
        add(lower, upper)
        RegexCaseFolding.forEachFoldingPartner(in: lower, upper) { add($0, $0) }
    }

    /// Adds the ranges, folded when `foldCase` is set.
    mutating func add(_ ranges: [RegexScalarRange], foldCase: Bool) {
        for range in ranges {
            if foldCase {
                addFolded(range.lower, range.upper)
            } else {
                add(range.lower, range.upper)
            }
        }
    }

    /// The sorted, merged class.
    func build() -> RegexCharClass {
        let sorted = pending.sorted { $0.lower < $1.lower }
        var merged: [RegexScalarRange] = []
        merged.reserveCapacity(sorted.count)
        for range in sorted {
            if let last = merged.last, range.lower <= last.upper &+ 1 {
                merged[merged.count - 1].upper = max(last.upper, range.upper)
            } else {
                merged.append(range)
            }
        }
        return RegexCharClass(normalized: merged)
    }
}
