/// One stored refresh token: its hash (never the token), the session family it belongs to, and
/// where it is in its life.
struct RefreshTokenRecord: Sendable, Hashable {
    var id: String
    var userID: String
    /// SHA-256 of the token's bytes (``Auth/RefreshToken``).
    var tokenHash: [UInt8]
    /// Every token rotated from one sign-in shares the family id of the first.
    var familyID: String
    /// Milliseconds since 1970; the family's, inherited by every rotation.
    var expiresAt: Int64
    /// When it was exchanged for the next token (it is single use).
    var usedAt: Int64?
    /// When it was revoked (logout, reuse detected, password or role change, suspension).
    var revokedAt: Int64?
    var createdAt: Int64
}

/// What a refresh does with a presented token, decided from the stored record and its account
/// (RFC 9700 §4.14.2: rotation, and reuse detection that revokes the whole family).
enum RefreshDecision: Sendable, Hashable {
    /// Mark the token used and issue the next one of its family.
    case rotate
    /// Refuse, and revoke the token's whole family: a used token came back (someone replayed a
    /// rotated token, so either party may be an attacker), or the account may no longer sign in.
    case refuseRevokingFamily(RefreshRefusal)
    /// Refuse; nothing else to do.
    case refuse(RefreshRefusal)

    /// The decision for `record` (`nil`: no token has that hash) whose account may sign in or
    /// not, at `now`. Revoked and expired tokens are refused first; a used one is reuse.
    static func decide(_ record: RefreshTokenRecord?, accountMaySignIn: Bool, now: Int64) -> RefreshDecision {
        guard let record else { return .refuse(.unknown) }
        if record.revokedAt != nil { return .refuse(.revoked) }
        if now >= record.expiresAt { return .refuse(.expired) }
        if record.usedAt != nil { return .refuseRevokingFamily(.reused) }
        if !accountMaySignIn { return .refuseRevokingFamily(.accountSuspended) }
        return .rotate
    }
}

/// Why a refresh was refused. The caller always gets the same `UNAUTHENTICATED`; the reason is
/// for tests and logs.
enum RefreshRefusal: Sendable, Hashable {
    case unknown
    case revoked
    case expired
    case reused
    case accountSuspended
}
