import CommonContracts
import ProtoRuntime
import RPC
import SampleServices
import Testing
import UserContracts

@Suite("Sample user service: accounts")
struct UserServiceTests {
    @Test("sign-up answers a PENDING customer with a UUID and timestamps, and no password anywhere")
    func createUser() async throws {
        let harness = SampleHarness()
        let user = try await harness.users.createUser(
            User_V1_CreateUserRequest(email: "ada@example.com", displayName: "Ada", password: "password1"))
        #expect(user.id.count == 36 && user.id.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
        #expect(user.status == .pending)
        #expect(user.roles == [.customer])
        #expect(user.createdAt == Google_Protobuf_Timestamp(seconds: 1_750_000_000))
        #expect(user.updatedAt == user.createdAt)
        let encoded = try user.serializedBuffer()
        #expect(!String(decoding: encoded.readableBytesView, as: UTF8.self).contains("password1"))
        #expect(try await harness.users.getUser(User_V1_GetUserRequest(id: user.id)) == user)
    }

    @Test("emails are unique regardless of case: ALREADY_EXISTS")
    func uniqueEmail() async throws {
        let harness = SampleHarness()
        _ = try await harness.signUp("ada@example.com")
        let code = await statusCode {
            try await harness.users.createUser(
                User_V1_CreateUserRequest(email: "ADA@example.com", displayName: "Other", password: "password2"))
        }
        #expect(code == .alreadyExists)
    }

    @Test("an unknown id is NOT_FOUND for get, update, delete, change password and set roles")
    func notFound() async throws {
        let harness = SampleHarness()
        let admin = try await harness.signUp(SampleHarness.adminEmail)
        let id = "00000000-0000-4000-8000-000000000000"
        #expect(await statusCode { try await harness.users.getUser(User_V1_GetUserRequest(id: id)) } == .notFound)
        let update = User_V1_UpdateUserRequest(user: User_V1_User(id: id, displayName: "X"))
        #expect(await statusCode { try await harness.users.updateUser(update) } == .notFound)
        #expect(await statusCode { try await harness.users.deleteUser(User_V1_DeleteUserRequest(id: id)) } == .notFound)
        let change = User_V1_ChangePasswordRequest(id: id, currentPassword: "password1", newPassword: "password2")
        #expect(await statusCode { try await harness.users.changePassword(change) } == .notFound)
        let roles = User_V1_SetRolesRequest(id: id, roles: [.admin])
        let options = SampleHarness.bearer(admin.accessToken)
        #expect(await statusCode { try await harness.users.setRoles(roles, options: options) } == .notFound)
    }

    @Test("list pages newest first, filters by status, and rejects a forged token")
    func list() async throws {
        let harness = SampleHarness()
        var ids: [String] = []
        for index in 0..<5 { ids.append(try await harness.signUp("user\(index)@example.com").user?.id ?? "") }
        var request = User_V1_ListUsersRequest(page: Common_V1_PageRequest(pageSize: 2))
        var listed: [String] = []
        while true {
            let response = try await harness.users.listUsers(request)
            #expect(response.users.count <= 2)
            #expect(response.page?.totalSize == 5)
            listed += response.users.map(\.id)
            guard let next = response.page?.nextPageToken, !next.isEmpty else { break }
            request.page?.pageToken = next
        }
        #expect(listed == ids.reversed())
        let active = try await harness.users.listUsers(User_V1_ListUsersRequest(status: .active))
        #expect(active.users.isEmpty)
        let pending = try await harness.users.listUsers(User_V1_ListUsersRequest(status: .pending))
        #expect(pending.users.count == 5)
        let forged = User_V1_ListUsersRequest(page: Common_V1_PageRequest(pageToken: "bm90IGEgdG9rZW4"))
        #expect(await statusCode { try await harness.users.listUsers(forged) } == .invalidArgument)
    }

    @Test("update changes the masked fields only; an empty mask changes the populated ones")
    func update() async throws {
        let harness = SampleHarness()
        let user = try #require(try await harness.signUp("ada@example.com").user)
        harness.clock.advance(seconds: 60)
        var changes = User_V1_User(id: user.id, email: "grace@example.com", displayName: "Grace", labels: ["t": "1"])
        let masked = try await harness.users.updateUser(
            User_V1_UpdateUserRequest(user: changes, updateMask: Google_Protobuf_FieldMask(paths: ["display_name"])))
        #expect(masked.displayName == "Grace")
        #expect(masked.email == "ada@example.com")
        #expect(masked.labels.isEmpty)
        #expect(masked.updatedAt == Google_Protobuf_Timestamp(seconds: 1_750_000_060))
        #expect(masked.createdAt == user.createdAt)
        changes.displayName = ""
        let unmasked = try await harness.users.updateUser(User_V1_UpdateUserRequest(user: changes))
        #expect(unmasked.displayName == "Grace")
        #expect(unmasked.email == "grace@example.com")
        #expect(unmasked.labels == ["t": "1"])
        // The new email signs in; the old one is free again.
        _ = try await harness.users.login(User_V1_LoginRequest(email: "grace@example.com", password: "password1"))
        _ = try await harness.signUp("ada@example.com")
    }

