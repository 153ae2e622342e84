import Bytes
import Synchronization
import Testing
import Transport

@testable import Auth

/// A JWKS endpoint on loopback: serves whatever document the test sets, with a cache header,
/// or fails; counts requests.
final class JWKSEndpoint: HTTPHandler {
    struct Reply {
        var status = 200
        var body = ""
        var cacheControl: String?
    }

    let reply = Mutex(Reply())
    let requests = Atomic<Int>(0)

    func handle(_ request: HTTPRequest, _ response: HTTPResponseWriter) async throws {
        requests.add(1, ordering: .relaxed)
        let reply = self.reply.withLock { $0 }
        var headers: HTTPHeaders = ["content-type": "application/json"]
        if let cacheControl = reply.cacheControl { headers.add(name: "cache-control", value: cacheControl) }
        try await response.respond(status: reply.status, headers: headers, body: ByteBuffer(string: reply.body))
    }

    func serve(_ keys: KeySet, cacheControl: String? = nil) {
        reply.withLock { $0 = Reply(body: JWKS(publishing: keys, at: 0).jsonText, cacheControl: cacheControl) }
    }
}

@Suite("Remote JWKS over HTTP")
struct RemoteJWKSTests {
    /// Runs `body` with an endpoint on a loopback port, a client, and a source over them.
    func withEndpoint(
        configuration: RemoteJWKS.Configuration = RemoteJWKS.Configuration(),
        _ body: (JWKSEndpoint, RemoteJWKS, ManualClock) async throws -> Void
    ) async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let endpoint = JWKSEndpoint()
        let server = HTTPServer(configuration: .init(), handler: endpoint, group: group)
        let address = try await server.start()
        let client = HTTPClient(group: group)
        let fetcher = try HTTPJWKSFetcher(url: "http://127.0.0.1:\(address.port)/.well-known/jwks.json", client: client)
        let clock = ManualClock()
        let remote = try RemoteJWKS(fetcher: fetcher, configuration: configuration, clock: clock)
        do {
            try await body(endpoint, remote, clock)
        } catch {
            client.shutdown()
            await server.shutdown(gracePeriod: .seconds(1))
            throw error
        }
        client.shutdown()
        await server.shutdown(gracePeriod: .seconds(1))
    }

    func code(_ remote: RemoteJWKS, _ keyID: String, _ clock: ManualClock) async -> AuthError.Code? {
        do {
            _ = try await remote.verificationKey(for: keyID, at: clock.now())
            return nil
        } catch {
            return error.code
        }
    }

    @Test("fetches once, then serves from the cache while fresh (max-age honored)")
    func caching() async throws {
        try await withEndpoint { endpoint, remote, clock in
            endpoint.serve(KeySet(active: TestKeys.edDSA), cacheControl: "public, max-age=120")
            let verifier = try JWTVerifier(keys: remote, clock: clock)
            let token = try TestKeys.edDSA.sign(JWTClaims(subject: "u", expiresAt: clock.now() + 3600))
            for _ in 0..<5 { #expect(try await verifier.verify(token).keyID == "ed-1") }
            #expect(endpoint.requests.load(ordering: .relaxed) == 1)
            clock.advance(by: 119)
            _ = try await verifier.verify(token)
            #expect(endpoint.requests.load(ordering: .relaxed) == 1)
            clock.advance(by: 1)
            _ = try await verifier.verify(token)
            #expect(endpoint.requests.load(ordering: .relaxed) == 2)
        }
    }

    @Test("an unknown kid triggers a refetch that finds a rotated-in key")
    func unknownKidRefresh() async throws {
        try await withEndpoint { endpoint, remote, clock in
            endpoint.serve(KeySet(active: TestKeys.edDSA))
            #expect(await code(remote, "ed-1", clock) == nil)
            endpoint.serve(try KeySet(active: TestKeys.edDSA).adding(TestKeys.es256.verificationKey))
            clock.advance(by: 30)
            #expect(await code(remote, "ec-1", clock) == nil)
            #expect(endpoint.requests.load(ordering: .relaxed) == 2)
        }
    }

    @Test("a flood of random kids causes at most one fetch per refresh interval")
    func rateLimit() async throws {
        try await withEndpoint { endpoint, remote, clock in
            endpoint.serve(KeySet(active: TestKeys.edDSA))
            #expect(await code(remote, "ed-1", clock) == nil)
            clock.advance(by: 31)
            await withTaskGroup(of: AuthError.Code?.self) { group in
                for index in 0..<200 { group.addTask { await code(remote, "forged-\(index)", clock) } }
                for await result in group { #expect(result == .unknownKeyID) }
            }
            #expect(endpoint.requests.load(ordering: .relaxed) == 2)
            #expect(await code(remote, "forged-x", clock) == .unknownKeyID)
            clock.advance(by: 29)
            #expect(await code(remote, "forged-y", clock) == .unknownKeyID)
            #expect(endpoint.requests.load(ordering: .relaxed) == 2)
            clock.advance(by: 1)
            #expect(await code(remote, "forged-z", clock) == .unknownKeyID)
            #expect(endpoint.requests.load(ordering: .relaxed) == 3)
            #expect(await code(remote, "ed-1", clock) == nil)
        }
    }

    @Test("a failing endpoint keeps the last good keys; with none ever fetched, the JWKS is unavailable")
    func failureFallback() async throws {
        try await withEndpoint { endpoint, remote, clock in
            endpoint.reply.withLock { $0 = JWKSEndpoint.Reply(status: 503, body: "down") }
            #expect(await code(remote, "ed-1", clock) == .jwksUnavailable)
            #expect(remote.lastError?.code == .jwksUnavailable)
            clock.advance(by: 30)
            endpoint.serve(KeySet(active: TestKeys.edDSA), cacheControl: "max-age=60")
            #expect(await code(remote, "ed-1", clock) == nil)
            #expect(remote.lastError == nil)
            endpoint.reply.withLock { $0 = JWKSEndpoint.Reply(status: 200, body: "{not json") }
            clock.advance(by: 61)
            #expect(await code(remote, "ed-1", clock) == nil)
            #expect(remote.lastError?.code == .malformed)
            endpoint.reply.withLock { $0 = JWKSEndpoint.Reply(status: 500) }
            clock.advance(by: 31)
            #expect(await code(remote, "ed-1", clock) == nil)
            #expect(remote.lastError?.code == .jwksUnavailable)
            #expect(endpoint.requests.load(ordering: .relaxed) == 4)
        }
    }

    @Test("max-age is clamped, no-cache means the minimum, junk means the default")
    func cacheControl() throws {
        let remote = try RemoteJWKS(fetcher: FailingFetcher())
        #expect(remote.maxAge(nil) == 300)
        #expect(remote.maxAge("max-age=0") == 60)
        #expect(remote.maxAge("no-cache, max-age=600") == 60)
        #expect(remote.maxAge("public, max-age=600") == 600)
        #expect(remote.maxAge("max-age=\"900\"") == 900)
        #expect(remote.maxAge("max-age=99999999999999999999999") == 86_400)
        #expect(remote.maxAge("max-age=-5, private") == 300)
        #expect(remote.maxAge("s-maxage=10") == 300)
    }

    @Test("only http:// URLs with a valid authority")
    func urls() throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let client = HTTPClient(group: group)
        let fetcher = try HTTPJWKSFetcher(url: "http://[::1]:8080/keys?v=1", client: client)
        #expect(fetcher.host == "::1" && fetcher.port == 8080 && fetcher.target == "/keys?v=1")
        #expect(try HTTPJWKSFetcher(url: "http://issuer.local", client: client).target == "/")
        for bad in ["https://issuer/jwks", "http://:80/", "http://host:99999/", "ftp://x", "http://host:x/"] {
            #expect(throws: AuthError.self) { _ = try HTTPJWKSFetcher(url: bad, client: client) }
        }
    }
}

/// A fetcher that always fails.
struct FailingFetcher: JWKSFetcher {
    func fetchJWKS() async throws(AuthError) -> JWKSResponse {
        throw AuthError(.jwksUnavailable, "no network in this test")
    }
}
