/// A connection's prepared statements by SQL text, bounded, evicting the least recently used.
///
/// Eviction happens between jobs (``evictOverflow()``), never in the middle of one: a PostgreSQL
/// `DEALLOCATE` cannot run inside a failed transaction, and a statement evicted mid-job could be
/// one its caller still steps through. A job that uses more distinct statements than the capacity
/// overflows it until it ends. Finding the least recently used entries sorts the cache, paid only
/// on eviction, which a well-sized cache rarely does.
struct StatementCache<Statement> {
    private struct Entry {
        var statement: Statement
        var lastUse: UInt64
    }

    private var entries: [String: Entry] = [:]
    private var clock: UInt64 = 0
    /// The most statements kept between jobs.
    let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The number of statements held.
    var count: Int { entries.count }

    /// The statement prepared for `sql`, marking it used.
    mutating func lookup(_ sql: String) -> Statement? {
        clock &+= 1
        guard var entry = entries[sql] else { return nil }
        entry.lastUse = clock
        entries[sql] = entry
        return entry.statement
    }

    /// Keeps a newly prepared statement.
    mutating func insert(_ statement: Statement, for sql: String) {
        clock &+= 1
        entries[sql] = Entry(statement: statement, lastUse: clock)
    }

    /// Forgets the statement for `sql` and returns it (to be closed).
    mutating func remove(_ sql: String) -> Statement? {
        entries.removeValue(forKey: sql)?.statement
    }

    /// Removes the least recently used statements beyond the capacity and returns them (to be
    /// closed).
    mutating func evictOverflow() -> [Statement] {
        guard entries.count > capacity else { return [] }
        let excess = entries.count - capacity
        let oldest = entries.sorted { $0.value.lastUse < $1.value.lastUse }.prefix(excess)
        return oldest.compactMap { entries.removeValue(forKey: $0.key)?.statement }
    }

    /// Removes every statement and returns them (to be closed).
    mutating func removeAll() -> [Statement] {
        defer { entries = [:] }
        return entries.values.map(\.statement)
    }
}
