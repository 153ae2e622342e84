import Foundation
import Storage
import Testing

@Suite("SQL values")
struct SQLValueTests {
    @Test("literals and conversions pick the case")
    func conversions() {
        let literals: [SQLValue] = [nil, 42, 2.5, "text", true]
        #expect(literals == [.null, .integer(42), .real(2.5), .text("text"), .bool(true)])
        #expect(SQLValue(Int(7)) == .integer(7))
        #expect(SQLValue(Int32(-7)) == .integer(-7))
        #expect(SQLValue(UInt32.max) == .integer(4_294_967_295))
        #expect(SQLValue(Float(0.5)) == .real(0.5))
        #expect(SQLValue("sub"[...]) == .text("sub"))
        #expect(SQLValue([UInt8]([1, 2])) == .blob([1, 2]))
        #expect(SQLValue(String?.none) == .null)
        #expect(SQLValue(Int?.some(3)) == .integer(3))
        #expect(SQLValue(SQLValue.bool(false)) == .bool(false))
        #expect(SQLValue.null.isNull && !SQLValue.integer(0).isNull)
    }

    @Test("decoding accepts only lossless readings")
    func decoding() {
        #expect(Int64.decode(.integer(5)) == 5)
        #expect(Int64.decode(.real(5)) == nil)
        #expect(Int64.decode(.text("5")) == nil)
        #expect(Int32.decode(.integer(Int64(Int32.max) + 1)) == nil)
        #expect(Double.decode(.integer(3)) == 3)
        #expect(Double.decode(.text("3")) == nil)
        #expect(Bool.decode(.integer(1)) == true)
        #expect(Bool.decode(.integer(0)) == false)
        #expect(Bool.decode(.integer(2)) == nil)
        #expect(String.decode(.blob([65])) == nil)
        #expect([UInt8].decode(.text("A")) == nil)
        #expect(String?.decode(.null) == .some(nil))
        #expect(String?.decode(.text("x")) == .some("x"))
        #expect(String?.decode(.integer(1)) == nil)
    }

    @Test("an error reads kind, message and context, never values")
    func errorDescription() {
        let error = StorageError(
            kind: .uniqueViolation, message: "duplicate key value violates unique constraint \"users_email_key\"",
            sqlState: "23505", constraint: "users_email_key", sql: "INSERT INTO users (email) VALUES (?)")
        #expect(
            error.description
                == "unique violation: \"duplicate key value violates unique constraint \"users_email_key\"\" "
                + "(SQLSTATE 23505, constraint users_email_key, sql: INSERT INTO users (email) VALUES (?))")
        #expect(StorageError.Kind.serializationFailure.isRetryable)
        #expect(!StorageError.Kind.uniqueViolation.isRetryable)
    }

    @Test("dialects spell what differs")
    func dialects() {
        #expect(SQLDialect.sqlite.name == "sqlite" && SQLDialect.postgresql.name == "postgresql")
        #expect(SQLDialect.sqlite.blobType == "BLOB" && SQLDialect.postgresql.blobType == "BYTEA")
        #expect(SQLDialect.sqlite.forUpdate.isEmpty && SQLDialect.postgresql.forUpdate == " FOR UPDATE")
        #expect(SQLDialect.sqlite.caseInsensitiveLike == "LIKE" && SQLDialect.postgresql.caseInsensitiveLike == "ILIKE")
    }

    @Test("dialect expressions run on their database", arguments: Driver.allCases)
    func dialectExpressions(driver: Driver) async throws {
        try await withDatabase(driver) { database in
            let dialect = database.dialect
            try await database.write { connection throws(StorageError) in
                try connection.execute(
                    "CREATE TABLE things (id \(dialect.autoIncrementPrimaryKey), name TEXT, data \(dialect.blobType))")
            }
            let ids = try await database.write { connection throws(StorageError) -> [Int64] in
                let first: Int64 = try connection.query("INSERT INTO things (name) VALUES ('Ab') RETURNING id")[0][0]
                let second: Int64 = try connection.query("INSERT INTO things (name) VALUES ('cd') RETURNING id")[0][0]
                _ = try connection.query("SELECT id FROM things WHERE id = ?\(dialect.forUpdate)", [.integer(first)])
                return [first, second]
            }
            #expect(ids[1] > ids[0])
            let matches = try await database.query(
                "SELECT name FROM things WHERE name \(dialect.caseInsensitiveLike) ? ORDER BY id", ["a%"])
            #expect(matches.count == 1)
            let now: Int64 = try await database.query("SELECT \(dialect.currentEpochMilliseconds) AS now")[0]["now"]
            let wall = Int64(Date().timeIntervalSince1970 * 1000)
            #expect(abs(now - wall) < 60_000, "database \(now), process \(wall)")
            // Upsert is spelled the same on both.
            try await database.write { connection throws(StorageError) in
                try connection.execute(
                    "INSERT INTO things (id, name) VALUES (?, 'new') ON CONFLICT (id) DO UPDATE SET name = excluded.name",
                    [.integer(ids[0])])
            }
            let upserted: String = try await database.query("SELECT name FROM things WHERE id = ?", [.integer(ids[0])])[
                0][0]
            #expect(upserted == "new")
        }
    }
}
