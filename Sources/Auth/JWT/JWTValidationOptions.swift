/// What a verifier checks beyond the signature.
///
/// Defaults: no issuer or audience check, a 60 s clock skew, `exp` required, user and service
/// tokens accepted, tokens up to 8 KiB.
///
/// ```swift
/// let options = try JWTValidationOptions.defaults { options in
///     options.issuer = "https://room619.example"
///     options.audience = "room619"
/// }
/// ```
public struct JWTValidationOptions: Sendable {
    /// The `iss` a token must have; `nil` skips the check.
    public var issuer: String?
    /// An audience the token's `aud` must contain; `nil` skips the check.
    public var audience: String?
    /// How far the clocks of issuer and verifier may disagree, applied to `exp`, `nbf` and
    /// `iat`. Default 60 s; at most 10 minutes.
    public var clockSkew: Duration = .seconds(60)
    /// Whether a token without `exp` is refused. Default `true`.
    public var requiresExpiration = true
    /// The token kinds accepted. Default both; `[.user]` for an outside issuer, whose tokens
    /// must never pass as service credentials.
    public var acceptedKinds: Set<TokenKind> = [.user, .service]
    /// The longest token accepted, in bytes, checked before anything is decoded. Default 8 KiB.
    public var maxTokenBytes = 8192

    /// The defaults above.
    public static var defaults: JWTValidationOptions { JWTValidationOptions() }

    /// The defaults, changed by `configure`, then validated.
    /// - Throws: ``AuthError/Code/invalidConfiguration``.
    public static func defaults(
        configure: (inout JWTValidationOptions) throws(AuthError) -> Void
    ) throws(AuthError) -> JWTValidationOptions {
        var options = JWTValidationOptions()
        try configure(&options)
        try options.validate()
        return options
    }

    /// The defaults.
    public init() {}

    /// Checks the values' ranges.
    /// - Throws: ``AuthError/Code/invalidConfiguration`` naming the value.
    public func validate() throws(AuthError) {
        guard clockSkew >= .zero, clockSkew <= .seconds(600) else {
            throw AuthError(.invalidConfiguration, "clockSkew must be between 0 and 600 s")
        }
        guard maxTokenBytes >= 64, maxTokenBytes <= 1 << 20 else {
            throw AuthError(.invalidConfiguration, "maxTokenBytes must be between 64 and 1 MiB")
        }
        guard !acceptedKinds.isEmpty else {
            throw AuthError(.invalidConfiguration, "acceptedKinds must name at least one kind")
        }
    }

    /// Checks `claims` at `now` (RFC 7519 §4.1): `exp` must be after `now − skew`, `nbf` and
    /// `iat` at or before `now + skew`.
    func check(_ claims: JWTClaims, at now: Int64) throws(AuthError) {
        let skew = clockSkew.wholeSeconds
        if let expiresAt = claims.expiresAt {
            guard now < saturating(expiresAt, plus: skew) else {
                throw AuthError(.expired, "the token expired at \(expiresAt) (now \(now), skew \(skew) s)")
            }
        } else if requiresExpiration {
            throw AuthError(.missingClaim, "the token has no exp")
        }
        if let notBefore = claims.notBefore, now < saturating(notBefore, plus: -skew) {
            throw AuthError(.notYetValid, "the token is valid from \(notBefore) (now \(now), skew \(skew) s)")
        }
        if let issuedAt = claims.issuedAt, now < saturating(issuedAt, plus: -skew) {
            throw AuthError(.notYetValid, "the token was issued in the future, at \(issuedAt) (now \(now))")
        }
        if let issuer, claims.issuer != issuer {
            throw AuthError(.wrongIssuer, "the token's issuer is \(claims.issuer.map(AuthError.quoted) ?? "absent")")
        }
        if let audience, !claims.audience.contains(audience) {
            throw AuthError(.wrongAudience, "the token is not for the audience \(AuthError.quoted(audience))")
        }
        guard acceptedKinds.contains(claims.kind) else {
            throw AuthError(.wrongKind, "\(claims.kind) tokens are not accepted here")
        }
    }

    /// `time + delta`, clamped to Int64's range instead of wrapping.
    private func saturating(_ time: Int64, plus delta: Int64) -> Int64 {
        let (sum, overflow) = time.addingReportingOverflow(delta)
        guard overflow else { return sum }
        return delta > 0 ? .max : .min
    }
}
