import Dispatch
import PostgresCluster
import Storage
import Synchronization
import Testing

@Suite("PostgreSQL retries and broken connections")
struct PostgresTransactionTests {
    /// Makes two transactions' first attempts meet: each waits until both have read.
    final class Rendezvous: Sendable {
        private let arrived = Mutex(0)
        private let bothArrived = DispatchSemaphore(value: 0)
        let attempts = Atomic(0)

        func meet() {
            let count = arrived.withLock { count in
                count += 1
                return count
            }
            if count == 2 {
                bothArrived.signal()
                bothArrived.signal()
            }
            if count <= 2 { _ = bothArrived.wait(timeout: .now() + 10) }
        }
    }

    static func doctorsOnCall(_ database: any SQLDatabase) async throws -> Int64 {
        try await database.query("SELECT count(*) FROM doctors WHERE on_call")[0][0]
    }

    @Test("a serialization failure between two SERIALIZABLE transactions is retried")
    func serializationRetry() async throws {
        try await withDatabase(.postgresql) { database in
            try await database.write { connection throws(StorageError) in
                try connection.execute(
                    script: """
                        CREATE TABLE doctors (id BIGINT PRIMARY KEY, on_call BOOLEAN NOT NULL);
                        INSERT INTO doctors VALUES (1, TRUE), (2, TRUE);
                        """)
            }
            let rendezvous = Rendezvous()
            // Write skew: each sees two doctors on call and takes one off. Serially, the second
            // would see one and stay; SERIALIZABLE must fail one of them, and write retries it.
            let goOffCall = { @Sendable (id: Int64) async throws -> Bool in
                try await database.write(isolation: .serializable) { connection throws(StorageError) in
                    rendezvous.attempts.add(1, ordering: .relaxed)
                    let onCall: Int64 = try connection.query("SELECT count(*) FROM doctors WHERE on_call")[0][0]
                    rendezvous.meet()
                    guard onCall >= 2 else { return false }
                    try connection.execute("UPDATE doctors SET on_call = FALSE WHERE id = ?", [.integer(id)])
                    return true
                }
            }
            async let first = goOffCall(1)
            async let second = goOffCall(2)
            let outcomes = try await [first, second]
            #expect(outcomes.filter { $0 }.count == 1)
            #expect(try await Self.doctorsOnCall(database) == 1)
            #expect(database.statistics.retries >= 1)
            #expect(rendezvous.attempts.load(ordering: .relaxed) >= 3)
        }
    }

    @Test("without retries the serialization failure reaches the caller")
    func serializationFailureSurfaces() async throws {
        let options = TestDatabaseOptions(pool: .defaults { $0.retry.maxAttempts = 1 })
        try await withDatabase(.postgresql, options) { database in
            try await database.write { connection throws(StorageError) in
                try connection.execute(
                    script:
                        "CREATE TABLE counters (id BIGINT PRIMARY KEY, n BIGINT NOT NULL); INSERT INTO counters VALUES (1, 0)"
                )
            }
            let rendezvous = Rendezvous()
            let increment = { @Sendable () async -> StorageError? in
                do {
                    try await database.write(isolation: .repeatableRead) { connection throws(StorageError) in
                        _ = try connection.query("SELECT n FROM counters WHERE id = 1")
                        rendezvous.meet()
                        try connection.execute("UPDATE counters SET n = n + 1 WHERE id = 1")
                    }
                    return nil
                } catch let error as StorageError {
                    return error
                } catch {
                    return StorageError(kind: .unknown, message: "\(error)")
                }
            }
            async let first = increment()
            async let second = increment()
            let errors = await [first, second].compactMap { $0 }
            #expect(errors.count == 1)
            #expect(errors.first?.kind == .serializationFailure)
            #expect(errors.first?.sqlState == "40001")
        }
    }

    @Test("a connection the server dropped is replaced, and the transaction runs again on the new one")
    func brokenConnection() async throws {
        let cluster = try await PostgresCluster.shared()
        try await withDatabase(.postgresql, .init(connections: 1)) { database in
            try await database.write { connection throws(StorageError) in
                try connection.execute("CREATE TABLE notes (body TEXT)")
            }
            let pid: Int64 = try await database.query("SELECT pg_backend_pid()")[0][0]
            let admin = try await PostgresDatabase.open(PostgresConfiguration(url: cluster.url()))
            let terminated: Bool = try await admin.query(
                "SELECT pg_terminate_backend(CAST(? AS INTEGER))", [.integer(pid)])[0][0]
            await admin.close()
            #expect(terminated)
            try await database.write { connection throws(StorageError) in
                try connection.execute("INSERT INTO notes (body) VALUES ('after the drop')")
            }
            let newPID: Int64 = try await database.query("SELECT pg_backend_pid()")[0][0]
            #expect(newPID != pid)
            #expect(try await database.query("SELECT body FROM notes").count == 1)
            #expect(database.statistics.connectionsDiscarded == 1)
            #expect(database.statistics.connectionsOpened == 2)
        }
    }

    @Test("read transactions see one snapshot")
    func snapshot() async throws {
        try await withDatabase(.postgresql) { database in
            try await database.write { connection throws(StorageError) in
                try connection.execute(script: "CREATE TABLE t (x BIGINT); INSERT INTO t VALUES (1)")
            }
            let rendezvous = DispatchSemaphore(value: 0)
            let written = DispatchSemaphore(value: 0)
            async let counts = database.read { connection throws(StorageError) -> [Int64] in
                let before: Int64 = try connection.query("SELECT count(*) FROM t")[0][0]
                rendezvous.signal()
                _ = written.wait(timeout: .now() + 10)
                let after: Int64 = try connection.query("SELECT count(*) FROM t")[0][0]
                return [before, after]
            }
            await waitFor(rendezvous)
            try await database.write { connection throws(StorageError) in
                try connection.execute("INSERT INTO t VALUES (2)")
            }
            written.signal()
            #expect(try await counts == [1, 1])
        }
    }
}
