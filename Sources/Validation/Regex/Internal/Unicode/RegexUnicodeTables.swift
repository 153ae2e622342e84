/// The Unicode data `\p{…}` classes and group names need: general categories and scripts of
/// Unicode 15.1, the version RE2 (google-re2 1.1) has compiled in.
///
/// The data lives in compact strings generated from the Unicode Character Database
/// (`Tests/Validation/regex/generate_unicode_tables.py`) and is parsed once, on first use.
/// The standard library's own properties follow a newer Unicode, which would make `\pL`
/// disagree with RE2 on recently added letters.
enum RegexUnicodeTables {
    /// The general categories RE2 names: the two-letter ones in UnicodeData.txt (without `Cn`,
    /// which RE2 does not offer) and the one-letter unions of each.
    private struct Categories: Sendable {
        var runStarts: [UInt32] = []
        var runCategories: [Substring] = []
        var classes: [String: RegexCharClass] = [:]
    }

    private static let categories: Categories = {
        var table = Categories()
        let tokens = generalCategoryRuns.split(whereSeparator: { $0 == " " || $0 == "\n" })
        var index = 0
        while index + 1 < tokens.count {
            if let start = UInt32(tokens[index], radix: 16) {
                table.runStarts.append(start)
                table.runCategories.append(tokens[index + 1])
            }
            index += 2
        }
        var builders: [String: RegexCharClassBuilder] = [:]
        for (run, category) in table.runCategories.enumerated() where category != "Cn" {
            let lower = table.runStarts[run]
            let upper = run + 1 < table.runStarts.count ? table.runStarts[run + 1] - 1 : RegexCharClass.maxScalar
            builders[String(category), default: RegexCharClassBuilder()].add(lower, upper)
            builders[String(category.prefix(1)), default: RegexCharClassBuilder()].add(lower, upper)
        }
        table.classes = builders.mapValues { $0.build() }
        return table
    }()

    private static let scripts: [String: RegexCharClass] = {
        var builders: [String: RegexCharClassBuilder] = [:]
        var current: String?
        for token in scriptRanges.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            if token.hasPrefix("=") {
                current = String(token.dropFirst())
                continue
            }
            let bounds = token.split(separator: "-")
            guard let name = current, bounds.count == 2, let lower = UInt32(bounds[0], radix: 16),
                let upper = UInt32(bounds[1], radix: 16)
            else { continue }
            builders[name, default: RegexCharClassBuilder()].add(lower, upper)
        }
        return builders.mapValues { $0.build() }
    }()

    /// The class RE2 calls `name` in `\p{name}`: `Any`, a general category (`L`, `Lu`, `Nd`)
    /// or a script (`Greek`, `Han`, `Old_Italic`); nil for any other name.
    static func group(named name: String) -> RegexCharClass? {
        if name == "Any" { return .any }
        return categories.classes[name] ?? scripts[name]
    }

    /// The two-letter general category of `scalar` (`Cn` when unassigned).
    static func generalCategory(of scalar: UInt32) -> Substring {
        let starts = categories.runStarts
        var low = 0
        var high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] <= scalar { low = middle + 1 } else { high = middle }
        }
        return low > 0 ? categories.runCategories[low - 1] : "Cn"
    }
}
