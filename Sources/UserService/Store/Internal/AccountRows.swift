internal import Foundation
internal import Storage

/// How accounts and refresh tokens map to rows: the column lists, and the text forms of roles
/// and labels.
enum AccountRows {
    /// The `users` columns, in the order ``values(of:)`` binds and ``account(from:)`` reads.
    static let userColumns =
        "id, email, email_key, display_name, status, roles, password_hash, created_at, updated_at, labels"
    /// The `refresh_tokens` columns, in the order ``values(of:)`` binds and ``token(from:)`` reads.
    static let tokenColumns = "id, user_id, token_hash, family_id, expires_at, used_at, revoked_at, created_at"

    /// The values of `account` for ``userColumns``.
    static func values(of account: UserAccount) throws(StorageError) -> [SQLValue] {
        [
            SQLValue(account.id), SQLValue(account.email), SQLValue(account.emailKey), SQLValue(account.displayName),
            SQLValue(account.status.rawValue), SQLValue(rolesText(account.roles)), SQLValue(account.passwordHash),
            SQLValue(account.createdAt), SQLValue(account.updatedAt), SQLValue(try labelsText(account.labels)),
        ]
    }

    /// The account a row of ``userColumns`` holds.
    static func account(from row: SQLRow) throws(StorageError) -> UserAccount {
        let statusText: String = try row["status"]
        guard let status = AccountStatus(rawValue: statusText) else {
            throw corrupt("users.status holds an unknown status")
        }
        return UserAccount(
            id: try row["id"], email: try row["email"], emailKey: try row["email_key"],
            displayName: try row["display_name"], status: status, roles: try roles(fromText: try row["roles"]),
            passwordHash: try row["password_hash"], createdAt: try row["created_at"], updatedAt: try row["updated_at"],
            labels: try labels(fromText: try row["labels"]))
    }

    /// The values of `token` for ``tokenColumns``.
    static func values(of token: RefreshTokenRecord) -> [SQLValue] {
        [
            SQLValue(token.id), SQLValue(token.userID), .blob(token.tokenHash), SQLValue(token.familyID),
            SQLValue(token.expiresAt), SQLValue(token.usedAt), SQLValue(token.revokedAt), SQLValue(token.createdAt),
        ]
    }

    /// The token a row of ``tokenColumns`` holds.
    static func token(from row: SQLRow) throws(StorageError) -> RefreshTokenRecord {
        RefreshTokenRecord(
            id: try row["id"], userID: try row["user_id"], tokenHash: try row["token_hash"],
            familyID: try row["family_id"], expiresAt: try row["expires_at"], usedAt: try row["used_at"],
            revokedAt: try row["revoked_at"], createdAt: try row["created_at"])
    }

    /// `admin,customer`: sorted names, comma-separated; empty for none.
    static func rolesText(_ roles: [AccountRole]) -> String {
        AccountRole.normalized(roles).map(\.rawValue).joined(separator: ",")
    }

    static func roles(fromText text: String) throws(StorageError) -> [AccountRole] {
        var roles: [AccountRole] = []
        for name in text.split(separator: ",") {
            guard let role = AccountRole(rawValue: String(name)) else {
                throw corrupt("users.roles holds an unknown role")
            }
            roles.append(role)
        }
        return AccountRole.normalized(roles)
    }

    /// The labels as a JSON object with sorted keys (`{}` for none).
    static func labelsText(_ labels: [String: String]) throws(StorageError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(labels), as: UTF8.self)
        } catch {
            throw StorageError(kind: .invalidValue, message: "labels could not be written as JSON: \(error)")
        }
    }

    static func labels(fromText text: String) throws(StorageError) -> [String: String] {
        do {
            return try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
        } catch {
            throw corrupt("users.labels is not a JSON object of strings")
        }
    }

    private static func corrupt(_ message: String) -> StorageError {
        StorageError(kind: .typeMismatch, message: message)
    }
}
