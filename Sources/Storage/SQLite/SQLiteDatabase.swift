internal import CSQLite
internal import Foundation

/// The embedded database: a service's SQLite file in the data directory, nothing to install or
/// start.
///
/// One writer connection and a few reader connections (``SQLiteConfiguration/readers``), each
/// on its own thread, over the system libsqlite3:
///
/// - WAL journal: readers never block the writer or each other, and see the last commit;
/// - `synchronous=NORMAL` (or `FULL`, see ``SQLiteConfiguration/Synchronous``);
/// - `foreign_keys=ON` and a `busy_timeout` on every connection;
/// - writes start with `BEGIN IMMEDIATE`, so a write transaction takes the lock before its first
///   read and never fails to upgrade it half way. SQLite allows one writer at a time anyway,
///   so one writer connection costs no concurrency, and writes from this process queue in the
///   pool rather than spinning on `BUSY`;
/// - readers are `query_only`: a write in ``read(_:)`` fails with
///   ``StorageError/Kind/readOnly``;
/// - statements are prepared with `sqlite3_prepare_v3(SQLITE_PREPARE_PERSISTENT)` and cached per
///   connection.
///
/// ```swift
/// let database = try await SQLiteDatabase.open(SQLiteConfiguration(directory: dataDirectory, name: "user"))
/// defer { Task { await database.close() } }
/// ```
public final class SQLiteDatabase: SQLDatabase {
    /// The configuration it was opened with.
    public let configuration: SQLiteConfiguration
    private let writer: ConnectionPool
    private let readers: ConnectionPool
    private let runner: TransactionRunner
    private let counters: StorageCounters

    private init(configuration: SQLiteConfiguration) {
        let counters = StorageCounters()
        let path = configuration.path
        self.configuration = configuration
        self.counters = counters
        self.runner = TransactionRunner(retry: configuration.pool.retry, counters: counters)
        self.writer = ConnectionPool(
            label: "sqlite-writer-\(configuration.name)", size: 1, configuration: configuration.pool,
            counters: counters
        ) { () throws(StorageError) in
            try SQLiteConnection(path: path, role: .writer, configuration: configuration, counters: counters)
        }
        self.readers = ConnectionPool(
            label: "sqlite-reader-\(configuration.name)", size: configuration.readers,
            configuration: configuration.pool, counters: counters
        ) { () throws(StorageError) in
            try SQLiteConnection(path: path, role: .reader, configuration: configuration, counters: counters)
        }
    }

    deinit {
        writer.shutDown()
        readers.shutDown()
    }

    /// Creates the data directory when missing, opens (or creates) the database file and checks
    /// that the writer and a reader connect.
    ///
    /// - Throws: ``StorageError/Kind/invalidConfiguration`` for a configuration out of range,
    ///   ``StorageError/Kind/connectionFailed`` when the directory or file cannot be used.
    public static func open(_ configuration: SQLiteConfiguration) async throws(StorageError) -> SQLiteDatabase {
        try configuration.validate()
        do {
            try FileManager.default.createDirectory(atPath: configuration.directory, withIntermediateDirectories: true)
        } catch {
            throw StorageError(
                kind: .connectionFailed,
                message: "cannot create the data directory \(configuration.directory): \(error.localizedDescription)")
        }
        let database = SQLiteDatabase(configuration: configuration)
        do {
            // The writer first: it creates the file and turns WAL on, which readers rely on.
            try await database.writer.run { context in
                Result { () throws(StorageError) in _ = try context.connection() }
            }
            try await database.readers.run { context in
                Result { () throws(StorageError) in _ = try context.connection() }
            }
        } catch {
            await database.close()
            throw error
        }
        return database
    }

    public var dialect: SQLDialect { .sqlite }

    @discardableResult
    public func read<Value: Sendable>(
        _ body: @escaping @Sendable (SQLConnection) throws(StorageError) -> Value
    ) async throws(StorageError) -> Value {
        try await readers.run { [runner] context in runner.run(.read, on: context, body) }
    }

    @discardableResult
    public func write<Value: Sendable>(
        isolation: SQLIsolationLevel?, _ body: @escaping @Sendable (SQLConnection) throws(StorageError) -> Value
    ) async throws(StorageError) -> Value {
        try await writer.run { [runner] context in runner.run(.write(.serializable), on: context, body) }
    }

    public func query(_ sql: String, _ parameters: [SQLValue]) async throws(StorageError) -> [SQLRow] {
        try await readers.run { [runner] context in
            runner.run(.autocommit, on: context) { connection throws(StorageError) in
                try connection.query(sql, parameters)
            }
        }
    }

    public var statistics: SQLDatabaseStatistics { counters.snapshot }

    public func close() async {
        // Both pools refuse and fail their waiters at once; only then is each one's exit awaited
        // (a reader's waiter must not wait for the writer's thread to end).
        writer.shutDown()
        readers.shutDown()
        await writer.close()
        await readers.close()
    }
}
