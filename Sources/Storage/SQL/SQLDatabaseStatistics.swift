internal import Synchronization

/// A snapshot of a database's counters since it opened, for metrics and tests.
public struct SQLDatabaseStatistics: Sendable, Hashable {
    /// Statements found prepared in a connection's cache.
    public var statementCacheHits: Int
    /// Statements prepared because the cache did not hold them.
    public var statementCacheMisses: Int
    /// Prepared statements dropped to keep a cache within its capacity.
    public var statementCacheEvictions: Int
    /// Connections opened (the first ones and replacements).
    public var connectionsOpened: Int
    /// Broken connections closed and left to be replaced.
    public var connectionsDiscarded: Int
    /// Transactions committed.
    public var commits: Int
    /// Transactions rolled back (thrown errors, ``SQLConnection/setRollbackOnly()``, retries).
    public var rollbacks: Int
    /// Transactions run again after a serialization failure or a broken connection.
    public var retries: Int
    /// Callers that got ``StorageError/Kind/poolExhausted``.
    public var poolExhaustions: Int

    /// Creates a snapshot.
    public init(
        statementCacheHits: Int = 0, statementCacheMisses: Int = 0, statementCacheEvictions: Int = 0,
        connectionsOpened: Int = 0, connectionsDiscarded: Int = 0, commits: Int = 0, rollbacks: Int = 0,
        retries: Int = 0, poolExhaustions: Int = 0
    ) {
        self.statementCacheHits = statementCacheHits
        self.statementCacheMisses = statementCacheMisses
        self.statementCacheEvictions = statementCacheEvictions
        self.connectionsOpened = connectionsOpened
        self.connectionsDiscarded = connectionsDiscarded
        self.commits = commits
        self.rollbacks = rollbacks
        self.retries = retries
        self.poolExhaustions = poolExhaustions
    }
}

/// The live counters behind ``SQLDatabaseStatistics``, shared by a database's connections.
final class StorageCounters: Sendable {
    let statementCacheHits = Atomic<Int>(0)
    let statementCacheMisses = Atomic<Int>(0)
    let statementCacheEvictions = Atomic<Int>(0)
    let connectionsOpened = Atomic<Int>(0)
    let connectionsDiscarded = Atomic<Int>(0)
    let commits = Atomic<Int>(0)
    let rollbacks = Atomic<Int>(0)
    let retries = Atomic<Int>(0)
    let poolExhaustions = Atomic<Int>(0)

    var snapshot: SQLDatabaseStatistics {
        SQLDatabaseStatistics(
            statementCacheHits: statementCacheHits.load(ordering: .relaxed),
            statementCacheMisses: statementCacheMisses.load(ordering: .relaxed),
            statementCacheEvictions: statementCacheEvictions.load(ordering: .relaxed),
            connectionsOpened: connectionsOpened.load(ordering: .relaxed),
            connectionsDiscarded: connectionsDiscarded.load(ordering: .relaxed),
            commits: commits.load(ordering: .relaxed),
            rollbacks: rollbacks.load(ordering: .relaxed),
            retries: retries.load(ordering: .relaxed),
            poolExhaustions: poolExhaustions.load(ordering: .relaxed))
    }

    static func increment(_ counter: borrowing Atomic<Int>) {
        counter.add(1, ordering: .relaxed)
    }

    static func add(_ amount: Int, to counter: borrowing Atomic<Int>) {
        if amount != 0 { counter.add(amount, ordering: .relaxed) }
    }
}
