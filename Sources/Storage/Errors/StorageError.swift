/// A failure of the storage layer, typed and with its cause: what kind of failure (``kind``), the
/// driver's own code (``sqlState`` or ``sqliteCode``), its message, the constraint involved, and
/// the SQL text that failed.
///
/// Parameter values never appear in an error: they may hold passwords, tokens or personal data,
/// and errors end up in logs. Where a driver's message quotes a value (PostgreSQL's
/// `invalid input syntax for type integer: "…"`), the quoted part is cut off.
///
/// ```swift
/// do {
///     try await database.write { connection throws(StorageError) in
///         try connection.execute("INSERT INTO users (email) VALUES (?)", [.text(email)])
///     }
/// } catch where error.kind == .uniqueViolation {
///     // answer ALREADY_EXISTS
/// }
/// ```
public struct StorageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure this is.
    ///
    /// Named `kind` rather than STYLE.md's `code`, because a storage error carries two other
    /// codes (``sqlState`` and ``sqliteCode``) that `code` would be confused with.
    public var kind: Kind
    /// A sentence saying what went wrong: the driver's primary message, or ours.
    public var message: String
    /// The PostgreSQL SQLSTATE (`23505`), when PostgreSQL reported the error.
    public var sqlState: String?
    /// The SQLite extended result code (`2067` for `SQLITE_CONSTRAINT_UNIQUE`), when SQLite
    /// reported the error.
    public var sqliteCode: Int32?
    /// The constraint that refused the row, when the driver names it: PostgreSQL's constraint
    /// name (`users_email_key`), SQLite's `table.column` list or `CHECK` constraint name.
    public var constraint: String?
    /// The SQL text that failed (never its parameter values).
    public var sql: String?

    /// Creates an error.
    public init(
        kind: Kind, message: String, sqlState: String? = nil, sqliteCode: Int32? = nil, constraint: String? = nil,
        sql: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.sqliteCode = sqliteCode
        self.constraint = constraint
        self.sql = sql
    }

    /// `unique violation: "duplicate key value violates unique constraint …" (SQLSTATE 23505,
    /// constraint users_email_key, sql: INSERT INTO users …)`.
    public var description: String {
        var context: [String] = []
        if let sqlState { context.append("SQLSTATE \(sqlState)") }
        if let sqliteCode { context.append("SQLite code \(sqliteCode)") }
        if let constraint { context.append("constraint \(constraint)") }
        if let sql { context.append("sql: \(sql)") }
        let suffix = context.isEmpty ? "" : " (\(context.joined(separator: ", ")))"
        return "\(kind): \"\(message)\"\(suffix)"
    }

    /// The same error with the SQL text it came from, unless it already names one.
    func with(sql text: String) -> StorageError {
        var copy = self
        if copy.sql == nil { copy.sql = text }
        return copy
    }
}

extension StorageError {
    /// An error of the API's own (no driver code).
    static func misuse(_ message: String) -> StorageError {
        StorageError(kind: .misuse, message: message)
    }

    /// A configuration the driver refuses.
    static func invalidConfiguration(_ message: String) -> StorageError {
        StorageError(kind: .invalidConfiguration, message: message)
    }
}
