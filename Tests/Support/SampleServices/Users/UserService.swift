// user.v1.UserService in memory: sign-up, sign-in with opaque tokens, and account management.
public import ProtoRuntime
public import RPC
public import UserContracts

/// Serves `user.v1.UserService` from memory.
///
/// ```swift
/// let clock = SampleClock.system
/// let sessions = SessionStore(clock: clock)
/// let server = RPCServer(services: [UserService(clock: clock, sessions: sessions)])
/// ```
///
/// Access tokens are random and opaque (the real service signs JWTs); `GetMe` and `SetRoles` read
/// them from `authorization: Bearer <token>`. Accounts whose email is in `administratorEmails` get
/// `ROLE_ADMIN` at sign-up, the only way to an administrator, since setting roles needs one.
public final class UserService: User_V1_UserService.ServiceProtocol {
    private let directory: UserDirectory
    private let sessions: SessionStore

    /// A service with no accounts, stamping records with `clock` and issuing tokens into `sessions`.
    public init(clock: SampleClock, sessions: SessionStore, administratorEmails: Set<String> = []) {
        directory = UserDirectory(clock: clock, administratorEmails: administratorEmails)
        self.sessions = sessions
    }

    public func createUser(_ request: User_V1_CreateUserRequest, context: RPCServerContext) async throws -> User_V1_User
    {
        try directory.create(request)
    }

    public func login(_ request: User_V1_LoginRequest, context: RPCServerContext) async throws -> User_V1_LoginResponse
    {
        let user = try directory.authenticate(email: request.email, password: request.password)
        return response(for: user, sessions.issue(to: user.id))
    }

    public func refresh(
        _ request: User_V1_RefreshRequest, context: RPCServerContext
    ) async throws -> User_V1_LoginResponse {
        guard let userID = sessions.redeem(refreshToken: request.refreshToken),
            let user = directory.userIfPresent(userID)
        else {
            throw RPCStatus(.unauthenticated, "the refresh token is unknown, expired or revoked")
        }
        return response(for: user, sessions.issue(to: user.id))
    }

    /// Revokes the refresh token; an unknown one is no error, as in OAuth revocation (RFC 7009 §2.2).
    public func logout(
        _ request: User_V1_LogoutRequest, context: RPCServerContext
    ) async throws -> Google_Protobuf_Empty {
        _ = sessions.redeem(refreshToken: request.refreshToken)
        return Google_Protobuf_Empty()
    }

    public func getMe(_ request: User_V1_GetMeRequest, context: RPCServerContext) async throws -> User_V1_User {
        try caller(context)
    }

    public func getUser(_ request: User_V1_GetUserRequest, context: RPCServerContext) async throws -> User_V1_User {
        try directory.user(request.id)
    }

    public func listUsers(
        _ request: User_V1_ListUsersRequest, context: RPCServerContext
    ) async throws -> User_V1_ListUsersResponse {
        let page = try PageCursor(request.page).slice(directory.list(status: request.status))
        return User_V1_ListUsersResponse(users: page.items, page: page.page)
    }

    public func updateUser(_ request: User_V1_UpdateUserRequest, context: RPCServerContext) async throws -> User_V1_User
    {
        guard let changes = request.user else { throw RPCStatus(.invalidArgument, "user is required") }
        var populated: [String] = []
        if !changes.email.isEmpty { populated.append("email") }
        if !changes.displayName.isEmpty { populated.append("display_name") }
        if !changes.labels.isEmpty { populated.append("labels") }
        let update = try FieldMaskUpdate(
            mask: request.updateMask, updatable: UserDirectory.updatableFields, populated: populated)
        return try directory.update(changes, update)
    }

    public func deleteUser(
        _ request: User_V1_DeleteUserRequest, context: RPCServerContext
    ) async throws -> Google_Protobuf_Empty {
        try directory.delete(request.id)
        sessions.revokeAll(of: request.id)
        return Google_Protobuf_Empty()
    }

    public func changePassword(
        _ request: User_V1_ChangePasswordRequest, context: RPCServerContext
    ) async throws -> Google_Protobuf_Empty {
        try directory.changePassword(of: request.id, current: request.currentPassword, new: request.newPassword)
        return Google_Protobuf_Empty()
    }

    /// Replaces the roles: the caller must be signed in as an administrator.
    public func setRoles(_ request: User_V1_SetRolesRequest, context: RPCServerContext) async throws -> User_V1_User {
        guard try caller(context).roles.contains(.admin) else {
            throw RPCStatus(.permissionDenied, "only administrators may set roles")
        }
        return try directory.setRoles(of: request.id, to: request.roles)
    }

    /// The account the call's access token names.
    /// - Throws: `UNAUTHENTICATED` without a token, or with one that is unknown, expired or names
    ///   a deleted account.
    private func caller(_ context: RPCServerContext) throws(RPCStatus) -> User_V1_User {
        guard let token = BearerToken.from(context.metadata) else {
            throw RPCStatus(.unauthenticated, "no access token: send authorization: Bearer <token>")
        }
        guard let userID = sessions.userID(forAccessToken: token), let user = directory.userIfPresent(userID) else {
            throw RPCStatus(.unauthenticated, "the access token is unknown or expired")
        }
        return user
    }

    private func response(for user: User_V1_User, _ issued: SessionStore.Issued) -> User_V1_LoginResponse {
        User_V1_LoginResponse(
            accessToken: issued.accessToken, expiresAt: issued.expiresAt, user: user,
            refreshToken: issued.refreshToken)
    }
}
