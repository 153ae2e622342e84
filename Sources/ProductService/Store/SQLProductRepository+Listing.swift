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
        if let text = filter.query, let match = dialect.fullTextQuery(text) {
            sql += " " + dialect.fullTextSearch(ProductMigrations.searchIndex, tableAlias: "p").join
            parameters.append(match)
        }
        sql += " WHERE p.status = ?"
        parameters.append(.integer(ProductStatus.active.rawValue))
        Self.appendConditions(filter, at: now, to: &sql, &parameters)
        if let position {
            sql += " AND p.seq < ?"
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

    /// The `AND …` conditions of the filters other than the query, in the order their values are
    /// bound.
    private static func appendConditions(
        _ filter: ProductFilter, at now: UTCInstant, to sql: inout String, _ parameters: inout [SQLValue]
    ) {
        if let category = filter.category {
            sql += " AND p.category = ?"
            parameters.append(.text(category))
        }
        if let tag = filter.tag {
            sql += " AND EXISTS (SELECT 1 FROM product_tags t WHERE t.product_seq = p.seq AND t.tag_key = ?)"
            parameters.append(.text(ProductFilter.tagKey(tag)))
        }
        if let minimum = filter.minimumPrice {
            sql += " AND p.price_currency = ? AND p.price_minor_units >= ?"
            parameters += [.text(minimum.currencyCode), .integer(minimum.minorUnits)]
        }
        if let maximum = filter.maximumPrice {
            sql += " AND p.price_currency = ? AND p.price_minor_units <= ?"
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
            + "FROM products p \(clause.join) WHERE p.status = ? ORDER BY score DESC, p.seq DESC LIMIT ? OFFSET ?"
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
