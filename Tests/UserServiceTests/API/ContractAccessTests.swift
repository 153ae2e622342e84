import RPC
import Testing
import UserContracts
import UserService

@Suite("The access the service relies on is the contract's")
struct ContractAccessTests {
    @Test("each generated method descriptor declares nothing yet or exactly the access the tests assume")
    func declaredAccess() {
        let methods = User_V1_UserService.descriptor.methods
        #expect(
            methods.map(\.method).sorted() == [
                "ChangePassword", "CreateUser", "DeleteUser", "GetMe", "GetUser", "ListUsers", "Login", "Logout",
                "Refresh",
                "SetRoles", "UpdateUser",
            ])
        for method in methods {
            let assumed = DeclaredAccess.access(of: method.method)
            #expect(method.access == .signedIn || method.access == assumed, "\(method): \(method.access) vs \(assumed)")
        }
    }

    @Test("sign-up and the session methods need no token; the rest do", arguments: Driver.allCases)
    func publicMethods(driver: Driver) async throws {
        try await UserServiceHarness.with(driver) { harness in
            try await harness.signUp("gil@example.com")
            let session = try await harness.login("gil@example.com")
            _ = try await harness.client.refresh(User_V1_RefreshRequest(refreshToken: session.refreshToken))
            _ = try await harness.client.logout(User_V1_LogoutRequest(refreshToken: session.refreshToken))
            let id = try #require(session.user).id
            await expectStatus(.unauthenticated) { try await harness.client.getUser(User_V1_GetUserRequest(id: id)) }
            await expectStatus(.unauthenticated) {
                try await harness.client.updateUser(
                    User_V1_UpdateUserRequest(user: User_V1_User(id: id, displayName: "x")))
            }
            await expectStatus(.unauthenticated) {
                try await harness.client.deleteUser(User_V1_DeleteUserRequest(id: id))
            }
            await expectStatus(.unauthenticated) {
                try await harness.client.changePassword(
                    User_V1_ChangePasswordRequest(id: id, currentPassword: "a", newPassword: "bbbbbbbb"))
            }
            await expectStatus(.unauthenticated) {
                try await harness.client.setRoles(User_V1_SetRolesRequest(id: id, roles: [.admin]))
            }
            // An expired access token is no token.
            harness.clock.advance(by: .seconds(900 + 61))
            await expectStatus(.unauthenticated, "expired") {
                try await harness.client.getMe(
                    User_V1_GetMeRequest(), options: harness.options(token: session.accessToken))
            }
        }
    }
}
