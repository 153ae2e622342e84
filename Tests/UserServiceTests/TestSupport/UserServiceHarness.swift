import Access
import Auth
import RPC
import Storage
import Testing
import UserContracts
import UserService

/// The user service on a fresh database, served by an `RPCServer` with the platform's auth
/// interceptor over the in-process transport, and a generated client to it.
///
/// Passwords are hashed with Argon2id at its cheapest (8 KiB, one pass) unless a test asks for
/// other parameters: these tests check the flows, not the cost (the OWASP defaults are Auth's,
/// tested there).
struct UserServiceHarness: Sendable {
    static let cheapArgon2 = PasswordHashParameters(memoryKiB: 8, iterations: 1, parallelism: 1)

    let driver: Driver
    let database: any SQLDatabase
    let clock: TestClock
    let keys: KeyRing
    let issuer: JWTIssuer
    let verifier: JWTVerifier
    let declaresAccess: Bool
    let service: UserService
    let transport: TrailerRecordingTransport
    let client: User_V1_UserService.Client
    let rpc: RPCClient

    /// Runs `body` with a harness on a fresh database of `driver`.
    static func with<Value>(
        _ driver: Driver, parameters: PasswordHashParameters = cheapArgon2, declaresAccess: Bool = true,
        configure: (inout UserServiceConfiguration) -> Void = { _ in },
        _ body: (UserServiceHarness) async throws -> Value
    ) async throws -> Value {
        try await withTestDatabase(driver) { database in
            let harness = try await UserServiceHarness(
                driver: driver, database: database, parameters: parameters, declaresAccess: declaresAccess,
                configure: configure)
            return try await body(harness)
        }
    }

    /// - Parameter declaresAccess: Whether the server enforces the access `user.proto` declares
    ///   (the generated descriptors carry it); without it (``UndeclaredAccessInterceptor``) every
    ///   method needs a signed-in user, and the service's own role checks are what stands.
    private init(
        driver: Driver, database: any SQLDatabase, parameters: PasswordHashParameters, declaresAccess: Bool,
        configure: (inout UserServiceConfiguration) -> Void
    ) async throws {
        self.driver = driver
        self.database = database
        clock = TestClock()
        keys = KeyRing(KeySet(active: try SigningKey.generate(.edDSA)))
        issuer = try JWTIssuer(keys: keys, issuer: "room619", audience: ["room619"], clock: clock)
        var hashing = PasswordHasher.Configuration()
        hashing.parameters = parameters
        var configuration = UserServiceConfiguration.defaults
        configure(&configuration)
        service = try UserService(
            database: database, issuer: issuer, hasher: try PasswordHasher(configuration: hashing), clock: clock,
            configuration: configuration)
        try await service.prepare()
        let options = try JWTValidationOptions.defaults {
            $0.issuer = "room619"
            $0.audience = "room619"
        }
        verifier = try JWTVerifier(keys: keys, options: options, clock: clock)
        self.declaresAccess = declaresAccess
        transport = TrailerRecordingTransport(
            server: Self.server(for: service, verifier: verifier, declaresAccess: declaresAccess))
        rpc = RPCClient(transport: transport)
        client = User_V1_UserService.Client(client: rpc)
    }

    /// A server of `service` behind the test peer, the declared access and the auth interceptor.
    static func server(for service: UserService, verifier: JWTVerifier, declaresAccess: Bool) -> RPCServer {
        var configuration = RPCServer.Configuration()
        configuration.interceptors =
            [TestPeerInterceptor()] + (declaresAccess ? [] : [UndeclaredAccessInterceptor()])
            + [AuthInterceptor(verifier: verifier)]
        return RPCServer(services: [service], configuration: configuration)
    }

    /// A client of another service instance (on this harness's database, say) behind the same
    /// interceptors and keys.
    func client(of other: UserService) -> User_V1_UserService.Client {
        User_V1_UserService.Client(
            client: RPCClient(
                transport: InProcessTransport(
                    server: Self.server(for: other, verifier: verifier, declaresAccess: declaresAccess))))
    }

    /// Call options with `authorization: Bearer <token>` (when given) and the test peer.
    func options(token: String? = nil, peer: String? = nil) -> RPCCallOptions {
        var options = RPCCallOptions()
        if let token { options.metadata.add("authorization", "Bearer \(token)") }
        if let peer { options.metadata.add("x-test-peer", peer) }
        return options
    }

    /// Signs up an account.
    @discardableResult
    func signUp(
        _ email: String, password: String = "correct horse battery", name: String = "Someone"
    ) async throws -> User_V1_User {
        try await client.createUser(User_V1_CreateUserRequest(email: email, displayName: name, password: password))
    }

    /// Signs in.
    func login(
        _ email: String, password: String = "correct horse battery", peer: String? = nil
    ) async throws -> User_V1_LoginResponse {
        try await client.login(User_V1_LoginRequest(email: email, password: password), options: options(peer: peer))
    }

    /// Signs up and signs in: the account and its access token.
    func signedIn(
        _ email: String, password: String = "correct horse battery"
    ) async throws -> (
        user: User_V1_User, token: String
    ) {
        let user = try await signUp(email, password: password)
        return (user, try await login(email, password: password).accessToken)
    }

    /// An administrator made with ``UserService/ensureAdmin(email:password:displayName:)``, signed in.
    func administrator(_ email: String = "root@example.com") async throws -> (user: User_V1_User, token: String) {
        try await service.ensureAdmin(email: email, password: "administrator password")
        let response = try await login(email, password: "administrator password")
        return (try #require(response.user), response.accessToken)
    }
}

/// Expects `body` to fail with `code` (and a message containing `message`) and returns the status.
@discardableResult
func expectStatus<Value>(
    _ code: RPCStatus.Code, _ message: String? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Value
) async -> RPCStatus? {
    do {
        let value = try await body()
        Issue.record("expected \(code), got \(value)", sourceLocation: sourceLocation)
        return nil
    } catch let status as RPCStatus {
        #expect(status.code == code, "\(status)", sourceLocation: sourceLocation)
        if let message { #expect(status.message.contains(message), "\(status)", sourceLocation: sourceLocation) }
        return status
    } catch {
        Issue.record("expected an RPCStatus, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
