import Testing

@testable import Auth

@Suite("JWT sign and verify")
struct JWTRoundTripTests {
    @Test("a signed token verifies with its key and keeps every claim", arguments: JWTAlgorithm.all)
    func roundTrip(algorithm: JWTAlgorithm) async throws {
        let key = TestKeys.key(algorithm)
        let clock = ManualClock()
        var claims = JWTClaims(
            subject: "user-42", issuer: "room619", audience: ["room619", "admin-ui"], expiresAt: clock.now() + 900,
            notBefore: clock.now() - 5, issuedAt: clock.now(), tokenID: "t-1", roles: ["admin", "reader"],
            scopes: ["read", "write"])
        claims.additionalClaims["tenant"] = .string("acme")
        claims.additionalClaims["limits"] = .object(["rps": .number("50"), "burst": .number("1.5e2")])
        let token = try key.sign(claims)
        #expect(token.split(separator: ".").count == 3)
        let verifier = try JWTVerifier(keys: KeySet(active: key), clock: clock)
        let verified = try await verifier.verify(token)
        #expect(verified.claims == claims)
        #expect(verified.keyID == key.keyID)
        #expect(verified.algorithm == algorithm)
    }

    @Test("a service token says so and carries its audience")
    func serviceToken() async throws {
        let clock = ManualClock()
        let ring = KeyRing(KeySet(active: TestKeys.edDSA))
        let issuer = try JWTIssuer(keys: ring, issuer: "room619", audience: ["room619"], clock: clock)
        let token = try issuer.issueServiceToken(service: "order", audience: "product")
        let verified = try await JWTVerifier(keys: ring, clock: clock).verify(token)
        #expect(verified.claims.kind == .service)
        #expect(verified.claims.subject == "order")
        #expect(verified.claims.audience == ["product"])
        #expect(verified.claims.expiresAt == clock.now() + 300)
        #expect(verified.claims.tokenID?.count == 22)
        let userOnly = try JWTVerifier(
            keys: ring, options: .defaults { $0.acceptedKinds = [.user] }, clock: clock)
        await #expect { _ = try await userOnly.verify(token) } throws: { ($0 as? AuthError)?.code == .wrongKind }
    }

    @Test("ES256 signatures are 64 bytes, raw r and s")
    func es256SignatureForm() throws {
        let token = try TestKeys.es256.sign(JWTClaims(subject: "x", expiresAt: 2_000_000_000))
        let signature = try #require(Base64URL.decode(String(token.split(separator: ".")[2])))
        #expect(signature.count == 64)
    }

    @Test(
        "a key round-trips through PEM and keeps its thumbprint key ID",
        arguments: [JWTAlgorithm.edDSA, .es256, .rs256])
    func pemRoundTrip(algorithm: JWTAlgorithm) async throws {
        let key = try SigningKey.generate(algorithm)
        let pem = try #require(try key.privateKeyPEM())
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let reloaded = try SigningKey(privateKeyPEM: pem)
        #expect(reloaded.keyID == key.keyID)
        #expect(reloaded.algorithm == algorithm)
        let publicPEM = try #require(try key.verificationKey.publicKeyPEM())
        let verification = try VerificationKey(publicKeyPEM: publicPEM)
        #expect(verification.keyID == key.keyID)
        let token = try reloaded.sign(JWTClaims(subject: "x", expiresAt: 2_000_000_000))
        let verifier = try JWTVerifier(
            keys: KeySet(active: key), clock: ManualClock())
        #expect(try await verifier.verify(token).claims.subject == "x")
    }
}

@Suite("Choosing a verifier by issuer")
struct UnverifiedIssuerTests {
    @Test("the unverified iss routes; garbage yields nil")
    func peek() throws {
        let token = try TestKeys.edDSA.sign(JWTClaims(subject: "u", issuer: "https://idp.example"))
        #expect(JWTVerifier.unverifiedIssuer(of: token) == "https://idp.example")
        #expect(JWTVerifier.unverifiedIssuer(of: "a.b.c") == nil)
        #expect(JWTVerifier.unverifiedIssuer(of: try TestKeys.edDSA.sign(JWTClaims(subject: "u"))) == nil)
    }
}
