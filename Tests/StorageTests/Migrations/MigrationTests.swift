import Storage
import Testing

@Suite("Migrations")
struct MigrationTests {
    static let v1 = Migration(
        version: 1, name: "products",
        sql: """
            CREATE TABLE products (id BIGINT PRIMARY KEY, name TEXT NOT NULL);
            CREATE TABLE runs (migration BIGINT NOT NULL);
            INSERT INTO runs (migration) VALUES (1);
            """)
    static let v2 = Migration(version: 2, name: "images") { dialect in
        "ALTER TABLE products ADD COLUMN image \(dialect.blobType); INSERT INTO runs (migration) VALUES (2);"
    }
    static let v3 = Migration(
        version: 3, name: "prices",
        sqlite: "ALTER TABLE products ADD COLUMN price_cents INTEGER NOT NULL DEFAULT 0; INSERT INTO runs VALUES (3);",
        postgresql:
            "ALTER TABLE products ADD COLUMN price_cents BIGINT NOT NULL DEFAULT 0; INSERT INTO runs VALUES (3);")

    static func runs(_ database: any SQLDatabase) async throws -> [Int64] {
        try await database.query("SELECT migration FROM runs ORDER BY migration").map { try $0.decode(at: 0) }
    }

    @Test("a fresh database gets every migration, recorded; running again changes nothing", arguments: Driver.allCases)
    func freshAndRerun(driver: Driver) async throws {
        try await withDatabase(driver) { database in
            #expect(try await database.schemaVersion() == 0)
            let first = try await database.migrate([Self.v3, Self.v1, Self.v2])  // order of the list does not matter
            #expect(first == MigrationReport(applied: [1, 2, 3], version: 3))
            let again = try await database.migrate([Self.v1, Self.v2, Self.v3])
            #expect(again == MigrationReport(applied: [], version: 3))
            #expect(try await Self.runs(database) == [1, 2, 3])
            #expect(try await database.schemaVersion() == 3)
            let rows = try await database.query(
                "SELECT version, name, applied_at, checksum FROM schema_migrations ORDER BY version")
            #expect(try rows.map { try $0.decode("name", as: String.self) } == ["products", "images", "prices"])
            for (row, migration) in zip(rows, [Self.v1, Self.v2, Self.v3]) {
                #expect(try row["checksum"] as String == migration.checksum(for: database.dialect))
                let appliedAt: String = try row["applied_at"]
                #expect(appliedAt.hasSuffix("Z") && appliedAt.count == 24, "\(appliedAt)")
            }
            // The migrations' schema is usable.
            try await database.write { connection throws(StorageError) in
                try connection.execute(
                    "INSERT INTO products (id, name, image, price_cents) VALUES (1, 'lamp', ?, 999)", [.blob([1, 2])])
            }
        }
    }

    @Test("an older build refuses a newer schema, naming both versions", arguments: Driver.allCases)
    func newerSchema(driver: Driver) async throws {
        try await withDatabase(driver) { database in
            try await database.migrate([Self.v1, Self.v2, Self.v3])
            let error = await expectStorageError(.schemaTooNew) { try await database.migrate([Self.v1, Self.v2]) }
            #expect(error?.message.contains("version 3") == true, "\(String(describing: error))")
            #expect(error?.message.contains("version 2") == true, "\(String(describing: error))")
        }
    }

    @Test("a changed migration is refused", arguments: Driver.allCases)
    func changedChecksum(driver: Driver) async throws {
        try await withDatabase(driver) { database in
            try await database.migrate([Self.v1, Self.v2])
            let edited = Migration(version: 2, name: "images", sql: "ALTER TABLE products ADD COLUMN image TEXT")
            let error = await expectStorageError(.migrationChanged) {
                try await database.migrate([Self.v1, edited, Self.v3])
            }
            #expect(error?.message.contains("migration 2") == true)
            #expect(try await Self.runs(database) == [1, 2])  // v3 did not run either
            let dropped = await expectStorageError(.migrationChanged) { try await database.migrate([Self.v2]) }
            #expect(dropped?.message.contains("migration 1") == true)
        }
    }

    @Test("a malformed list is refused before touching the database")
    func malformed() async throws {
        try await withDatabase(.sqlite) { database in
            await expectStorageError(.migrationChanged) {
                try await database.migrate([Self.v1, Migration(version: 1, name: "again", sql: "SELECT 1")])
            }
            await expectStorageError(.migrationChanged) {
                try await database.migrate([Migration(version: 0, name: "zero", sql: "SELECT 1")])
            }
            let version = try await database.schemaVersion()
            #expect(version == 0)
        }
    }

    @Test("a new migration older than an applied one is refused", arguments: [Driver.sqlite])
    func outOfOrder(driver: Driver) async throws {
        try await withDatabase(driver) { database in
            try await database.migrate([Self.v1, Self.v3])
            await expectStorageError(.migrationChanged) { try await database.migrate([Self.v1, Self.v2, Self.v3]) }
        }
    }

    @Test("a failing migration leaves nothing of itself behind", arguments: Driver.allCases)
    func failingMigration(driver: Driver) async throws {
        try await withDatabase(driver) { database in
            try await database.migrate([Self.v1])
            let broken = Migration(
                version: 2, name: "broken",
                sql: "CREATE TABLE half (x BIGINT); INSERT INTO runs VALUES (2); SELEC oops;")
            await expectStorageError(.invalidStatement) { try await database.migrate([Self.v1, broken]) }
            #expect(try await database.schemaVersion() == 1)
            #expect(try await Self.runs(database) == [1])
            await expectStorageError(.invalidStatement) { try await database.query("SELECT * FROM half") }
        }
    }

    @Test("two processes migrating one database at once apply each migration once", arguments: Driver.allCases)
    func concurrentMigrators(driver: Driver) async throws {
        let test = try await TestDatabase.make(driver)
        // Two independent databases (pools, connections) over the same file or schema, as two
        // processes starting together would have.
        let one = try await test.open()
        let two = try await test.open()
        let migrations = [Self.v1, Self.v2, Self.v3]
        async let first = one.migrate(migrations)
        async let second = two.migrate(migrations)
        let reports = try await [first, second]
        #expect(reports.flatMap(\.applied).sorted() == [1, 2, 3])
        #expect(reports.allSatisfy { $0.version == 3 })
        #expect(try await Self.runs(one) == [1, 2, 3])
        await one.close()
        await two.close()
        await test.cleanUp()
    }
}
