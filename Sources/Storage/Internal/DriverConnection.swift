/// One open database connection, as the pool's worker thread drives it: the part of a driver the
/// shared transaction logic (``TransactionRunner``) needs.
///
/// Confined to one worker thread for its whole life, so it is not `Sendable` and needs no locks.
/// Every call blocks that thread; none is ever made from the Swift cooperative pool.
protocol DriverConnection: AnyObject {
    /// The dialect of the database behind this connection.
    var dialect: SQLDialect { get }
    /// Whether the connection can no longer be used (the server went away, the socket broke):
    /// the pool closes it and opens another.
    var isBroken: Bool { get }
    /// Whether the driver ended the current transaction on its own after an error, or left it in
    /// a failed state where nothing but a rollback can follow (PostgreSQL's `INERROR`, SQLite's
    /// automatic rollback on `SQLITE_FULL` and friends).
    var isTransactionAborted: Bool { get }

    /// Starts a transaction.
    func begin(_ mode: TransactionMode) throws(StorageError)
    /// Commits the transaction.
    func commit() throws(StorageError)
    /// Rolls the transaction back, ignoring failures (the connection is then broken, or there was
    /// nothing to roll back).
    func rollback()

    /// Runs one statement with parameters and returns the number of rows it changed.
    func execute(_ sql: String, _ parameters: [SQLValue]) throws(StorageError) -> Int
    /// Runs one statement with parameters and returns its rows, at most `limit` of them.
    func query(_ sql: String, _ parameters: [SQLValue], limit: Int?) throws(StorageError) -> [SQLRow]
    /// Runs a script of statements without parameters (migrations).
    func executeScript(_ sql: String) throws(StorageError)

    /// Housekeeping between two jobs, outside any transaction (evicting cached statements).
    func finishJob()
    /// Closes the connection.
    func close()
}

/// How a job uses its connection.
enum TransactionMode: Sendable, Hashable {
    /// No explicit transaction: each statement commits on its own (single-statement reads).
    case autocommit
    /// A read-only transaction: one consistent snapshot for all its statements.
    case read
    /// A read-write transaction (`BEGIN IMMEDIATE` on SQLite; the isolation level on PostgreSQL).
    case write(SQLIsolationLevel)
}
