/// A token that passed verification: its claims and the key that signed it.
public struct VerifiedToken: Sendable, Hashable {
    /// The claims, checked against the verifier's options.
    public var claims: JWTClaims
    /// The `kid` of the key that verified it.
    public var keyID: String
    /// The algorithm it was signed with (its key's).
    public var algorithm: JWTAlgorithm
}

/// Verifies JWTs (JWS compact serialization, RFC 7515/7519) against a key source, then checks
/// their claims.
///
/// Steps, each refusing with its own ``AuthError/Code``: size limit; three base64url parts;
/// the header (`crit` refused); `alg` known and not `none`; `kid` present; the key for the
/// `kid`; the header's `alg` equal to the key's pinned algorithm; the signature; only then the
/// payload's JSON; then `exp`/`nbf`/`iat` with the clock skew, `iss`, `aud`, the token kind.
///
/// A token without `kid` is refused (``AuthError/Code/missingKeyID``): trying every key would
/// multiply the cost of a forged token by the number of keys, and every issuer room619 meets
/// (itself, OpenID providers) sets `kid`.
///
/// ```swift
/// let verifier = try JWTVerifier(keys: ring, options: .defaults { $0.issuer = "room619" })
/// let token = try await verifier.verify(bearer)
/// if token.claims.hasRole("admin") { … }
/// ```
public struct JWTVerifier: Sendable {
    /// Where keys come from.
    public let keys: any VerificationKeySource
    /// What is checked beyond the signature.
    public let options: JWTValidationOptions
    /// The time checks' clock.
    public let clock: any AuthClock

    /// A verifier over `keys`.
    /// - Throws: ``AuthError/Code/invalidConfiguration`` if `options` are out of range.
    public init(
        keys: any VerificationKeySource, options: JWTValidationOptions = .defaults, clock: any AuthClock = SystemClock()
    ) throws(AuthError) {
        try options.validate()
        self.keys = keys
        self.options = options
        self.clock = clock
    }

    /// Verifies `token` (the compact JWS text, without `Bearer `).
    /// - Throws: ``AuthError`` saying why the token is refused.
    public func verify(_ token: String) async throws(AuthError) -> VerifiedToken {
        guard token.utf8.count <= options.maxTokenBytes else {
            throw AuthError(.malformed, "the token exceeds \(options.maxTokenBytes) bytes")
        }
        let jws = try CompactJWS(Array(token.utf8))
        let algorithm = try Self.algorithm(of: jws.header)
        guard let keyID = jws.header.keyID else { throw AuthError(.missingKeyID, "the token's header has no kid") }
        let now = clock.now()
        let key = try await keys.verificationKey(for: keyID, at: now)
        return try Self.finish(jws, algorithm: algorithm, key: key, options: options, now: now)
    }

    /// The algorithm the header names; `none` and unknown names refused.
    static func algorithm(of header: JWSHeader) throws(AuthError) -> JWTAlgorithm {
        guard let name = header.algorithmName else { throw AuthError(.malformed, "the header has no alg") }
        guard let algorithm = JWTAlgorithm(name: name) else {
            throw AuthError(.unsupportedAlgorithm, "the algorithm \(AuthError.quoted(name)) is not accepted")
        }
        return algorithm
    }

    /// Checks the algorithm against the key, the signature, then the claims.
    static func finish(
        _ jws: CompactJWS, algorithm: JWTAlgorithm, key: VerificationKey, options: JWTValidationOptions, now: Int64
    ) throws(AuthError) -> VerifiedToken {
        guard algorithm == key.algorithm else {
            throw AuthError(
                .algorithmMismatch,
                "the header says \(algorithm) but the key \(AuthError.quoted(key.keyID)) is pinned to \(key.algorithm)")
        }
        guard key.isValidSignature(jws.signature, for: jws.signingInput) else {
            throw AuthError(.badSignature, "the signature does not verify with the key \(AuthError.quoted(key.keyID))")
        }
        let claims = try JWTClaims(json: try jws.payload())
        try options.check(claims, at: now)
        return VerifiedToken(claims: claims, keyID: key.keyID, algorithm: algorithm)
    }

    /// The `iss` of `token`, read without verifying anything: only for choosing which
    /// verifier (which issuer's keys) to use. Never trust it otherwise.
    public static func unverifiedIssuer(of token: String) -> String? {
        guard let jws = try? CompactJWS(Array(token.utf8)), let payload = try? jws.payload(),
            let claims = try? JWTClaims(json: payload)
        else { return nil }
        return claims.issuer
    }
}
