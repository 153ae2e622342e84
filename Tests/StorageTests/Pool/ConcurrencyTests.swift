import Foundation
import Storage
import Testing

@Suite("Concurrent transactions")
struct ConcurrencyTests {
    @Test("64 concurrent conditional reservations never drive stock below zero", arguments: Driver.allCases)
    func conditionalUpdate(driver: Driver) async throws {
        var generator = SystemRandomNumberGenerator()
        let seed = UInt64.random(in: 0 ... .max, using: &generator)
        print("conditional update on \(driver): seed \(seed)")
        var random = SplitMix64(seed: seed)
        let quantities = (0..<64).map { _ in Int64.random(in: 1...3, using: &random) }
        let initial: Int64 = 60
        try await withDatabase(driver, .init(connections: 8)) { database in
            try await database.write { connection throws(StorageError) in
                try connection.execute(
                    "CREATE TABLE stock (id BIGINT PRIMARY KEY, available BIGINT NOT NULL CHECK (available >= 0))")
                try connection.execute("INSERT INTO stock (id, available) VALUES (1, ?)", [.integer(initial)])
            }
            let results = try await withThrowingTaskGroup(of: (Int64, Bool).self) { group in
                for quantity in quantities {
                    group.addTask {
                        let reserved = try await database.write { connection throws(StorageError) in
                            try connection.execute(
                                "UPDATE stock SET available = available - ? WHERE id = ? AND available >= ?",
                                [.integer(quantity), 1, .integer(quantity)]) == 1
                        }
                        return (quantity, reserved)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let reserved = results.filter(\.1).map(\.0).reduce(0, +)
            let available: Int64 = try await database.query("SELECT available FROM stock WHERE id = 1")[0]["available"]
            #expect(available >= 0)
            #expect(reserved + available == initial)
            // Stock only goes down, so a refused reservation of q saw fewer than q units, and so
            // did everyone after it: none was refused while the stock could have covered it.
            for (quantity, ok) in results where !ok { #expect(available < quantity) }
            #expect(results.contains { !$0.1 }, "64 reservations of 1–3 units cannot all fit in 60")
        }
    }

    @Test("reads run while a write transaction is open (WAL, separate connections)")
    func readsDuringWrite() async throws {
        try await withDatabase(.sqlite) { database in
            try await database.write { connection throws(StorageError) in
                try connection.execute("CREATE TABLE t (x INTEGER)")
                try connection.execute("INSERT INTO t (x) VALUES (1)")
            }
            let holder = ConnectionPoolTests.Holder()
            async let writing: Void = database.write { connection throws(StorageError) in
                try connection.execute("INSERT INTO t (x) VALUES (2)")
                try holder.hold(connection)
            }
            await waitFor(holder.taken)
            // The reader sees the last commit, not the open transaction's row.
            let count: Int64 = try await database.query("SELECT count(*) FROM t")[0][0]
            #expect(count == 1)
            holder.release.signal()
            try await writing
            let after: Int64 = try await database.query("SELECT count(*) FROM t")[0][0]
            #expect(after == 2)
        }
    }
}

/// A small seeded generator, so a failing random run can be replayed from its printed seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
