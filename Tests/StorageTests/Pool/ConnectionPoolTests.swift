import Dispatch
import Storage
import Testing

@Suite("Connection pool")
struct ConnectionPoolTests {
    /// One connection, a short acquire timeout.
    static let tight = TestDatabaseOptions(
        connections: 1, pool: .defaults { $0.acquireTimeout = .milliseconds(150) })

    /// Holds the only connection until released, and says when it has it.
    final class Holder: Sendable {
        let taken = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)

        func hold(_ connection: SQLConnection) throws(StorageError) {
            _ = try connection.query("SELECT 1")
            taken.signal()
            // Long enough that only the test lets go (a loaded parallel run can take seconds
            // between two steps), short enough that a broken test ends.
            _ = release.wait(timeout: .now() + 60)
        }
    }

    @Test("a caller that waits past the acquire timeout gets poolExhausted", arguments: Driver.allCases)
    func exhaustion(driver: Driver) async throws {
        try await withDatabase(driver, Self.tight) { database in
            let holder = Holder()
            async let held: Void = database.read { connection throws(StorageError) in try holder.hold(connection) }
            await waitFor(holder.taken)
            let clock = ContinuousClock()
            let start = clock.now
            let error = await expectStorageError(.poolExhausted) { try await database.query("SELECT 2") }
            let waited = clock.now - start
            // The upper bound only shows the wait ends (no hang): a parallel test run on two busy
            // cores can make the timer and the resumption seconds late.
            #expect(waited >= .milliseconds(140) && waited < .seconds(30), "waited \(waited)")
            #expect(error?.message.contains("150") == true, "\(String(describing: error))")
            holder.release.signal()
            try await held
            #expect(database.statistics.poolExhaustions == 1)
            // The pool works again once the connection is back.
            #expect(try await database.query("SELECT 3").count == 1)
        }
    }

    @Test("a cancelled waiter gets cancelled and never runs")
    func cancellation() async throws {
        try await withDatabase(.sqlite, .init(connections: 1, pool: .defaults { $0.acquireTimeout = .seconds(30) })) {
            database in
            let holder = Holder()
            async let held: Void = database.write { connection throws(StorageError) in try holder.hold(connection) }
            await waitFor(holder.taken)
            let waiter = Task {
                try await database.write { connection throws(StorageError) in
                    try connection.execute("CREATE TABLE never (x INTEGER)")
                }
            }
            try await Task.sleep(for: .milliseconds(50))
            waiter.cancel()
            await expectStorageError(.cancelled) { try await waiter.value }
            holder.release.signal()
            try await held
            let tables = try await database.query("SELECT name FROM sqlite_master WHERE name = 'never'")
            #expect(tables.isEmpty)
        }
    }

    @Test("too many waiters are refused at once", arguments: Driver.allCases)
    func maxWaiting(driver: Driver) async throws {
        let options = TestDatabaseOptions(
            connections: 1,
            pool: .defaults {
                $0.maxWaiting = 0; $0.acquireTimeout = .seconds(30)
            })
        try await withDatabase(driver, options) { database in
            let holder = Holder()
            async let held: Void = database.read { connection throws(StorageError) in try holder.hold(connection) }
            await waitFor(holder.taken)
            let clock = ContinuousClock()
            let start = clock.now
            await expectStorageError(.poolExhausted) { try await database.query("SELECT 2") }
            #expect(clock.now - start < .seconds(5))
            holder.release.signal()
            try await held
        }
    }

    @Test("closing fails the waiters and refuses new calls", arguments: Driver.allCases)
    func close(driver: Driver) async throws {
        let test = try await TestDatabase.make(
            driver, .init(connections: 1, pool: .defaults { $0.acquireTimeout = .seconds(30) }))
        let database = try await test.open()
        let holder = Holder()
        async let held: Void = database.read { connection throws(StorageError) in try holder.hold(connection) }
        await waitFor(holder.taken)
        let waiter = Task { try await database.query("SELECT 2") }
        try await Task.sleep(for: .milliseconds(50))
        async let closing: Void = database.close()
        await expectStorageError(.closed) { try await waiter.value }
        holder.release.signal()
        try await held  // the running transaction finished
        await closing
        await expectStorageError(.closed) { try await database.query("SELECT 3") }
        await test.cleanUp()
    }
}
