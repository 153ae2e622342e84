internal import Access
internal import CommonContracts
public import ProtoRuntime
public import RPC
internal import Storage
public import UserContracts

extension UserService {
    /// The caller's own account. A token whose account was deleted is `UNAUTHENTICATED`.
    public func getMe(
        _ request: User_V1_GetMeRequest, context: RPCServerContext
    ) async throws(UserServiceError)
        -> User_V1_User
    {
        let caller = try caller(context)
        let account = try await stored { () async throws(StorageError) in
            try await repository.account(id: caller.userID)
        }
        guard let account else {
            throw UserServiceError(.unauthenticated, "the account of this access token no longer exists")
        }
        return account.message
    }

    /// An account: the caller's own, or any for an administrator. Another user's id is
    /// `PERMISSION_DENIED` whether it exists or not, so ids cannot be probed; an unknown id is
    /// `NOT_FOUND` for an administrator (or the caller's own, deleted, account).
    public func getUser(
        _ request: User_V1_GetUserRequest, context: RPCServerContext
    ) async throws(UserServiceError)
        -> User_V1_User
    {
        guard try caller(context).mayAccess(account: request.id) else { throw .notYourAccount }
        return try await existingAccount(request.id).message
    }

    /// A page of accounts, newest first (administrators only), optionally with one status
    /// (`USER_STATUS_UNSPECIFIED` means any). Page sizes over
    /// ``UserServiceConfiguration/Paging/maxPageSize`` are clamped to it; 0 means the default.
    public func listUsers(
        _ request: User_V1_ListUsersRequest, context: RPCServerContext
    ) async throws(UserServiceError) -> User_V1_ListUsersResponse {
        guard try caller(context).isAdmin else {
            throw UserServiceError(.permissionDenied, "only administrators may list users")
        }
        let status = try request.status.flatMap { (status) throws(UserServiceError) -> AccountStatus? in
            guard case .unrecognized(let number) = status else { return AccountStatus(status) }
            throw UserServiceError(.invalidArgument, "status \(number) is not a user status", field: "status")
        }
        let page = request.page ?? Common_V1_PageRequest()
        let size =
            page.pageSize <= 0
            ? configuration.paging.defaultPageSize
            : min(Int(page.pageSize), configuration.paging.maxPageSize)
        let cursor = try page.pageToken.isEmpty ? nil : UserListCursor(token: page.pageToken)
        let (accounts, total) = try await stored { () async throws(StorageError) in
            try await repository.list(status: status, after: cursor, limit: size + 1)
        }
        let shown = accounts.prefix(size)
        let next = accounts.count > size ? shown.last.map { UserListCursor(after: $0).token } ?? "" : ""
        return User_V1_ListUsersResponse(
            users: shown.map(\.message),
            page: Common_V1_PageResponse(nextPageToken: next, totalSize: Int32(clamping: total)))
    }

    /// Deletes an account (the caller's own, or any for an administrator) and its refresh tokens.
    /// Access tokens already issued to it stop working for GetMe at once and expire with their
    /// lifetime.
    public func deleteUser(
        _ request: User_V1_DeleteUserRequest, context: RPCServerContext
    ) async throws(UserServiceError) -> Google_Protobuf_Empty {
        guard try caller(context).mayAccess(account: request.id) else { throw .notYourAccount }
        let deleted = try await stored { () async throws(StorageError) in try await repository.delete(id: request.id) }
        guard deleted else { throw UserServiceError.noSuchUser(request.id) }
        return Google_Protobuf_Empty()
    }

    /// Replaces an account's roles (administrators only) and revokes its refresh tokens, so its
    /// next sign-in carries the new roles.
    public func setRoles(
        _ request: User_V1_SetRolesRequest, context: RPCServerContext
    ) async throws(UserServiceError)
        -> User_V1_User
    {
        guard try caller(context).isAdmin else {
            throw UserServiceError(.permissionDenied, "only administrators may set roles")
        }
        var roles: [AccountRole] = []
        for (index, role) in request.roles.enumerated() {
            guard let known = AccountRole(role) else {
                throw UserServiceError(
                    .invalidArgument, "roles[\(index)] is not a role", field: "roles[\(index)]")
            }
            roles.append(known)
        }
        let now = clock.nowMilliseconds()
        let account = try await stored { () async throws(StorageError) in
            try await repository.setRoles(id: request.id, roles, now: now)
        }
        guard let account else { throw UserServiceError.noSuchUser(request.id) }
        return account.message
    }
}
