internal import CPostgres

/// One libpq connection in blocking mode, driven by its pool thread.
///
/// Statements are prepared once per connection as named statements (`room619_<n>`, from the
/// rewritten `$n` text, with parameter types left to the server to infer) and run with
/// `PQexecPrepared`: one round trip per statement. Results come in text format (see
/// ``PostgresCells``).
final class PostgresConnection: DriverConnection {
    /// A statement prepared on this connection.
    final class Prepared {
        let name: String
        let parameterCount: Int
        var columns: SQLColumns?
        var types: [UInt32] = []

        init(name: String, parameterCount: Int) {
            self.name = name
            self.parameterCount = parameterCount
        }
    }

    let connection: OpaquePointer
    let counters: StorageCounters
    var cache: StatementCache<Prepared>
    var nextStatement = 0
    /// Statements to `DEALLOCATE` once outside a transaction.
    var stale: [String] = []

    /// Connects with libpq (`PQconnectdbParams`) and checks the connection.
    init(parameters: PostgresParameters, cacheCapacity: Int, counters: StorageCounters) throws(StorageError) {
        let handle = parameters.withCArrays { keywords, values in PQconnectdbParams(keywords, values, 1) }
        guard let handle else {
            throw StorageError(kind: .connectionFailed, message: "libpq could not allocate a connection")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let error = PostgresErrors.connectionFailure(handle, sql: nil)
            PQfinish(handle)
            throw error
        }
        // Notices (`NOTICE: … already exists, skipping`) would go to stderr; nothing reads them.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        self.connection = handle
        self.counters = counters
        self.cache = StatementCache(capacity: cacheCapacity)
    }

    var dialect: SQLDialect { .postgresql }

    var isBroken: Bool { PQstatus(connection) != CONNECTION_OK }

    var isTransactionAborted: Bool { PQtransactionStatus(connection) == PQTRANS_INERROR }

    func begin(_ mode: TransactionMode) throws(StorageError) {
        switch mode {
        case .autocommit: return
        case .read: try command("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        case .write(let isolation): try command("BEGIN ISOLATION LEVEL \(isolation.sql) READ WRITE")
        }
    }

    func commit() throws(StorageError) {
        try command("COMMIT")
    }

    func rollback() {
        guard PQtransactionStatus(connection) != PQTRANS_IDLE else { return }
        try? command("ROLLBACK")
    }

    func executeScript(_ sql: String) throws(StorageError) {
        try command(sql)
    }

    func finishJob() {
        let evicted = cache.evictOverflow()
        StorageCounters.add(evicted.count, to: counters.statementCacheEvictions)
        stale += evicted.map(\.name)
        guard !stale.isEmpty, PQtransactionStatus(connection) == PQTRANS_IDLE else { return }
        let names = stale
        stale = []
        for name in names { try? command("DEALLOCATE \(name)") }
    }

    func close() {
        PQfinish(connection)
    }

    /// Runs SQL without parameters through the simple query protocol (several statements allowed).
    func command(_ sql: String) throws(StorageError) {
        let result = PQexec(connection, sql)
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY: return
        default: throw PostgresErrors.make(result, connection: connection, sql: sql)
        }
    }
}
