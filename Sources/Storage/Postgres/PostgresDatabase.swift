/// A service's database on a PostgreSQL server, through the system libpq.
///
/// A pool of ``PostgresConfiguration/connections`` blocking libpq connections, each on its own
/// dedicated thread (never the event loops or the cooperative pool). Why blocking libpq on
/// threads rather than non-blocking libpq on the event loops: a transaction closure is synchronous
/// (its statements run back to back on one connection), libpq's connection setup, SCRAM and TLS
/// handshakes and error paths are simplest and best tested in blocking mode, and a thread per
/// connection is cheap at pool sizes of a few dozen; the cost is one thread hop per transaction,
/// the same as the SQLite driver's.
///
/// Per connection: named prepared statements in a bounded LRU cache, `client_encoding=UTF8`, the
/// schema's `search_path`, TCP keepalives. ``write(isolation:_:)`` runs at
/// ``PostgresConfiguration/isolation`` (`READ COMMITTED` by default) and retries serialization
/// failures and deadlocks; ``read(_:)`` runs `REPEATABLE READ READ ONLY` (one snapshot).
///
/// ```swift
/// var configuration = PostgresConfiguration(url: databaseURL)
/// configuration.schema = "product"
/// let database = try await PostgresDatabase.open(configuration)
/// ```
public final class PostgresDatabase: SQLDatabase {
    /// The configuration it was opened with.
    public let configuration: PostgresConfiguration
    private let pool: ConnectionPool
    private let runner: TransactionRunner
    private let counters: StorageCounters

    private init(configuration: PostgresConfiguration, parameters: PostgresParameters) {
        let counters = StorageCounters()
        let capacity = configuration.statementCacheCapacity
        self.configuration = configuration
        self.counters = counters
        self.runner = TransactionRunner(retry: configuration.pool.retry, counters: counters)
        self.pool = ConnectionPool(
            label: "postgres", size: configuration.connections, configuration: configuration.pool, counters: counters
        ) { () throws(StorageError) in
            try PostgresConnection(parameters: parameters, cacheCapacity: capacity, counters: counters)
        }
    }

    deinit {
        pool.shutDown()
    }

    /// Connects once to check the URL and credentials, and creates the schema when configured.
    ///
    /// - Throws: ``StorageError/Kind/invalidConfiguration`` for a malformed URL or configuration,
    ///   ``StorageError/Kind/connectionFailed`` when the server cannot be reached or refuses the
    ///   credentials.
    public static func open(_ configuration: PostgresConfiguration) async throws(StorageError) -> PostgresDatabase {
        try configuration.validate()
        let database = PostgresDatabase(configuration: configuration, parameters: try PostgresParameters(configuration))
        do {
            try await database.createSchema()
        } catch {
            await database.close()
            throw error
        }
        return database
    }

    private func createSchema() async throws(StorageError) {
        let schema = configuration.createsSchema ? configuration.schema : nil
        try await pool.run { [runner] context in
            runner.run(.write(.readCommitted), on: context) { connection throws(StorageError) in
                guard let schema else { return }
                do throws(StorageError) {
                    try connection.execute(script: "CREATE SCHEMA IF NOT EXISTS \"\(schema)\"")
                } catch  where error.kind == .uniqueViolation || error.sqlState == "42P06" {
                    // Another process created it at the same moment (IF NOT EXISTS is not atomic).
                }
            }
        }
    }

    public var dialect: SQLDialect { .postgresql }

    @discardableResult
    public func read<Value: Sendable>(
        _ body: @escaping @Sendable (SQLConnection) throws(StorageError) -> Value
    ) async throws(StorageError) -> Value {
        try await pool.run { [runner] context in runner.run(.read, on: context, body) }
    }

    @discardableResult
    public func write<Value: Sendable>(
        isolation: SQLIsolationLevel?, _ body: @escaping @Sendable (SQLConnection) throws(StorageError) -> Value
    ) async throws(StorageError) -> Value {
        let level = isolation ?? configuration.isolation
        return try await pool.run { [runner] context in runner.run(.write(level), on: context, body) }
    }

    public func query(_ sql: String, _ parameters: [SQLValue]) async throws(StorageError) -> [SQLRow] {
        try await pool.run { [runner] context in
            runner.run(.autocommit, on: context) { connection throws(StorageError) in
                try connection.query(sql, parameters)
            }
        }
    }

    public var statistics: SQLDatabaseStatistics { counters.snapshot }

    public func close() async {
        await pool.close()
    }
}
