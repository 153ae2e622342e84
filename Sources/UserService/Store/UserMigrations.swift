public import Storage

/// The user service's schema, one numbered migration per change, applied in order at start by
/// ``UserService/migrate()``. Released migrations never change (their checksums are recorded);
/// a change is a new migration.
///
/// The SQL is the same on SQLite and PostgreSQL except for the bytes type, which comes from the
/// dialect. Times are milliseconds since 1970 (`BIGINT`), so both databases compare and order
/// them the same way.
public enum UserMigrations {
    /// Every migration, oldest first.
    public static let all: [Migration] = [users, refreshTokens]

    /// 1: accounts. `email_key` (the lower-cased NFC address) is what is unique; `roles` is a
    /// comma-separated sorted list, `labels` a JSON object of strings. The indexes serve the
    /// list's order (newest first) with and without the status filter.
    static let users = Migration(
        version: 1, name: "users",
        sql: """
            CREATE TABLE users (
                id TEXT PRIMARY KEY,
                email TEXT NOT NULL,
                email_key TEXT NOT NULL,
                display_name TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'suspended')),
                roles TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                labels TEXT NOT NULL,
                CONSTRAINT users_email_key UNIQUE (email_key)
            );
            CREATE INDEX users_by_creation ON users (created_at, id);
            CREATE INDEX users_by_status_and_creation ON users (status, created_at, id)
            """)

    /// 2: refresh tokens, by the SHA-256 of the token; deleting an account deletes its tokens.
    static let refreshTokens = Migration(version: 2, name: "refresh_tokens") { dialect in
        """
        CREATE TABLE refresh_tokens (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
            token_hash \(dialect.blobType) NOT NULL,
            family_id TEXT NOT NULL,
            expires_at BIGINT NOT NULL,
            used_at BIGINT,
            revoked_at BIGINT,
            created_at BIGINT NOT NULL,
            CONSTRAINT refresh_tokens_token_hash_key UNIQUE (token_hash)
        );
        CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id);
        CREATE INDEX refresh_tokens_by_user ON refresh_tokens (user_id);
        CREATE INDEX refresh_tokens_by_expiry ON refresh_tokens (expires_at)
        """
    }
}
