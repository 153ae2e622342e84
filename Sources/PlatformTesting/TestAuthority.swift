public import Access
public import Auth
public import RPC

/// Tokens for tests: a fresh Ed25519 key, an issuer that signs user and service tokens with
/// it, and the auth interceptor that trusts it, so a test exercises a service's access rules
/// exactly as the platform enforces them.
///
/// ```swift
/// let authority = try TestAuthority()
/// let client = TestServer.inProcess([service], interceptors: [authority.interceptor])
/// let options = try authority.callOptions(subject: "alice", roles: ["admin"])
/// ```
public struct TestAuthority: Sendable {
    /// The key ring (one generated key).
    public let keys: KeyRing
    /// Signs tokens (`iss` and `aud` are `room619-test`).
    public let issuer: JWTIssuer
    /// Verifies them.
    public let verifier: JWTVerifier

    /// A new authority with its own key.
    /// - Throws: ``Auth/AuthError`` if OpenSSL cannot generate a key.
    public init() throws(AuthError) {
        keys = KeyRing(KeySet(active: try SigningKey.generate(.edDSA)))
        issuer = try JWTIssuer(keys: keys, issuer: "room619-test", audience: ["room619-test"])
        verifier = try JWTVerifier(
            keys: keys,
            options: try .defaults {
                $0.issuer = "room619-test"
                $0.audience = "room619-test"
            })
    }

    /// The auth interceptor trusting this authority's tokens.
    public var interceptor: AuthInterceptor { AuthInterceptor(verifier: verifier) }

    /// A user's access token.
    public func token(subject: String, roles: [String] = []) throws(AuthError) -> String {
        try issuer.issue(subject: subject, roles: roles)
    }

    /// A service token (for internal methods).
    public func serviceToken(service: String) throws(AuthError) -> String {
        try issuer.issueServiceToken(service: service, audience: "room619-test")
    }

    /// Call options carrying a user's token.
    public func callOptions(subject: String, roles: [String] = []) throws(AuthError) -> RPCCallOptions {
        var options = RPCCallOptions()
        options.metadata.add("authorization", "Bearer " + (try token(subject: subject, roles: roles)))
        return options
    }

    /// Call options carrying a service token.
    public func serviceCallOptions(service: String) throws(AuthError) -> RPCCallOptions {
        var options = RPCCallOptions()
        options.metadata.add("authorization", "Bearer " + (try serviceToken(service: service)))
        return options
    }
}
