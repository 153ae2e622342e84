public import Auth
public import RPC

/// Enforces each method's declared ``RPC/RPCAccess`` on gRPC and REST calls alike (REST calls
/// reach it through the gateway, with their `Authorization` header as `authorization`
/// metadata): it reads `authorization: Bearer <JWT>`, verifies the token (the algorithm pinned
/// by the key, `exp`/`nbf`/`iss`/`aud` with a small skew), and stores the caller as the
/// context's ``Principal``.
///
/// - `public`: runs without a token; a valid token still sets the principal, an invalid one is
///   ignored (a public page stays readable with a stale token).
/// - `authenticated` (the default): needs a valid *user* token, with one of the listed roles
///   when there are any (`PERMISSION_DENIED` otherwise).
/// - `internal`: needs a valid *service* token; a user's token is `PERMISSION_DENIED`.
///
/// A missing, malformed, expired or forged token is `UNAUTHENTICATED` (HTTP 401), with a message
/// that says which of those it was but never echoes the token.
///
/// ```swift
/// let verifier = JWTVerifier(keys: keyRing, options: .defaults(issuer: "room619", audience: "room619"))
/// let rpc = RPCServer(services: services, configuration: .init { $0.interceptors = [AuthInterceptor(verifier: verifier)] })
/// ```
public struct AuthInterceptor: RPCServerInterceptor {
    /// The platform's own tokens.
    public let verifier: JWTVerifier
    /// Verifiers of outside issuers, by `iss` (their tokens are user tokens only).
    public let outsideIssuers: [String: JWTVerifier]
    /// Services callable without a token whatever their contracts say: gRPC health and
    /// reflection (probes and tools do not carry tokens).
    public let publicServices: Set<String>
    private let cache: VerifiedTokenCache

    /// The services public by default.
    public static let standardPublicServices: Set<String> = [
        "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection",
    ]

    /// - Parameters:
    ///   - verifier: Verifies the platform's tokens (user and service).
    ///   - outsideIssuers: Verifiers for tokens of other issuers (an identity provider's JWKS),
    ///     chosen by the token's `iss`; their `acceptedKinds` should be `[.user]`.
    ///   - publicServices: Services that need no token.
    ///   - cacheCapacity: Verified tokens remembered (by their exact text) so a client's
    ///     repeated calls skip the signature check; `exp` and `nbf` are still checked per call.
    public init(
        verifier: JWTVerifier, outsideIssuers: [String: JWTVerifier] = [:],
        publicServices: Set<String> = AuthInterceptor.standardPublicServices, cacheCapacity: Int = 4096
    ) {
        self.verifier = verifier
        self.outsideIssuers = outsideIssuers
        self.publicServices = publicServices
        self.cache = VerifiedTokenCache(capacity: cacheCapacity, skew: verifier.options.clockSkew)
    }

    public func intercept(
        _ context: RPCServerContext, next: @Sendable (RPCServerContext) async throws -> Void
    ) async throws {
        let access = publicServices.contains(context.method.service) ? .public : context.method.access
        let token: String?
        do {
            token = try Self.bearerToken(context.metadata["authorization"])
        } catch {
            // A malformed header is ignored only where no token is needed.
            guard access == .public else { throw error }
            token = nil
        }
        var context = context
        switch access {
        case .public:
            if let token, let principal = try? await principal(for: token) { context.principal = principal }
        case .authenticated(let roles):
            guard let token else { throw RPCStatus(.unauthenticated, "this method needs an access token") }
            let principal = try await principal(for: token)
            guard principal.kind == .user else {
                throw RPCStatus(.permissionDenied, "a service token cannot call \(context.method.description)")
            }
            if !roles.isEmpty, !roles.contains(where: principal.has(role:)) {
                throw RPCStatus(
                    .permissionDenied, "\(context.method.description) needs role \(roles.joined(separator: " or "))")
            }
            context.principal = principal
        case .internal:
            guard let token else { throw RPCStatus(.unauthenticated, "this internal method needs a service token") }
            let principal = try await principal(for: token)
            guard principal.kind == .service else {
                throw RPCStatus(.permissionDenied, "\(context.method.description) is internal: services only")
            }
            context.principal = principal
        }
        try await next(context)
    }

    /// The token of an `authorization` value: `Bearer <token>` (scheme case-insensitive).
    /// - Throws: ``RPC/RPCStatus`` `UNAUTHENTICATED` for another scheme or an empty token.
    static func bearerToken(_ header: String?) throws(RPCStatus) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw RPCStatus(.unauthenticated, "the authorization header is not \"Bearer <token>\"")
        }
        let token = parts[1].trimmingSpaces()
        guard !token.isEmpty else { throw RPCStatus(.unauthenticated, "the bearer token is empty") }
        return token
    }

    /// The verified principal of `token`, from the cache or a verification.
    func principal(for token: String) async throws(RPCStatus) -> Principal {
        let now = verifier.clock.now()
        if let cached = cache.principal(for: token, now: now) { return cached }
        let chosen = JWTVerifier.unverifiedIssuer(of: token).flatMap { outsideIssuers[$0] } ?? verifier
        let verified: VerifiedToken
        do {
            verified = try await chosen.verify(token)
        } catch {
            throw Self.status(for: error)
        }
        guard let principal = Principal(verified) else {
            throw RPCStatus(.unauthenticated, "the access token names no subject")
        }
        cache.insert(principal, for: token, notBefore: verified.claims.notBefore)
        return principal
    }

    /// `UNAUTHENTICATED` saying what is wrong with a token, never what it holds.
    static func status(for error: AuthError) -> RPCStatus {
        let reason: String
        switch error.code {
        case .expired: reason = "the access token has expired"
        case .notYetValid: reason = "the access token is not valid yet"
        case .wrongIssuer, .wrongAudience: reason = "the access token was not issued for this service"
        case .wrongKind: reason = "this kind of token is not accepted here"
        case .jwksUnavailable: return RPCStatus(.unavailable, "the token issuer's keys could not be fetched")
        default: reason = "the access token is not valid (\(error.code))"
        }
        return RPCStatus(.unauthenticated, reason)
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
