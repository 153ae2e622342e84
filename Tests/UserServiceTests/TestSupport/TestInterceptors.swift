import RPC
import UserContracts

/// The access `user.proto` declares for each method (`room619.api.v1.method` `access`): public
/// sign-up and sessions, administrators for listing and roles, signed in for the rest.
enum DeclaredAccess {
    static let methods: [String: RPCAccess] = [
        "CreateUser": .public, "Login": .public, "Refresh": .public, "Logout": .public,
        "ListUsers": .authenticated(roles: ["admin"]), "SetRoles": .authenticated(roles: ["admin"]),
    ]

    /// The access a method of `user.v1.UserService` is meant to have.
    static func access(of method: String) -> RPCAccess {
        methods[method] ?? .signedIn
    }
}

/// Takes the contract's access declarations away (every method then needs only a signed-in
/// caller), so a test can show what the service's own role checks keep out without them.
struct UndeclaredAccessInterceptor: RPCServerInterceptor {
    func intercept(
        _ context: RPCServerContext, next: @Sendable (RPCServerContext) async throws -> Void
    ) async throws {
        var context = context
        let method = context.method
        context.method = RPCMethodDescriptor(service: method.service, method: method.method, kind: method.kind)
        try await next(context)
    }
}

/// Sets the call's peer from `x-test-peer` metadata, so tests act as clients at several
/// addresses over the in-process transport (whose peer is always `in-process`).
struct TestPeerInterceptor: RPCServerInterceptor {
    func intercept(
        _ context: RPCServerContext, next: @Sendable (RPCServerContext) async throws -> Void
    ) async throws {
        var context = context
        if let peer = context.metadata["x-test-peer"] { context.peer = peer }
        try await next(context)
    }
}
