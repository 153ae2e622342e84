internal import ProtoRuntime
// Sign-in sessions: opaque access tokens (15 minutes) and refresh tokens (30 days), mapped to the
// account they were issued to. Shared by the user and order services, as a JWT verification key
// would be once the real services sign tokens.
internal import Synchronization

/// The access and refresh tokens the user service has issued, and whom they name.
///
/// Refreshing rotates: the old refresh token stops working and its access token with it.
public final class SessionStore: Sendable {
    /// How long an access token works.
    public static let accessTokenLifetime: Int64 = 15 * 60
    /// How long a refresh token works.
    public static let refreshTokenLifetime: Int64 = 30 * 24 * 60 * 60

    /// A pair of tokens issued together.
    struct Issued: Sendable {
        var accessToken: String
        var refreshToken: String
        var expiresAt: Google_Protobuf_Timestamp
    }

    private struct Grant {
        var userID: String
        var expiresAt: Google_Protobuf_Timestamp
        /// For a refresh token, the access token issued with it.
        var accessToken: String?
    }

    private struct State {
        var access: [String: Grant] = [:]
        var refresh: [String: Grant] = [:]
    }

    private let clock: SampleClock
    private let state = Mutex(State())

    /// A store that reads the time from `clock`.
    public init(clock: SampleClock) {
        self.clock = clock
    }

    /// Issues a new pair of tokens to `userID`.
    func issue(to userID: String) -> Issued {
        let now = clock.now()
        let issued = Issued(
            accessToken: RandomIdentifiers.token(), refreshToken: RandomIdentifiers.token(),
            expiresAt: now.adding(seconds: Self.accessTokenLifetime))
        state.withLock { state in
            state.access[issued.accessToken] = Grant(userID: userID, expiresAt: issued.expiresAt)
            state.refresh[issued.refreshToken] = Grant(
                userID: userID, expiresAt: now.adding(seconds: Self.refreshTokenLifetime),
                accessToken: issued.accessToken)
        }
        return issued
    }

    /// The account an unexpired access token names, or `nil`.
    public func userID(forAccessToken token: String) -> String? {
        let now = clock.now()
        return state.withLock { state in
            guard let grant = state.access[token], now.isBefore(grant.expiresAt) else { return nil }
            return grant.userID
        }
    }

    /// Takes an unexpired refresh token out of the store (with its access token) and returns the
    /// account it named, or `nil` when it is unknown, expired or revoked.
    func redeem(refreshToken token: String) -> String? {
        let now = clock.now()
        return state.withLock { state in
            guard let grant = state.refresh.removeValue(forKey: token) else { return nil }
            if let access = grant.accessToken { state.access[access] = nil }
            return now.isBefore(grant.expiresAt) ? grant.userID : nil
        }
    }

    /// Revokes every token of `userID` (the account is gone).
    func revokeAll(of userID: String) {
        state.withLock { state in
            state.access = state.access.filter { $0.value.userID != userID }
            state.refresh = state.refresh.filter { $0.value.userID != userID }
        }
    }
}
