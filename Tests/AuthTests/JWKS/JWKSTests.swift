import Testing

@testable import Auth

@Suite("JWKS")
struct JWKSTests {
    @Test("a published set reads back into keys that verify the set's tokens")
    func roundTrip() async throws {
        let keys = try KeySet(active: TestKeys.edDSA).adding(TestKeys.es256.verificationKey).adding(
            TestKeys.rs256.verificationKey
        ).adding(TestKeys.hs256.verificationKey)
        let document = JWKS(publishing: keys, at: 0)
        #expect(document.keys.compactMap(\.keyID) == ["ec-1", "ed-1", "rsa-1"])
        let json = document.jsonText
        #expect(!json.contains("\"d\""))
        #expect(!json.contains("oct"))
        let parsed = try JWKS(json: Array(json.utf8))
        #expect(parsed == document)
        let (usable, skipped) = parsed.verificationKeys()
        #expect(skipped.isEmpty)
        #expect(usable.count == 3)
        for signer in [TestKeys.edDSA, TestKeys.es256, TestKeys.rs256] {
            let token = try signer.sign(JWTClaims(subject: "u", expiresAt: 2_000_000_000))
            let source = try #require(usable[signer.keyID])
            let verifier = try JWTVerifier(
                keys: try KeySet(active: TestKeys.hs256).adding(source), clock: ManualClock())
            #expect(try await verifier.verify(token).algorithm == signer.algorithm)
        }
    }

    @Test("JWK members have the RFC 7518 / 8037 shapes")
    func shapes() throws {
        let ed = try #require(try TestKeys.edDSA.verificationKey.jwk())
        #expect(ed.keyType == "OKP" && ed.curve == "Ed25519" && ed.x?.count == 32 && ed.algorithm == "EdDSA")
        let ec = try #require(try TestKeys.es256.verificationKey.jwk())
        #expect(ec.keyType == "EC" && ec.curve == "P-256" && ec.x?.count == 32 && ec.y?.count == 32)
        let rsa = try #require(try TestKeys.rs256.verificationKey.jwk())
        #expect(rsa.keyType == "RSA" && rsa.modulus?.count == 256 && rsa.exponent == [1, 0, 1])
        #expect(rsa.use == "sig" && rsa.algorithm == "RS256")
    }

    @Test("RFC 7638 §3.1's example thumbprint")
    func thumbprint() throws {
        let n =
            "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw"
        let modulus: [UInt8]? = Base64URL.decode(n)
        #expect(modulus?.count == 256)
        let key = try EVPKey.publicKey(.rsa(n: modulus ?? [], e: [1, 0, 1]))
        #expect(try JWK.thumbprint(of: key) == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")
    }

    @Test("unusable keys are skipped with reasons; symmetric and private members never used")
    func skipping() throws {
        let ed = try #require(try TestKeys.edDSA.verificationKey.jwk())
        let x = Base64URL.encode(try #require(ed.x))
        let json = #"""
            {"keys":[
              {"kty":"oct","kid":"h","k":"c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0MTI"},
              {"kty":"OKP","crv":"Ed25519","kid":"enc","use":"enc","x":"\#(x)"},
              {"kty":"OKP","crv":"Ed25519","x":"\#(x)"},
              {"kty":"OKP","crv":"X25519","kid":"x","x":"\#(x)"},
              {"kty":"OKP","crv":"Ed25519","kid":"wrong-alg","alg":"RS256","x":"\#(x)"},
              {"kty":"EC","crv":"P-256","kid":"off-curve","x":"\#(x)","y":"\#(x)"},
              {"kty":"OKP","crv":"Ed25519","kid":"ok","x":"\#(x)","d":"AAAA"},
              {"kty":"OKP","crv":"Ed25519","kid":"ok","x":"\#(x)"}
            ],"extra":true}
            """#
        let (usable, skipped) = try JWKS(json: Array(json.utf8)).verificationKeys()
        #expect(Array(usable.keys) == ["ok"])
        #expect(skipped.count == 7)
        #expect(usable["ok"]?.algorithm == .edDSA)
    }

    @Test(
        "documents that are not a JWKS are malformed",
        arguments: [
            #"{}"#, #"{"keys":{}}"#, #"[]"#, #"{"keys":[{"kid":"a"}]}"#, #"{"keys":[{"kty":"OKP","x":"a=="}]}"#,
        ])
    func malformed(json: String) {
        #expect(throws: AuthError.self) { _ = try JWKS(json: Array(json.utf8)) }
    }
}
