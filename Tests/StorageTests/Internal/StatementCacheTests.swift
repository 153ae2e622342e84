import Testing

@testable import Storage

@Suite("Statement cache")
struct StatementCacheTests {
    @Test("evicts the least recently used beyond the capacity, between jobs")
    func lru() {
        var cache = StatementCache<String>(capacity: 2)
        cache.insert("a", for: "SELECT a")
        cache.insert("b", for: "SELECT b")
        #expect(cache.lookup("SELECT a") == "a")  // a is now newer than b
        cache.insert("c", for: "SELECT c")
        #expect(cache.count == 3)  // over capacity until the job ends
        #expect(cache.evictOverflow() == ["b"])
        #expect(cache.lookup("SELECT b") == nil)
        #expect(cache.lookup("SELECT a") == "a")
        #expect(cache.lookup("SELECT c") == "c")
        #expect(cache.evictOverflow().isEmpty)
        #expect(cache.remove("SELECT a") == "a")
        #expect(Set(cache.removeAll()) == ["c"])
        #expect(cache.count == 0)
    }

    @Test("statements are prepared once per connection and found again", arguments: Driver.allCases)
    func hits(driver: Driver) async throws {
        try await withDatabase(driver, .init(connections: 1)) { database in
            let before = database.statistics
            for value in 0..<5 {
                let rows = try await database.query("SELECT CAST(? AS BIGINT) + 1 AS next", [.integer(Int64(value))])
                #expect(try rows[0]["next"] as Int64 == Int64(value) + 1)
            }
            let after = database.statistics
            #expect(after.statementCacheMisses - before.statementCacheMisses == 1)
            #expect(after.statementCacheHits - before.statementCacheHits == 4)
        }
    }

    @Test("a full cache evicts and the evicted statement still runs (prepared again)", arguments: Driver.allCases)
    func eviction(driver: Driver) async throws {
        try await withDatabase(driver, .init(connections: 1, statementCacheCapacity: 2)) { database in
            let before = database.statistics
            for round in 0..<2 {
                for value in 1...3 {
                    let rows = try await database.query("SELECT \(value) AS v, ? AS r", [.integer(Int64(round))])
                    #expect(try rows[0]["v"] as Int64 == Int64(value))
                }
            }
            let statistics = database.statistics
            #expect(statistics.statementCacheEvictions - before.statementCacheEvictions >= 4)
            // Round-robin over 3 statements in a cache of 2: every one is prepared again.
            #expect(statistics.statementCacheMisses - before.statementCacheMisses == 6)
            #expect(statistics.statementCacheHits == before.statementCacheHits)
            if driver == .postgresql {
                // Evicted statements were deallocated on the server too.
                let prepared: Int64 = try await database.query("SELECT count(*) FROM pg_prepared_statements")[0][0]
                #expect(prepared <= 3)
            }
        }
    }
}
