/// A full-text index over text columns of one table, for ranked search that ignores case and
/// accents and matches the last word as a prefix.
///
/// The dialect turns it into each database's own machinery:
///
/// - SQLite: an external-content FTS5 table named ``name`` over ``table`` (tokenizer `unicode61
///   remove_diacritics 2`, prefix indexes of 2 and 3 characters), kept in step by three triggers
///   (`<name>_ai`, `_ad`, `_au`), ranked by `bm25` with the column weights. The table must be a
///   rowid table (the default) and a row's rowid must not change.
/// - PostgreSQL: a generated `tsvector` column named ``name`` on ``table`` with a GIN index
///   (`<name>_gin`), built with a text search configuration `<name>_config`: the `simple`
///   dictionary (lower case, no stemming, no stop words, like FTS5) behind `unaccent` when the
///   server has that extension (Debian's `postgresql` does), ranked by `ts_rank` with the weights.
///
/// ```swift
/// static let search = FullTextIndex(
///     name: "products_search", table: "products",
///     columns: [.init("name", weight: .a), .init("tags", weight: .b), .init("description", weight: .d)])
///
/// // In a migration:
/// Migration(version: 3, name: "product search") { dialect in dialect.createFullTextIndex(search) }
///
/// // In a query:
/// let clause = dialect.fullTextSearch(search, tableAlias: "p")
/// guard let match = dialect.fullTextQuery(text) else { return [] }
/// let rows = try connection.query(
///     "SELECT p.id, \(clause.rank) AS score FROM products p \(clause.join) "
///         + "WHERE p.deleted = FALSE ORDER BY score DESC, p.id LIMIT ?",
///     [match, SQLValue(limit)])
/// ```
///
/// Names are written into the SQL as they are, like the rest of a service's SQL text: use plain
/// lower-case identifiers.
public struct FullTextIndex: Sendable, Hashable {
    /// How much a match in a column counts. The ratios are PostgreSQL's `ts_rank` defaults (1, 0.4,
    /// 0.2, 0.1), used as `bm25` column weights on SQLite.
    public enum Weight: Sendable, Hashable {
        case a, b, c, d

        var letter: String {
            switch self {
            case .a: "A"
            case .b: "B"
            case .c: "C"
            case .d: "D"
            }
        }

        var factor: String {
            switch self {
            case .a: "1.0"
            case .b: "0.4"
            case .c: "0.2"
            case .d: "0.1"
            }
        }
    }

    /// A text column of the table and its weight.
    public struct Column: Sendable, Hashable {
        /// The column name.
        public var name: String
        /// How much a match in it counts.
        public var weight: Weight

        /// A column; weight ``Weight/a`` unless said otherwise.
        public init(_ name: String, weight: Weight = .a) {
            self.name = name
            self.weight = weight
        }
    }

    /// The index's name: the FTS5 table on SQLite, the `tsvector` column on PostgreSQL.
    public var name: String
    /// The table whose rows are searched.
    public var table: String
    /// The text columns searched, with their weights.
    public var columns: [Column]

    /// An index over `columns` of `table`.
    public init(name: String, table: String, columns: [Column]) {
        self.name = name
        self.table = table
        self.columns = columns
    }
}

/// The pieces of a ranked full-text query (``SQLDialect/fullTextSearch(_:tableAlias:)``).
public struct FullTextSearchClause: Sendable, Hashable {
    /// A `JOIN …` to put right after the table in `FROM`: it keeps only the matching rows and
    /// holds the one `?` placeholder, bound to ``SQLDialect/fullTextQuery(_:)``'s value.
    public var join: String
    /// An SQL expression for the relevance of a row: higher is more relevant (order by it
    /// descending, then by a key, since equal scores have no order).
    public var rank: String
}
