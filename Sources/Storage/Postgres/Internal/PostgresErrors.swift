internal import CPostgres

/// PostgreSQL errors as ``StorageError``s, by SQLSTATE (PostgreSQL manual, appendix A).
enum PostgresErrors {
    // The PG_DIAG_* field codes of postgres_ext.h, character-literal macros Swift does not import.
    static let diagnosticSQLState = Int32(UInt8(ascii: "C"))
    static let diagnosticPrimaryMessage = Int32(UInt8(ascii: "M"))
    static let diagnosticConstraint = Int32(UInt8(ascii: "n"))

    /// The error a failed result reports; `nil` result or a broken connection: the connection's.
    static func make(_ result: OpaquePointer?, connection: OpaquePointer, sql: String?) -> StorageError {
        guard let result, let state = field(result, diagnosticSQLState) else {
            return connectionFailure(connection, sql: sql)
        }
        let primary = field(result, diagnosticPrimaryMessage) ?? "PostgreSQL reported an error"
        var kind = kind(of: state, message: primary)
        if kind == .unknown, PQstatus(connection) != CONNECTION_OK { kind = .connectionFailed }
        return StorageError(
            kind: kind, message: redacted(primary, state: state), sqlState: state,
            constraint: field(result, diagnosticConstraint), sql: sql)
    }

    /// The connection's last error (it could not connect, or it broke).
    static func connectionFailure(_ connection: OpaquePointer, sql: String?) -> StorageError {
        StorageError(kind: .connectionFailed, message: message(of: connection), sql: sql)
    }

    /// libpq's message for the connection, on one line.
    static func message(of connection: OpaquePointer) -> String {
        let text = PQerrorMessage(connection).map { String(cString: $0) } ?? ""
        let trimmed = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        return trimmed.isEmpty ? "the connection to PostgreSQL failed" : trimmed
    }

    static func kind(of state: String, message: String) -> StorageError.Kind {
        switch state {
        case "23505": return .uniqueViolation
        case "23503": return .foreignKeyViolation
        case "23514": return .checkViolation
        case "23502": return .notNullViolation
        case "40001", "40P01": return .serializationFailure
        // A prepared statement whose result type a concurrent schema change altered: prepared
        // again, it works, so it is retried like a lost race.
        case "0A000" where message.contains("cached plan"): return .serializationFailure
        case "42501": return .permissionDenied
        case "25006": return .readOnly
        case "57014": return .timeout
        case "57P01", "57P02", "57P03": return .connectionFailed
        default: break
        }
        switch state.prefix(2) {
        case "23": return .constraintViolation
        case "22": return .invalidValue
        case "42", "3F", "26", "34": return .invalidStatement
        case "08", "28", "3D": return .connectionFailed
        case "53", "58", "XX": return .storageFailure
        default: return .unknown
        }
    }

    /// The message without the values it quotes: data exceptions (class 22) quote the value that
    /// was refused (`invalid input syntax for type integer: "…"`), which may be a secret.
    static func redacted(_ message: String, state: String) -> String {
        guard state.hasPrefix("22") else { return message }
        var result = ""
        var isQuoted = false
        for character in message {
            if character == "\"" {
                result.append(isQuoted ? "…\"" : "\"")
                isQuoted.toggle()
            } else if !isQuoted {
                result.append(character)
            }
        }
        return result
    }

    private static func field(_ result: OpaquePointer, _ code: Int32) -> String? {
        PQresultErrorField(result, code).map { String(cString: $0) }
    }
}
