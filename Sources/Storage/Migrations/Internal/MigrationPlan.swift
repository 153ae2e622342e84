/// A service's migrations, checked, and the one-transaction step that applies the next.
struct MigrationPlan: Sendable {
    enum Step: Sendable {
        case applied(Int)
        case upToDate(Int)
    }

    let migrations: [Migration]

    /// Sorts and checks the list: versions positive and unique.
    init(_ migrations: [Migration]) throws(StorageError) {
        let sorted = migrations.sorted { $0.version < $1.version }
        for (index, migration) in sorted.enumerated() {
            guard migration.version > 0 else {
                throw StorageError(
                    kind: .migrationChanged,
                    message: "migration \"\(migration.name)\" has version \(migration.version); "
                        + "versions start at 1")
            }
            if index > 0, sorted[index - 1].version == migration.version {
                throw StorageError(
                    kind: .migrationChanged, message: "two migrations have version \(migration.version)")
            }
        }
        self.migrations = sorted
    }

    /// The newest version the code knows.
    var newest: Int { migrations.last?.version ?? 0 }

    /// Creates `schema_migrations` when missing (inside the caller's transaction).
    static func prepareTable(on connection: SQLConnection) throws(StorageError) {
        if connection.dialect.flavor == .postgresql {
            // Serializes migrators across processes until this transaction ends; 6_190_014 is
            // room619's key for migrations (one per database: schemas share extensions).
            _ = try connection.query("SELECT pg_advisory_xact_lock(6190014)")
        }
        try connection.execute(
            script: "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, "
                + "applied_at TEXT NOT NULL, checksum TEXT NOT NULL)")
    }

    /// Under the lock: checks what is applied and applies the next migration, if any.
    func step(on connection: SQLConnection) throws(StorageError) -> Step {
        try Self.prepareTable(on: connection)
        let dialect = connection.dialect
        var applied: [Int: Migration] = [:]
        var current = 0
        for row in try connection.query("SELECT version, name, checksum FROM schema_migrations ORDER BY version") {
            let version: Int = try row["version"]
            let name: String = try row["name"]
            let checksum: String = try row["checksum"]
            current = version
            guard version <= newest else {
                throw StorageError(
                    kind: .schemaTooNew,
                    message: "the database schema is at version \(version) (\"\(name)\"), newer than version "
                        + "\(newest), the newest this code knows: run a build that knows it")
            }
            guard let migration = migrations.first(where: { $0.version == version }) else {
                throw StorageError(
                    kind: .migrationChanged,
                    message: "migration \(version) (\"\(name)\") is applied but not among this code's migrations")
            }
            guard migration.checksum(for: dialect) == checksum else {
                throw StorageError(
                    kind: .migrationChanged,
                    message: "migration \(version) (\"\(name)\") changed since it was applied (checksum "
                        + "\(checksum), now \(migration.checksum(for: dialect))): add a new migration instead")
            }
            applied[version] = migration
        }
        guard let next = migrations.first(where: { applied[$0.version] == nil }) else { return .upToDate(current) }
        guard next.version > current else {
            throw StorageError(
                kind: .migrationChanged,
                message: "migration \(next.version) (\"\(next.name)\") is new but the database is already at version "
                    + "\(current): a new migration needs a version above every applied one")
        }
        try connection.execute(script: next.sql(for: dialect))
        try connection.execute(
            "INSERT INTO schema_migrations (version, name, applied_at, checksum) VALUES (?, ?, \(dialect.currentTimestampText), ?)",
            [.integer(Int64(next.version)), .text(next.name), .text(next.checksum(for: dialect))])
        return .applied(next.version)
    }
}
