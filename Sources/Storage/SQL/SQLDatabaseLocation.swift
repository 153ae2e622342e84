/// Which database a service uses, as the process edge decides it: PostgreSQL when a
/// `DATABASE_URL` is set, otherwise the embedded SQLite file in the data directory.
///
/// ```swift
/// let location = try SQLDatabaseLocation(
///     url: environment["DATABASE_URL"], dataDirectory: "room619-data", name: "product")
/// let database = try await location.open()
/// print("storage: \(location)")  // never shows a password
/// ```
public enum SQLDatabaseLocation: Sendable, Hashable, CustomStringConvertible {
    /// The embedded database.
    case sqlite(SQLiteConfiguration)
    /// A PostgreSQL server.
    case postgresql(PostgresConfiguration)

    /// The location for a `DATABASE_URL` (`nil` or empty: SQLite), with the defaults.
    ///
    /// - Parameters:
    ///   - url: `postgres://…` or `postgresql://…`, or `nil`/empty for SQLite.
    ///   - dataDirectory: where SQLite keeps its file.
    ///   - name: the service's name: the SQLite file's name, and the PostgreSQL schema unless
    ///     `schema` says otherwise.
    ///   - schema: the PostgreSQL schema; `.some(nil)` for the URL's database's `public` schema
    ///     (a database of its own per service).
    /// - Throws: ``StorageError/Kind/invalidConfiguration`` for any other URL.
    public init(url: String?, dataDirectory: String, name: String, schema: String?? = nil) throws(StorageError) {
        guard let url, !url.isEmpty else {
            self = .sqlite(SQLiteConfiguration(directory: dataDirectory, name: name))
            return
        }
        guard url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") else {
            throw .invalidConfiguration("DATABASE_URL must start with postgres:// or postgresql://")
        }
        var configuration = PostgresConfiguration(url: url)
        configuration.schema = schema ?? name
        self = .postgresql(configuration)
    }

    /// Opens the database.
    public func open() async throws(StorageError) -> any SQLDatabase {
        switch self {
        case .sqlite(let configuration): try await SQLiteDatabase.open(configuration)
        case .postgresql(let configuration): try await PostgresDatabase.open(configuration)
        }
    }

    /// `sqlite room619-data/product.sqlite3` or `postgresql postgres://user:***@host/db (…)`.
    public var description: String {
        switch self {
        case .sqlite(let configuration): "sqlite \(configuration.path)"
        case .postgresql(let configuration): "postgresql \(configuration)"
        }
    }
}
