import Storage
import Testing

@Suite("Constraint violations map to error kinds")
struct ConstraintErrorTests {
    static func schema(_ connection: SQLConnection) throws(StorageError) {
        try connection.execute(
            script: """
                CREATE TABLE accounts (id BIGINT PRIMARY KEY, email TEXT NOT NULL, CONSTRAINT accounts_email_key UNIQUE (email));
                CREATE TABLE orders (
                    id BIGINT PRIMARY KEY,
                    account_id BIGINT NOT NULL REFERENCES accounts (id),
                    quantity BIGINT NOT NULL CONSTRAINT orders_quantity_positive CHECK (quantity > 0)
                );
                INSERT INTO accounts (id, email) VALUES (1, 'ada@example.com');
                """)
    }

    static func attempt(_ database: any SQLDatabase, _ sql: String, _ parameters: [SQLValue]) async -> StorageError? {
        do {
            try await database.write { connection throws(StorageError) in try connection.execute(sql, parameters) }
            return nil
        } catch {
            return error
        }
    }

    @Test("unique, foreign key, check and not-null violations", arguments: Driver.allCases)
    func violations(driver: Driver) async throws {
        try await withDatabase(driver) { database in
            try await database.write { connection throws(StorageError) in try Self.schema(connection) }

            let secret = "ada@example.com"
            let unique = try #require(
                await Self.attempt(database, "INSERT INTO accounts (id, email) VALUES (?, ?)", [2, SQLValue(secret)]))
            #expect(unique.kind == .uniqueViolation)
            #expect(unique.sql == "INSERT INTO accounts (id, email) VALUES (?, ?)")
            // The error names the constraint, never the value.
            #expect(!unique.description.contains(secret))
            switch driver {
            case .sqlite:
                #expect(unique.constraint == "accounts.email")
                #expect(unique.sqliteCode == 2067)
            case .postgresql:
                #expect(unique.constraint == "accounts_email_key")
                #expect(unique.sqlState == "23505")
            }

            let primary = try #require(
                await Self.attempt(
                    database, "INSERT INTO accounts (id, email) VALUES (?, ?)", [1, "other@example.com"]))
            #expect(primary.kind == .uniqueViolation)

            let foreign = try #require(
                await Self.attempt(
                    database, "INSERT INTO orders (id, account_id, quantity) VALUES (?, ?, ?)", [1, 99, 1]))
            #expect(foreign.kind == .foreignKeyViolation)
            if driver == .postgresql { #expect(foreign.sqlState == "23503") }

            let check = try #require(
                await Self.attempt(
                    database, "INSERT INTO orders (id, account_id, quantity) VALUES (?, ?, ?)", [1, 1, 0]))
            #expect(check.kind == .checkViolation)
            #expect(check.constraint == "orders_quantity_positive")

            let notNull = try #require(
                await Self.attempt(database, "INSERT INTO accounts (id, email) VALUES (?, ?)", [3, nil]))
            #expect(notNull.kind == .notNullViolation)

            #expect(
                await Self.attempt(
                    database, "INSERT INTO orders (id, account_id, quantity) VALUES (?, ?, ?)", [1, 1, 2])
                    == nil)
            let delete = try #require(await Self.attempt(database, "DELETE FROM accounts WHERE id = ?", [1]))
            #expect(delete.kind == .foreignKeyViolation)
        }
    }

    @Test("a refused value's text is cut from PostgreSQL's message")
    func redactsValues() async throws {
        try await withDatabase(.postgresql) { database in
            let error = await expectStorageError(.invalidValue) {
                try await database.query("SELECT CAST(? AS BIGINT)", ["hunter2-secret"])
            }
            #expect(error?.sqlState == "22P02")
            #expect(error.map { !$0.description.contains("hunter2") } == true, "\(String(describing: error))")
        }
    }
}
