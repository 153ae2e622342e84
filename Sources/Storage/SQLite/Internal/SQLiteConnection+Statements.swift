internal import CSQLite

extension SQLiteConnection {
    func execute(_ sql: String, _ parameters: [SQLValue]) throws(StorageError) -> Int {
        _ = try run(sql, parameters, limit: 0)
        return Int(sqlite3_changes64(db))
    }

    func query(_ sql: String, _ parameters: [SQLValue], limit: Int?) throws(StorageError) -> [SQLRow] {
        try run(sql, parameters, limit: limit)
    }

    /// Prepares (or finds) the statement, binds, steps through the rows and keeps at most `limit`.
    private func run(_ sql: String, _ parameters: [SQLValue], limit: Int?) throws(StorageError) -> [SQLRow] {
        let statement = try prepared(sql)
        defer { statement.reset() }
        try statement.bind(parameters, sql: sql)
        var rows: [SQLRow] = []
        let columns = statement.columns
        let width = Int32(columns.names.count)
        while true {
            let status = sqlite3_step(statement.handle)
            switch status {
            case SQLITE_ROW:
                if let limit, rows.count >= limit { continue }
                rows.append(SQLRow(columns: columns, cells: (0..<width).map { statement.cell(at: $0) }))
                if let limit, rows.count >= limit, limit > 0 { return rows }
            case SQLITE_DONE:
                return rows
            default:
                throw failed(status, sql: sql)
            }
        }
    }

    /// The cached statement for `sql`, prepared (persistent) on a miss.
    private func prepared(_ sql: String) throws(StorageError) -> SQLiteStatement {
        if let statement = cache.lookup(sql) {
            StorageCounters.increment(counters.statementCacheHits)
            return statement
        }
        StorageCounters.increment(counters.statementCacheMisses)
        var handle: OpaquePointer?
        // The tail points into the C string SQLite was given, so it is read while that string
        // lives: a String passed straight to the call is a temporary, freed when the call
        // returns (reading the tail after it read freed memory, and failed at random).
        let (status, hasMore) = sql.withCString { text -> (Int32, Bool) in
            var tail: UnsafePointer<CChar>?
            let status = sqlite3_prepare_v3(db, text, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, &tail)
            return (status, tail.map { !Self.isBlank($0) } ?? false)
        }
        guard status == SQLITE_OK else { throw failed(status, sql: sql) }
        guard let handle else {
            throw StorageError(kind: .invalidStatement, message: "the SQL text holds no statement", sql: sql)
        }
        if hasMore {
            sqlite3_finalize(handle)
            throw StorageError(
                kind: .invalidStatement,
                message: "the SQL text holds more than one statement; run scripts with execute(script:)", sql: sql)
        }
        let statement = SQLiteStatement(handle: handle)
        cache.insert(statement, for: sql)
        return statement
    }

    func executeScript(_ sql: String) throws(StorageError) {
        var status: Int32 = SQLITE_OK
        var failure: StorageError?
        sql.withCString { start in
            var next: UnsafePointer<CChar>? = start
            while let current = next, current.pointee != 0 {
                var handle: OpaquePointer?
                status = sqlite3_prepare_v2(db, current, -1, &handle, &next)
                guard status == SQLITE_OK else {
                    failure = failed(status, sql: sql)
                    return
                }
                guard let handle else { continue }  // whitespace or a comment
                defer { sqlite3_finalize(handle) }
                repeat { status = sqlite3_step(handle) } while status == SQLITE_ROW
                guard status == SQLITE_DONE else {
                    failure = failed(status, sql: sql)
                    return
                }
            }
        }
        if let failure { throw failure }
    }

    /// Whether the rest of the SQL text is only whitespace and semicolons.
    private static func isBlank(_ text: UnsafePointer<CChar>) -> Bool {
        var cursor = text
        while cursor.pointee != 0 {
            switch UInt8(bitPattern: cursor.pointee) {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: ";"):
                cursor += 1
            default:
                return false
            }
        }
        return true
    }
}
