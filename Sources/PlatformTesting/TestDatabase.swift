internal import Foundation
public import Storage

/// A fresh embedded database per test: SQLite in a directory of its own under the system's
/// temporary directory, closed and removed when the body returns.
///
/// ```swift
/// try await TestDatabase.withTemporary { database in
///     let service = InventoryService(database: database)
///     try await service.prepare()
///     …
/// }
/// ```
public enum TestDatabase {
    /// Runs `body` with a new, empty SQLite database named `name`.
    ///
    /// - Throws: What `body` throws, or ``Storage/StorageError`` if the database cannot open.
    public static func withTemporary<Result>(
        name: String = "test", _ body: (any SQLDatabase) async throws -> Result
    ) async throws -> Result {
        let directory = NSTemporaryDirectory() + "room619-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try await SQLDatabaseLocation(url: nil, dataDirectory: directory, name: name).open()
        do {
            let result = try await body(database)
            await database.close()
            return result
        } catch {
            await database.close()
            throw error
        }
    }
}
