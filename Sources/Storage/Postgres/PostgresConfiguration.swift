/// How ``PostgresDatabase`` connects: a `DATABASE_URL`, the service's schema, the pool.
///
/// ```swift
/// var configuration = PostgresConfiguration(url: "postgres://product:secret@db:5432/room619?sslmode=require")
/// configuration.schema = "product"  // the service owns this schema
/// let database = try await PostgresDatabase.open(configuration)
/// ```
///
/// libpq parses the URL (`postgres://user:password@host:port/database?param=value…`, every
/// libpq connection parameter allowed as a query parameter) and does the authentication
/// (SCRAM-SHA-256, …) and TLS (`sslmode`, `sslrootcert`, …). The description never shows the
/// password.
public struct PostgresConfiguration: Sendable, Hashable, CustomStringConvertible {
    /// The connection URL (`postgres://` or `postgresql://`).
    public var url: String
    /// The schema the service owns: the connections' `search_path`, created at open when missing
    /// (``createsSchema``). `nil`: the URL's database is the service's own, `public` schema.
    /// Plain lower-case identifiers only.
    public var schema: String?
    /// Whether ``PostgresDatabase/open(_:)`` creates ``schema`` when missing. Default: true.
    public var createsSchema: Bool
    /// Connections (and their threads). Default: 8.
    public var connections: Int
    /// The isolation level of ``SQLDatabase/write(_:)``. Default: `READ COMMITTED`, PostgreSQL's.
    public var isolation: SQLIsolationLevel
    /// The `application_name` the server shows in `pg_stat_activity`, unless the URL sets one.
    /// Default: `room619`.
    public var applicationName: String
    /// How long connecting may take, unless the URL sets `connect_timeout`. Default: 10 seconds.
    public var connectTimeout: Duration
    /// The server's `statement_timeout` for every statement; `nil` keeps the server's. Default:
    /// `nil`.
    public var statementTimeout: Duration?
    /// Prepared statements kept per connection. Default: 128.
    public var statementCacheCapacity: Int
    /// Waiting for connections and retrying transactions.
    public var pool: SQLPoolConfiguration

    /// A configuration for `url`, with the defaults.
    public init(url: String) {
        self.url = url
        self.schema = nil
        self.createsSchema = true
        self.connections = 8
        self.isolation = .readCommitted
        self.applicationName = "room619"
        self.connectTimeout = .seconds(10)
        self.statementTimeout = nil
        self.statementCacheCapacity = 128
        self.pool = .defaults
    }

    /// The URL with its password (in the user part or a `password=` parameter) replaced by
    /// `***`: safe for logs and banners.
    public var redactedURL: String {
        guard let scheme = url.firstRange(of: "://") else { return url }
        var result = ""
        let authorityEnd = url[scheme.upperBound...].firstIndex { $0 == "/" || $0 == "?" } ?? url.endIndex
        if let at = url[scheme.upperBound..<authorityEnd].lastIndex(of: "@"),
            let colon = url[scheme.upperBound..<at].firstIndex(of: ":")
        {
            result = String(url[...colon]) + "***" + String(url[at..<authorityEnd])
        } else {
            result = String(url[..<authorityEnd])
        }
        let rest = url[authorityEnd...]
        guard let question = rest.firstIndex(of: "?") else { return result + rest }
        let parameters = rest[rest.index(after: question)...].split(separator: "&", omittingEmptySubsequences: false)
        let redacted = parameters.map { $0.hasPrefix("password=") ? "password=***" : String($0) }
        return result + rest[...question] + redacted.joined(separator: "&")
    }

    /// `postgres://user:***@host/database (schema product, 8 connections)`.
    public var description: String {
        "\(redactedURL) (schema \(schema ?? "public"), \(connections) connections)"
    }

    func validate() throws(StorageError) {
        guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
            throw .invalidConfiguration("a PostgreSQL URL starts with postgres:// or postgresql://, not \(redactedURL)")
        }
        if let schema {
            guard Self.isPlainIdentifier(schema) else {
                throw .invalidConfiguration("the schema must be a plain lower-case identifier, not \"\(schema)\"")
            }
        }
        guard connections >= 1 else { throw .invalidConfiguration("a PostgreSQL pool needs at least one connection") }
        guard statementCacheCapacity >= 1 else {
            throw .invalidConfiguration("the statement cache needs a capacity of at least 1")
        }
        guard connectTimeout >= .seconds(1) else {
            throw .invalidConfiguration("the connect timeout must be at least a second")
        }
        if let statementTimeout, statementTimeout < .milliseconds(1) {
            throw .invalidConfiguration("the statement timeout must be at least a millisecond")
        }
        try pool.validate()
    }

    /// `[a-z_][a-z0-9_]{0,62}`: a name that needs no quoting anywhere.
    static func isPlainIdentifier(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, bytes.count <= 63 else { return false }
        let isLower = { (byte: UInt8) in byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        guard isLower(first) || first == UInt8(ascii: "_") else { return false }
        return bytes.allSatisfy { isLower($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
    }
}
