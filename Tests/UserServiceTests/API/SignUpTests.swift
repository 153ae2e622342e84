import Auth
import Foundation
import GoogleContracts
import ProtoRuntime
import RPC
import Storage
import Testing
import UserContracts
import UserService

@Suite("Sign-up and the administrator bootstrap, on SQLite and PostgreSQL")
struct SignUpTests {
    @Test("sign-up makes an active customer who can sign in at once", arguments: Driver.allCases)
    func signUp(driver: Driver) async throws {
        try await UserServiceHarness.with(driver) { harness in
            let user = try await harness.signUp("Ada@Example.com", name: "Ada Lovelace")
            #expect(UUID(uuidString: user.id) != nil)
            #expect(user.email == "Ada@Example.com")
            #expect(user.displayName == "Ada Lovelace")
            #expect(user.status == .active)
            #expect(user.roles == [.customer])
            #expect(user.createdAt == Google_Protobuf_Timestamp(seconds: 1_800_000_000, nanos: 0))
            #expect(user.updatedAt == user.createdAt)
            #expect(user.labels.isEmpty)

            let session = try await harness.login("Ada@Example.com")
            #expect(session.user == user)
            let verified = try await harness.verifier.verify(session.accessToken)
            #expect(verified.claims.subject == user.id)
            #expect(verified.claims.roles == ["customer"])
            #expect(session.expiresAt == Google_Protobuf_Timestamp(seconds: 1_800_000_000 + 900, nanos: 0))
            #expect(verified.claims.expiresAt == 1_800_000_900)
            // The password is stored as an Argon2id PHC string, never as sent.
            let stored = try await harness.database.query(
                "SELECT password_hash FROM users WHERE id = ?", [SQLValue(user.id)])
            let hash: String = try #require(stored.first)["password_hash"]
            #expect(hash.hasPrefix("$argon2id$v=19$m=8,t=1,p=1$"))
            #expect(!hash.contains("correct horse battery"))
        }
    }

    @Test("an email that differs only in case is ALREADY_EXISTS, and signs in", arguments: Driver.allCases)
    func duplicateEmailInOtherCase(driver: Driver) async throws {
        try await UserServiceHarness.with(driver) { harness in
            let ada = try await harness.signUp("Ada@Example.com")
            let status = await expectStatus(.alreadyExists, "ada@EXAMPLE.com") {
                try await harness.signUp("ada@EXAMPLE.com", password: "another password")
            }
            #expect(status?.fieldViolations.isEmpty == true)
            // Sign-in finds the account in any case; the first password is the one that works.
            #expect(try await harness.login("ADA@example.COM").user?.id == ada.id)
            await expectStatus(.unauthenticated) {
                try await harness.login("ada@example.com", password: "another password")
            }
        }
    }

    @Test("of concurrent sign-ups with one email exactly one succeeds", arguments: Driver.allCases)
    func concurrentSignUps(driver: Driver) async throws {
        try await UserServiceHarness.with(driver) { harness in
            let spellings = (0..<12).map { index in index % 2 == 0 ? "race@example.com" : "RACE@example.com" }
            let results = await withTaskGroup(of: RPCStatus.Code?.self) { group in
                for email in spellings {
                    group.addTask {
                        do {
                            _ = try await harness.signUp(email)
                            return nil
                        } catch let status as RPCStatus {
                            return status.code
                        } catch {
                            return .unknown
                        }
                    }
                }
                return await group.reduce(into: [RPCStatus.Code?]()) { $0.append($1) }
            }
            #expect(results.filter { $0 == nil }.count == 1)
            #expect(results.filter { $0 == .alreadyExists }.count == spellings.count - 1)
            let rows = try await harness.database.query("SELECT count(*) FROM users")
            #expect(try rows[0].decode(at: 0, as: Int.self) == 1)
        }
    }

    @Test("SQL-looking strings are stored and returned verbatim", arguments: Driver.allCases)
    func sqlLookingStrings(driver: Driver) async throws {
        try await UserServiceHarness.with(driver) { harness in
            let name = "Robert'); DROP TABLE users;--"
            let email = "o'brien+test@example.com"
            let user = try await harness.signUp(email, name: name)
            let token = try await harness.login(email).accessToken
            let labels = ["x' OR '1'='1": "\"; DELETE FROM users; --", "note": "%_\\ \u{1F600}"]
            var update = User_V1_UpdateUserRequest(user: User_V1_User(id: user.id, labels: labels))
            update.updateMask = Google_Protobuf_FieldMask(paths: ["labels"])
            _ = try await harness.client.updateUser(update, options: harness.options(token: token))
            let me = try await harness.client.getMe(User_V1_GetMeRequest(), options: harness.options(token: token))
            #expect(me.displayName == name)
            #expect(me.email == email)
            #expect(me.labels == labels)
            let rows = try await harness.database.query("SELECT count(*) FROM users")
            #expect(try rows[0].decode(at: 0, as: Int.self) == 1)
        }
    }

