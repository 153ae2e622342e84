/// Simple case folding as RE2 applies it under `(?i)`: values whose simple case foldings
/// (CaseFolding.txt, statuses C and S) agree match each other.
///
/// Each group of such values is an orbit: `k`, `K` and `K` (U+212A KELVIN SIGN); `s`, `S` and
/// `ſ`; `σ`, `ς` and `Σ`. Turkish dotted and dotless i have only full or Turkic foldings, so,
/// as in RE2, `(?i)i` matches neither `İ` nor `ı`.
enum RegexCaseFolding {
    /// Every value that belongs to an orbit of two or more, sorted, with its orbit's index.
    private struct Table: Sendable {
        var members: [UInt32] = []
        var orbitIndex: [Int32] = []
        /// The orbits, flattened: orbit `i` is `values[starts[i]..<starts[i + 1]]`.
        var values: [UInt32] = []
        var starts: [Int32] = []
    }

    private static let table: Table = {
        var orbits: [UInt32: [UInt32]] = [:]
        let tokens = RegexUnicodeTables.caseFoldingPairs.split(whereSeparator: { $0 == " " || $0 == "\n" })
        for token in tokens {
            let parts = token.split(separator: ":")
            guard parts.count == 2, let code = UInt32(parts[0], radix: 16), let fold = UInt32(parts[1], radix: 16)
            else { continue }
            orbits[fold, default: [fold]].append(code)
        }
        var table = Table()
        var entries: [(UInt32, Int32)] = []
        for (_, orbit) in orbits.sorted(by: { $0.key < $1.key }) {
            let index = Int32(table.starts.count)
            table.starts.append(Int32(table.values.count))
            table.values.append(contentsOf: orbit.sorted())
            entries.append(contentsOf: orbit.map { ($0, index) })
        }
        table.starts.append(Int32(table.values.count))
        entries.sort { $0.0 < $1.0 }
        table.members = entries.map(\.0)
        table.orbitIndex = entries.map(\.1)
        return table
    }()

    /// The index in `members` of the first value not below `scalar`.
    private static func firstMember(notBelow scalar: UInt32) -> Int {
        let members = table.members
        var low = 0
        var high = members.count
        while low < high {
            let middle = (low + high) / 2
            if members[middle] < scalar { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The orbit of `scalar` in ascending order, or `[scalar]` when it folds with nothing else.
    static func orbit(of scalar: UInt32) -> [UInt32] {
        let index = firstMember(notBelow: scalar)
        guard index < table.members.count, table.members[index] == scalar else { return [scalar] }
        let orbit = Int(table.orbitIndex[index])
        return Array(table.values[Int(table.starts[orbit])..<Int(table.starts[orbit + 1])])
    }

    /// Calls `body` with every orbit partner of every value in `lower...upper` (values of the
    /// range itself may come too).
    static func forEachFoldingPartner(in lower: UInt32, _ upper: UInt32, _ body: (UInt32) -> Void) {
        let table = Self.table
        var index = firstMember(notBelow: lower)
        while index < table.members.count, table.members[index] <= upper {
            let orbit = Int(table.orbitIndex[index])
            for value in table.values[Int(table.starts[orbit])..<Int(table.starts[orbit + 1])] {
                body(value)
            }
            index += 1
        }
    }
}
