import Foundation
import Testing

@testable import Storage

@Suite("SQLite driver")
struct SQLiteDatabaseTests {
    @Test("opens in a data directory it creates, in WAL mode with foreign keys on")
    func settings() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var configuration = SQLiteConfiguration(directory: directory.path + "/nested/data", name: "user")
        configuration.synchronous = .full
        let database = try await SQLiteDatabase.open(configuration)
        #expect(FileManager.default.fileExists(atPath: directory.path + "/nested/data/user.sqlite3"))
        let pragmas = try await database.write { connection throws(StorageError) -> [Int64] in
            let foreignKeys: Int64 = try connection.query("PRAGMA foreign_keys")[0][0]
            let synchronous: Int64 = try connection.query("PRAGMA synchronous")[0][0]
            let busy: Int64 = try connection.query("PRAGMA busy_timeout")[0][0]
            return [foreignKeys, synchronous, busy]
        }
        #expect(pragmas == [1, 2, 5000])  // synchronous FULL is 2
        let mode: String = try await database.query("PRAGMA journal_mode")[0][0]
        #expect(mode == "wal")
        let readerForeignKeys: Int64 = try await database.query("PRAGMA foreign_keys")[0][0]
        #expect(readerForeignKeys == 1)
        await database.close()
        // The default is NORMAL (1).
        let reopened = try await SQLiteDatabase.open(
            SQLiteConfiguration(directory: directory.path + "/nested/data", name: "user"))
        let normal: Int64 = try await reopened.write { connection throws(StorageError) in
            try connection.query("PRAGMA synchronous")[0][0]
        }
        #expect(normal == 1)
        await reopened.close()
    }

    @Test("data survives closing and opening again")
    func durability() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let configuration = SQLiteConfiguration(directory: directory.path, name: "product")
        let first = try await SQLiteDatabase.open(configuration)
        try await first.write { connection throws(StorageError) in
            try connection.execute(script: "CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('kept')")
        }
        await first.close()
        let second = try await SQLiteDatabase.open(configuration)
        let value: String = try await second.query("SELECT x FROM t")[0][0]
        #expect(value == "kept")
        await second.close()
    }

    @Test("a directory that cannot be created fails with connectionFailed, a bad name with invalidConfiguration")
    func openFailures() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect(FileManager.default.createFile(atPath: directory.path + "/file", contents: Data()))
        await expectStorageError(.connectionFailed) {
            try await SQLiteDatabase.open(SQLiteConfiguration(directory: directory.path + "/file/below", name: "x"))
        }
        await expectStorageError(.invalidConfiguration) {
            try await SQLiteDatabase.open(SQLiteConfiguration(directory: directory.path, name: "../escape"))
        }
        var noReaders = SQLiteConfiguration(directory: directory.path, name: "x")
        noReaders.readers = 0
        await expectStorageError(.invalidConfiguration) { try await SQLiteDatabase.open(noReaders) }
    }

    @Test("another process holding the write lock makes a write wait, then retry, then fail as busy")
    func busy() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var configuration = SQLiteConfiguration(directory: directory.path, name: "shared")
        configuration.busyTimeout = .milliseconds(50)
        configuration.pool.retry = SQLRetryPolicy(
            maxAttempts: 2, initialBackoff: .milliseconds(1), maxBackoff: .milliseconds(5))
        let holder = try await SQLiteDatabase.open(configuration)
        let other = try await SQLiteDatabase.open(configuration)  // a second "process" on the same file
        try await holder.write { connection throws(StorageError) in try connection.execute("CREATE TABLE t (x INTEGER)")
        }
        let lock = ConnectionPoolTests.Holder()
        async let held: Void = holder.write { connection throws(StorageError) in
            try connection.execute("INSERT INTO t VALUES (1)")
            try lock.hold(connection)
        }
        await waitFor(lock.taken)
        let error = await expectStorageError(.serializationFailure) {
            try await other.write { connection throws(StorageError) in
                try connection.execute("INSERT INTO t VALUES (2)")
            }
        }
        #expect(error?.sqliteCode.map { $0 & 0xff } == 5)  // SQLITE_BUSY
        #expect(other.statistics.retries == 1)
        lock.release.signal()
        try await held
        try await other.write { connection throws(StorageError) in try connection.execute("INSERT INTO t VALUES (3)") }
        let values = try await other.query("SELECT x FROM t ORDER BY x").map { try $0.decode(at: 0, as: Int64.self) }
        #expect(values == [1, 3])
        await holder.close()
        await other.close()
    }

    @Test(
        "extended result codes map to kinds",
        arguments: [
            (Int32(2067), StorageError.Kind.uniqueViolation), (1555, .uniqueViolation), (787, .foreignKeyViolation),
            (275, .checkViolation), (1299, .notNullViolation), (1811, .constraintViolation), (5, .serializationFailure),
            (517, .serializationFailure), (6, .serializationFailure), (8, .readOnly), (1, .invalidStatement),
            (13, .storageFailure), (266, .storageFailure), (11, .storageFailure), (14, .connectionFailed),
            (20, .invalidValue), (18, .invalidValue), (23, .permissionDenied), (9, .timeout),
        ])
    func resultCodes(code: Int32, kind: StorageError.Kind) {
        #expect(SQLiteErrors.kind(of: code) == kind)
    }

    @Test("SQLite's message names the constraint")
    func constraintNames() {
        #expect(SQLiteErrors.constraint(in: "UNIQUE constraint failed: users.email", code: 2067) == "users.email")
        #expect(SQLiteErrors.constraint(in: "CHECK constraint failed: positive", code: 275) == "positive")
        #expect(SQLiteErrors.constraint(in: "FOREIGN KEY constraint failed", code: 787) == nil)
        #expect(SQLiteErrors.constraint(in: "no such table: x", code: 1) == nil)
    }
}
