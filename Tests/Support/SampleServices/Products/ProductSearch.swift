// A small full-text scorer for the catalog: case-insensitive words over name, tags and
// description, the last query word also matching as a prefix ("gard" finds "garden").
internal import ProductContracts

/// Scores products against a query; higher is better, 0 is no match.
///
/// A query word found in the name counts 3, in a tag 2, in the description 1; a field counts
/// once per query word. A prefix match (last word only) counts half, so `garden` ranks a product
/// named "Garden hose" above one named "Gardening gloves". Ties keep the caller's order.
struct ProductSearch: Sendable {
    /// The query's words, lower-cased.
    let words: [String]

    /// A search for the words of `query`.
    init(_ query: String) {
        words = Self.words(in: query)
    }

    /// Whether the query has no words at all (only punctuation or spaces).
    var isEmpty: Bool { words.isEmpty }

    /// How well `product` matches.
    func score(_ product: Product_V1_Product) -> Double {
        let fields: [(words: [String], weight: Double)] = [
            (Self.words(in: product.name), 3),
            (product.tags.flatMap(Self.words(in:)), 2),
            (Self.words(in: product.description_p), 1),
        ]
        var score = 0.0
        for (index, word) in words.enumerated() {
            let allowsPrefix = index == words.count - 1
            for field in fields {
                if field.words.contains(word) {
                    score += field.weight
                } else if allowsPrefix, field.words.contains(where: { $0.hasPrefix(word) }) {
                    score += field.weight / 2
                }
            }
        }
        return score
    }

    /// The lower-cased runs of letters and digits in `text`.
    static func words(in text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
    }
}
