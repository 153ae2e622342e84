import Foundation
import PostgresCluster
import Storage
import Testing

/// The two drivers, for tests that run on both.
enum Driver: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgresql

    var testDescription: String { rawValue }
}

/// What a test may change about the database it gets.
struct TestDatabaseOptions: Sendable {
    /// PostgreSQL connections; SQLite readers.
    var connections = 4
    var pool = SQLPoolConfiguration.defaults
    var statementCacheCapacity = 128
    var isolation = SQLIsolationLevel.readCommitted
}

/// A fresh database for one test: an SQLite file in a temporary directory, or a schema of its
/// own in the shared PostgreSQL cluster.
struct TestDatabase: Sendable {
    let driver: Driver
    let location: SQLDatabaseLocation
    let cleanUp: @Sendable () async -> Void

    static func make(_ driver: Driver, _ options: TestDatabaseOptions = .init()) async throws -> TestDatabase {
        switch driver {
        case .sqlite:
            let directory = try TemporaryDirectory()
            var configuration = SQLiteConfiguration(directory: directory.path + "/data", name: "test")
            configuration.readers = options.connections
            configuration.pool = options.pool
            configuration.statementCacheCapacity = options.statementCacheCapacity
            return TestDatabase(driver: driver, location: .sqlite(configuration)) { directory.remove() }
        case .postgresql:
            let cluster = try await PostgresCluster.shared()
            var configuration = PostgresConfiguration(url: cluster.url())
            let schema = "t_" + String(UInt64.random(in: 0 ... .max), radix: 36)
            configuration.schema = schema
            configuration.connections = options.connections
            configuration.pool = options.pool
            configuration.statementCacheCapacity = options.statementCacheCapacity
            configuration.isolation = options.isolation
            let url = cluster.url()
            return TestDatabase(driver: driver, location: .postgresql(configuration)) {
                // Keep the shared cluster small: drop the test's schema.
                if let admin = try? await PostgresDatabase.open(PostgresConfiguration(url: url)) {
                    _ = try? await admin.write { connection throws(StorageError) in
                        try connection.execute(script: "DROP SCHEMA IF EXISTS \(schema) CASCADE")
                    }
                    await admin.close()
                }
            }
        }
    }

    func open() async throws -> any SQLDatabase {
        try await location.open()
    }
}

/// Runs `body` with a fresh database of `driver`, then closes and removes it.
func withDatabase<Value>(
    _ driver: Driver, _ options: TestDatabaseOptions = .init(),
    _ body: (any SQLDatabase) async throws -> Value
) async throws -> Value {
    let test = try await TestDatabase.make(driver, options)
    let database: any SQLDatabase
    do {
        database = try await test.open()
    } catch {
        await test.cleanUp()
        throw error
    }
    do {
        let value = try await body(database)
        await database.close()
        await test.cleanUp()
        return value
    } catch {
        await database.close()
        await test.cleanUp()
        throw error
    }
}

/// Expects `body` to throw a ``StorageError`` of `kind` and returns it.
@discardableResult
func expectStorageError<Value>(
    _ kind: StorageError.Kind, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Value
) async -> StorageError? {
    do {
        let value = try await body()
        Issue.record("expected a \(kind) error, got \(value)", sourceLocation: sourceLocation)
        return nil
    } catch let error as StorageError {
        #expect(error.kind == kind, "\(error)", sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected a StorageError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Waits (off the cooperative pool) until `semaphore` is signalled, at most 10 seconds.
func waitFor(_ semaphore: DispatchSemaphore, sourceLocation: SourceLocation = #_sourceLocation) async {
    let signalled = await withCheckedContinuation { continuation in
        DispatchQueue.global().async {
            continuation.resume(returning: semaphore.wait(timeout: .now() + 10) == .success)
        }
    }
    if !signalled { Issue.record("timed out waiting for a signal", sourceLocation: sourceLocation) }
}
