extension StorageError {
    /// What kind of failure this is: the stable part of a ``StorageError`` that services map to an
    /// RPC status.
    ///
    /// A struct over a private enum rather than a public enum, so that a new kind breaks no
    /// caller's `switch`: compare with `==` (`error.kind == .uniqueViolation`). docs/storage.md
    /// lists the status each kind usually becomes.
    public struct Kind: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable {
            case uniqueViolation, foreignKeyViolation, checkViolation, notNullViolation, constraintViolation
            case serializationFailure, invalidStatement, invalidValue, typeMismatch, invalidText, columnNotFound
            case readOnly, permissionDenied, timeout, poolExhausted, connectionFailed, closed, cancelled
            case storageFailure, invalidConfiguration, schemaTooNew, migrationChanged, misuse, unknown
        }
        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// A unique or primary-key constraint refused a row (PostgreSQL 23505,
        /// `SQLITE_CONSTRAINT_UNIQUE`/`_PRIMARYKEY`); ``StorageError/constraint`` names it.
        public static let uniqueViolation = Kind(.uniqueViolation)
        /// A foreign key refused a row or a delete (23503, `SQLITE_CONSTRAINT_FOREIGNKEY`).
        public static let foreignKeyViolation = Kind(.foreignKeyViolation)
        /// A `CHECK` constraint refused a row (23514, `SQLITE_CONSTRAINT_CHECK`).
        public static let checkViolation = Kind(.checkViolation)
        /// A `NOT NULL` column got no value (23502, `SQLITE_CONSTRAINT_NOTNULL`).
        public static let notNullViolation = Kind(.notNullViolation)
        /// Another integrity constraint (an exclusion constraint, a trigger's `RAISE(ABORT)`).
        public static let constraintViolation = Kind(.constraintViolation)
        /// The transaction lost a race and may succeed when run again: a serialization failure
        /// (40001), a deadlock (40P01), or SQLite's `BUSY`/`LOCKED`. ``SQLDatabase/write(_:)``
        /// retries these; a caller sees one only when the retries ran out.
        public static let serializationFailure = Kind(.serializationFailure)
        /// The SQL itself is wrong: a syntax error, an unknown table or column, a wrong number of
        /// parameters. A bug in the caller, never the user's input.
        public static let invalidStatement = Kind(.invalidStatement)
        /// A value the database cannot take: out of range, malformed for the column's type, a NUL
        /// character in text (PostgreSQL class 22, `SQLITE_MISMATCH`, `SQLITE_TOOBIG`).
        public static let invalidValue = Kind(.invalidValue)
        /// A column read as a Swift type its value does not have (text as `Int64`, NULL as
        /// `String`); the message names the column.
        public static let typeMismatch = Kind(.typeMismatch)
        /// A text column whose bytes are not valid UTF-8, read as a `String`.
        public static let invalidText = Kind(.invalidText)
        /// A row has no column of that name or index.
        public static let columnNotFound = Kind(.columnNotFound)
        /// A write in a read-only transaction (``SQLDatabase/read(_:)``).
        public static let readOnly = Kind(.readOnly)
        /// The database user may not do this (42501, `SQLITE_PERM`/`SQLITE_AUTH`).
        public static let permissionDenied = Kind(.permissionDenied)
        /// A statement ran past its time limit (57014).
        public static let timeout = Kind(.timeout)
        /// No connection became free within the pool's acquire timeout, or too many callers were
        /// already waiting for one.
        public static let poolExhausted = Kind(.poolExhausted)
        /// The database could not be reached or the connection broke. When it broke during
        /// `COMMIT`, the transaction's outcome is unknown.
        public static let connectionFailed = Kind(.connectionFailed)
        /// The database was closed.
        public static let closed = Kind(.closed)
        /// The calling task was cancelled while it waited for a connection.
        public static let cancelled = Kind(.cancelled)
        /// The storage itself failed: disk full, I/O error, corruption, out of memory
        /// (PostgreSQL classes 53, 58 and XX; SQLite's `FULL`, `IOERR`, `CORRUPT`, `NOMEM`).
        public static let storageFailure = Kind(.storageFailure)
        /// A configuration the driver cannot use (a malformed `DATABASE_URL`, a zero pool size).
        public static let invalidConfiguration = Kind(.invalidConfiguration)
        /// The database has a schema version newer than the code knows: an older build started
        /// against a database a newer one migrated.
        public static let schemaTooNew = Kind(.schemaTooNew)
        /// An applied migration's SQL changed since it ran (its checksum differs), or the code's
        /// list of migrations is malformed.
        public static let migrationChanged = Kind(.migrationChanged)
        /// The API was used wrongly: a connection used outside its transaction closure.
        public static let misuse = Kind(.misuse)
        /// Anything the drivers do not classify; the SQLSTATE or SQLite code says more.
        public static let unknown = Kind(.unknown)

        /// Whether running the transaction again may succeed (``serializationFailure``).
        public var isRetryable: Bool { value == .serializationFailure }

        public var description: String {
            switch value {
            case .uniqueViolation: "unique violation"
            case .foreignKeyViolation: "foreign key violation"
            case .checkViolation: "check violation"
            case .notNullViolation: "not-null violation"
            case .constraintViolation: "constraint violation"
            case .serializationFailure: "serialization failure"
            case .invalidStatement: "invalid statement"
            case .invalidValue: "invalid value"
            case .typeMismatch: "type mismatch"
            case .invalidText: "invalid text"
            case .columnNotFound: "column not found"
            case .readOnly: "read only"
            case .permissionDenied: "permission denied"
            case .timeout: "timeout"
            case .poolExhausted: "pool exhausted"
            case .connectionFailed: "connection failed"
            case .closed: "closed"
            case .cancelled: "cancelled"
            case .storageFailure: "storage failure"
            case .invalidConfiguration: "invalid configuration"
            case .schemaTooNew: "schema too new"
            case .migrationChanged: "migration changed"
            case .misuse: "misuse"
            case .unknown: "unknown"
            }
        }
    }
}
