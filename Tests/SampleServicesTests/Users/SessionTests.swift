import ProtoRuntime
import RPC
import SampleServices
import Testing
import UserContracts

@Suite("Sample user service: sign-in sessions")
struct SessionTests {
    @Test("login issues distinct opaque tokens that expire in 15 minutes; a wrong password or email is UNAUTHENTICATED")
    func login() async throws {
        let harness = SampleHarness()
        let first = try await harness.signUp("ada@example.com")
        #expect(first.accessToken.count == 64 && first.refreshToken.count == 64)
        #expect(first.accessToken != first.refreshToken)
        #expect(first.expiresAt == Google_Protobuf_Timestamp(seconds: 1_750_000_000 + 15 * 60))
        #expect(first.user?.email == "ada@example.com")
        let second = try await harness.users.login(
            User_V1_LoginRequest(email: "ADA@example.com", password: "password1"))
        #expect(second.accessToken != first.accessToken)
        let wrongPassword = User_V1_LoginRequest(email: "ada@example.com", password: "password2")
        let unknownEmail = User_V1_LoginRequest(email: "bob@example.com", password: "password1")
        #expect(await statusCode { try await harness.users.login(wrongPassword) } == .unauthenticated)
        #expect(await statusCode { try await harness.users.login(unknownEmail) } == .unauthenticated)
    }

    @Test("GetMe: the token's account; no token, a bad scheme, an unknown or an expired token is UNAUTHENTICATED")
    func getMe() async throws {
        let harness = SampleHarness()
        let login = try await harness.signUp("ada@example.com")
        let me = try await harness.users.getMe(User_V1_GetMeRequest(), options: SampleHarness.bearer(login.accessToken))
        #expect(me == login.user)
        var lowerCase = Metadata()
        lowerCase.add("authorization", "bearer \(login.accessToken)")
        #expect(
            try await harness.users.getMe(User_V1_GetMeRequest(), options: RPCCallOptions(metadata: lowerCase)) == me)
        var basic = Metadata()
        basic.add("authorization", "Basic \(login.accessToken)")
        for options in [RPCCallOptions(), RPCCallOptions(metadata: basic), SampleHarness.bearer("0123")] {
            #expect(
                await statusCode { try await harness.users.getMe(User_V1_GetMeRequest(), options: options) }
                    == .unauthenticated)
        }
        harness.clock.advance(seconds: 15 * 60 - 1)
        _ = try await harness.users.getMe(User_V1_GetMeRequest(), options: SampleHarness.bearer(login.accessToken))
        harness.clock.advance(seconds: 1)
        let expired = SampleHarness.bearer(login.accessToken)
        #expect(
            await statusCode { try await harness.users.getMe(User_V1_GetMeRequest(), options: expired) }
                == .unauthenticated)
    }

    @Test("refresh rotates: new tokens work, the old refresh token and its access token do not")
    func refresh() async throws {
        let harness = SampleHarness()
        let login = try await harness.signUp("ada@example.com")
        harness.clock.advance(seconds: 60)
        let refreshed = try await harness.users.refresh(User_V1_RefreshRequest(refreshToken: login.refreshToken))
        #expect(refreshed.expiresAt == Google_Protobuf_Timestamp(seconds: 1_750_000_060 + 15 * 60))
        #expect(refreshed.user?.id == login.user?.id)
        _ = try await harness.users.getMe(User_V1_GetMeRequest(), options: SampleHarness.bearer(refreshed.accessToken))
        let old = SampleHarness.bearer(login.accessToken)
        #expect(
            await statusCode { try await harness.users.getMe(User_V1_GetMeRequest(), options: old) } == .unauthenticated
        )
        let again = User_V1_RefreshRequest(refreshToken: login.refreshToken)
        #expect(await statusCode { try await harness.users.refresh(again) } == .unauthenticated)
    }

    @Test("a refresh token expires after 30 days")
    func refreshExpiry() async throws {
        let harness = SampleHarness()
        let login = try await harness.signUp("ada@example.com")
        harness.clock.advance(seconds: SessionStore.refreshTokenLifetime)
        let request = User_V1_RefreshRequest(refreshToken: login.refreshToken)
        #expect(await statusCode { try await harness.users.refresh(request) } == .unauthenticated)
    }

    @Test("logout revokes the refresh token; revoking an unknown one succeeds (RFC 7009)")
    func logout() async throws {
        let harness = SampleHarness()
        let login = try await harness.signUp("ada@example.com")
        _ = try await harness.users.logout(User_V1_LogoutRequest(refreshToken: login.refreshToken))
        let request = User_V1_RefreshRequest(refreshToken: login.refreshToken)
        #expect(await statusCode { try await harness.users.refresh(request) } == .unauthenticated)
        _ = try await harness.users.logout(User_V1_LogoutRequest(refreshToken: login.refreshToken))
    }
}
