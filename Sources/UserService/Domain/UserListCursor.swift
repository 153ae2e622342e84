internal import Auth

/// Where the next page of the account list starts: after the account with this creation time
/// and id, in the list's order (newest first, then by id, descending).
///
/// Keyset pagination rather than an offset: a page costs the same however deep it is, and
/// accounts created or deleted between two pages neither repeat nor skip others. The page token
/// is `u1:<created_at>:<id>` in unpadded base64url (RFC 4648 §5): opaque to clients and safe
/// in a query string, not secret (a forged token only starts the list elsewhere).
struct UserListCursor: Sendable, Hashable {
    /// The last listed account's creation time, milliseconds since 1970.
    var createdAt: Int64
    /// The last listed account's id.
    var id: String

    /// The cursor after `account`.
    init(after account: UserAccount) {
        self.createdAt = account.createdAt
        self.id = account.id
    }

    /// The cursor a page token holds.
    /// - Throws: `INVALID_ARGUMENT` naming `page.page_token` for a token this service did not make.
    init(token: String) throws(UserServiceError) {
        let invalid = UserServiceError(
            .invalidArgument, "page.page_token is not a token this service issued", field: "page.page_token")
        guard let bytes = Base64URL.decode(token) else { throw invalid }
        let parts = String(decoding: bytes, as: UTF8.self).split(
            separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "u1", let createdAt = Int64(parts[1]), !parts[2].isEmpty,
            parts[2].utf8.count <= 64, !parts[2].utf8.contains(0)
        else { throw invalid }
        self.createdAt = createdAt
        self.id = String(parts[2])
    }

    /// The page token.
    var token: String {
        Base64URL.encode(Array("u1:\(createdAt):\(id)".utf8))
    }
}
