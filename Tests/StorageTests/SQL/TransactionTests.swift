import Storage
import Testing

@Suite("Transactions")
struct TransactionTests {
    static func makeTable(_ database: any SQLDatabase) async throws {
        try await database.write { connection throws(StorageError) in
            try connection.execute("CREATE TABLE items (id BIGINT PRIMARY KEY, name TEXT NOT NULL UNIQUE)")
        }
    }

    static func count(_ database: any SQLDatabase) async throws -> Int64 {
        try await database.query("SELECT count(*) FROM items").first?.decode(at: 0) ?? -1
    }

    @Test("a thrown error rolls back every write of the transaction", arguments: Driver.allCases)
    func rollbackOnThrow(driver: Driver) async throws {
        try await withDatabase(driver) { database in
            try await Self.makeTable(database)
            let abort = StorageError(kind: .unknown, message: "the closure gave up")
            let error = await expectStorageError(.unknown) {
                try await database.write { connection throws(StorageError) in
                    try connection.execute("INSERT INTO items (id, name) VALUES (1, 'one')")
                    try connection.execute("INSERT INTO items (id, name) VALUES (2, 'two')")
                    throw abort
                }
            }
            #expect(error == abort)
            #expect(try await Self.count(database) == 0)
            #expect(database.statistics.rollbacks >= 1)
        }
    }

    @Test("a failed statement fails the transaction even when the closure catches it", arguments: Driver.allCases)
    func caughtFailure(driver: Driver) async throws {
        try await withDatabase(driver) { database in
            try await Self.makeTable(database)
            let error = await expectStorageError(.uniqueViolation) {
                try await database.write { connection throws(StorageError) in
                    try connection.execute("INSERT INTO items (id, name) VALUES (1, 'one')")
                    _ = try? connection.execute("INSERT INTO items (id, name) VALUES (2, 'one')")
                    return "the closure went on"
                }
            }
            #expect(error?.sql == "INSERT INTO items (id, name) VALUES (2, 'one')")
            #expect(try await Self.count(database) == 0)
        }
    }

    @Test("setRollbackOnly returns the closure's value and keeps nothing", arguments: Driver.allCases)
    func rollbackOnly(driver: Driver) async throws {
        try await withDatabase(driver) { database in
            try await Self.makeTable(database)
            let outcome = try await database.write { connection throws(StorageError) in
                try connection.execute("INSERT INTO items (id, name) VALUES (1, 'one')")
                connection.setRollbackOnly()
                return "insufficient stock"
            }
            #expect(outcome == "insufficient stock")
            #expect(try await Self.count(database) == 0)
        }
    }

    @Test("a commit keeps every write, and reads see it", arguments: Driver.allCases)
    func commit(driver: Driver) async throws {
        try await withDatabase(driver) { database in
            try await Self.makeTable(database)
            let inserted = try await database.write { connection throws(StorageError) in
                try connection.execute("INSERT INTO items (id, name) VALUES (?, ?), (?, ?)", [1, "one", 2, "two"])
            }
            #expect(inserted == 2)
            let names = try await database.read { connection throws(StorageError) in
                try connection.query("SELECT name FROM items ORDER BY id").map { row throws(StorageError) in
                    try row.decode("name", as: String.self)
                }
            }
            #expect(names == ["one", "two"])
            let first = try await database.read { connection throws(StorageError) in
                try connection.queryFirst("SELECT name FROM items WHERE id = ?", [2])?.decode("name", as: String.self)
            }
            #expect(first == "two")
            let none = try await database.read { connection throws(StorageError) in
                try connection.queryFirst("SELECT name FROM items WHERE id = ?", [3])
            }
            #expect(none == nil)
            #expect(database.statistics.commits >= 2)
        }
    }

    @Test("a write in a read transaction is refused", arguments: Driver.allCases)
    func readOnly(driver: Driver) async throws {
        try await withDatabase(driver) { database in
            try await Self.makeTable(database)
            await expectStorageError(.readOnly) {
                try await database.read { connection throws(StorageError) in
                    try connection.execute("INSERT INTO items (id, name) VALUES (1, 'one')")
                }
            }
            await expectStorageError(.readOnly) {
                try await database.query("INSERT INTO items (id, name) VALUES (1, 'one')")
            }
            await expectStorageError(.readOnly) { try await database.query("CREATE TABLE other (x BIGINT)") }
            #expect(try await Self.count(database) == 0)
        }
    }

    @Test("a connection used after its closure returned throws misuse", arguments: Driver.allCases)
    func escapedConnection(driver: Driver) async throws {
        try await withDatabase(driver) { database in
            let late = try await database.read { connection throws(StorageError) in
                LateUse(connection: connection)
            }
            await expectStorageError(.misuse) { try late.run() }
        }
    }

    @Test("a syntax error is an invalid statement naming its SQL", arguments: Driver.allCases)
    func syntaxError(driver: Driver) async throws {
        try await withDatabase(driver) { database in
            let error = await expectStorageError(.invalidStatement) { try await database.query("SELEC 1") }
            #expect(error?.sql == "SELEC 1")
            await expectStorageError(.invalidStatement) { try await database.query("SELECT * FROM missing_table") }
            await expectStorageError(.invalidStatement) {
                try await database.read { connection throws(StorageError) in try connection.query("SELECT 1; SELECT 2")
                }
            }
        }
    }
}

/// Smuggles a connection out of its closure to show the lease refusing it (a test of misuse).
struct LateUse: @unchecked Sendable {
    let connection: SQLConnection

    func run() throws(StorageError) -> [SQLRow] {
        try connection.query("SELECT 1")
    }
}
