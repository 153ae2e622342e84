internal import CSQLite

/// A prepared SQLite statement kept in a connection's cache, with its result's column names.
final class SQLiteStatement {
    let handle: OpaquePointer
    private var cachedColumns: SQLColumns?

    init(handle: OpaquePointer) {
        self.handle = handle
    }

    /// The result's column names, read once (a schema change that re-prepares the statement may
    /// change their number, which is checked).
    var columns: SQLColumns {
        let count = Int(sqlite3_column_count(handle))
        if let cachedColumns, cachedColumns.names.count == count { return cachedColumns }
        let names = (0..<count).map { index in
            sqlite3_column_name(handle, Int32(index)).map { String(cString: $0) } ?? "column\(index + 1)"
        }
        let columns = SQLColumns(names)
        cachedColumns = columns
        return columns
    }

    /// Binds `parameters` to the placeholders, in order.
    func bind(_ parameters: [SQLValue], sql: String) throws(StorageError) {
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard expected == parameters.count else {
            throw StorageError(
                kind: .invalidStatement,
                message: "the statement has \(expected) placeholders but \(parameters.count) values were bound",
                sql: sql)
        }
        for (offset, value) in parameters.enumerated() {
            let status = bind(value, at: Int32(offset + 1))
            guard status == SQLITE_OK else {
                if status == SQLITE_MISUSE {
                    throw StorageError(
                        kind: .invalidValue, message: "text parameter \(offset + 1) contains a NUL character", sql: sql)
                }
                throw SQLiteErrors.make(code: status, message: String(cString: sqlite3_errstr(status)), sql: sql)
            }
        }
    }

    private func bind(_ value: SQLValue, at index: Int32) -> Int32 {
        switch value {
        case .null:
            return sqlite3_bind_null(handle, index)
        case .integer(let integer):
            return sqlite3_bind_int64(handle, index, integer)
        case .real(let real):
            return sqlite3_bind_double(handle, index, real)
        case .bool(let bool):
            return sqlite3_bind_int64(handle, index, bool ? 1 : 0)
        case .text(var text):
            // A NUL would make C readers see a shorter string; PostgreSQL refuses it outright.
            if text.utf8.contains(0) { return SQLITE_MISUSE }
            return text.withUTF8 { bytes in
                // An empty buffer may have no address, and a NULL pointer would bind NULL.
                guard let base = bytes.baseAddress, !bytes.isEmpty else {
                    return sqlite3_bind_text(handle, index, "", 0, room619_sqlite_transient())
                }
                return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                    sqlite3_bind_text64(
                        handle, index, $0, sqlite3_uint64(bytes.count), room619_sqlite_transient(),
                        UInt8(SQLITE_UTF8))
                }
            }
        case .blob(let bytes):
            return bytes.withUnsafeBytes { buffer in
                guard let base = buffer.baseAddress, !buffer.isEmpty else {
                    return sqlite3_bind_zeroblob(handle, index, 0)
                }
                return sqlite3_bind_blob64(
                    handle, index, base, sqlite3_uint64(buffer.count), room619_sqlite_transient())
            }
        }
    }

    /// The current row's cell at `index`.
    func cell(at index: Int32) -> SQLCell {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER:
            return .value(.integer(sqlite3_column_int64(handle, index)))
        case SQLITE_FLOAT:
            return .value(.real(sqlite3_column_double(handle, index)))
        case SQLITE_TEXT:
            let count = Int(sqlite3_column_bytes(handle, index))
            guard let base = sqlite3_column_text(handle, index), count > 0 else { return .value(.text("")) }
            let bytes = UnsafeBufferPointer(start: base, count: count)
            guard let text = String(validating: bytes, as: UTF8.self) else { return .invalidText(Array(bytes)) }
            return .value(.text(text))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, index))
            guard let base = sqlite3_column_blob(handle, index), count > 0 else { return .value(.blob([])) }
            return .value(.blob(Array(UnsafeRawBufferPointer(start: base, count: count))))
        default:
            return .value(.null)
        }
    }

    /// Makes the statement ready for its next use.
    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    func finalize() {
        sqlite3_finalize(handle)
    }
}