    @Test("a request that is not UTF-8 is refused before the handler; nothing is stored", arguments: Driver.allCases)
    func notUTF8(driver: Driver) async throws {
        try await UserServiceHarness.with(driver) { harness in
            // Field 1 (email) as bytes that are not UTF-8: what a broken or hostile peer can send.
            let hostile = Google_Protobuf_BytesValue(value: [0x61, 0xC3, 0x28, 0x40, 0x78, 0x2E, 0x63, 0x6F])
            await expectStatus(.internal, "UTF-8") {
                let _: User_V1_User = try await harness.rpc.unary(User_V1_UserService.Method.createUser, hostile)
            }
            await expectStatus(.internal, "UTF-8") {
                let _: User_V1_LoginResponse = try await harness.rpc.unary(User_V1_UserService.Method.login, hostile)
            }
            let rows = try await harness.database.query("SELECT count(*) FROM users")
            #expect(try rows[0].decode(at: 0, as: Int.self) == 0)
        }
    }

    @Test("a display name with a NUL character is INVALID_ARGUMENT naming the field", arguments: Driver.allCases)
    func nulCharacter(driver: Driver) async throws {
        try await UserServiceHarness.with(driver) { harness in
            let status = await expectStatus(.invalidArgument, "display_name") {
                try await harness.signUp("nul@example.com", name: "a\u{0}b")
            }
            #expect(status?.fieldViolations.map(\.field) == ["display_name"])
            let rows = try await harness.database.query("SELECT count(*) FROM users")
            #expect(try rows[0].decode(at: 0, as: Int.self) == 0)
        }
    }

    @Test(
        "ensureAdmin creates an administrator, promotes an existing account, then changes nothing",
        arguments: Driver.allCases)
    func ensureAdmin(driver: Driver) async throws {
        try await UserServiceHarness.with(driver) { harness in
            guard
                case .created(let id) = try await harness.service.ensureAdmin(
                    email: "Root@Example.com", password: "root password")
            else {
                Issue.record("expected the administrator to be created")
                return
            }
            let session = try await harness.login("root@example.com", password: "root password")
            #expect(session.user?.id == id)
            #expect(session.user?.roles == [.customer, .admin])
            #expect(try await harness.verifier.verify(session.accessToken).claims.roles == ["admin", "customer"])
            #expect(
                try await harness.service.ensureAdmin(email: "ROOT@example.com", password: "other password")
                    == .unchanged(id: id))

            let carol = try await harness.signUp("carol@example.com")
            #expect(
                try await harness.service.ensureAdmin(email: "carol@example.com", password: "not hers at all")
                    == .promoted(id: carol.id))
            // Promotion keeps the account's own password.
            #expect(try await harness.login("carol@example.com").user?.roles == [.customer, .admin])
            await expectStatus(.unauthenticated) {
                try await harness.login("carol@example.com", password: "not hers at all")
            }

            await #expect(
                throws: UserServiceError(.invalidArgument, "email: value must be a valid email address", field: "email")
            ) {
                try await harness.service.ensureAdmin(email: "not an email", password: "long enough")
            }
            await #expect(throws: UserServiceError.self) {
                try await harness.service.ensureAdmin(email: "short@example.com", password: "short")
            }
        }
    }

    @Test(
        "replicas bootstrapping the same administrator at once: one creates it, none fails", arguments: Driver.allCases)
    func concurrentBootstrap(driver: Driver) async throws {
        try await UserServiceHarness.with(driver) { harness in
            let outcomes = try await withThrowingTaskGroup(of: AdminBootstrap.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        try await harness.service.ensureAdmin(email: "boot@example.com", password: "bootstrap!")
                    }
                }
                return try await group.reduce(into: [AdminBootstrap]()) { $0.append($1) }
            }
            let created = outcomes.filter { if case .created = $0 { true } else { false } }
            #expect(created.count == 1)
            #expect(outcomes.filter { if case .unchanged = $0 { true } else { false } }.count == 5)
            let rows = try await harness.database.query("SELECT count(*) FROM users")
            #expect(try rows[0].decode(at: 0, as: Int.self) == 1)
        }
    }
}
