import GoogleContracts
import ProtoRuntime
import RPC
import Testing
import UserContracts
import UserService

@Suite("UpdateUser: PATCH with a field mask, on SQLite and PostgreSQL")
struct UpdateUserTests {
    func update(
        _ harness: UserServiceHarness, _ user: User_V1_User, mask: [String]?, token: String
    ) async throws -> User_V1_User {
        try await harness.client.updateUser(
            User_V1_UpdateUserRequest(user: user, updateMask: mask.map { Google_Protobuf_FieldMask(paths: $0) }),
            options: harness.options(token: token))
    }

    @Test("the mask names what changes; an empty mask means the populated fields", arguments: Driver.allCases)
    func masks(driver: Driver) async throws {
        try await UserServiceHarness.with(driver) { harness in
            let (amy, token) = try await harness.signedIn("amy@example.com")
            harness.clock.advance(by: .seconds(2))
            // Only display_name is in the mask: the email sent along is ignored.
            var changed = try await update(
                harness, User_V1_User(id: amy.id, email: "ignored@example.com", displayName: "Amy P."),
                mask: ["display_name"], token: token)
            #expect(changed.displayName == "Amy P.")
            #expect(changed.email == "amy@example.com")
            #expect(changed.updatedAt?.seconds == 1_800_000_002)
            #expect(changed.createdAt == amy.createdAt)
            // No mask: the populated fields, labels here.
            changed = try await update(
                harness, User_V1_User(id: amy.id, labels: ["team": "blue"]), mask: nil, token: token)
            #expect(changed.labels == ["team": "blue"])
            #expect(changed.displayName == "Amy P.")
            // Clearing needs the mask.
            changed = try await update(harness, User_V1_User(id: amy.id), mask: ["labels"], token: token)
            #expect(changed.labels.isEmpty)
            // Nothing to change: the account as it is, updated_at untouched.
            harness.clock.advance(by: .seconds(2))
            let same = try await update(harness, User_V1_User(id: amy.id), mask: [], token: token)
            #expect(same == changed)
            #expect(
                try await harness.client.getMe(User_V1_GetMeRequest(), options: harness.options(token: token)) == same)
        }
    }

    @Test(
        "an email change is a new sign-in address; another account's, in any case, is ALREADY_EXISTS",
        arguments: Driver.allCases)
    func email(driver: Driver) async throws {
        try await UserServiceHarness.with(driver) { harness in
            let (bo, token) = try await harness.signedIn("bo@example.com")
            try await harness.signUp("cy@example.com")
            let status = await expectStatus(.alreadyExists, "CY@Example.com") {
                try await update(
                    harness, User_V1_User(id: bo.id, email: "CY@Example.com"), mask: ["email"], token: token)
            }
            #expect(status?.code == .alreadyExists)
            let moved = try await update(
                harness, User_V1_User(id: bo.id, email: "Bo.New@Example.com"), mask: nil, token: token)
            #expect(moved.email == "Bo.New@Example.com")
            await expectStatus(.unauthenticated) { try await harness.login("bo@example.com") }
            #expect(try await harness.login("bo.new@example.com").user?.id == bo.id)
            // Changing only the case of one's own email is no conflict.
            _ = try await update(
                harness, User_V1_User(id: bo.id, email: "bo.new@example.com"), mask: ["email"], token: token)
        }
    }

    @Test(
        "fields outside display_name, email and labels, unknown paths and empty required values are INVALID_ARGUMENT",
        arguments: Driver.allCases)
    func refusedMasks(driver: Driver) async throws {
        try await UserServiceHarness.with(driver) { harness in
            let (dee, token) = try await harness.signedIn("dee@example.com")
            let cases: [(mask: [String], user: User_V1_User, field: String, message: String)] = [
                (["roles"], User_V1_User(id: dee.id, roles: [.admin]), "update_mask", "SetRoles"),
                (["status"], User_V1_User(id: dee.id, status: .active), "update_mask", "\"status\""),
                (["nickname"], User_V1_User(id: dee.id), "update_mask", "not an updatable field"),
                (["display_name", "id"], User_V1_User(id: dee.id, displayName: "x"), "update_mask", "\"id\""),
                (["display_name"], User_V1_User(id: dee.id), "user.display_name", "cannot be empty"),
                (["email"], User_V1_User(id: dee.id), "user.email", "cannot be empty"),
                (["labels"], User_V1_User(id: dee.id, labels: ["": "v"]), "user.labels", "keys"),
            ]
            for refused in cases {
                let status = await expectStatus(.invalidArgument, refused.message) {
                    try await update(harness, refused.user, mask: refused.mask, token: token)
                }
                #expect(status?.fieldViolations.map(\.field) == [refused.field], "\(refused.mask)")
            }
            let tooMany = Dictionary(uniqueKeysWithValues: (0..<33).map { ("k\($0)", "v") })
            await expectStatus(.invalidArgument, "at most 32") {
                try await update(harness, User_V1_User(id: dee.id, labels: tooMany), mask: nil, token: token)
            }
            // Nothing was written.
            #expect(
                try await harness.client.getMe(User_V1_GetMeRequest(), options: harness.options(token: token)) == dee)
        }
    }

    @Test("another user's account needs an administrator", arguments: Driver.allCases)
    func ownership(driver: Driver) async throws {
        try await UserServiceHarness.with(driver) { harness in
            let (eli, _) = try await harness.signedIn("eli@example.com")
            let (_, fayToken) = try await harness.signedIn("fay@example.com")
            let (_, root) = try await harness.administrator()
            await expectStatus(.permissionDenied) {
                try await update(harness, User_V1_User(id: eli.id, displayName: "pwned"), mask: nil, token: fayToken)
            }
            let renamed = try await update(
                harness, User_V1_User(id: eli.id, displayName: "Eli (by admin)"), mask: nil, token: root)
            #expect(renamed.displayName == "Eli (by admin)")
            await expectStatus(.notFound) {
                try await update(
                    harness, User_V1_User(id: "00000000-0000-4000-8000-000000000000", displayName: "x"), mask: nil,
                    token: root)
            }
        }
    }
}
