/// Where and how ``SQLiteDatabase`` keeps a service's database.
///
/// ```swift
/// let database = try await SQLiteDatabase.open(
///     SQLiteConfiguration(directory: "room619-data", name: "product"))  // room619-data/product.sqlite3
/// ```
public struct SQLiteConfiguration: Sendable, Hashable {
    /// How much SQLite syncs to disk, in WAL mode.
    public enum Synchronous: Sendable, Hashable {
        /// `synchronous=NORMAL`: a commit survives a crash of the process (it is in the WAL file
        /// when `COMMIT` returns), and the database stays consistent after a power loss or an
        /// operating-system crash, which may lose the last transactions. The WAL is synced at
        /// checkpoints. The default.
        case normal
        /// `synchronous=FULL`: the WAL is synced at every commit, so a commit also survives a
        /// power loss; each commit then waits for the disk.
        case full

        var pragma: String {
            switch self {
            case .normal: "NORMAL"
            case .full: "FULL"
            }
        }
    }

    /// The data directory, created when missing.
    public var directory: String
    /// The database's name: the file is `<directory>/<name>.sqlite3`.
    public var name: String
    /// Read connections, each with its own thread; reads run concurrently with each other and
    /// with the one writer. Default: 4.
    public var readers: Int
    /// How long a statement waits for another process's lock before failing with `BUSY`
    /// (``StorageError/Kind/serializationFailure``, retried). Default: 5 seconds.
    public var busyTimeout: Duration
    /// Durability of commits. Default: ``Synchronous/normal``.
    public var synchronous: Synchronous
    /// Prepared statements kept per connection. Default: 128.
    public var statementCacheCapacity: Int
    /// Waiting for connections and retrying transactions.
    public var pool: SQLPoolConfiguration

    /// A database named `name` in `directory`, with the defaults.
    public init(directory: String, name: String) {
        self.directory = directory
        self.name = name
        self.readers = 4
        self.busyTimeout = .seconds(5)
        self.synchronous = .normal
        self.statementCacheCapacity = 128
        self.pool = .defaults
    }

    /// The database file's path.
    public var path: String {
        directory.hasSuffix("/") ? "\(directory)\(name).sqlite3" : "\(directory)/\(name).sqlite3"
    }

    func validate() throws(StorageError) {
        guard !directory.isEmpty else { throw .invalidConfiguration("the SQLite data directory is empty") }
        guard !name.isEmpty, !name.contains("/"), !name.utf8.contains(0) else {
            throw .invalidConfiguration("the SQLite database name must be a non-empty file name, not \"\(name)\"")
        }
        guard readers >= 1 else { throw .invalidConfiguration("an SQLite database needs at least one reader") }
        guard busyTimeout >= .zero else { throw .invalidConfiguration("the busy timeout must not be negative") }
        guard statementCacheCapacity >= 1 else {
            throw .invalidConfiguration("the statement cache needs a capacity of at least 1")
        }
        try pool.validate()
    }
}
