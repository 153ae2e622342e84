public import Auth
public import RPC
public import ServiceHost
public import Storage

/// What a module of the platform gets to build itself: the configuration, the token keys, an
/// issuer for tokens and a verifier, and its own database (migrations are the module's to run).
public struct PlatformContext: Sendable {
    public let configuration: PlatformConfiguration
    public let keys: KeyRing
    /// Signs user access tokens and service tokens with the active key.
    public let issuer: JWTIssuer
    /// Verifies the platform's own tokens.
    public let verifier: JWTVerifier
}

/// What a module contributes to the process.
public struct PlatformModuleParts: Sendable {
    /// Served over gRPC and REST.
    public var rpcServices: [any RPCService]
    /// Run beside the listener (sweepers, relays).
    public var services: [any Service]
    /// Run once the host listens (an administrator's bootstrap); their output goes to stdout.
    public var onStart: [@Sendable () async throws -> [String]]

    public init(
        rpcServices: [any RPCService], services: [any Service] = [],
        onStart: [@Sendable () async throws -> [String]] = []
    ) {
        self.rpcServices = rpcServices
        self.services = services
        self.onStart = onStart
    }
}

/// One service of the platform (`user`, `product`): its name (its SQLite file, its PostgreSQL
/// schema) and how it builds itself on its database.
public struct PlatformModule: Sendable {
    /// `user`, `product`.
    public var name: String
    /// Migrates `database` and builds the module's services.
    public var build:
        @Sendable (_ database: any SQLDatabase, _ context: PlatformContext) async throws -> PlatformModuleParts

    public init(
        name: String,
        build:
            @escaping @Sendable (_ database: any SQLDatabase, _ context: PlatformContext) async throws ->
            PlatformModuleParts
    ) {
        self.name = name
        self.build = build
    }
}
