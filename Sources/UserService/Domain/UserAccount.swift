/// One account as the service keeps it: what `user.v1.User` shows, plus the normalized email
/// and the password hash, which never leave the service.
struct UserAccount: Sendable, Hashable {
    /// A random UUID, lower-case.
    var id: String
    /// The address as the user wrote it.
    var email: String
    /// ``EmailAddress/key(of:)`` of ``email``: what makes addresses unique and what sign-in looks up.
    var emailKey: String
    var displayName: String
    var status: AccountStatus
    /// Sorted, each role once.
    var roles: [AccountRole]
    /// An Argon2id PHC string.
    var passwordHash: String
    /// Milliseconds since 1970.
    var createdAt: Int64
    /// Milliseconds since 1970.
    var updatedAt: Int64
    var labels: [String: String]

    /// Whether the account may sign in (and refresh its sessions).
    var maySignIn: Bool { status != .suspended }

    /// Whether the account holds `role`.
    func has(_ role: AccountRole) -> Bool { roles.contains(role) }
}

/// Whether an account may sign in (`user.v1.UserStatus`); the raw value is the stored text.
enum AccountStatus: String, Sendable, Hashable, CaseIterable {
    /// Signed up, not confirmed. Sign-up makes accounts ``active`` (no confirmation flow yet), so
    /// only operators set this; such accounts may sign in.
    case pending
    case active
    /// Blocked by an operator: sign-in and refresh are refused.
    case suspended
}

/// What an account may do (`user.v1.Role`); the raw value is the stored text.
enum AccountRole: String, Sendable, Hashable, CaseIterable, Comparable {
    case customer
    case admin

    static func < (lhs: AccountRole, rhs: AccountRole) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `roles` sorted, each once: the form accounts keep.
    static func normalized(_ roles: some Sequence<AccountRole>) -> [AccountRole] {
        Set(roles).sorted()
    }
}
