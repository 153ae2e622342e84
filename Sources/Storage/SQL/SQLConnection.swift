/// The connection a transaction closure gets: runs statements with `?` placeholders.
///
/// Valid only inside the closure it was passed to, on the database thread that runs it: it is
/// not `Sendable`, and a call after the closure returned throws ``StorageError/Kind/misuse``.
///
/// ```swift
/// try await database.write { connection throws(StorageError) in
///     let changed = try connection.execute("UPDATE users SET name = ? WHERE id = ?", [SQLValue(name), SQLValue(id)])
///     guard changed == 1 else { return false }
///     try connection.execute("INSERT INTO audit (user_id, action) VALUES (?, 'rename')", [SQLValue(id)])
///     return true
/// }
/// ```
///
/// A statement that fails fails its whole transaction, even when the closure catches the error
/// and goes on: PostgreSQL aborts a transaction at its first error, and SQLite is made to behave
/// the same, so that code behaves alike on both and never commits half of its writes. Write
/// "insert or update" as `INSERT … ON CONFLICT … DO UPDATE`, not as a caught unique violation.
///
/// Statements are prepared once per connection and kept in a bounded least-recently-used cache
/// keyed by the SQL text, so build SQL from constants and bind every value.
public struct SQLConnection {
    let driver: any DriverConnection
    let lease: TransactionLease

    init(driver: any DriverConnection, lease: TransactionLease) {
        self.driver = driver
        self.lease = lease
    }

    /// What differs between the drivers.
    public var dialect: SQLDialect { driver.dialect }

    /// Runs a statement and returns the number of rows it inserted, updated or deleted.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [SQLValue] = []) throws(StorageError) -> Int {
        try lease.check(sql)
        do {
            return try driver.execute(sql, parameters)
        } catch {
            throw lease.record(error)
        }
    }

    /// Runs a query and returns all its rows.
    public func query(_ sql: String, _ parameters: [SQLValue] = []) throws(StorageError) -> [SQLRow] {
        try lease.check(sql)
        do {
            return try driver.query(sql, parameters, limit: nil)
        } catch {
            throw lease.record(error)
        }
    }

    /// Runs a query and returns its first row, or `nil` when it has none. (SQLite stops after
    /// the first row; PostgreSQL computes them all, so add `LIMIT 1` where there can be many.)
    public func queryFirst(_ sql: String, _ parameters: [SQLValue] = []) throws(StorageError) -> SQLRow? {
        try lease.check(sql)
        do {
            return try driver.query(sql, parameters, limit: 1).first
        } catch {
            throw lease.record(error)
        }
    }

    /// Runs several `;`-separated statements without parameters, in order (schema changes).
    /// They are not cached.
    public func execute(script: String) throws(StorageError) {
        try lease.check(script)
        do {
            try driver.executeScript(script)
        } catch {
            throw lease.record(error)
        }
    }

    /// Rolls the transaction back instead of committing it when the closure returns, so the
    /// closure can return a domain outcome ("insufficient stock") without keeping its writes.
    public func setRollbackOnly() {
        lease.isRollbackOnly = true
    }
}

@available(*, unavailable)
extension SQLConnection: Sendable {}

/// The life of one transaction closure's access to a connection: whether it may still be used,
/// whether it should roll back, and the first error its statements met (a closure may catch an
/// error and go on; the transaction still failed).
final class TransactionLease {
    private(set) var isActive = true
    var isRollbackOnly = false
    private(set) var firstError: StorageError?

    func check(_ sql: String) throws(StorageError) {
        guard isActive else {
            throw StorageError(
                kind: .misuse, message: "a connection was used after its transaction closure returned", sql: sql)
        }
    }

    func record(_ error: StorageError) -> StorageError {
        if firstError == nil { firstError = error }
        return error
    }

    func end() {
        isActive = false
    }
}
