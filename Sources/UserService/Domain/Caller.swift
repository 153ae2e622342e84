/// The signed-in user a call acts for, as the service's ownership rules see it.
struct Caller: Sendable, Hashable {
    /// The access token's subject: the caller's account id.
    var userID: String
    /// Whether the token carries the administrator role.
    var isAdmin: Bool

    /// Whether the caller may read or change the account `id`: their own, or any as an
    /// administrator.
    func mayAccess(account id: String) -> Bool {
        isAdmin || id == userID
    }

    /// Whether acting on `id` is acting on the caller's own account (an administrator changing
    /// their own password still needs the current one).
    func isSelf(_ id: String) -> Bool {
        id == userID
    }
}