    @Test("update rejects unknown and server-owned paths, a cleared email, and a taken email")
    func updateErrors() async throws {
        let harness = SampleHarness()
        let ada = try #require(try await harness.signUp("ada@example.com").user)
        _ = try await harness.signUp("grace@example.com")
        for path in ["nickname", "status", "roles", "id", "created_at", "user.email"] {
            let request = User_V1_UpdateUserRequest(
                user: User_V1_User(id: ada.id), updateMask: Google_Protobuf_FieldMask(paths: [path]))
            #expect(await statusCode { try await harness.users.updateUser(request) } == .invalidArgument, "\(path)")
        }
        let cleared = User_V1_UpdateUserRequest(
            user: User_V1_User(id: ada.id), updateMask: Google_Protobuf_FieldMask(paths: ["email"]))
        #expect(await statusCode { try await harness.users.updateUser(cleared) } == .invalidArgument)
        let taken = User_V1_UpdateUserRequest(user: User_V1_User(id: ada.id, email: "Grace@example.com"))
        #expect(await statusCode { try await harness.users.updateUser(taken) } == .alreadyExists)
        #expect(try await harness.users.getUser(User_V1_GetUserRequest(id: ada.id)).email == "ada@example.com")
    }

    @Test("delete removes the account, frees its email and ends its sessions")
    func delete() async throws {
        let harness = SampleHarness()
        let login = try await harness.signUp("ada@example.com")
        let id = try #require(login.user?.id)
        _ = try await harness.users.deleteUser(User_V1_DeleteUserRequest(id: id))
        #expect(await statusCode { try await harness.users.getUser(User_V1_GetUserRequest(id: id)) } == .notFound)
        let options = SampleHarness.bearer(login.accessToken)
        #expect(
            await statusCode { try await harness.users.getMe(User_V1_GetMeRequest(), options: options) }
                == .unauthenticated)
        let refresh = User_V1_RefreshRequest(refreshToken: login.refreshToken)
        #expect(await statusCode { try await harness.users.refresh(refresh) } == .unauthenticated)
        #expect(await statusCode { try await harness.users.deleteUser(User_V1_DeleteUserRequest(id: id)) } == .notFound)
        _ = try await harness.signUp("ada@example.com")
    }

    @Test("change password: a wrong current one is PERMISSION_DENIED; the new one signs in, the old one not")
    func changePassword() async throws {
        let harness = SampleHarness()
        let id = try #require(try await harness.signUp("ada@example.com").user?.id)
        let wrong = User_V1_ChangePasswordRequest(id: id, currentPassword: "nope", newPassword: "password2")
        #expect(await statusCode { try await harness.users.changePassword(wrong) } == .permissionDenied)
        _ = try await harness.users.changePassword(
            User_V1_ChangePasswordRequest(id: id, currentPassword: "password1", newPassword: "password2"))
        let old = User_V1_LoginRequest(email: "ada@example.com", password: "password1")
        #expect(await statusCode { try await harness.users.login(old) } == .unauthenticated)
        _ = try await harness.users.login(User_V1_LoginRequest(email: "ada@example.com", password: "password2"))
    }

    @Test("set roles needs an administrator's token: none is UNAUTHENTICATED, a customer's PERMISSION_DENIED")
    func setRoles() async throws {
        let harness = SampleHarness()
        let admin = try await harness.signUp(SampleHarness.adminEmail)
        #expect(admin.user?.roles == [.customer, .admin])
        let customer = try await harness.signUp("ada@example.com")
        let id = try #require(customer.user?.id)
        let request = User_V1_SetRolesRequest(id: id, roles: [.admin])
        #expect(await statusCode { try await harness.users.setRoles(request) } == .unauthenticated)
        let asCustomer = SampleHarness.bearer(customer.accessToken)
        #expect(
            await statusCode { try await harness.users.setRoles(request, options: asCustomer) } == .permissionDenied)
        let updated = try await harness.users.setRoles(request, options: SampleHarness.bearer(admin.accessToken))
        #expect(updated.roles == [.admin])
        // Now an administrator, the former customer may set roles too.
        let back = User_V1_SetRolesRequest(id: id, roles: [.customer])
        #expect(try await harness.users.setRoles(back, options: asCustomer).roles == [.customer])
    }
}
