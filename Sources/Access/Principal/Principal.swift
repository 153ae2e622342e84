public import Auth
public import RPC

/// Who is calling: what a verified access token says, as the auth interceptor puts it into the
/// call's context for handlers and later interceptors.
///
/// ```swift
/// func getUser(_ request: GetUserRequest, context: RPCServerContext) async throws -> User {
///     try context.requireSelfOrRole(owner: request.id, role: "admin")
///     …
/// }
/// ```
public struct Principal: Sendable, Hashable {
    /// The token's subject: a user id, or a service name for a service token.
    public var subject: String
    /// A user's token or a service's.
    public var kind: TokenKind
    /// The roles the token grants.
    public var roles: Set<String>
    /// Who signed the token (`iss`), when it says.
    public var issuer: String?
    /// The token's id (`jti`), when it has one.
    public var tokenID: String?
    /// When the token expires, in seconds since 1970.
    public var expiresAt: Int64?

    public init(
        subject: String, kind: TokenKind = .user, roles: Set<String> = [], issuer: String? = nil,
        tokenID: String? = nil, expiresAt: Int64? = nil
    ) {
        self.subject = subject
        self.kind = kind
        self.roles = roles
        self.issuer = issuer
        self.tokenID = tokenID
        self.expiresAt = expiresAt
    }

    /// The principal of a verified token; `nil` when it names no subject.
    public init?(_ token: VerifiedToken) {
        guard let subject = token.claims.subject, !subject.isEmpty else { return nil }
        self.init(
            subject: subject, kind: token.claims.kind, roles: Set(token.claims.roles), issuer: token.claims.issuer,
            tokenID: token.claims.tokenID, expiresAt: token.claims.expiresAt)
    }

    /// Whether the token grants `role`.
    public func has(role: String) -> Bool { roles.contains(role) }
}

/// The context key under which the auth interceptor stores the caller.
public enum PrincipalKey: RPCContextKey {
    public typealias Value = Principal
}

extension RPCServerContext {
    /// The verified caller, or `nil` for a call without a (valid) token: only public methods run
    /// without one.
    public var principal: Principal? {
        get { self[PrincipalKey.self] }
        set { self[PrincipalKey.self] = newValue }
    }

    /// The caller, or `UNAUTHENTICATED`.
    public func requirePrincipal() throws(RPCStatus) -> Principal {
        guard let principal else { throw RPCStatus(.unauthenticated, "this method needs an access token") }
        return principal
    }

    /// The caller when it is the user `owner` or holds `role`; otherwise `PERMISSION_DENIED`
    /// (a user may read and change only their own account unless they are an administrator).
    @discardableResult
    public func requireSelfOrRole(owner: String, role: String = "admin") throws(RPCStatus) -> Principal {
        let principal = try requirePrincipal()
        guard principal.kind == .user, principal.subject == owner || principal.has(role: role) else {
            throw RPCStatus(.permissionDenied, "only the account's owner or a holder of role \(role) may do this")
        }
        return principal
    }
}
