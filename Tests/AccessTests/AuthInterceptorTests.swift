import Access
import Auth
import InteropContracts
import RPC
import StandardServices
import Synchronization
import Testing

/// A clock the test moves.
final class TestClock: AuthClock {
    private let seconds: Atomic<Int64>
    init(_ now: Int64) { seconds = Atomic(now) }
    func now() -> Int64 { seconds.load(ordering: .relaxed) }
    func advance(by delta: Int64) { seconds.add(delta, ordering: .relaxed) }
}

/// One method per access level; each answers with the caller's subject (or "nobody").
struct Guarded: RPCService {
    static let open = RPCMethodDescriptor(service: "test.Guarded", method: "Open", kind: .unary, access: .public)
    static let signedIn = RPCMethodDescriptor(service: "test.Guarded", method: "SignedIn", kind: .unary)
    static let admin = RPCMethodDescriptor(
        service: "test.Guarded", method: "Admin", kind: .unary, access: .authenticated(roles: ["admin", "ops"]))
    static let inside = RPCMethodDescriptor(service: "test.Guarded", method: "Inside", kind: .unary, access: .internal)
    /// Alice's account: she or an administrator.
    static let alicesAccount = RPCMethodDescriptor(service: "test.Guarded", method: "AlicesAccount", kind: .unary)

    static var serviceDescriptor: RPCServiceDescriptor {
        RPCServiceDescriptor(
            name: "test.Guarded", methods: [open, signedIn, admin, inside, alicesAccount], file: "test/guarded.proto")
    }

    var methods: [RPCServerMethod] {
        [Self.open, Self.signedIn, Self.admin, Self.inside].map { descriptor in
            .unary(descriptor) { (_: Grpc_Testing_Empty, context) -> Grpc_Testing_SimpleResponse in
                var response = Grpc_Testing_SimpleResponse()
                response.username = context.principal?.subject ?? "nobody"
                return response
            }
        }
            + [
                .unary(Self.alicesAccount) { (_: Grpc_Testing_Empty, context) -> Grpc_Testing_SimpleResponse in
                    var response = Grpc_Testing_SimpleResponse()
                    response.username = try context.requireSelfOrRole(owner: "alice").subject
                    return response
                }
            ]
    }
}

@Suite("The auth interceptor enforces each method's declared access")
struct AuthInterceptorTests {
    let clock = TestClock(1_800_000_000)
    let keys: KeyRing
    let issuer: JWTIssuer
    let client: RPCClient

    init() throws {
        keys = KeyRing(KeySet(active: try SigningKey.generate(.edDSA)))
        issuer = try JWTIssuer(keys: keys, issuer: "room619", audience: ["room619"], clock: clock)
        let options = try JWTValidationOptions.defaults {
            $0.issuer = "room619"
            $0.audience = "room619"
        }
        let verifier = try JWTVerifier(keys: keys, options: options, clock: clock)
        var configuration = RPCServer.Configuration()
        configuration.interceptors = [AuthInterceptor(verifier: verifier)]
        let server = RPCServer(services: [Guarded()], configuration: configuration)
        client = RPCClient(transport: InProcessTransport(server: server))
    }

    /// The caller the method saw, or the status it ended with.
    func call(_ method: RPCMethodDescriptor, authorization: String?) async -> Result<String, RPCStatus> {
        var options = RPCCallOptions()
        if let authorization { options.metadata.add("authorization", authorization) }
        do {
            let response: Grpc_Testing_SimpleResponse = try await client.unary(
                method, Grpc_Testing_Empty(), options: options)
            return .success(response.username)
        } catch let status as RPCStatus {
            return .failure(status)
        } catch {
            return .failure(RPCStatus(.unknown, "\(error)"))
        }
    }

    func code(_ result: Result<String, RPCStatus>) -> RPCStatus.Code? {
        if case .failure(let status) = result { return status.code }
        return nil
    }

    @Test("public methods run without a token, and see a valid one's caller")
    func publicMethods() async throws {
        let alice = try issuer.issue(subject: "alice")
        #expect(try await call(Guarded.open, authorization: nil).get() == "nobody")
        #expect(try await call(Guarded.open, authorization: "Bearer \(alice)").get() == "alice")
        // A stale or broken token does not lock anyone out of a public page.
        #expect(try await call(Guarded.open, authorization: "Bearer not.a.token").get() == "nobody")
        #expect(try await call(Guarded.open, authorization: "Basic YWxpY2U6cHc=").get() == "nobody")
    }

