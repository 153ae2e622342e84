/// The claims of a token (RFC 7519 §4): the registered ones typed, room619's own (`kind`,
/// `roles`, `scope`) typed, and every other claim kept as JSON, so a token read and written
/// again loses nothing.
///
/// Times are NumericDate seconds since the epoch. A fractional time in a token read is rounded
/// the strict way: `exp` and `iat` down, `nbf` up.
///
/// ```swift
/// var claims = JWTClaims(subject: "user-42")
/// claims.roles = ["admin"]
/// claims.additionalClaims["tenant"] = .string("acme")
/// ```
public struct JWTClaims: Sendable, Hashable {
    /// `iss`: who issued the token.
    public var issuer: String?
    /// `sub`: whom it is about (a user ID, or a service name for service tokens).
    public var subject: String?
    /// `aud`: who it is for; one audience is written as a string, more as an array.
    public var audience: [String]
    /// `exp`: when it stops being valid.
    public var expiresAt: Int64?
    /// `nbf`: when it starts being valid.
    public var notBefore: Int64?
    /// `iat`: when it was issued.
    public var issuedAt: Int64?
    /// `jti`: a unique ID (for revocation lists and replay detection).
    public var tokenID: String?
    /// `kind`: user or service token; absent means ``TokenKind/user``.
    public var kind: TokenKind
    /// `roles`: the subject's roles, an array of strings.
    public var roles: [String]
    /// `scope`: OAuth scopes (RFC 8693 §4.2), written space-separated.
    public var scopes: [String]
    /// Every other claim, by name. Names of the claims above are ignored here when writing.
    public var additionalClaims: [String: JSONValue]

    /// Claims with the given values; the rest empty.
    public init(
        subject: String? = nil, issuer: String? = nil, audience: [String] = [], expiresAt: Int64? = nil,
        notBefore: Int64? = nil, issuedAt: Int64? = nil, tokenID: String? = nil, kind: TokenKind = .user,
        roles: [String] = [], scopes: [String] = [], additionalClaims: [String: JSONValue] = [:]
    ) {
        self.subject = subject
        self.issuer = issuer
        self.audience = audience
        self.expiresAt = expiresAt
        self.notBefore = notBefore
        self.issuedAt = issuedAt
        self.tokenID = tokenID
        self.kind = kind
        self.roles = roles
        self.scopes = scopes
        self.additionalClaims = additionalClaims
    }

    /// The claim names typed above.
    static let registeredNames: Set<String> = [
        "iss", "sub", "aud", "exp", "nbf", "iat", "jti", "kind", "roles", "scope",
    ]

    /// Whether the subject has `role`.
    public func hasRole(_ role: String) -> Bool { roles.contains(role) }

    /// Whether the token carries `scope`.
    public func hasScope(_ scope: String) -> Bool { scopes.contains(scope) }
}
