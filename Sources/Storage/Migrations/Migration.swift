/// One versioned change to a service's schema, applied once, in order, in its own transaction.
///
/// ```swift
/// static let migrations = [
///     Migration(version: 1, name: "users", sql: """
///         CREATE TABLE users (id TEXT PRIMARY KEY, email TEXT NOT NULL, created_at BIGINT NOT NULL);
///         CREATE UNIQUE INDEX users_email ON users (lower(email));
///         """),
///     Migration(version: 2, name: "avatars") { dialect in
///         "ALTER TABLE users ADD COLUMN avatar \(dialect.blobType)"
///     },
/// ]
/// try await database.migrate(migrations)
/// ```
///
/// A migration's SQL must never change once released: its checksum is recorded and a changed
/// one stops the service at start (``StorageError/Kind/migrationChanged``). Fix a mistake with a
/// new migration. The SQL runs inside a transaction, so it cannot hold statements PostgreSQL
/// refuses there (`CREATE INDEX CONCURRENTLY`, `VACUUM`) or change SQLite's `PRAGMA foreign_keys`.
public struct Migration: Sendable {
    /// The version: positive, unique, and higher than every migration already released.
    public let version: Int
    /// A short description, recorded with it.
    public let name: String
    private let text: @Sendable (SQLDialect) -> String

    /// A migration with the same SQL on every dialect.
    public init(version: Int, name: String, sql: String) {
        self.init(version: version, name: name) { _ in sql }
    }

    /// A migration with SQL for each dialect.
    public init(version: Int, name: String, sqlite: String, postgresql: String) {
        self.init(version: version, name: name) { dialect in
            switch dialect.flavor {
            case .sqlite: sqlite
            case .postgresql: postgresql
            }
        }
    }

    /// A migration whose SQL is built from the dialect (type spellings, full-text indexes).
    public init(version: Int, name: String, sql: @escaping @Sendable (SQLDialect) -> String) {
        self.version = version
        self.name = name
        self.text = sql
    }

    /// The SQL for `dialect`.
    public func sql(for dialect: SQLDialect) -> String {
        text(dialect)
    }

    /// The checksum recorded for `dialect`'s SQL: 64-bit FNV-1a of its UTF-8 bytes, in hex. It
    /// detects edits, not tampering (whoever can write the schema can write the checksum too).
    public func checksum(for dialect: SQLDialect) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in sql(for: dialect).utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// What ``SQLDatabase/migrate(_:)`` did.
public struct MigrationReport: Sendable, Hashable {
    /// The versions applied by this call, in order (empty when the schema was up to date).
    public var applied: [Int]
    /// The schema's version afterwards.
    public var version: Int

    /// Creates a report.
    public init(applied: [Int], version: Int) {
        self.applied = applied
        self.version = version
    }
}
