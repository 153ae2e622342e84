import Auth
import ProtoRuntime
import RPC
import Storage
import Testing
import UserContracts
import UserService

@Suite("Sign-in, refresh-token rotation and logout, on SQLite and PostgreSQL")
struct SessionTests {
    @Test("an unknown email, a wrong password and a suspended account get one answer", arguments: Driver.allCases)
    func oneAnswerForEveryFailure(driver: Driver) async throws {
        try await UserServiceHarness.with(driver) { harness in
            let dora = try await harness.signUp("dora@example.com")
            try await harness.signUp("eve@example.com")
            try await harness.service.setStatus(of: dora.id, to: .suspended)
            let failures = [
                await expectStatus(.unauthenticated) { try await harness.login("nobody@example.com") },
                await expectStatus(.unauthenticated) {
                    try await harness.login("eve@example.com", password: "wrong one")
                },
                await expectStatus(.unauthenticated) { try await harness.login("dora@example.com") },
            ]
            #expect(failures.map { $0?.message } == Array(repeating: "the email or the password is wrong", count: 3))
            // Reinstated, the same password works again.
            try await harness.service.setStatus(of: dora.id, to: .active)
            #expect(try await harness.login("dora@example.com").user?.id == dora.id)
        }
    }

    @Test("refresh rotates: each token works once, and the next belongs to the same family", arguments: Driver.allCases)
    func rotation(driver: Driver) async throws {
        try await UserServiceHarness.with(driver) { harness in
            let user = try await harness.signUp("finn@example.com")
            let first = try await harness.login("finn@example.com")
            #expect(first.refreshToken.utf8.count == 43)
            harness.clock.advance(by: .seconds(60))
            let second = try await harness.client.refresh(User_V1_RefreshRequest(refreshToken: first.refreshToken))
            #expect(second.refreshToken != first.refreshToken)
            #expect(second.user?.id == user.id)
            #expect(second.expiresAt?.seconds == 1_800_000_960)
            let third = try await harness.client.refresh(User_V1_RefreshRequest(refreshToken: second.refreshToken))
            let me = try await harness.client.getMe(
                User_V1_GetMeRequest(), options: harness.options(token: third.accessToken))
            #expect(me.id == user.id)
            let rows = try await harness.database.query(
                "SELECT family_id, expires_at, used_at FROM refresh_tokens ORDER BY created_at, used_at")
            #expect(rows.count == 3)
            #expect(Set(try rows.map { (row) throws -> String in try row["family_id"] }).count == 1)
            // Rotated tokens keep the family's expiry: a session lasts 30 days from its sign-in.
            #expect(
                Set(try rows.map { (row) throws -> Int64 in try row["expires_at"] }) == [
                    1_800_000_000_000 + 30 * 86_400_000
                ])
            #expect(
                try rows.filter { (row) throws -> Bool in try row.decode("used_at", as: Int64?.self) != nil }.count == 2
            )
        }
    }

    @Test("presenting a used refresh token revokes its whole family, and only it", arguments: Driver.allCases)
    func reuseDetection(driver: Driver) async throws {
        try await UserServiceHarness.with(driver) { harness in
            try await harness.signUp("gus@example.com")
            let stolen = try await harness.login("gus@example.com")
            let otherDevice = try await harness.login("gus@example.com")
            let rotated = try await harness.client.refresh(User_V1_RefreshRequest(refreshToken: stolen.refreshToken))
            await expectStatus(.unauthenticated, "the refresh token is unknown, expired or revoked") {
                try await harness.client.refresh(User_V1_RefreshRequest(refreshToken: stolen.refreshToken))
            }
            // The legitimate successor dies with the family...
            await expectStatus(.unauthenticated) {
                try await harness.client.refresh(User_V1_RefreshRequest(refreshToken: rotated.refreshToken))
            }
            // ...and the other sign-in's family lives on.
            _ = try await harness.client.refresh(User_V1_RefreshRequest(refreshToken: otherDevice.refreshToken))
        }
    }

    @Test(
        "two refreshes racing with one token: at most one wins, and the family is revoked", arguments: Driver.allCases)
    func racingRefreshes(driver: Driver) async throws {
        try await UserServiceHarness.with(driver) { harness in
            try await harness.signUp("hal@example.com")
            let session = try await harness.login("hal@example.com")
            let request = User_V1_RefreshRequest(refreshToken: session.refreshToken)
            let results = await withTaskGroup(of: User_V1_LoginResponse?.self) { group in
                for _ in 0..<4 { group.addTask { try? await harness.client.refresh(request) } }
                return await group.reduce(into: [User_V1_LoginResponse?]()) { $0.append($1) }
            }
            let winners = results.compactMap { $0 }
            #expect(winners.count == 1)
            for winner in winners {
                await expectStatus(.unauthenticated) {
                    try await harness.client.refresh(User_V1_RefreshRequest(refreshToken: winner.refreshToken))
                }
            }
        }
    }

    @Test("expired, revoked, unknown and malformed refresh tokens are refused alike", arguments: Driver.allCases)
    func refusedTokens(driver: Driver) async throws {
        try await UserServiceHarness.with(driver, configure: { $0.refreshTokenLifetime = .seconds(3600) }) { harness in
            try await harness.signUp("ivy@example.com")
            let expiring = try await harness.login("ivy@example.com")
            let loggedOut = try await harness.login("ivy@example.com")
            let unknown = try RefreshToken.generate().token
            _ = try await harness.client.logout(User_V1_LogoutRequest(refreshToken: loggedOut.refreshToken))
            harness.clock.advance(by: .seconds(3600))
            for token in [
                expiring.refreshToken, loggedOut.refreshToken, unknown, "not-a-token",
                String(repeating: "A", count: 43),
            ] {
                await expectStatus(.unauthenticated, "the refresh token is unknown, expired or revoked") {
                    try await harness.client.refresh(User_V1_RefreshRequest(refreshToken: token))
                }
            }
            // Logging out with an unknown or malformed token is no error (RFC 7009).
            _ = try await harness.client.logout(User_V1_LogoutRequest(refreshToken: unknown))
            _ = try await harness.client.logout(User_V1_LogoutRequest(refreshToken: "not-a-token"))
            // Expired tokens are swept; the rest stay until they expire.
            #expect(try await harness.service.removeExpiredRefreshTokens() == 2)
            #expect(try await harness.database.query("SELECT id FROM refresh_tokens").isEmpty)
        }
    }

    @Test("suspension, a password change and a role change end the account's sessions", arguments: Driver.allCases)
    func sessionsEnd(driver: Driver) async throws {
        try await UserServiceHarness.with(driver) { harness in
            let (_, root) = try await harness.administrator()
            let jo = try await harness.signUp("jo@example.com")
            for change in ["suspend", "password", "roles"] {
                let session = try await harness.login(
                    "jo@example.com", password: change == "roles" ? "a new password" : "correct horse battery")
                switch change {
                case "suspend":
                    try await harness.service.setStatus(of: jo.id, to: .suspended)
                    try await harness.service.setStatus(of: jo.id, to: .active)
                case "password":
                    _ = try await harness.client.changePassword(
                        User_V1_ChangePasswordRequest(
                            id: jo.id, currentPassword: "correct horse battery", newPassword: "a new password"),
                        options: harness.options(token: session.accessToken))
                default:
                    _ = try await harness.client.setRoles(
                        User_V1_SetRolesRequest(id: jo.id, roles: [.customer, .admin]),
                        options: harness.options(token: root))
                }
                await expectStatus(.unauthenticated) {
                    try await harness.client.refresh(User_V1_RefreshRequest(refreshToken: session.refreshToken))
                }
            }
            // The next sign-in carries the new roles.
            let promoted = try await harness.login("jo@example.com", password: "a new password")
            #expect(try await harness.verifier.verify(promoted.accessToken).claims.roles == ["admin", "customer"])
        }
    }

    @Test("a sign-in re-hashes a password stored with other Argon2id parameters", arguments: Driver.allCases)
    func rehash(driver: Driver) async throws {
        try await UserServiceHarness.with(driver) { harness in
            let user = try await harness.signUp("kim@example.com")
            var configuration = PasswordHasher.Configuration()
            configuration.parameters = PasswordHashParameters(memoryKiB: 16, iterations: 1, parallelism: 1)
            let upgraded = try UserService(
                database: harness.database, issuer: harness.issuer,
                hasher: try PasswordHasher(configuration: configuration),
                clock: harness.clock)
            let client = harness.client(of: upgraded)
            _ = try await client.login(
                User_V1_LoginRequest(email: "kim@example.com", password: "correct horse battery"))
            let rows = try await harness.database.query(
                "SELECT password_hash FROM users WHERE id = ?", [SQLValue(user.id)])
            let hash: String = try rows[0]["password_hash"]
            #expect(hash.hasPrefix("$argon2id$v=19$m=16,t=1,p=1$"))
            // The upgraded hash still checks the same password, through either instance.
            _ = try await harness.login("kim@example.com")
        }
    }
}
