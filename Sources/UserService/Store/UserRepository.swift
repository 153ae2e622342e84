internal import Storage

/// Where accounts and refresh tokens live: every method is one transaction, so a call either
/// happens whole or not at all. ``SQLUserRepository`` is the implementation, on either database.
protocol UserRepository: Sendable {
    /// Adds an account.
    /// - Throws: a `uniqueViolation` when another account has its email key.
    func insert(_ account: UserAccount) async throws(StorageError)

    /// The account with `id`.
    func account(id: String) async throws(StorageError) -> UserAccount?

    /// The account whose email key is `emailKey`.
    func account(emailKey: String) async throws(StorageError) -> UserAccount?

    /// Up to `limit` accounts after `cursor` (newest first), with `status` when given, and how
    /// many accounts match in all; both read from one snapshot.
    func list(
        status: AccountStatus?, after cursor: UserListCursor?, limit: Int
    ) async throws(StorageError) -> (accounts: [UserAccount], total: Int)

    /// Applies `changes` to the account `id` at `now`; `nil` when there is none.
    /// - Throws: a `uniqueViolation` when the new email belongs to another account.
    func update(id: String, _ changes: AccountChanges, now: Int64) async throws(StorageError) -> UserAccount?

    /// Deletes the account `id` and its refresh tokens; `false` when there is none.
    func delete(id: String) async throws(StorageError) -> Bool

    /// Replaces the password hash of `id` and revokes its refresh tokens; `false` when there is
    /// no such account.
    func setPassword(id: String, hash: String, now: Int64) async throws(StorageError) -> Bool

    /// Replaces the roles of `id` and revokes its refresh tokens; `nil` when there is none.
    func setRoles(id: String, _ roles: [AccountRole], now: Int64) async throws(StorageError) -> UserAccount?

    /// Sets the status of `id` (revoking its refresh tokens when it may no longer sign in); `nil`
    /// when there is none.
    func setStatus(id: String, _ status: AccountStatus, now: Int64) async throws(StorageError) -> UserAccount?

    /// Gives the account with `candidate`'s email key the admin role, or adds `candidate` when
    /// there is none.
    func ensureAdmin(_ candidate: UserAccount) async throws(StorageError) -> AdminBootstrap

    /// Stores a new refresh token; replaces the account's password hash when `rehash` says so
    /// and the stored one is still `rehash.old` (a sign-in upgrading its hash's parameters).
    /// - Throws: a `foreignKeyViolation` when the account is gone.
    func insert(
        _ token: RefreshTokenRecord, rehash: (old: String, new: String)?
    ) async throws(StorageError)

    /// Exchanges the token whose hash is `presentedHash` for `next` (same family and expiry;
    /// `next`'s own family and expiry are ignored), or refuses it, revoking its family on reuse.
    func rotate(
        presentedHash: [UInt8], next: RefreshTokenRecord, now: Int64
    ) async throws(StorageError) -> RotationOutcome

    /// Revokes the family of the token whose hash is `tokenHash`; `false` when no token has it.
    func revokeFamily(ofTokenHash tokenHash: [UInt8], now: Int64) async throws(StorageError) -> Bool

    /// Deletes refresh tokens that expired before `now`; how many.
    func removeExpiredRefreshTokens(now: Int64) async throws(StorageError) -> Int
}

/// What a refresh did.
enum RotationOutcome: Sendable, Hashable {
    /// The token was exchanged; `account` is its owner as stored now, `expiresAt` the new
    /// token's expiry.
    case rotated(account: UserAccount, expiresAt: Int64)
    /// The token was refused.
    case refused(RefreshRefusal)
}
