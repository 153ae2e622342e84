internal import Auth
public import ProtoRuntime
public import RPC
internal import Storage
public import UserContracts

extension UserService {
    /// Changes an account's display name, email or labels (the caller's own, or any for an
    /// administrator), as the update mask names them, or every populated one when it is empty.
    /// Other fields in the mask are `INVALID_ARGUMENT`; an email another account has (in any
    /// case) is `ALREADY_EXISTS`. An update that changes nothing returns the account as it is.
    public func updateUser(
        _ request: User_V1_UpdateUserRequest, context: RPCServerContext
    ) async throws(UserServiceError) -> User_V1_User {
        guard let user = request.user else {
            throw UserServiceError(.invalidArgument, "user is required", field: "user")
        }
        guard try caller(context).mayAccess(account: user.id) else { throw .notYourAccount }
        let changes = try AccountChanges(
            maskPaths: request.updateMask?.paths ?? [], email: user.email, displayName: user.displayName,
            labels: user.labels)
        guard !changes.isEmpty else { return try await existingAccount(user.id).message }
        let now = clock.nowMilliseconds()
        let updated = try await stored(conflict: .emailTaken(user.email, field: "user.email")) {
            () async throws(StorageError) in try await repository.update(id: user.id, changes, now: now)
        }
        guard let updated else { throw UserServiceError.noSuchUser(user.id) }
        return updated.message
    }

    /// Sets a new password and revokes the account's refresh tokens (every session signs in
    /// again). Changing one's own password needs the current one (`PERMISSION_DENIED` when
    /// wrong, and counted by the login limiter like a failed sign-in); an administrator changing
    /// another account's needs none (`current_password` is ignored).
    public func changePassword(
        _ request: User_V1_ChangePasswordRequest, context: RPCServerContext
    ) async throws(UserServiceError) -> Google_Protobuf_Empty {
        let caller = try caller(context)
        guard caller.mayAccess(account: request.id) else { throw .notYourAccount }
        let account = try await existingAccount(request.id)
        if caller.isSelf(request.id) {
            try await checkCurrentPassword(request.currentPassword, of: account, context: context)
        }
        let hash = try await hashing { () async throws(AuthError) in try await hasher.hash(request.newPassword) }
        let now = clock.nowMilliseconds()
        let changed = try await stored { () async throws(StorageError) in
            try await repository.setPassword(id: request.id, hash: hash, now: now)
        }
        guard changed else { throw UserServiceError.noSuchUser(request.id) }
        return Google_Protobuf_Empty()
    }

    /// Checks that `password` is `account`'s, as one sign-in attempt for the limiter.
    private func checkCurrentPassword(
        _ password: String, of account: UserAccount, context: RPCServerContext
    ) async throws(UserServiceError) {
        let attempt = try startAttempt(account: account.emailKey, context: context)
        let matches: Bool
        do {
            matches = try await hasher.verify(password, against: account.passwordHash)
        } catch {
            limiter.abandoned(attempt)
            throw UserServiceError.auth(error)
        }
        guard matches else { throw UserServiceError(.permissionDenied, "the current password is wrong") }
        limiter.succeeded(attempt)
    }
}
