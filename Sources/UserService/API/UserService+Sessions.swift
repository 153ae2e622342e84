internal import Access
internal import Auth
public import ProtoRuntime
public import RPC
internal import Storage
public import UserContracts

extension UserService {
    /// Signs in: an access token and a refresh token for the account the email and password name.
    ///
    /// Unknown email, wrong password and a suspended account answer the same `UNAUTHENTICATED`
    /// after the same work (an unknown email is checked against a decoy hash). Failures are
    /// limited per account and per client address (``UserServiceConfiguration/LoginLimits``):
    /// past either, `RESOURCE_EXHAUSTED` with the wait in the message, a `google.rpc.RetryInfo`
    /// and `retry-after` trailing metadata (seconds), before any password is checked.
    public func login(
        _ request: User_V1_LoginRequest, context: RPCServerContext
    ) async throws(UserServiceError) -> User_V1_LoginResponse {
        let key = EmailAddress.key(of: request.email)
        let attempt = try startAttempt(account: key, context: context)
        let account: UserAccount
        do {
            account = try await checkedAccount(emailKey: key, password: request.password)
        } catch {
            if error != .wrongCredentials { limiter.abandoned(attempt) }
            throw error
        }
        limiter.succeeded(attempt)
        var rehash: (old: String, new: String)?
        if hasher.needsRehash(account.passwordHash) {
            let new = try await hashing { () async throws(AuthError) in try await hasher.hash(request.password) }
            rehash = (account.passwordHash, new)
        }
        return try await startSession(for: account, rehash: rehash)
    }

    /// Exchanges a refresh token for a new access token and the next refresh token of its
    /// family. A token works once: presenting a used one revokes its whole family (the replay
    /// may be the thief's or the owner's); unknown, expired and revoked tokens, and tokens of a
    /// suspended account, answer `UNAUTHENTICATED` alike.
    public func refresh(
        _ request: User_V1_RefreshRequest, context: RPCServerContext
    ) async throws(UserServiceError) -> User_V1_LoginResponse {
        guard let presented = try? RefreshToken.hash(of: request.refreshToken) else { throw .refreshRefused }
        let issued = try newRefreshToken()
        let now = clock.nowMilliseconds()
        let next = RefreshTokenRecord(
            id: Identifiers.uuid(), userID: "", tokenHash: issued.hash, familyID: "", expiresAt: 0, createdAt: now)
        let outcome = try await stored { () async throws(StorageError) in
            try await repository.rotate(presentedHash: presented, next: next, now: now)
        }
        guard case .rotated(let account, _) = outcome else { throw .refreshRefused }
        return try response(for: account, refreshToken: issued.token)
    }

    /// Revokes the family of a refresh token (this session, every rotation of it). An unknown or
    /// malformed token is no error (RFC 7009 §2.2): the answer is the same either way.
    public func logout(
        _ request: User_V1_LogoutRequest, context: RPCServerContext
    ) async throws(UserServiceError) -> Google_Protobuf_Empty {
        guard let presented = try? RefreshToken.hash(of: request.refreshToken) else { return Google_Protobuf_Empty() }
        let now = clock.nowMilliseconds()
        _ = try await stored { () async throws(StorageError) in
            try await repository.revokeFamily(ofTokenHash: presented, now: now)
        }
        return Google_Protobuf_Empty()
    }

    /// Counts a sign-in attempt for `account` from the call's peer, or refuses it.
    /// - Throws: `RESOURCE_EXHAUSTED` with the wait, which also goes out as `retry-after`.
    func startAttempt(account: String, context: RPCServerContext) throws(UserServiceError) -> LoginLimiter.Attempt {
        let address = PeerAddress.host(of: context.peer)
        switch limiter.begin(account: account, address: address, now: clock.nowMilliseconds()) {
        case .success(let attempt):
            return attempt
        case .failure(let refusal):
            let seconds = (refusal.retryAfterMilliseconds + 999) / 1000
            context.addTrailingMetadata("retry-after", String(seconds))
            let whose = refusal.scope == .account ? "for this account" : "from this address"
            throw UserServiceError(
                .resourceExhausted, "too many failed sign-ins \(whose); try again in \(seconds) s",
                retryAfter: .seconds(seconds))
        }
    }

    /// The account `emailKey` names when `password` is its password and it may sign in.
    /// - Throws: ``UserServiceError/wrongCredentials`` otherwise, after the same work.
    private func checkedAccount(emailKey: String, password: String) async throws(UserServiceError) -> UserAccount {
        let account = try await stored { () async throws(StorageError) in
            try await repository.account(emailKey: emailKey)
        }
        guard let account else {
            _ = try await hashing { () async throws(AuthError) in try await hasher.verifyUnknownAccount(password) }
            throw .wrongCredentials
        }
        let matches = try await hashing { () async throws(AuthError) in
            try await hasher.verify(password, against: account.passwordHash)
        }
        guard matches, account.maySignIn else { throw .wrongCredentials }
        return account
    }

    /// Starts a session (a new refresh-token family) for `account` and signs its access token.
    private func startSession(
        for account: UserAccount, rehash: (old: String, new: String)?
    ) async throws(UserServiceError) -> User_V1_LoginResponse {
        let issued = try newRefreshToken()
        let now = clock.nowMilliseconds()
        let lifetime = configuration.refreshTokenLifetime.components
        let record = RefreshTokenRecord(
            id: Identifiers.uuid(), userID: account.id, tokenHash: issued.hash, familyID: Identifiers.uuid(),
            expiresAt: now + lifetime.seconds * 1000 + lifetime.attoseconds / 1_000_000_000_000_000, createdAt: now)
        do {
            try await repository.insert(record, rehash: rehash)
        } catch  where error.kind == .foreignKeyViolation {
            throw .wrongCredentials  // the account was deleted while its password was checked
        } catch {
            throw UserServiceError.storage(error)
        }
        return try response(for: account, refreshToken: issued.token)
    }

    /// A sign-in's answer: a fresh access token for `account` with `refreshToken`.
    private func response(
        for account: UserAccount, refreshToken: String
    ) throws(UserServiceError) -> User_V1_LoginResponse {
        let expiresAt = issuer.clock.now() + issuer.lifetime.components.seconds
        let roles = account.roles.map { $0 == .admin ? configuration.adminRole : configuration.customerRole }
        let claims = JWTClaims(subject: account.id, expiresAt: expiresAt, roles: roles.sorted())
        let token: String
        do {
            token = try issuer.issue(claims)
        } catch {
            throw UserServiceError.auth(error)
        }
        return User_V1_LoginResponse(
            accessToken: token, expiresAt: Google_Protobuf_Timestamp(seconds: expiresAt, nanos: 0),
            user: account.message, refreshToken: refreshToken)
    }

    private func newRefreshToken() throws(UserServiceError) -> RefreshToken.Issued {
        do {
            return try RefreshToken.generate()
        } catch {
            throw UserServiceError.auth(error)
        }
    }
}
