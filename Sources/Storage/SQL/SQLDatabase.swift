/// A database a service keeps its data in: transactions run as synchronous closures on a
/// dedicated database thread, and the caller suspends once per transaction.
///
/// Two drivers conform, ``SQLiteDatabase`` (the embedded default) and ``PostgresDatabase``;
/// ``SQLDatabaseLocation`` opens the one a `DATABASE_URL` names. Services write one SQL text with
/// `?` placeholders and reach what differs between the drivers through ``dialect``.
///
/// ```swift
/// let database = try await SQLDatabaseLocation(url: environment["DATABASE_URL"], dataDirectory: "data",
///                                              name: "product").open()
/// try await database.migrate(ProductStore.migrations)
///
/// let reserved = try await database.write { connection throws(StorageError) -> Bool in
///     try connection.execute(
///         "UPDATE stock SET available = available - ? WHERE id = ? AND available >= ?",
///         [SQLValue(quantity), SQLValue(productID), SQLValue(quantity)]) == 1
/// }
/// let product = try await database.read { connection throws(StorageError) in
///     try connection.queryFirst("SELECT name, price_cents FROM products WHERE id = ?", [SQLValue(productID)])
/// }
/// ```
///
/// Why the closures are synchronous: a transaction should never span a network call or another
/// service's answer (locks would be held across it), and running the whole closure on the
/// connection's own thread costs one thread hop per transaction instead of one per statement.
/// The blocking C calls of libsqlite3 and libpq never run on the event loops or the cooperative
/// pool.
public protocol SQLDatabase: Sendable {
    /// What differs between the drivers: the name, type spellings, full-text search.
    var dialect: SQLDialect { get }

    /// Runs `body` in a read-only transaction: all its statements see one consistent snapshot.
    ///
    /// On SQLite it runs on one of the read connections, concurrently with other reads and with
    /// the writer (WAL). A write statement in `body` throws ``StorageError/Kind/readOnly``.
    @discardableResult
    func read<Result: Sendable>(
        _ body: @escaping @Sendable (SQLConnection) throws(StorageError) -> Result
    ) async throws(StorageError) -> Result

    /// Runs `body` in a read-write transaction and commits it when `body` returns; a thrown error
    /// rolls everything back (no partial write).
    ///
    /// When the transaction loses a race (``StorageError/Kind/serializationFailure``: a
    /// serialization failure or deadlock on PostgreSQL, `BUSY` on SQLite), or its connection
    /// broke before `COMMIT` was sent, the transaction is rolled back and `body` runs again, a
    /// bounded number of times with jittered backoff. So `body` must be idempotent apart from its
    /// SQL: it may read and write the database freely, but must not send messages, charge cards
    /// or touch state outside it; return what happened and act on it after `write` returns.
    ///
    /// - Parameter isolation: the PostgreSQL isolation level (default: the database's
    ///   configured one, `READ COMMITTED` unless changed). SQLite transactions are always
    ///   serializable: there is one writer.
    @discardableResult
    func write<Result: Sendable>(
        isolation: SQLIsolationLevel?,
        _ body: @escaping @Sendable (SQLConnection) throws(StorageError) -> Result
    ) async throws(StorageError) -> Result

    /// Runs one read-only statement outside an explicit transaction and returns its rows: the
    /// cheapest read (one round trip on PostgreSQL, where ``read(_:)`` adds `BEGIN` and `COMMIT`).
    /// A write fails with ``StorageError/Kind/readOnly`` on both drivers.
    func query(_ sql: String, _ parameters: [SQLValue]) async throws(StorageError) -> [SQLRow]

    /// Counters for metrics and tests: statement cache hits, connections, retries.
    var statistics: SQLDatabaseStatistics { get }

    /// Closes the database: callers waiting for a connection get ``StorageError/Kind/closed``,
    /// running transactions finish, then every connection closes and its thread ends.
    func close() async
}

extension SQLDatabase {
    /// Runs `body` in a read-write transaction at the database's default isolation level (see
    /// ``write(isolation:_:)``).
    @discardableResult
    public func write<Result: Sendable>(
        _ body: @escaping @Sendable (SQLConnection) throws(StorageError) -> Result
    ) async throws(StorageError) -> Result {
        try await write(isolation: nil, body)
    }

    /// Runs one read-only statement and returns its rows (see ``query(_:_:)``).
    public func query(_ sql: String) async throws(StorageError) -> [SQLRow] {
        try await query(sql, [])
    }
}

/// A PostgreSQL transaction isolation level (SQLite's single writer is always serializable).
public enum SQLIsolationLevel: Sendable, Hashable {
    /// Each statement sees the data committed before it started; PostgreSQL's default. Conditional
    /// updates (`UPDATE … WHERE available >= ?`) re-check their condition on the newest row.
    case readCommitted
    /// The whole transaction sees one snapshot; a concurrent update of a row it writes fails with
    /// a serialization failure (retried).
    case repeatableRead
    /// As if transactions ran one after another; conflicts fail with a serialization failure
    /// (retried).
    case serializable

    /// The SQL spelling.
    var sql: String {
        switch self {
        case .readCommitted: "READ COMMITTED"
        case .repeatableRead: "REPEATABLE READ"
        case .serializable: "SERIALIZABLE"
        }
    }
}
