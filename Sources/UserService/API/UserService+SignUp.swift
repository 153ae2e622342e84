internal import Auth
public import RPC
internal import Storage
public import UserContracts
internal import Validation

extension UserService {
    /// Signs up: a new account, `USER_STATUS_ACTIVE` (there is no email confirmation yet, and
    /// Login works at once) with the customer role, its password stored as an Argon2id hash.
    /// An email another account has, in any case or Unicode form, is `ALREADY_EXISTS`; of
    /// concurrent sign-ups with one email exactly one succeeds (the database's unique key decides).
    public func createUser(
        _ request: User_V1_CreateUserRequest, context: RPCServerContext
    ) async throws(UserServiceError) -> User_V1_User {
        try AccountRules.checkDisplayName(request.displayName, field: "display_name")
        let account = try await newAccount(
            email: request.email, displayName: request.displayName, password: request.password, roles: [.customer])
        try await stored(conflict: .emailTaken(request.email, field: "email")) { () async throws(StorageError) in
            try await repository.insert(account)
        }
        return account.message
    }

    /// Makes sure an administrator with `email` exists: creates the account (active, with the
    /// customer and admin roles, `password`) when no account has the email, or gives the
    /// existing one the admin role. An existing account keeps its password. For the first run
    /// of a platform (`room619 run` reads the email and password from its environment).
    ///
    /// - Throws: `INVALID_ARGUMENT` when `email`, `password` or `displayName` break the
    ///   contract's sign-up rules.
    @discardableResult
    public func ensureAdmin(
        email: String, password: String, displayName: String = "Administrator"
    ) async throws(UserServiceError) -> AdminBootstrap {
        let request = User_V1_CreateUserRequest(email: email, displayName: displayName, password: password)
        if let violation = request.validate().first {
            let field = violation.fieldPath
            throw UserServiceError(.invalidArgument, "\(field): \(violation.message)", field: field)
        }
        try AccountRules.checkDisplayName(displayName, field: "display_name")
        let candidate = try await newAccount(
            email: email, displayName: displayName, password: password, roles: [.customer, .admin])
        do {
            return try await repository.ensureAdmin(candidate)
        } catch  where error.kind == .uniqueViolation {
            // Another process created the account between this one's read and insert (two
            // replicas starting at once): it exists now, so the second try promotes or keeps it.
            return try await stored { () async throws(StorageError) in try await repository.ensureAdmin(candidate) }
        } catch {
            throw UserServiceError.storage(error)
        }
    }

    /// Sets an account's status, for operators (the contract has no method for it): a
    /// `USER_STATUS_SUSPENDED` account cannot sign in or refresh, and its refresh tokens are
    /// revoked at once; access tokens already issued expire with their lifetime.
    ///
    /// - Throws: `INVALID_ARGUMENT` for `USER_STATUS_UNSPECIFIED`, `NOT_FOUND` for an unknown id.
    @discardableResult
    public func setStatus(of id: String, to status: User_V1_UserStatus) async throws(UserServiceError) -> User_V1_User {
        guard let status = AccountStatus(status) else {
            throw UserServiceError(.invalidArgument, "\(status) is not a status an account can have", field: "status")
        }
        let now = clock.nowMilliseconds()
        let account = try await stored { () async throws(StorageError) in
            try await repository.setStatus(id: id, status, now: now)
        }
        guard let account else { throw UserServiceError.noSuchUser(id) }
        return account.message
    }

    /// An active account with a fresh id and `password` hashed (on the hasher's threads).
    private func newAccount(
        email: String, displayName: String, password: String, roles: [AccountRole]
    ) async throws(UserServiceError) -> UserAccount {
        let hash = try await hashing { () async throws(AuthError) in try await hasher.hash(password) }
        let now = clock.nowMilliseconds()
        return UserAccount(
            id: Identifiers.uuid(), email: email, emailKey: EmailAddress.key(of: email), displayName: displayName,
            status: .active, roles: AccountRole.normalized(roles), passwordHash: hash, createdAt: now, updatedAt: now,
            labels: [:])
    }
}

/// What ``UserService/ensureAdmin(email:password:displayName:)`` did.
public enum AdminBootstrap: Sendable, Hashable {
    /// No account had the email: one was created, with both roles; the id.
    case created(id: String)
    /// The account existed without the admin role and got it; the id.
    case promoted(id: String)
    /// The account existed and was an administrator already; the id.
    case unchanged(id: String)
}
