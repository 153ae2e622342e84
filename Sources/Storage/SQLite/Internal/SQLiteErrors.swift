internal import CSQLite

/// SQLite result codes as ``StorageError``s (https://sqlite.org/rescode.html).
enum SQLiteErrors {
    /// The error for result `code` (extended codes are on), with SQLite's message.
    static func make(code: Int32, message: String, sql: String?) -> StorageError {
        StorageError(
            kind: kind(of: code), message: message, sqliteCode: code, constraint: constraint(in: message, code: code),
            sql: sql)
    }

    /// The error of the connection's last failed call.
    static func last(_ db: OpaquePointer?, code: Int32, sql: String?) -> StorageError {
        let message =
            db.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
        return make(code: code, message: message, sql: sql)
    }

    /// Whether a connection that met `code` should be closed and opened again.
    static func breaksConnection(_ code: Int32) -> Bool {
        switch code & 0xff {
        case SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_NOTADB, SQLITE_CANTOPEN: true
        default: false
        }
    }

    // The extended constraint codes: sqlite3.h defines them as `(SQLITE_CONSTRAINT | (n<<8))`,
    // which Swift does not import.
    static let constraintCheck = SQLITE_CONSTRAINT | (1 << 8)
    static let constraintForeignKey = SQLITE_CONSTRAINT | (3 << 8)
    static let constraintNotNull = SQLITE_CONSTRAINT | (5 << 8)
    static let constraintPrimaryKey = SQLITE_CONSTRAINT | (6 << 8)
    static let constraintUnique = SQLITE_CONSTRAINT | (8 << 8)
    static let constraintRowID = SQLITE_CONSTRAINT | (10 << 8)

    static func kind(of code: Int32) -> StorageError.Kind {
        switch code {
        case constraintUnique, constraintPrimaryKey, constraintRowID: return .uniqueViolation
        case constraintForeignKey: return .foreignKeyViolation
        case constraintCheck: return .checkViolation
        case constraintNotNull: return .notNullViolation
        default: break
        }
        switch code & 0xff {
        case SQLITE_CONSTRAINT: return .constraintViolation
        // SCHEMA: another connection changed the schema under a statement; running it again works.
        case SQLITE_BUSY, SQLITE_LOCKED, SQLITE_SCHEMA: return .serializationFailure
        case SQLITE_READONLY: return .readOnly
        case SQLITE_PERM, SQLITE_AUTH: return .permissionDenied
        case SQLITE_INTERRUPT: return .timeout
        case SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_NOMEM, SQLITE_NOTADB, SQLITE_PROTOCOL, SQLITE_NOLFS:
            return .storageFailure
        case SQLITE_CANTOPEN: return .connectionFailed
        case SQLITE_ERROR, SQLITE_RANGE: return .invalidStatement
        case SQLITE_MISMATCH, SQLITE_TOOBIG: return .invalidValue
        case SQLITE_MISUSE: return .misuse
        default: return .unknown
        }
    }

    /// The constraint SQLite names after "constraint failed: " (`users.email`, a `CHECK`
    /// constraint's name); SQLite names no foreign key.
    static func constraint(in message: String, code: Int32) -> String? {
        guard code & 0xff == SQLITE_CONSTRAINT, let range = message.firstRange(of: "constraint failed: ") else {
            return nil
        }
        let name = message[range.upperBound...]
        return name.isEmpty ? nil : String(name)
    }
}
