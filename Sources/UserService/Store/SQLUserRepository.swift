internal import Storage

/// ``UserRepository`` on an ``Storage/SQLDatabase``: the same SQL on SQLite and PostgreSQL, with
/// the row lock from the dialect where a transaction reads a row it goes on to change.
struct SQLUserRepository: UserRepository {
    let database: any SQLDatabase

    private static let selectUser = "SELECT \(AccountRows.userColumns) FROM users"

    func insert(_ account: UserAccount) async throws(StorageError) {
        let values = try AccountRows.values(of: account)
        try await database.write { connection throws(StorageError) in
            try connection.execute(
                "INSERT INTO users (\(AccountRows.userColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values)
        }
    }

    func account(id: String) async throws(StorageError) -> UserAccount? {
        let rows = try await database.query("\(Self.selectUser) WHERE id = ?", [SQLValue(id)])
        return try rows.first.map { (row) throws(StorageError) in try AccountRows.account(from: row) }
    }

    func account(emailKey: String) async throws(StorageError) -> UserAccount? {
        let rows = try await database.query("\(Self.selectUser) WHERE email_key = ?", [SQLValue(emailKey)])
        return try rows.first.map { (row) throws(StorageError) in try AccountRows.account(from: row) }
    }

    func list(
        status: AccountStatus?, after cursor: UserListCursor?, limit: Int
    ) async throws(StorageError) -> (accounts: [UserAccount], total: Int) {
        let page = ListQuery(status: status, cursor: cursor, limit: limit)
        return try await database.read { connection throws(StorageError) in
            var accounts: [UserAccount] = []
            for row in try connection.query(page.sql, page.parameters) {
                accounts.append(try AccountRows.account(from: row))
            }
            let total = try connection.queryFirst(page.countSQL, page.countParameters)?.decode(at: 0, as: Int.self)
            return (accounts, total ?? 0)
        }
    }

    func update(id: String, _ changes: AccountChanges, now: Int64) async throws(StorageError) -> UserAccount? {
        try await database.write { connection throws(StorageError) in
            guard let current = try Self.lockedAccount(id, connection) else { return nil }
            let changed = changes.applied(to: current, now: now)
            try connection.execute(
                "UPDATE users SET email = ?, email_key = ?, display_name = ?, labels = ?, updated_at = ? WHERE id = ?",
                [
                    SQLValue(changed.email), SQLValue(changed.emailKey), SQLValue(changed.displayName),
                    SQLValue(try AccountRows.labelsText(changed.labels)), SQLValue(now), SQLValue(id),
                ])
            return changed
        }
    }

    func delete(id: String) async throws(StorageError) -> Bool {
        try await database.write { connection throws(StorageError) in
            // The account's row first (the lock order), then its tokens: the foreign key cascades
            // too, but deleting them here keeps that true without relying on it.
            guard try Self.lockedAccount(id, connection) != nil else { return false }
            try connection.execute("DELETE FROM refresh_tokens WHERE user_id = ?", [SQLValue(id)])
            return try connection.execute("DELETE FROM users WHERE id = ?", [SQLValue(id)]) == 1
        }
    }

    func setPassword(id: String, hash: String, now: Int64) async throws(StorageError) -> Bool {
        try await database.write { connection throws(StorageError) in
            let changed = try connection.execute(
                "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?",
                [SQLValue(hash), SQLValue(now), SQLValue(id)])
            guard changed == 1 else { return false }
            try Self.revokeSessions(of: id, now: now, connection)
            return true
        }
    }

    func setRoles(id: String, _ roles: [AccountRole], now: Int64) async throws(StorageError) -> UserAccount? {
        try await database.write { connection throws(StorageError) in
            guard var account = try Self.lockedAccount(id, connection) else { return nil }
            account.roles = AccountRole.normalized(roles)
            account.updatedAt = now
            try connection.execute(
                "UPDATE users SET roles = ?, updated_at = ? WHERE id = ?",
                [SQLValue(AccountRows.rolesText(account.roles)), SQLValue(now), SQLValue(id)])
            try Self.revokeSessions(of: id, now: now, connection)
            return account
        }
    }

    func setStatus(id: String, _ status: AccountStatus, now: Int64) async throws(StorageError) -> UserAccount? {
        try await database.write { connection throws(StorageError) in
            guard var account = try Self.lockedAccount(id, connection) else { return nil }
            account.status = status
            account.updatedAt = now
            try connection.execute(
                "UPDATE users SET status = ?, updated_at = ? WHERE id = ?",
                [SQLValue(status.rawValue), SQLValue(now), SQLValue(id)])
            if !account.maySignIn { try Self.revokeSessions(of: id, now: now, connection) }
            return account
        }
    }

    func ensureAdmin(_ candidate: UserAccount) async throws(StorageError) -> AdminBootstrap {
        let values = try AccountRows.values(of: candidate)
        return try await database.write { connection throws(StorageError) in
            let row = try connection.queryFirst(
                "\(Self.selectUser) WHERE email_key = ?\(connection.dialect.forUpdate)", [SQLValue(candidate.emailKey)])
            guard let row else {
                try connection.execute(
                    "INSERT INTO users (\(AccountRows.userColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values)
                return .created(id: candidate.id)
            }
            let existing = try AccountRows.account(from: row)
            guard !existing.has(.admin) else { return .unchanged(id: existing.id) }
            try connection.execute(
                "UPDATE users SET roles = ?, updated_at = ? WHERE id = ?",
                [
                    SQLValue(AccountRows.rolesText(existing.roles + [.admin])), SQLValue(candidate.updatedAt),
                    SQLValue(existing.id),
                ])
            return .promoted(id: existing.id)
        }
    }

    /// The account `id`, locked for the rest of the transaction (PostgreSQL; SQLite's writer is
    /// alone anyway). Transactions that change an account and its tokens lock the account first.
    static func lockedAccount(_ id: String, _ connection: SQLConnection) throws(StorageError) -> UserAccount? {
        let row = try connection.queryFirst("\(selectUser) WHERE id = ?\(connection.dialect.forUpdate)", [SQLValue(id)])
        return try row.map { (row) throws(StorageError) in try AccountRows.account(from: row) }
    }

    /// Revokes every refresh token of `userID` not revoked yet.
    static func revokeSessions(of userID: String, now: Int64, _ connection: SQLConnection) throws(StorageError) {
        try connection.execute(
            "UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
            [SQLValue(now), SQLValue(userID)])
    }
}
