/// Opaque refresh tokens: 32 random bytes (OpenSSL's CSPRNG) as 43 base64url characters for
/// the client, and only their SHA-256 hash for storage.
///
/// A stolen database then holds nothing that works as a token, and lookups are by hash (an
/// index on the hash column): the client's token is hashed and looked up, and the row's hash
/// compared in constant time. Rotation and reuse detection are the user service's, on top of
/// this (see docs/auth.md).
///
/// ```swift
/// let issued = try RefreshToken.generate()
/// store(hash: issued.hash, family: familyID)         // never the token
/// respond(refreshToken: issued.token)
/// // later
/// let hash = try RefreshToken.hash(of: presented)    // malformed tokens throw
/// ```
public enum RefreshToken {
    /// A new token and the hash to store.
    public struct Issued: Sendable, Hashable {
        /// What the client gets: 43 base64url characters.
        public var token: String
        /// What the server stores: SHA-256 of the token's 32 bytes.
        public var hash: [UInt8]
    }

    /// Random bytes per token.
    public static let byteCount = 32

    /// A fresh token and its hash.
    /// - Throws: ``AuthError/Code/cryptoFailure`` if OpenSSL's generator fails.
    public static func generate() throws(AuthError) -> Issued {
        let bytes = try OpenSSL.randomBytes(byteCount)
        return Issued(token: Base64URL.encode(bytes), hash: try OpenSSL.sha256(bytes))
    }

    /// The stored form of `token`.
    /// - Throws: ``AuthError/Code/malformed`` unless `token` is 43 strict base64url characters.
    public static func hash(of token: String) throws(AuthError) -> [UInt8] {
        guard token.utf8.count == 43, let bytes = Base64URL.decode(token), bytes.count == byteCount else {
            throw AuthError(.malformed, "a refresh token is 43 base64url characters")
        }
        return try OpenSSL.sha256(bytes)
    }

    /// Whether `token` hashes to `storedHash`, compared in constant time (CRYPTO_memcmp);
    /// `false` for a malformed token.
    public static func matches(_ token: String, storedHash: [UInt8]) -> Bool {
        guard let hash = try? hash(of: token) else { return false }
        return OpenSSL.constantTimeEquals(hash, storedHash)
    }
}
