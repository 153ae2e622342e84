import Auth
import Foundation
import ProtoRuntime
import RPC
import Storage
import Testing
import UserContracts
import UserService

@Suite("Reading, deleting and re-roling accounts: ownership and administrators, on SQLite and PostgreSQL")
struct AccountTests {
    @Test(
        "GetMe is the caller's account; without a token, or once it is deleted, UNAUTHENTICATED",
        arguments: Driver.allCases)
    func getMe(driver: Driver) async throws {
        try await UserServiceHarness.with(driver) { harness in
            let (pat, token) = try await harness.signedIn("pat@example.com")
            #expect(
                try await harness.client.getMe(User_V1_GetMeRequest(), options: harness.options(token: token)) == pat)
            await expectStatus(.unauthenticated) { try await harness.client.getMe(User_V1_GetMeRequest()) }
            _ = try await harness.client.deleteUser(
                User_V1_DeleteUserRequest(id: pat.id), options: harness.options(token: token))
            await expectStatus(.unauthenticated, "no longer exists") {
                try await harness.client.getMe(User_V1_GetMeRequest(), options: harness.options(token: token))
            }
        }
    }

    @Test(
        "GetUser: one's own account or, for an administrator, any; others' ids are PERMISSION_DENIED",
        arguments: Driver.allCases)
    func getUser(driver: Driver) async throws {
        try await UserServiceHarness.with(driver) { harness in
            let (quinn, token) = try await harness.signedIn("quinn@example.com")
            let rae = try await harness.signUp("rae@example.com")
            let (_, root) = try await harness.administrator()
            let unknown = UUID().uuidString.lowercased()
            func get(_ id: String, _ token: String?) async throws -> User_V1_User {
                try await harness.client.getUser(User_V1_GetUserRequest(id: id), options: harness.options(token: token))
            }
            #expect(try await get(quinn.id, token) == quinn)
            await expectStatus(.permissionDenied) { try await get(rae.id, token) }
            // An id that does not exist looks like anyone else's: ids cannot be probed.
            await expectStatus(.permissionDenied) { try await get(unknown, token) }
            await expectStatus(.unauthenticated) { try await get(quinn.id, nil) }
            #expect(try await get(rae.id, root) == rae)
            await expectStatus(.notFound, "no user has the id \(unknown)") { try await get(unknown, root) }
        }
    }

    @Test(
        "DeleteUser removes the account and its refresh tokens; others' accounts need an administrator",
        arguments: Driver.allCases)
    func deleteUser(driver: Driver) async throws {
        try await UserServiceHarness.with(driver) { harness in
            let sam = try await harness.signUp("sam@example.com")
            let session = try await harness.login("sam@example.com")
            let (tess, tessToken) = try await harness.signedIn("tess@example.com")
            let (_, root) = try await harness.administrator()
            func delete(_ id: String, _ token: String) async throws {
                _ = try await harness.client.deleteUser(
                    User_V1_DeleteUserRequest(id: id), options: harness.options(token: token))
            }
            await expectStatus(.permissionDenied) { try await delete(sam.id, tessToken) }
            try await delete(sam.id, session.accessToken)
            let tokens = try await harness.database.query(
                "SELECT id FROM refresh_tokens WHERE user_id = ?", [SQLValue(sam.id)])
            #expect(tokens.isEmpty)
            await expectStatus(.unauthenticated) {
                try await harness.client.refresh(User_V1_RefreshRequest(refreshToken: session.refreshToken))
            }
            await expectStatus(.unauthenticated) { try await harness.login("sam@example.com") }
            try await delete(tess.id, root)
            await expectStatus(.notFound) { try await delete(tess.id, root) }
            // The email is free again.
            _ = try await harness.signUp("SAM@example.com")
        }
    }

    @Test(
        "ChangePassword: the owner needs the current password, an administrator does not",
        arguments: Driver.allCases)
    func changePassword(driver: Driver) async throws {
        try await UserServiceHarness.with(driver) { harness in
            let (uma, token) = try await harness.signedIn("uma@example.com")
            let (vic, vicToken) = try await harness.signedIn("vic@example.com")
            let (_, root) = try await harness.administrator()
            func change(_ id: String, _ current: String, _ new: String, _ token: String) async throws {
                _ = try await harness.client.changePassword(
                    User_V1_ChangePasswordRequest(id: id, currentPassword: current, newPassword: new),
                    options: harness.options(token: token))
            }
            await expectStatus(.permissionDenied, "the current password is wrong") {
                try await change(uma.id, "not my password", "brand new password", token)
            }
            await expectStatus(.permissionDenied) {
                try await change(uma.id, "correct horse battery", "hijacked!", vicToken)
            }
            try await change(uma.id, "correct horse battery", "brand new password", token)
            await expectStatus(.unauthenticated) { try await harness.login("uma@example.com") }
            _ = try await harness.login("uma@example.com", password: "brand new password")
            // An administrator resets another account's password; the current one is ignored.
            try await change(vic.id, "anything", "reset by an admin", root)
            _ = try await harness.login("vic@example.com", password: "reset by an admin")
            await expectStatus(.notFound) {
                try await change(UUID().uuidString.lowercased(), "x", "whatever it is", root)
            }
            // Wrong current passwords count as failed sign-ins.
            for attempt in 0..<5 {
                await expectStatus(.permissionDenied) {
                    try await change(uma.id, "guess \(attempt)", "brand new password 2", token)
                }
            }
            await expectStatus(.resourceExhausted) {
                try await change(uma.id, "brand new password", "brand new password 2", token)
            }
        }
    }

    @Test("SetRoles: administrators replace roles; the next sign-in carries them", arguments: Driver.allCases)
    func setRoles(driver: Driver) async throws {
        try await UserServiceHarness.with(driver) { harness in
            let (wes, token) = try await harness.signedIn("wes@example.com")
            let (_, root) = try await harness.administrator()
            func set(_ id: String, _ roles: [User_V1_Role], _ token: String) async throws -> User_V1_User {
                try await harness.client.setRoles(
                    User_V1_SetRolesRequest(id: id, roles: roles), options: harness.options(token: token))
            }
            await expectStatus(.permissionDenied) { try await set(wes.id, [.admin], token) }
            harness.clock.advance(by: .seconds(5))
            let promoted = try await set(wes.id, [.admin, .customer], root)
            #expect(promoted.roles == [.customer, .admin])
            #expect(promoted.updatedAt?.seconds == 1_800_000_005)
            let session = try await harness.login("wes@example.com")
            #expect(try await harness.verifier.verify(session.accessToken).claims.roles == ["admin", "customer"])
            _ = try await harness.client.listUsers(
                User_V1_ListUsersRequest(), options: harness.options(token: session.accessToken))
            #expect(try await set(wes.id, [], root).roles.isEmpty)
            await expectStatus(.notFound) { try await set(UUID().uuidString.lowercased(), [.customer], root) }
        }
    }

    @Test("without the contract's declarations the service still keeps ListUsers and SetRoles to administrators")
    func serviceChecksRoles() async throws {
        try await UserServiceHarness.with(.sqlite, declaresAccess: false) { harness in
            // Every method needs a signed-in user then, sign-in included: a token is minted.
            let customer = try harness.issuer.issue(subject: UUID().uuidString.lowercased(), roles: ["customer"])
            await expectStatus(.permissionDenied, "only administrators may list users") {
                try await harness.client.listUsers(
                    User_V1_ListUsersRequest(), options: harness.options(token: customer))
            }
            await expectStatus(.permissionDenied, "only administrators may set roles") {
                try await harness.client.setRoles(
                    User_V1_SetRolesRequest(id: UUID().uuidString.lowercased(), roles: [.admin]),
                    options: harness.options(token: customer))
            }
        }
    }
}
