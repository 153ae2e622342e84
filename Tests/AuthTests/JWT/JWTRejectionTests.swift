import Testing

@testable import Auth

@Suite("JWT rejections")
struct JWTRejectionTests {
    let clock = ManualClock()
    var now: Int64 { clock.now() }
    var payload: String { #"{"sub":"u","exp":\#(now + 600)}"# }

    func verifier(_ keys: KeySet, _ configure: (inout JWTValidationOptions) -> Void = { _ in }) throws -> JWTVerifier {
        var options = JWTValidationOptions()
        configure(&options)
        return try JWTVerifier(keys: keys, options: options, clock: clock)
    }

    func expectRefusal(_ code: AuthError.Code, _ token: String, _ verifier: JWTVerifier) async {
        await #expect {
            _ = try await verifier.verify(token)
        } throws: { error in
            (error as? AuthError)?.code == code
        }
    }

    @Test("alg none is refused, signed or not, with or without a kid")
    func algNone() async throws {
        let verifier = try verifier(KeySet(active: TestKeys.edDSA))
        for header in [#"{"alg":"none"}"#, #"{"alg":"none","kid":"ed-1"}"#, #"{"alg":"None","kid":"ed-1"}"#] {
            await expectRefusal(
                .unsupportedAlgorithm, Forge.token(header: header, payload: payload, signature: []), verifier)
            let withDot = Forge.token(header: header, payload: payload, signature: []) + ""
            await expectRefusal(.unsupportedAlgorithm, withDot, verifier)
        }
        await expectRefusal(
            .unsupportedAlgorithm,
            Forge.token(header: #"{"alg":"PS256","kid":"ed-1"}"#, payload: payload, signature: [1]),
            verifier)
    }

    @Test("HS256 signed with the RSA public key's PEM as the secret is refused: the key is pinned to RS256")
    func rsHsConfusion() async throws {
        let rsa = TestKeys.rs256
        let pem = try #require(try rsa.verificationKey.publicKeyPEM())
        let forged = try Forge.hmac(
            header: #"{"alg":"HS256","kid":"rsa-1","typ":"JWT"}"#, payload: payload, secret: Array(pem.utf8))
        await expectRefusal(.algorithmMismatch, forged, try verifier(KeySet(active: rsa)))
    }

    @Test("a header alg other than the key's is refused", arguments: JWTAlgorithm.all)
    func algorithmMismatch(claimed: JWTAlgorithm) async throws {
        for actual in JWTAlgorithm.all where actual != claimed {
            let key = TestKeys.key(actual)
            let token = try Forge.signed(
                header: #"{"alg":"\#(claimed.name)","kid":"\#(key.keyID)"}"#, payload: payload, by: key)
            await expectRefusal(.algorithmMismatch, token, try verifier(KeySet(active: key)))
        }
    }

    @Test("missing and unknown kids; a token signed by another key under a swapped kid")
    func keyIDs() async throws {
        let keys = KeySet(active: TestKeys.edDSA)
        let verifier = try verifier(keys)
        await expectRefusal(
            .missingKeyID, try Forge.signed(header: #"{"alg":"EdDSA"}"#, payload: payload, by: TestKeys.edDSA), verifier
        )
        await expectRefusal(
            .unknownKeyID,
            try Forge.signed(header: #"{"alg":"EdDSA","kid":"nope"}"#, payload: payload, by: TestKeys.edDSA),
            verifier)
        let other = try SigningKey.generate(.edDSA)
        let swapped = try Forge.signed(header: #"{"alg":"EdDSA","kid":"ed-1"}"#, payload: payload, by: other)
        await expectRefusal(.badSignature, swapped, verifier)
    }

    @Test("a tampered payload, header or signature fails the signature", arguments: JWTAlgorithm.all)
    func tampering(algorithm: JWTAlgorithm) async throws {
        let key = TestKeys.key(algorithm)
        let verifier = try verifier(KeySet(active: key))
        let token = try key.sign(JWTClaims(subject: "u", expiresAt: now + 600, roles: ["user"]))
        let parts = token.split(separator: ".").map(String.init)
        let elevated = Base64URL.encode(Array(#"{"sub":"u","exp":\#(now + 600),"roles":["admin"]}"#.utf8))
        await expectRefusal(.badSignature, [parts[0], elevated, parts[2]].joined(separator: "."), verifier)
        var signature = try #require(Base64URL.decode(parts[2]))
        signature[signature.count / 2] ^= 0x01
        await expectRefusal(
            .badSignature, [parts[0], parts[1], Base64URL.encode(signature)].joined(separator: "."), verifier)
        await expectRefusal(.badSignature, [parts[0], parts[1], ""].joined(separator: "."), verifier)
    }

    @Test("an ES256 signature in DER form instead of raw r||s is refused")
    func es256DER() async throws {
        let key = TestKeys.es256
        let token = try key.sign(JWTClaims(subject: "u", expiresAt: now + 600))
        let parts = token.split(separator: ".").map(String.init)
        let raw = try #require(Base64URL.decode(parts[2]))
        let der = try #require(ECDSASignature.der(fromRaw: raw))
        #expect(der.count > 64)
        let forged = [parts[0], parts[1], Base64URL.encode(der)].joined(separator: ".")
        await expectRefusal(.badSignature, forged, try verifier(KeySet(active: key)))
    }

    @Test(
        "malformed tokens",
        arguments: [
            "", "a", "a.b", "a.b.c.d", "a.b.c.d.e", "....", "e30.e30.", "eyJhbGciOiJFZERTQSJ9=.e30.AA",
            "!!.e30.AA", "e30.e30.AA==",
        ])
    func malformed(token: String) async throws {
        await expectRefusal(.malformed, token, try verifier(KeySet(active: TestKeys.edDSA)))
    }

    @Test("crit headers, non-object headers and an oversized token are malformed")
    func malformedHeaders() async throws {
        let verifier = try verifier(KeySet(active: TestKeys.edDSA))
        let crit = try Forge.signed(
            header: #"{"alg":"EdDSA","kid":"ed-1","crit":["b64"],"b64":false}"#, payload: payload, by: TestKeys.edDSA)
        await expectRefusal(.malformed, crit, verifier)
        await expectRefusal(.malformed, Forge.token(header: #"["EdDSA"]"#, payload: payload, signature: [1]), verifier)
        await expectRefusal(.malformed, Forge.token(header: #"{"alg":7}"#, payload: payload, signature: [1]), verifier)
        let bulky = JWTClaims(subject: String(repeating: "x", count: 9000), expiresAt: now + 60)
        await expectRefusal(.malformed, try TestKeys.edDSA.sign(bulky), verifier)
    }

    @Test("a payload that is not JSON is refused after the signature checks out")
    func payloadNotJSON() async throws {
        let token = try Forge.signed(header: #"{"alg":"EdDSA","kid":"ed-1"}"#, payload: "not json", by: TestKeys.edDSA)
        await expectRefusal(.malformed, token, try verifier(KeySet(active: TestKeys.edDSA)))
    }

    @Test("issuer, audience, kind and a missing exp")
    func claimChecks() async throws {
        let keys = KeySet(active: TestKeys.edDSA)
        let strict = try verifier(keys) {
            $0.issuer = "room619"
            $0.audience = "api"
        }
        let sign = { (claims: JWTClaims) in try TestKeys.edDSA.sign(claims) }
        let good = JWTClaims(subject: "u", issuer: "room619", audience: ["web", "api"], expiresAt: now + 60)
        #expect(try await strict.verify(try sign(good)).claims == good)
        var wrongIssuer = good
        wrongIssuer.issuer = "evil"
        await expectRefusal(.wrongIssuer, try sign(wrongIssuer), strict)
        var noIssuer = good
        noIssuer.issuer = nil
        await expectRefusal(.wrongIssuer, try sign(noIssuer), strict)
        var wrongAudience = good
        wrongAudience.audience = ["web"]
        await expectRefusal(.wrongAudience, try sign(wrongAudience), strict)
        var noExpiry = good
        noExpiry.expiresAt = nil
        await expectRefusal(.missingClaim, try sign(noExpiry), strict)
        let lenient = try verifier(keys) { $0.requiresExpiration = false }
        #expect(try await lenient.verify(try sign(noExpiry)).claims.expiresAt == nil)
        var service = good
        service.kind = .service
        await expectRefusal(.wrongKind, try sign(service), try verifier(keys) { $0.acceptedKinds = [.user] })
    }

    @Test("error messages carry no token text or secret")
    func noSecretsInMessages() async throws {
        let secretClaim = "s3cr3t-value-in-claims"
        let token = try TestKeys.hs256.sign(JWTClaims(subject: secretClaim, expiresAt: now - 3600))
        let hsVerifier = try verifier(KeySet(active: TestKeys.hs256))
        do {
            _ = try await hsVerifier.verify(token)
            Issue.record("an expired token verified")
        } catch {
            #expect(error.code == .expired)
            #expect(!error.description.contains(secretClaim))
            #expect(!error.description.contains(token))
        }
        let longKeyID = String(repeating: "k", count: 500) + "\\u0007"
        let forged = try Forge.signed(
            header: #"{"alg":"EdDSA","kid":"\#(longKeyID)"}"#, payload: payload, by: TestKeys.edDSA)
        let edVerifier = try verifier(KeySet(active: TestKeys.edDSA))
        do {
            _ = try await edVerifier.verify(forged)
            Issue.record("a token with an unknown kid verified")
        } catch {
            #expect(error.code == .unknownKeyID)
            #expect(error.message.count < 150)
        }
    }
}
