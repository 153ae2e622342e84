// The caller's access token, from the `authorization` metadata (REST's `Authorization` header).
internal import RPC

/// Reads `authorization: Bearer <token>` (RFC 6750 §2.1; the scheme is case-insensitive, RFC 9110
/// §11.1).
enum BearerToken {
    /// The token `metadata` carries, or `nil` when it has none or another scheme.
    static func from(_ metadata: Metadata) -> String? {
        guard let value = metadata["authorization"] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingSpaces()
        return token.isEmpty ? nil : token
    }
}

extension Substring {
    /// This text without leading and trailing spaces.
    fileprivate func trimmingSpaces() -> String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
