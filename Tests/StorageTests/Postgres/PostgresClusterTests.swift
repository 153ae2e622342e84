import Testing

@testable import PostgresCluster

@Suite("Throwaway PostgreSQL cluster")
struct PostgresClusterTests {
    @Test("missing server binaries fail with a message saying to run ./setup.sh")
    func missingBinaries() throws {
        let error = #expect(throws: PostgresClusterError.self) {
            try PostgresProcess.findBinaries(under: "/nonexistent/postgresql", override: nil)
        }
        #expect(error?.description.contains("run ./setup.sh") == true)
        let override = #expect(throws: PostgresClusterError.self) {
            try PostgresProcess.findBinaries(under: "/usr/lib/postgresql", override: "/nonexistent/bin")
        }
        #expect(override?.description.contains("ROOM619_PG_BIN") == true)
    }

    @Test("the shared cluster answers on its port and in its directory")
    func shared() async throws {
        let cluster = try await PostgresCluster.shared()
        let again = try await PostgresCluster.shared()
        #expect(cluster === again)
        #expect(cluster.port > 0)
        #expect(cluster.url().hasPrefix("postgres://room619:"))
    }
}
