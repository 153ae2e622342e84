import ProductContracts
import Storage
import Testing

@testable import ProductService

@Suite("Product store schema")
struct ProductMigrationsTests {
    @Test("migrations apply once, in order, and again change nothing", arguments: Driver.allCases)
    func migrate(driver: Driver) async throws {
        let test = try await TestDatabase.make(driver)
        let database = try await test.open()
        let service = try ProductService(database: database)
        let first = try await service.migrate()
        #expect(first.applied == [1, 2, 3] && first.version == 3)
        let second = try await service.migrate()
        #expect(second.applied.isEmpty && second.version == 3)
        await database.close()
        await test.cleanUp()
    }

    @Test("the schema itself refuses oversold stock, negative prices and unknown states", arguments: Driver.allCases)
    func constraints(driver: Driver) async throws {
        try await ProductHarness.with(driver) { harness in
            let mug = try await harness.addProduct(sku: "MUG-1", name: "Mug", stock: 2)
            let attempts: [(String, StorageError.Kind)] = [
                ("UPDATE products SET reserved = on_hand + 1 WHERE id = ?", .checkViolation),
                ("UPDATE products SET reserved = -1 WHERE id = ?", .checkViolation),
                ("UPDATE products SET price_minor_units = -1 WHERE id = ?", .checkViolation),
                ("UPDATE products SET status = 0 WHERE id = ?", .checkViolation),
                (
                    "INSERT INTO reservations (id, product_id, quantity, order_id, idempotency_key, state, expires_at, "
                        + "created_at, updated_at) VALUES ('r', ?, 1, 'o', 'k', 9, 0, 0, 0)", .checkViolation
                ),
            ]
            for (sql, kind) in attempts {
                do {
                    try await harness.database.write { connection throws(StorageError) in
                        try connection.execute(sql, [.text(mug.id)])
                    }
                    Issue.record("the schema accepted: \(sql)")
                } catch let error as StorageError {
                    #expect(error.kind == kind, "\(sql): \(error)")
                }
            }
            do {
                try await harness.database.write { connection throws(StorageError) in
                    try connection.execute(
                        "INSERT INTO reservations (id, product_id, quantity, order_id, idempotency_key, state, "
                            + "expires_at, created_at, updated_at) VALUES ('r', 'no-such-product', 1, 'o', 'k', 1, 0, 0, 0)"
                    )
                }
                Issue.record("a reservation of an unknown product was accepted")
            } catch let error as StorageError {
                #expect(error.kind == .foreignKeyViolation, "\(error)")
            }
        }
    }
}
