/// Who may call a method, as its contract declares it with
/// `option (room619.api.v1.method) = {access: {…}}`. The auth interceptor enforces it; the
/// gateway never routes an ``internal`` method from the REST edge; OpenAPI documents it.
///
/// ```proto
/// rpc Login(LoginRequest) returns (LoginResponse) {
///   option (room619.api.v1.method) = {access: {public: true}};
/// }
/// rpc SetRoles(SetRolesRequest) returns (User) {
///   option (room619.api.v1.method) = {access: {roles: ["admin"]}};
/// }
/// ```
public enum RPCAccess: Sendable, Hashable, CustomStringConvertible {
    /// Anyone, without a token.
    case `public`
    /// A valid user access token carrying at least one of `roles`; any valid token when
    /// `roles` is empty. What a method with no declaration gets.
    case authenticated(roles: [String])
    /// Other services only, with a service token signed by the platform.
    case `internal`

    /// Any signed-in user: the default.
    public static let signedIn = RPCAccess.authenticated(roles: [])

    public var description: String {
        switch self {
        case .public: "public"
        case .authenticated(let roles) where roles.isEmpty: "authenticated"
        case .authenticated(let roles): "roles " + roles.joined(separator: ", ")
        case .internal: "internal"
        }
    }
}
