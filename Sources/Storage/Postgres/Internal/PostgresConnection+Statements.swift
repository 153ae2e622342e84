internal import CPostgres

extension PostgresConnection {
    func execute(_ sql: String, _ parameters: [SQLValue]) throws(StorageError) -> Int {
        let (result, _) = try run(sql, parameters)
        defer { PQclear(result) }
        // Empty for statements that change no rows by nature (DDL).
        return PQcmdTuples(result).flatMap { Int(String(cString: $0)) } ?? 0
    }

    func query(_ sql: String, _ parameters: [SQLValue], limit: Int?) throws(StorageError) -> [SQLRow] {
        let (result, prepared) = try run(sql, parameters)
        defer { PQclear(result) }
        let width = PQnfields(result)
        let count = min(Int(PQntuples(result)), limit ?? Int.max)
        let columns = columns(of: result, width: width, prepared: prepared)
        let types = (0..<width).map { PQftype(result, $0) }
        var rows: [SQLRow] = []
        rows.reserveCapacity(count)
        for row in 0..<Int32(count) {
            let cells = (0..<width).map { column -> SQLCell in
                guard PQgetisnull(result, row, column) == 0, let value = PQgetvalue(result, row, column) else {
                    return .value(.null)
                }
                let length = Int(PQgetlength(result, row, column))
                return value.withMemoryRebound(to: UInt8.self, capacity: length) {
                    PostgresCells.cell(UnsafeBufferPointer(start: $0, count: length), type: types[Int(column)])
                }
            }
            rows.append(SQLRow(columns: columns, cells: cells))
        }
        return rows
    }

    /// Prepares (or finds) the statement and executes it with `parameters`.
    private func run(_ sql: String, _ parameters: [SQLValue]) throws(StorageError) -> (OpaquePointer, Prepared) {
        let prepared = try prepare(sql)
        guard prepared.parameterCount == parameters.count else {
            throw StorageError(
                kind: .invalidStatement,
                message: "the statement has \(prepared.parameterCount) placeholders but \(parameters.count) values "
                    + "were bound", sql: sql)
        }
        let result = try withWireParameters(parameters, sql: sql) { values, lengths, formats in
            PQexecPrepared(connection, prepared.name, Int32(parameters.count), values, lengths, formats, 0)
        }
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK:
            if let result { return (result, prepared) }
        default:
            break
        }
        defer { PQclear(result) }
        let error = PostgresErrors.make(result, connection: connection, sql: sql)
        if error.sqlState == "0A000", let stalePlan = cache.remove(sql) { stale.append(stalePlan.name) }
        throw error
    }

    /// The cached statement for `sql`, prepared on a miss.
    private func prepare(_ sql: String) throws(StorageError) -> Prepared {
        if let prepared = cache.lookup(sql) {
            StorageCounters.increment(counters.statementCacheHits)
            return prepared
        }
        StorageCounters.increment(counters.statementCacheMisses)
        let rewritten = try PlaceholderRewriter.rewrite(sql)
        nextStatement += 1
        let prepared = Prepared(name: "room619_\(nextStatement)", parameterCount: rewritten.parameterCount)
        let result = PQprepare(connection, prepared.name, rewritten.text, 0, nil)
        defer { PQclear(result) }
        guard PQresultStatus(result) == PGRES_COMMAND_OK else {
            throw PostgresErrors.make(result, connection: connection, sql: sql)
        }
        cache.insert(prepared, for: sql)
        return prepared
    }

    private func columns(of result: OpaquePointer, width: Int32, prepared: Prepared) -> SQLColumns {
        if let columns = prepared.columns, columns.names.count == Int(width) { return columns }
        let columns = SQLColumns(
            (0..<width).map { index in PQfname(result, index).map { String(cString: $0) } ?? "column\(index + 1)" })
        prepared.columns = columns
        return columns
    }

    /// Lays the parameters out as libpq wants them: one buffer of NUL-terminated texts and blob
    /// bytes, with pointers, lengths and formats (0 text, 1 binary) into it.
    private func withWireParameters<Result>(
        _ parameters: [SQLValue], sql: String,
        _ body: (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?) -> Result
    ) throws(StorageError) -> Result {
        var storage: [UInt8] = []
        var offsets: [Int?] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        for (index, value) in parameters.enumerated() {
            if case .blob(let bytes) = value {
                offsets.append(storage.count)
                storage += bytes
                lengths.append(Int32(clamping: bytes.count))
                formats.append(1)
            } else if let text = PostgresCells.text(of: value) {
                guard !text.utf8.contains(0) else {
                    throw StorageError(
                        kind: .invalidValue, message: "text parameter \(index + 1) contains a NUL character", sql: sql)
                }
                offsets.append(storage.count)
                storage += text.utf8
                storage.append(0)
                lengths.append(Int32(clamping: text.utf8.count))
                formats.append(0)
            } else {
                offsets.append(nil)
                lengths.append(0)
                formats.append(0)
            }
        }
        storage.append(0)  // so that an empty blob or text at the end still points into the buffer
        return storage.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            let values = offsets.map { offset in offset.flatMap { base?.advanced(by: $0) } }
            return values.withUnsafeBufferPointer { values in
                lengths.withUnsafeBufferPointer { lengths in
                    formats.withUnsafeBufferPointer { formats in
                        body(values.baseAddress, lengths.baseAddress, formats.baseAddress)
                    }
                }
            }
        }
    }
}
