internal import Storage

extension SQLUserRepository {
    func insert(_ token: RefreshTokenRecord, rehash: (old: String, new: String)?) async throws(StorageError) {
        let values = AccountRows.values(of: token)
        try await database.write { connection throws(StorageError) in
            try connection.execute(
                "INSERT INTO refresh_tokens (\(AccountRows.tokenColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", values)
            if let rehash {
                // Only if no one changed the password meanwhile.
                try connection.execute(
                    "UPDATE users SET password_hash = ? WHERE id = ? AND password_hash = ?",
                    [SQLValue(rehash.new), SQLValue(token.userID), SQLValue(rehash.old)])
            }
        }
    }

    func rotate(
        presentedHash: [UInt8], next: RefreshTokenRecord, now: Int64
    ) async throws(StorageError) -> RotationOutcome {
        try await database.write { connection throws(StorageError) in
            // Locks in the order every transaction here takes them, the account's row before its
            // tokens', so a refresh and a password or role change of one account cannot deadlock.
            let owner = try connection.queryFirst(
                "SELECT user_id FROM refresh_tokens WHERE token_hash = ?", [.blob(presentedHash)])
            guard let ownerID = try owner?.decode("user_id", as: String.self) else { return .refused(.unknown) }
            let account = try Self.lockedAccount(ownerID, connection)
            let row = try connection.queryFirst(
                "SELECT \(AccountRows.tokenColumns) FROM refresh_tokens WHERE token_hash = ?\(connection.dialect.forUpdate)",
                [.blob(presentedHash)])
            let record = try row.map { (row) throws(StorageError) in try AccountRows.token(from: row) }
            switch RefreshDecision.decide(record, accountMaySignIn: account?.maySignIn ?? false, now: now) {
            case .refuse(let reason):
                return .refused(reason)
            case .refuseRevokingFamily(let reason):
                if let record { try Self.revokeFamily(record.familyID, now: now, connection) }
                return .refused(reason)
            case .rotate:
                guard let record, let account else { return .refused(.unknown) }
                // Conditional, so that of two refreshes racing with one token only one wins
                // (the row lock already orders them on PostgreSQL; this holds without it).
                let marked = try connection.execute(
                    "UPDATE refresh_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL",
                    [SQLValue(now), SQLValue(record.id)])
                guard marked == 1 else {
                    try Self.revokeFamily(record.familyID, now: now, connection)
                    return .refused(.reused)
                }
                var successor = next
                successor.userID = record.userID
                successor.familyID = record.familyID
                successor.expiresAt = record.expiresAt
                try connection.execute(
                    "INSERT INTO refresh_tokens (\(AccountRows.tokenColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    AccountRows.values(of: successor))
                return .rotated(account: account, expiresAt: record.expiresAt)
            }
        }
    }

    func revokeFamily(ofTokenHash tokenHash: [UInt8], now: Int64) async throws(StorageError) -> Bool {
        try await database.write { connection throws(StorageError) in
            let row = try connection.queryFirst(
                "SELECT family_id FROM refresh_tokens WHERE token_hash = ?", [.blob(tokenHash)])
            guard let family = try row?.decode("family_id", as: String.self) else { return false }
            try Self.revokeFamily(family, now: now, connection)
            return true
        }
    }

    func removeExpiredRefreshTokens(now: Int64) async throws(StorageError) -> Int {
        try await database.write { connection throws(StorageError) in
            try connection.execute("DELETE FROM refresh_tokens WHERE expires_at <= ?", [SQLValue(now)])
        }
    }

    /// Revokes every token of `family` not revoked yet.
    static func revokeFamily(_ family: String, now: Int64, _ connection: SQLConnection) throws(StorageError) {
        try connection.execute(
            "UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL",
            [SQLValue(now), SQLValue(family)])
    }
}
