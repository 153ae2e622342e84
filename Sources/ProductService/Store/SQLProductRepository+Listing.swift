// Listing (filters, keyset pages) and ranked full-text search of the active catalogue.
internal import Storage

extension SQLProductRepository {
    func list(
        _ filter: ProductFilter, after position: Int64?, limit: Int, at now: UTCInstant
    )
        async throws(ProductError) -> ProductPage
    {
        let dialect = database.dialect
        var sql = "SELECT p.seq, \(ProductSQL.productColumns) FROM products p"
        var parameters: [SQLValue] = []
        var columns = FilterColumns.indexed
        if let text = filter.query, let match = dialect.fullTextQuery(text) {
            sql += " " + dialect.fullTextSearch(ProductMigrations.searchIndex, tableAlias: "p").join
            parameters.append(match)
            columns = .unindexed
        }
        sql += " WHERE \(columns.status) = ?"
        parameters.append(.integer(ProductStatus.active.rawValue))
        Self.appendConditions(filter, columns, at: now, to: &sql, &parameters)
        if let position {
            sql += " AND \(columns.seq) < ?"
            parameters.append(.integer(position))
        }
        // One row more than the page tells whether another page follows.
        sql += " ORDER BY p.seq DESC LIMIT ?"
        parameters.append(.integer(Int64(limit) + 1))
        do {
            let rows = try await database.query(sql, parameters)
            var products: [CatalogProduct] = []
            var last: Int64?
            for row in rows.prefix(limit) {
                products.append(try CatalogProduct(row: row))
                last = try row.decode("seq", as: Int64.self)
            }
            return ProductPage(products: products, nextPosition: rows.count > limit ? last : nil)
        } catch {
            throw .storage(error)
        }
    }

    /// How a query names the filtered columns of `products p`.
    ///
    /// With the full-text join, the columns are written so that no index can serve them (a unary
    /// `+` on integers, a `CAST` on text: both valid on the two drivers). Otherwise SQLite's
    /// planner may walk the products through the status or category index and probe the
    /// full-text index once per product (measured on 10,000 products: 100 ms to 1 s per query)
    /// instead of starting from the matches (about 1 ms). PostgreSQL plans by its statistics
    /// either way.
    struct FilterColumns {
        var status: String
        var seq: String
        var category: String
        var currency: String
        var price: String

        static let indexed = FilterColumns(
            status: "p.status", seq: "p.seq", category: "p.category", currency: "p.price_currency",
            price: "p.price_minor_units")
        static let unindexed = FilterColumns(
            status: "+p.status", seq: "+p.seq", category: "CAST(p.category AS TEXT)",
            currency: "CAST(p.price_currency AS TEXT)", price: "+p.price_minor_units")
    }

    /// The `AND …` conditions of the filters other than the query, in the order their values are
    /// bound.
    private static func appendConditions(
        _ filter: ProductFilter, _ columns: FilterColumns, at now: UTCInstant, to sql: inout String,
        _ parameters: inout [SQLValue]
    ) {
        if let category = filter.category {
            sql += " AND \(columns.category) = ?"
            parameters.append(.text(category))
        }
        if let tag = filter.tag {
            sql += " AND EXISTS (SELECT 1 FROM product_tags t WHERE t.product_seq = p.seq AND t.tag_key = ?)"
            parameters.append(.text(ProductFilter.tagKey(tag)))
        }
        if let minimum = filter.minimumPrice {
            sql += " AND \(columns.currency) = ? AND \(columns.price) >= ?"
            parameters += [.text(minimum.currencyCode), .integer(minimum.minorUnits)]
        }
        if let maximum = filter.maximumPrice {
            sql += " AND \(columns.currency) = ? AND \(columns.price) <= ?"
            parameters += [.text(maximum.currencyCode), .integer(maximum.minorUnits)]
        }
        if filter.isInStockOnly {
            // Units held by lapsed holds the sweeper has not marked yet count as available.
            sql +=
                " AND (p.on_hand > p.reserved OR p.on_hand > p.reserved - (SELECT COALESCE(SUM(r.quantity), 0) "
                + "FROM reservations r WHERE r.product_id = p.id AND r.state = ? AND r.expires_at <= ?))"
            parameters += [.integer(ReservationState.held.rawValue), .integer(now.microsecondsSince1970)]
        }
    }

    func search(_ query: String, offset: Int, limit: Int) async throws(ProductError) -> SearchPage {
        let dialect = database.dialect
        guard let match = dialect.fullTextQuery(query) else { return SearchPage(hits: [], total: 0) }
        let clause = dialect.fullTextSearch(ProductMigrations.searchIndex, tableAlias: "p")
        let sql =
            "SELECT \(ProductSQL.productColumns), \(clause.rank) AS score, COUNT(*) OVER () AS total "
            + "FROM products p \(clause.join) WHERE \(FilterColumns.unindexed.status) = ? "
            + "ORDER BY score DESC, p.seq DESC LIMIT ? OFFSET ?"
        do {
            let rows = try await database.query(
                sql,
                [match, .integer(ProductStatus.active.rawValue), .integer(Int64(limit)), .integer(Int64(offset))])
            var hits: [SearchHit] = []
            hits.reserveCapacity(rows.count)
            for row in rows {
                hits.append(SearchHit(product: try CatalogProduct(row: row), score: try row["score"]))
            }
            let total: Int = try rows.first?.decode("total") ?? 0
            return SearchPage(hits: hits, total: total)
        } catch {
            throw .storage(error)
        }
    }
}
