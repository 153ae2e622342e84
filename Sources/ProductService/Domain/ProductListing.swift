// What a ListProducts or SearchProducts call asks for, checked: filters, page size, position.

/// The filters of a listing; every one that is set must hold.
struct ProductFilter: Sendable, Hashable {
    /// Full-text words the products must match (as in search); `nil` or no words lists all.
    var query: String?
    /// A tag the product has, compared ignoring case.
    var tag: String?
    /// The product's category, exactly.
    var category: String?
    /// The lowest price, in its currency (a product in another currency does not match).
    var minimumPrice: Price?
    /// The highest price, in its currency.
    var maximumPrice: Price?
    /// Only products with at least one unit available.
    var isInStockOnly = false

    /// The filter's values in one string, for the page token's fingerprint: a token is valid
    /// only with the filters it was made for.
    var fingerprintText: String {
        let parts: [String] = [
            query ?? "-", tag.map(Self.tagKey) ?? "-", category ?? "-",
            minimumPrice.map { "\($0.minorUnits) \($0.currencyCode)" } ?? "-",
            maximumPrice.map { "\($0.minorUnits) \($0.currencyCode)" } ?? "-", isInStockOnly ? "1" : "0",
        ]
        return parts.joined(separator: "\u{1F}")
    }

    /// The form a tag is compared in: lower case (Unicode-aware, unlike SQL's `lower`).
    static func tagKey(_ tag: String) -> String {
        tag.lowercased()
    }
}

/// One page of products in the listing's order (newest first), and whether more follow.
struct ProductPage: Sendable, Hashable {
    var products: [CatalogProduct]
    /// Where the next page starts (the last product's position), or `nil` on the last page.
    var nextPosition: Int64?
}

/// One hit of a search.
struct SearchHit: Sendable, Hashable {
    var product: CatalogProduct
    /// The relevance: higher is better (`-bm25` on SQLite, `ts_rank` on PostgreSQL).
    var score: Double
}

/// One page of search hits, best first, with the number of hits in all.
struct SearchPage: Sendable, Hashable {
    var hits: [SearchHit]
    /// Active products matching the query, on every page.
    var total: Int
}
