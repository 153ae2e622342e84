// The catalogue on a Storage database: create, read, update and soft delete.
internal import Storage

/// ``ProductRepository`` on an ``SQLDatabase``: one SQL text for both drivers, with what differs
/// (the full-text index and query, row locks) taken from the database's dialect.
struct SQLProductRepository: ProductRepository {
    let database: any SQLDatabase

    func create(_ product: CatalogProduct, onHand: Int64) async throws(ProductError) {
        do {
            try await database.write { connection throws(StorageError) in
                let row = try connection.queryFirst(
                    "INSERT INTO products (\(ProductSQL.insertColumns)) VALUES \(ProductSQL.insertPlaceholders) "
                        + "RETURNING seq", ProductSQL.productValues(product, onHand: onHand))
                let seq: Int64 = try row?.decode("seq") ?? 0
                try Self.insertTags(product.tags, seq: seq, on: connection)
            }
        } catch {
            throw Self.translate(error, sku: product.sku)
        }
    }

    func product(id: String) async throws(ProductError) -> CatalogProduct {
        let rows: [SQLRow]
        do {
            rows = try await database.query(
                "SELECT \(ProductSQL.productColumns) FROM products p WHERE p.id = ?", [.text(id)])
        } catch {
            throw .storage(error)
        }
        guard let row = rows.first else { throw .productNotFound(id) }
        do {
            return try CatalogProduct(row: row)
        } catch {
            throw .storage(error)
        }
    }

    func update(
        id: String, _ update: ProductUpdate, with fields: ProductFields, at now: UTCInstant
    )
        async throws(ProductError) -> CatalogProduct
    {
        let lock = database.dialect.forUpdate
        return try await transaction(sku: update.paths.contains("sku") ? fields.sku : nil) {
            connection throws(StorageError) in
            guard
                let row = try connection.queryFirst(
                    "SELECT p.seq, \(ProductSQL.productColumns) FROM products p WHERE p.id = ?\(lock)", [.text(id)])
            else { return .failure(.productNotFound(id)) }
            let current = try CatalogProduct(row: row)
            let changed: CatalogProduct
            do throws(ProductError) {
                changed = try update.apply(fields, to: current, at: now)
            } catch {
                return .failure(error)
            }
            guard changed != current else { return .success(current) }
            let seq: Int64 = try row["seq"]
            try Self.write(changed, seq: seq, on: connection)
            if changed.tags != current.tags {
                try connection.execute("DELETE FROM product_tags WHERE product_seq = ?", [.integer(seq)])
                try Self.insertTags(changed.tags, seq: seq, on: connection)
            }
            return .success(changed)
        }
    }

    func discontinue(id: String, at now: UTCInstant) async throws(ProductError) {
        try await transaction { connection throws(StorageError) in
            let changed = try connection.execute(
                "UPDATE products SET status = ?, updated_at = ? WHERE id = ? AND status <> ?",
                [
                    .integer(ProductStatus.discontinued.rawValue), .integer(now.microsecondsSince1970), .text(id),
                    .integer(ProductStatus.discontinued.rawValue),
                ])
            guard changed == 0 else { return .success(()) }
            let exists = try connection.queryFirst("SELECT 1 AS present FROM products WHERE id = ?", [.text(id)])
            return exists == nil ? .failure(.productNotFound(id)) : .success(())
        }
    }

    // MARK: Helpers

    /// Runs `body` in a write transaction; a `.failure` it returns rolls the transaction back and
    /// is thrown, and a storage failure is translated (a unique violation of `sku` is
    /// `ALREADY_EXISTS`).
    func transaction<Value: Sendable>(
        sku: String? = nil,
        _ body: @escaping @Sendable (SQLConnection) throws(StorageError) -> Result<Value, ProductError>
    ) async throws(ProductError) -> Value {
        let outcome: Result<Value, ProductError>
        do {
            outcome = try await database.write { connection throws(StorageError) in
                let outcome = try body(connection)
                if case .failure = outcome { connection.setRollbackOnly() }
                return outcome
            }
        } catch {
            throw Self.translate(error, sku: sku)
        }
        return try outcome.get()
    }

    /// Rewrites every updatable column of the product at `seq`.
    private static func write(
        _ product: CatalogProduct, seq: Int64, on connection: SQLConnection
    )
        throws(StorageError)
    {
        try connection.execute(
            "UPDATE products SET sku = ?, name = ?, description = ?, category = ?, price_minor_units = ?, "
                + "price_currency = ?, status = ?, tags = ?, search_tags = ?, attributes = ?, updated_at = ? "
                + "WHERE seq = ?",
            [
                .text(product.sku), .text(product.name), .text(product.description), .text(product.category),
                .integer(product.price.minorUnits), .text(product.price.currencyCode),
                .integer(product.status.rawValue), .text(JSONText.encode(product.tags)),
                .text(ProductSQL.searchWords(product.tags)), .text(JSONText.encode(product.attributes)),
                .integer(product.updatedAt.microsecondsSince1970), .integer(seq),
            ])
    }

    /// Indexes the tags of the product at `seq` by their lower-case form (tags differing only in
    /// case share one entry).
    static func insertTags(_ tags: [String], seq: Int64, on connection: SQLConnection) throws(StorageError) {
        for key in Set(tags.map(ProductFilter.tagKey)).sorted() {
            try connection.execute(
                "INSERT INTO product_tags (product_seq, tag_key) VALUES (?, ?) ON CONFLICT DO NOTHING",
                [.integer(seq), .text(key)])
        }
    }

    /// A storage failure in the catalogue's terms: a taken SKU is `ALREADY_EXISTS`.
    static func translate(_ error: StorageError, sku: String?) -> ProductError {
        if error.kind == .uniqueViolation, let sku, error.constraint?.contains("sku") ?? true {
            return ProductError(.alreadyExists, "a product with the SKU \(sku) exists", cause: error)
        }
        return .storage(error)
    }
}
