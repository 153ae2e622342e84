/// Who may call a method, as its contract declares it with `(room619.api.v1.method).access`:
/// the generator's own copy of `RPC.RPCAccess` (the generator does not link the RPC runtime).
///
/// ```proto
/// rpc Login(LoginRequest) returns (LoginResponse) {
///   option (room619.api.v1.method) = {access: {public: true}};
/// }
/// ```
///
/// ```swift
/// MethodAccess.public.descriptorArgument                            // ".public"
/// MethodAccess.authenticated(roles: ["admin"]).descriptorArgument   // ".authenticated(roles: [\"admin\"])"
/// MethodAccess.signedIn.descriptorArgument                          // nil: the descriptor's default
/// ```
enum MethodAccess: Hashable {
    /// Anyone, without a token (`access: {public: true}`).
    case `public`
    /// A user access token carrying at least one of `roles` (`access: {roles: […]}`), or any
    /// valid user token when `roles` is empty (no `access`, or `access: {}`).
    case authenticated(roles: [String])
    /// Other services only, with a service token (`access: {internal: true}`): never routed from
    /// the REST edge and left out of OpenAPI.
    case `internal`

    /// Any signed-in user: what a method with no declaration gets.
    static let signedIn = MethodAccess.authenticated(roles: [])

    /// The roles the caller needs one of; empty when any signed-in user (or anyone) may call.
    var roles: [String] {
        if case .authenticated(let roles) = self { return roles }
        return []
    }

    /// The value of the `access:` argument of a generated `RPC.RPCMethodDescriptor`, or `nil`
    /// for ``signedIn``, the initializer's default (so contracts that declare nothing generate
    /// the same code as before the option existed).
    var descriptorArgument: String? {
        switch self {
        case .public: ".public"
        case .internal: ".internal"
        case .authenticated(let roles) where roles.isEmpty: nil
        case .authenticated(let roles):
            ".authenticated(roles: [" + roles.map(SwiftNaming.stringLiteral).joined(separator: ", ") + "])"
        }
    }
}
