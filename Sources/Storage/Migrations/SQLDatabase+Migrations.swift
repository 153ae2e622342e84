extension SQLDatabase {
    /// Brings the schema up to date with `migrations`: applies those not yet applied, in version
    /// order, each in its own transaction together with its row in `schema_migrations` (version,
    /// name, applied_at, checksum).
    ///
    /// Safe when several processes start at once against one database: on PostgreSQL each step
    /// holds a transaction-level advisory lock, on SQLite the write lock (`BEGIN IMMEDIATE`), and
    /// each step reads what is applied only once it holds the lock.
    ///
    /// - Throws: ``StorageError/Kind/schemaTooNew`` when the database has a version newer than
    ///   every migration in `migrations` (naming both versions);
    ///   ``StorageError/Kind/migrationChanged`` when an applied migration's SQL changed, is no
    ///   longer in the list, or the list is malformed (versions not positive or repeated, a new
    ///   migration older than an applied one); a migration's own SQL error, and nothing of that
    ///   migration stays applied.
    @discardableResult
    public func migrate(_ migrations: [Migration]) async throws(StorageError) -> MigrationReport {
        let plan = try MigrationPlan(migrations)
        var applied: [Int] = []
        while true {
            let step = try await write(isolation: .readCommitted) { connection throws(StorageError) in
                try plan.step(on: connection)
            }
            switch step {
            case .applied(let version): applied.append(version)
            case .upToDate(let version): return MigrationReport(applied: applied, version: version)
            }
        }
    }

    /// The schema's version: the highest applied migration, 0 when none is.
    public func schemaVersion() async throws(StorageError) -> Int {
        try await write(isolation: .readCommitted) { connection throws(StorageError) in
            try MigrationPlan.prepareTable(on: connection)
            let row = try connection.queryFirst("SELECT max(version) FROM schema_migrations")
            return try row?.decode(at: 0, as: Int?.self) ?? 0
        }
    }
}
