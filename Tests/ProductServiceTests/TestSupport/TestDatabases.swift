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

/// A fresh, empty database for one test: an SQLite file in a temporary directory, or a schema
/// of its own in the test process's throwaway PostgreSQL cluster. ``open()`` may be called more
/// than once: each call is another pool (another "replica") on the same data.
struct TestDatabase: Sendable {
    let driver: Driver
    let location: SQLDatabaseLocation
    let cleanUp: @Sendable () async -> Void

    static func make(_ driver: Driver, connections: Int = 4) async throws -> TestDatabase {
        switch driver {
        case .sqlite:
            let directory = try Self.temporaryDirectory()
            var configuration = SQLiteConfiguration(directory: directory + "/data", name: "product")
            configuration.readers = connections
            return TestDatabase(driver: driver, location: .sqlite(configuration)) {
                try? FileManager.default.removeItem(atPath: directory)
            }
        case .postgresql:
            let cluster = try await PostgresCluster.shared()
            let url = cluster.url()
            try await ExtensionSetup.shared.prepare(url)
            var configuration = PostgresConfiguration(url: url)
            let schema = "p_" + String(UInt64.random(in: 0 ... .max), radix: 36)
            configuration.schema = schema
            configuration.connections = connections
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

    private static func temporaryDirectory() throws -> String {
        let base = FileManager.default.temporaryDirectory.path
        var template = Array("\(base)/product-tests-XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else { throw CocoaError(.fileWriteUnknown) }
        return String(cString: created)
    }
}

/// Installs `unaccent` once per cluster in the `public` schema, before any test migrates.
///
/// Left to the migrations, `CREATE EXTENSION IF NOT EXISTS unaccent` installs it into the first
/// test's own schema, and dropping that schema at the test's end (`CASCADE`) drops the extension
/// under every other test that is migrating or searching at the time.
actor ExtensionSetup {
    static let shared = ExtensionSetup()
    private var installs: [String: Task<Void, any Error>] = [:]

    func prepare(_ url: String) async throws {
        if let install = installs[url] { return try await install.value }
        let install = Task { try await Self.install(url) }
        installs[url] = install
        try await install.value
    }

    private static func install(_ url: String) async throws {
        let admin = try await PostgresDatabase.open(PostgresConfiguration(url: url))
        do {
            try await admin.write { connection throws(StorageError) in
                try connection.execute(script: "CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public")
            }
        } catch {
            await admin.close()
            throw error
        }
        await admin.close()
    }
}