    @Test("signed-in methods need a valid user token")
    func signedInMethods() async throws {
        let alice = try issuer.issue(subject: "alice")
        #expect(try await call(Guarded.signedIn, authorization: "Bearer \(alice)").get() == "alice")
        #expect(try await call(Guarded.signedIn, authorization: "bearer  \(alice) ").get() == "alice")
        for header in [nil, "Bearer", "Basic YWxpY2U6cHc=", "Bearer garbage", "Bearer a.b.c"] {
            #expect(
                code(await call(Guarded.signedIn, authorization: header)) == .unauthenticated, "\(header ?? "none")")
        }
        // Signed by a key the platform does not have.
        let stranger = try JWTIssuer(
            keys: KeyRing(KeySet(active: try SigningKey.generate(.edDSA))), issuer: "room619", audience: ["room619"],
            clock: clock)
        #expect(
            code(await call(Guarded.signedIn, authorization: "Bearer \(try stranger.issue(subject: "mallory"))"))
                == .unauthenticated)
        // The right key, another issuer.
        let elsewhere = try JWTIssuer(keys: keys, issuer: "elsewhere", audience: ["room619"], clock: clock)
        #expect(
            code(await call(Guarded.signedIn, authorization: "Bearer \(try elsewhere.issue(subject: "eve"))"))
                == .unauthenticated)
        // `alg: none` with alice's claims.
        let parts = alice.split(separator: ".")
        let none = Base64URL.encode(Array(#"{"alg":"none","typ":"JWT"}"#.utf8)) + "." + parts[1] + "."
        #expect(code(await call(Guarded.signedIn, authorization: "Bearer \(none)")) == .unauthenticated)
        // A service token is not a user.
        let service = try issuer.issueServiceToken(service: "order", audience: "room619")
        #expect(code(await call(Guarded.signedIn, authorization: "Bearer \(service)")) == .permissionDenied)
    }

    @Test("expiry is checked on every call, cached verification or not")
    func expiry() async throws {
        let alice = try issuer.issue(subject: "alice")  // 15 minutes
        #expect(try await call(Guarded.signedIn, authorization: "Bearer \(alice)").get() == "alice")
        clock.advance(by: 15 * 60 + 30)  // within the 60 s skew
        #expect(try await call(Guarded.signedIn, authorization: "Bearer \(alice)").get() == "alice")
        clock.advance(by: 31)
        let expired = await call(Guarded.signedIn, authorization: "Bearer \(alice)")
        #expect(code(expired) == .unauthenticated)
        if case .failure(let status) = expired { #expect(status.message.contains("expired")) }
    }

    @Test("role-restricted methods need one of the roles")
    func roles() async throws {
        let alice = try issuer.issue(subject: "alice", roles: ["customer"])
        let root = try issuer.issue(subject: "root", roles: ["customer", "admin"])
        let ops = try issuer.issue(subject: "pat", roles: ["ops"])
        #expect(code(await call(Guarded.admin, authorization: "Bearer \(alice)")) == .permissionDenied)
        #expect(try await call(Guarded.admin, authorization: "Bearer \(root)").get() == "root")
        #expect(try await call(Guarded.admin, authorization: "Bearer \(ops)").get() == "pat")
        #expect(code(await call(Guarded.admin, authorization: nil)) == .unauthenticated)
    }

    @Test("internal methods take service tokens only")
    func internalMethods() async throws {
        let service = try issuer.issueServiceToken(service: "order", audience: "room619")
        let root = try issuer.issue(subject: "root", roles: ["admin"])
        #expect(try await call(Guarded.inside, authorization: "Bearer \(service)").get() == "order")
        #expect(code(await call(Guarded.inside, authorization: "Bearer \(root)")) == .permissionDenied)
        #expect(code(await call(Guarded.inside, authorization: nil)) == .unauthenticated)
    }

    @Test("a user may act on their own account; an administrator on any")
    func ownership() async throws {
        let alice = try issuer.issue(subject: "alice", roles: ["customer"])
        let bob = try issuer.issue(subject: "bob", roles: ["customer"])
        let root = try issuer.issue(subject: "root", roles: ["admin"])
        #expect(try await call(Guarded.alicesAccount, authorization: "Bearer \(alice)").get() == "alice")
        #expect(code(await call(Guarded.alicesAccount, authorization: "Bearer \(bob)")) == .permissionDenied)
        #expect(try await call(Guarded.alicesAccount, authorization: "Bearer \(root)").get() == "root")
    }

    @Test("health checks need no token, though the health contract declares no access")
    func healthIsPublic() async throws {
        let health = HealthService()
        health.setStatus(.serving, for: "")
        let verifier = try JWTVerifier(keys: keys, clock: clock)
        var configuration = RPCServer.Configuration()
        configuration.interceptors = [AuthInterceptor(verifier: verifier)]
        let client = Grpc_Health_V1_Health.Client(
            client: RPCClient(
                transport: InProcessTransport(server: RPCServer(services: [health], configuration: configuration))))
        #expect(try await client.check(Grpc_Health_V1_HealthCheckRequest()).status == .serving)
        // Without the exemption the same call is refused: the default is "signed in".
        var strict = RPCServer.Configuration()
        strict.interceptors = [AuthInterceptor(verifier: verifier, publicServices: [])]
        let refused = Grpc_Health_V1_Health.Client(
            client: RPCClient(
                transport: InProcessTransport(server: RPCServer(services: [health], configuration: strict))))
        await #expect(throws: RPCStatus.self) { try await refused.check(Grpc_Health_V1_HealthCheckRequest()) }
    }
}
