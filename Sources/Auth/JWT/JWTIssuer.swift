/// Issues the platform's tokens: fills `iss`, `aud`, `iat`, `exp` and a random `jti`, and signs
/// with the key source's active key.
///
/// ```swift
/// let issuer = try JWTIssuer(keys: ring, issuer: "room619", audience: ["room619"])
/// let access = try issuer.issue(subject: user.id, roles: user.roles)
/// let service = try issuer.issueServiceToken(service: "order", audience: "product")
/// ```
public struct JWTIssuer: Sendable {
    /// Where the signing key comes from.
    public let keys: any SigningKeySource
    /// The `iss` of every token.
    public let issuer: String
    /// The default `aud`.
    public let audience: [String]
    /// How long user tokens are valid. Default 15 minutes.
    public let lifetime: Duration
    /// How long service tokens are valid. Default 5 minutes.
    public let serviceLifetime: Duration
    /// The clock for `iat` and `exp`.
    public let clock: any AuthClock

    /// An issuer.
    /// - Throws: ``AuthError/Code/invalidConfiguration`` for an empty issuer or a lifetime
    ///   outside 1 s … 1 day.
    public init(
        keys: any SigningKeySource, issuer: String, audience: [String] = [], lifetime: Duration = .seconds(900),
        serviceLifetime: Duration = .seconds(300), clock: any AuthClock = SystemClock()
    ) throws(AuthError) {
        guard !issuer.isEmpty else { throw AuthError(.invalidConfiguration, "the issuer must not be empty") }
        for value in [lifetime, serviceLifetime] where value < .seconds(1) || value > .seconds(86_400) {
            throw AuthError(.invalidConfiguration, "token lifetimes must be between 1 s and 1 day")
        }
        self.keys = keys
        self.issuer = issuer
        self.audience = audience
        self.lifetime = lifetime
        self.serviceLifetime = serviceLifetime
        self.clock = clock
    }

    /// Signs `claims`, filling `iss`, `aud` (if empty), `iat`, `exp` (if absent: now plus the
    /// lifetime of the token's kind) and `jti` (if absent: 16 random bytes).
    public func issue(_ claims: JWTClaims) throws(AuthError) -> String {
        var claims = claims
        let now = clock.now()
        claims.issuer = issuer
        if claims.audience.isEmpty { claims.audience = audience }
        claims.issuedAt = now
        if claims.expiresAt == nil {
            claims.expiresAt = now + (claims.kind == .service ? serviceLifetime : lifetime).wholeSeconds
        }
        if claims.tokenID == nil { claims.tokenID = Base64URL.encode(try OpenSSL.randomBytes(16)) }
        return try keys.signingKey.sign(claims)
    }

    /// A user's access token.
    public func issue(subject: String, roles: [String] = [], scopes: [String] = []) throws(AuthError) -> String {
        try issue(JWTClaims(subject: subject, roles: roles, scopes: scopes))
    }

    /// A service token for internal RPCs: `kind` service, `sub` the calling service, `aud` the
    /// service called.
    public func issueServiceToken(service: String, audience: String) throws(AuthError) -> String {
        try issue(JWTClaims(subject: service, audience: [audience], kind: .service))
    }
}
