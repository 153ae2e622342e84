import Auth
import CurlSupport
import Foundation
import Platform
import SampleServices
import ServiceHost
import Storage
import Synchronization
import Testing

/// A module on the in-memory sample user service: what the assembly does around any module
/// (database, migrations, auth, gateway, health, JWKS) without the real services.
func sampleModule(migrated: MigrationRecorder) -> PlatformModule {
    PlatformModule(name: "sample") { database, _ in
        let report = try await database.migrate([
            Migration(version: 1, name: "notes", sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
        ])
        migrated.record(report.applied)
        let clock = SampleClock.system
        return PlatformModuleParts(
            rpcServices: [UserService(clock: clock, sessions: SessionStore(clock: clock))],
            onStart: [{ ["sample module started"] }])
    }
}

final class MigrationRecorder: Sendable {
    private let applied = Mutex<[Int]>([])
    func record(_ versions: [Int]) { applied.withLock { $0 += versions } }
    var versions: [Int] { applied.withLock { $0 } }
}

@Suite("The platform assembly: database, auth, gateway, health and JWKS around its modules", .timeLimit(.minutes(2)))
struct PlatformAssemblyTests {
    @Test("a module's database is migrated; REST is guarded by the auth interceptor; health and JWKS answer")
    func assembled() async throws {
        let directory = NSTemporaryDirectory() + "room619-platform-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = PlatformConfiguration()
        configuration.dataDirectory = directory
        configuration.host.listen.port = 0
        configuration.host.eventLoopCount = 1
        configuration.host.shutdown.signals = []
        configuration.host.isAddressAnnounced = false
        let migrated = MigrationRecorder()
        let process = try await PlatformProcess.assemble(configuration, modules: [sampleModule(migrated: migrated)])
        #expect(migrated.versions == [1])
        #expect(FileManager.default.fileExists(atPath: directory + "/keys/signing.pem"))
        let run = Task { try await process.host.run() }
        let address = try await process.host.listeningAddress()
        let base = "http://\(address)"
        #expect(try await process.runStartTasks() == ["sample module started"])

        #expect(try await curl(base + "/health/ready").status == 200)
        let jwks = try await curl(base + "/.well-known/jwks.json")
        #expect(jwks.status == 200 && jwks.body.contains(#""kty":"OKP""#) && !jwks.body.contains(#""d":"#))
        // A public method: sign-up.
        let created = try await curl(
            base + "/v1/users", method: "POST",
            body: #"{"email":"ada@example.com","displayName":"Ada","password":"correct horse"}"#)
        #expect(created.status == 201, "\(created)")
        // A signed-in method: refused without a token, by the interceptor…
        let anonymous = try await curl(base + "/v1/users/00000000-0000-4000-8000-000000000000")
        #expect(anonymous.status == 401, "\(anonymous)")
        // … and let through with a token the platform signed (the sample service answers 404).
        let keys = try PlatformKeys.load(configuration.tokens, dataDirectory: directory)
        let token = try JWTIssuer(keys: keys, issuer: "room619", audience: ["room619"]).issue(subject: "ada")
        let signedIn = try await curl(
            base + "/v1/users/00000000-0000-4000-8000-000000000000", headers: ["authorization: Bearer \(token)"])
        #expect(signedIn.status == 404, "\(signedIn)")
        // A token from another platform's key is refused.
        let stranger = try JWTIssuer(
            keys: KeyRing(KeySet(active: try SigningKey.generate(.edDSA))), issuer: "room619", audience: ["room619"]
        ).issue(subject: "mallory")
        #expect(try await curl(base + "/v1/users/me", headers: ["authorization: Bearer \(stranger)"]).status == 401)

        process.host.beginGracefulShutdown()
        try await run.value
    }
}
