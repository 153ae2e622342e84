import CurlSupport
import Foundation
import PlatformTesting
import RPC
import SampleServices
import Storage
import Testing
import UserContracts

@Suite("PlatformTesting: what users' service tests start from")
struct PlatformTestingTests {
    func sampleUsers() -> UserService {
        UserService(clock: .system, sessions: SessionStore(clock: .system))
    }

    @Test("a fresh database per test, removed afterwards")
    func temporaryDatabase() async throws {
        let rows = try await TestDatabase.withTemporary { database in
            try await database.write { connection throws(StorageError) in
                _ = try connection.execute("CREATE TABLE t (v TEXT)")
                _ = try connection.execute("INSERT INTO t (v) VALUES (?)", ["x"])
            }
            return try await database.query("SELECT v FROM t").count
        }
        #expect(rows == 1)
        let again = try await TestDatabase.withTemporary { database in
            try await database.query("SELECT name FROM sqlite_master WHERE name = 't'").count
        }
        #expect(again == 0, "each test gets an empty database")
    }

    @Test("in process, with the test authority's tokens checked as the platform checks them")
    func inProcessWithAuth() async throws {
        let authority = try TestAuthority()
        let users = User_V1_UserService.Client(
            client: TestServer.inProcess([sampleUsers()], interceptors: [authority.interceptor]))
        let created = try await users.createUser(
            .init(email: "ada@example.com", displayName: "Ada", password: "correct horse"))
        let anonymous = await #expect(throws: RPCStatus.self) { try await users.getUser(.init(id: created.id)) }
        #expect(anonymous?.code == .unauthenticated)
        let found = try await users.getUser(
            .init(id: created.id), options: try authority.callOptions(subject: created.id))
        #expect(found.email == "ada@example.com")
    }

    @Test("on a loopback port: REST with curl and gRPC over HTTP/2")
    func loopback() async throws {
        try await TestServer.withLoopback([sampleUsers()]) { server in
            #expect(try await curl(server.baseURL + "/health/ready").status == 200)
            let created = try await curl(
                server.baseURL + "/v1/users", method: "POST",
                body: #"{"email":"bo@example.com","displayName":"Bo","password":"correct horse"}"#)
            #expect(created.status == 201)
            let users = User_V1_UserService.Client(client: server.client)
            let duplicate = await #expect(throws: RPCStatus.self) {
                try await users.createUser(.init(email: "bo@example.com", displayName: "Bo", password: "correct horse"))
            }
            #expect(duplicate?.code == .alreadyExists)
        }
    }
}
