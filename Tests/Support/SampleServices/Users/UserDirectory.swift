// The accounts, in memory: unique case-insensitive emails, passwords compared in memory (never
// returned), newest first for listing.
internal import ProtoRuntime
internal import RPC
internal import Synchronization
internal import UserContracts

/// The user service's store and rules: every method is one transition under one lock.
final class UserDirectory: Sendable {
    /// The fields UpdateUser may change (the rest are the server's).
    static let updatableFields = ["email", "display_name", "labels"]

    private struct Account {
        var user: User_V1_User
        /// Kept as sent: this store lives as long as the process and is for tests. The real
        /// service keeps only a salted hash.
        var password: String
        var sequence: Int
    }

    private struct State {
        var accounts: [String: Account] = [:]
        /// Lower-cased email → id.
        var emails: [String: String] = [:]
        var sequence = 0
    }

    private let clock: SampleClock
    private let administratorEmails: Set<String>
    private let state = Mutex(State())

    /// A directory whose accounts signing up with one of `administratorEmails` get `ROLE_ADMIN`.
    init(clock: SampleClock, administratorEmails: Set<String>) {
        self.clock = clock
        self.administratorEmails = Set(administratorEmails.map { $0.lowercased() })
    }

    /// Signs up a new account in PENDING with the customer role.
    func create(_ request: User_V1_CreateUserRequest) throws(RPCStatus) -> User_V1_User {
        let now = clock.now()
        let key = request.email.lowercased()
        return try state.withLock { state throws(RPCStatus) in
            guard state.emails[key] == nil else {
                throw RPCStatus(.alreadyExists, "an account with the email \(request.email) exists")
            }
            var user = User_V1_User(
                id: RandomIdentifiers.uuid(), email: request.email, displayName: request.displayName,
                status: .pending, roles: [.customer], createdAt: now, updatedAt: now)
            if administratorEmails.contains(key) { user.roles.append(.admin) }
            state.sequence += 1
            state.accounts[user.id] = Account(user: user, password: request.password, sequence: state.sequence)
            state.emails[key] = user.id
            return user
        }
    }

    /// The account `email` and `password` name.
    /// - Throws: `UNAUTHENTICATED` for an unknown email, a wrong password or a suspended account,
    ///   with one message for the first two so callers cannot probe for accounts.
    func authenticate(email: String, password: String) throws(RPCStatus) -> User_V1_User {
        let account = state.withLock { state in state.emails[email.lowercased()].flatMap { state.accounts[$0] } }
        guard let account, account.password == password else {
            throw RPCStatus(.unauthenticated, "the email or the password is wrong")
        }
        guard account.user.status != .suspended else {
            throw RPCStatus(.unauthenticated, "the account is suspended")
        }
        return account.user
    }

    /// The account with `id`.
    func user(_ id: String) throws(RPCStatus) -> User_V1_User {
        guard let user = state.withLock({ $0.accounts[id]?.user }) else { throw Self.notFound(id) }
        return user
    }

    /// The account with `id`, or `nil`.
    func userIfPresent(_ id: String) -> User_V1_User? {
        state.withLock { $0.accounts[id]?.user }
    }

    /// Every account with `status` (all when `nil`), newest first.
    func list(status: User_V1_UserStatus?) -> [User_V1_User] {
        state.withLock { state in
            state.accounts.values.filter { status == nil || $0.user.status == status }
                .sorted { $0.sequence > $1.sequence }.map(\.user)
        }
    }

    /// Changes the fields `update` names on the account `changes.id` to the values in `changes`.
    func update(_ changes: User_V1_User, _ update: FieldMaskUpdate) throws(RPCStatus) -> User_V1_User {
        if update.contains("email"), changes.email.isEmpty {
            throw RPCStatus(.invalidArgument, "user.email cannot be cleared")
        }
        if update.contains("display_name"), changes.displayName.isEmpty {
            throw RPCStatus(.invalidArgument, "user.display_name cannot be cleared")
        }
        let now = clock.now()
        return try state.withLock { state throws(RPCStatus) in
            guard var account = state.accounts[changes.id] else { throw Self.notFound(changes.id) }
            if update.contains("email") {
                let oldKey = account.user.email.lowercased()
                let newKey = changes.email.lowercased()
                if newKey != oldKey {
                    guard state.emails[newKey] == nil else {
                        throw RPCStatus(.alreadyExists, "an account with the email \(changes.email) exists")
                    }
                    state.emails[oldKey] = nil
                    state.emails[newKey] = account.user.id
                }
                account.user.email = changes.email
            }
            if update.contains("display_name") { account.user.displayName = changes.displayName }
            if update.contains("labels") { account.user.labels = changes.labels }
            account.user.updatedAt = now
            state.accounts[account.user.id] = account
            return account.user
        }
    }

    /// Deletes the account `id`.
    func delete(_ id: String) throws(RPCStatus) {
        try state.withLock { state throws(RPCStatus) in
            guard let account = state.accounts.removeValue(forKey: id) else { throw Self.notFound(id) }
            state.emails[account.user.email.lowercased()] = nil
        }
    }

    /// Replaces the password of `id` when `current` is the one it has.
    func changePassword(of id: String, current: String, new: String) throws(RPCStatus) {
        let now = clock.now()
        try state.withLock { state throws(RPCStatus) in
            guard var account = state.accounts[id] else { throw Self.notFound(id) }
            guard account.password == current else {
                throw RPCStatus(.permissionDenied, "the current password is wrong")
            }
            account.password = new
            account.user.updatedAt = now
            state.accounts[id] = account
        }
    }

    /// Replaces the roles of `id`.
    func setRoles(of id: String, to roles: [User_V1_Role]) throws(RPCStatus) -> User_V1_User {
        let now = clock.now()
        return try state.withLock { state throws(RPCStatus) in
            guard var account = state.accounts[id] else { throw Self.notFound(id) }
            account.user.roles = roles
            account.user.updatedAt = now
            state.accounts[id] = account
            return account.user
        }
    }

    private static func notFound(_ id: String) -> RPCStatus {
        RPCStatus(.notFound, "no user has the id \(id)")
    }
}
