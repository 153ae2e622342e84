import Foundation
import PostgresCluster
import Storage
import Testing

/// The two drivers, for suites that run on both.
enum Driver: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgresql

    var testDescription: String { rawValue }
}

/// Runs `body` with a fresh database of `driver` (an SQLite file in a temporary directory, or a
/// schema of its own in the test process's throwaway PostgreSQL cluster), then closes and
/// removes it.
func withTestDatabase<Value>(
    _ driver: Driver, _ body: (any SQLDatabase) async throws -> Value
) async throws -> Value {
    let (location, cleanUp) = try await makeLocation(driver)
    let database: any SQLDatabase
    do {
        database = try await location.open()
    } catch {
        await cleanUp()
        throw error
    }
    do {
        let value = try await body(database)
        await database.close()
        await cleanUp()
        return value
    } catch {
        await database.close()
        await cleanUp()
        throw error
    }
}

private func makeLocation(
    _ driver: Driver
) async throws -> (SQLDatabaseLocation, @Sendable () async -> Void) {
    switch driver {
    case .sqlite:
        let base = FileManager.default.temporaryDirectory.path
        var template = Array("\(base)/user-service-tests-XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else { throw CocoaError(.fileWriteUnknown) }
        let directory = String(cString: created)
        let location = SQLDatabaseLocation.sqlite(SQLiteConfiguration(directory: directory, name: "user"))
        return (location, { try? FileManager.default.removeItem(atPath: directory) })
    case .postgresql:
        let cluster = try await PostgresCluster.shared()
        let url = cluster.url()
        var configuration = PostgresConfiguration(url: url)
        let schema = "user_" + String(UInt64.random(in: 0 ... .max), radix: 36)
        configuration.schema = schema
        return (
            .postgresql(configuration),
            {
                guard let admin = try? await PostgresDatabase.open(PostgresConfiguration(url: url)) else { return }
                _ = try? await admin.write { connection throws(StorageError) in
                    try connection.execute(script: "DROP SCHEMA IF EXISTS \(schema) CASCADE")
                }
                await admin.close()
            }
        )
    }
}
