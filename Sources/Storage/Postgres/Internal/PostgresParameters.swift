internal import CPostgres

#if canImport(Glibc)
    internal import Glibc
#endif

/// The libpq connection parameters for a ``PostgresConfiguration``, in `PQconnectdbParams`
/// order: our defaults first (the URL overrides them), then the URL (`dbname`, expanded by
/// libpq), then what must hold whatever the URL says (UTF-8; read-only transactions by default,
/// the schema's `search_path` and the statement timeout, merged into the URL's own `options`).
struct PostgresParameters: Sendable {
    private(set) var pairs: [(keyword: String, value: String)] = []

    init(_ configuration: PostgresConfiguration) throws(StorageError) {
        let fromURL = try Self.parse(configuration.url)
        let connectSeconds = max(1, configuration.connectTimeout.totalNanoseconds / 1_000_000_000)
        pairs = [
            ("connect_timeout", String(connectSeconds)),
            ("application_name", configuration.applicationName),
            // A peer that vanished (a dead host, a dropped NAT entry) is noticed in ~a minute.
            ("keepalives", "1"), ("keepalives_idle", "30"), ("keepalives_interval", "10"), ("keepalives_count", "3"),
            ("dbname", configuration.url),
            ("client_encoding", "UTF8"),
        ]
        // Read-only unless a transaction says READ WRITE (write does): query() and read() then
        // refuse writes as SQLite's query_only readers do, at no cost.
        var options = ["-c default_transaction_read_only=on"]
        // Quoted, as a service named `user` has a schema named like a keyword.
        if let schema = configuration.schema { options.append("-c search_path=\"\(schema)\"") }
        if let timeout = configuration.statementTimeout {
            options.append("-c statement_timeout=\(max(1, timeout.totalNanoseconds / 1_000_000))")
        }
        if let own = fromURL["options"], !own.isEmpty { options.insert(own, at: 0) }
        pairs.append(("options", options.joined(separator: " ")))
    }

    /// The URL's parameters as libpq reads them; a URL libpq refuses is an invalid configuration.
    private static func parse(_ url: String) throws(StorageError) -> [String: String] {
        var message: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(url, &message) else {
            let reason = message.map { String(cString: $0) } ?? "libpq could not parse it"
            PQfreemem(message)
            throw .invalidConfiguration("invalid PostgreSQL URL: \(reason.split(whereSeparator: \.isNewline).joined())")
        }
        defer { PQconninfoFree(options) }
        var values: [String: String] = [:]
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val { values[String(cString: keyword)] = String(cString: value) }
            option += 1
        }
        return values
    }

    /// Calls `body` with NULL-terminated C arrays of the keywords and values.
    func withCArrays<Result>(
        _ body: (UnsafePointer<UnsafePointer<CChar>?>, UnsafePointer<UnsafePointer<CChar>?>) -> Result
    ) -> Result {
        let keywords = pairs.map { strdup($0.keyword) }
        let values = pairs.map { strdup($0.value) }
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        let keywordPointers = keywords.map { UnsafePointer($0) } + [nil]
        let valuePointers = values.map { UnsafePointer($0) } + [nil]
        return keywordPointers.withUnsafeBufferPointer { keywordBuffer in
            valuePointers.withUnsafeBufferPointer { valueBuffer in
                guard let keywordBase = keywordBuffer.baseAddress, let valueBase = valueBuffer.baseAddress else {
                    preconditionFailure("a non-empty array has storage")
                }
                return body(keywordBase, valueBase)
            }
        }
    }
}
