internal import CSQLite

/// One SQLite connection: the writer (`BEGIN IMMEDIATE`) or a reader (`query_only`), opened in
/// multi-thread mode (`SQLITE_OPEN_NOMUTEX`): the pool guarantees one thread at a time.
final class SQLiteConnection: DriverConnection {
    enum Role {
        case writer
        case reader
    }

    let db: OpaquePointer
    let role: Role
    let counters: StorageCounters
    var cache: StatementCache<SQLiteStatement>
    private(set) var isBroken = false
    private var isInTransaction = false

    /// Opens the database file at `path` and configures the connection: extended result codes,
    /// the busy timeout, foreign keys; WAL mode and the sync level on the writer; `query_only` on
    /// a reader.
    init(path: String, role: Role, configuration: SQLiteConfiguration, counters: StorageCounters) throws(StorageError) {
        var handle: OpaquePointer?
        let flags =
            SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
            | (role == .writer ? SQLITE_OPEN_CREATE : 0)
        let status = sqlite3_open_v2(path, &handle, flags, nil)
        guard status == SQLITE_OK, let handle else {
            let error = SQLiteErrors.last(handle, code: status, sql: nil)
            sqlite3_close_v2(handle)
            throw StorageError(
                kind: .connectionFailed, message: "cannot open \(path): \(error.message)", sqliteCode: status)
        }
        self.db = handle
        self.role = role
        self.counters = counters
        self.cache = StatementCache(capacity: configuration.statementCacheCapacity)
        do {
            try configure(configuration)
        } catch {
            sqlite3_close_v2(handle)
            throw error
        }
    }

    private func configure(_ configuration: SQLiteConfiguration) throws(StorageError) {
        sqlite3_extended_result_codes(db, 1)
        let milliseconds = configuration.busyTimeout.totalNanoseconds / 1_000_000
        sqlite3_busy_timeout(db, Int32(clamping: milliseconds))
        try executeScript("PRAGMA foreign_keys = ON")
        switch role {
        case .writer:
            let mode = try query("PRAGMA journal_mode = WAL", [], limit: 1).first?.decode(at: 0, as: String.self)
            guard mode?.lowercased() == "wal" else {
                throw StorageError(
                    kind: .storageFailure, message: "SQLite refused WAL mode (journal_mode is \(mode ?? "unknown"))")
            }
            try executeScript("PRAGMA synchronous = \(configuration.synchronous.pragma)")
        case .reader:
            try executeScript("PRAGMA query_only = ON")
        }
    }

    var dialect: SQLDialect { .sqlite }

    var isTransactionAborted: Bool {
        // SQLite rolls a transaction back by itself after some errors (FULL, IOERR, NOMEM, BUSY
        // in some cases): the connection is then back in autocommit mode.
        isInTransaction && sqlite3_get_autocommit(db) != 0
    }

    func begin(_ mode: TransactionMode) throws(StorageError) {
        switch mode {
        case .autocommit: return
        case .read: _ = try execute("BEGIN", [])
        case .write: _ = try execute("BEGIN IMMEDIATE", [])
        }
        isInTransaction = true
    }

    func commit() throws(StorageError) {
        _ = try execute("COMMIT", [])
        isInTransaction = false
    }

    func rollback() {
        isInTransaction = false
        guard sqlite3_get_autocommit(db) == 0 else { return }
        _ = try? execute("ROLLBACK", [])
    }

    func finishJob() {
        let evicted = cache.evictOverflow()
        for statement in evicted { statement.finalize() }
        StorageCounters.add(evicted.count, to: counters.statementCacheEvictions)
    }

    func close() {
        for statement in cache.removeAll() { statement.finalize() }
        sqlite3_close_v2(db)
    }

    /// Notes that a call failed with `code`, and whether that broke the connection.
    func failed(_ code: Int32, sql: String?) -> StorageError {
        if SQLiteErrors.breaksConnection(code) { isBroken = true }
        return SQLiteErrors.last(db, code: code, sql: sql)
    }
}
