import Testing

@testable import Auth

@Suite("Key sets and rotation")
struct KeySetTests {
    @Test("after rotation the new key signs, the old one verifies until its retirement time")
    func rotation() async throws {
        let clock = ManualClock()
        let old = try SigningKey.generate(.edDSA, keyID: "old")
        let new = try SigningKey.generate(.es256, keyID: "new")
        let ring = KeyRing(KeySet(active: old))
        let issuer = try JWTIssuer(keys: ring, issuer: "room619", clock: clock)
        let verifier = try JWTVerifier(keys: ring, options: .defaults { $0.requiresExpiration = false }, clock: clock)
        let before = try issuer.issue(JWTClaims(subject: "u", expiresAt: clock.now() + 7200))
        let retirement = clock.now() + 3600
        try ring.update { try $0.rotated(to: new, retiringPreviousAt: retirement) }
        let after = try issuer.issue(subject: "u")
        #expect(try await verifier.verify(after).keyID == "new")
        #expect(try await verifier.verify(before).keyID == "old")
        #expect(ring.keySet.verificationKeys(at: clock.now()).map(\.keyID) == ["new", "old"])
        clock.set(retirement - 1)
        #expect(try await verifier.verify(before).keyID == "old")
        clock.set(retirement)
        await #expect { _ = try await verifier.verify(before) } throws: { ($0 as? AuthError)?.code == .unknownKeyID }
        #expect(ring.keySet.verificationKeys(at: clock.now()).map(\.keyID) == ["new"])
        #expect(ring.keySet.removingRetired(at: clock.now()).entries.count == 1)
    }

    @Test("an upcoming key is published before it signs; duplicate key IDs are refused")
    func upcomingAndDuplicates() throws {
        let active = try SigningKey.generate(.edDSA, keyID: "a")
        let next = try SigningKey.generate(.edDSA, keyID: "b")
        let keys = try KeySet(active: active).adding(next.verificationKey)
        #expect(JWKS(publishing: keys, at: 0).keys.compactMap(\.keyID) == ["a", "b"])
        let rotated = try keys.rotated(to: next, retiringPreviousAt: 100)
        #expect(rotated.activeKey.keyID == "b")
        #expect(throws: AuthError.self) { _ = try keys.adding(next.verificationKey) }
        #expect(throws: AuthError.self) { _ = try rotated.rotated(to: next, retiringPreviousAt: 200) }
    }

    @Test("keys refuse what they cannot be: a short HS256 secret, a weak RSA key, a mismatched pin, junk PEM")
    func keyRefusals() throws {
        #expect(throws: AuthError.self) { _ = try SigningKey(hmacSecret: [UInt8](repeating: 1, count: 31), keyID: "h") }
        #expect(throws: AuthError.self) { _ = try SigningKey.generate(.rs256, rsaBits: 1024) }
        let ed = try #require(try TestKeys.edDSA.privateKeyPEM())
        #expect(throws: AuthError.self) { _ = try SigningKey(privateKeyPEM: ed, algorithm: .rs256) }
        #expect(throws: AuthError.self) {
            _ = try SigningKey(privateKeyPEM: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
        }
        #expect(throws: AuthError.self) { _ = try VerificationKey(publicKeyPEM: ed) }
        #expect(throws: AuthError.self) { _ = try SigningKey(hmacSecret: [UInt8](repeating: 1, count: 32), keyID: "") }
        #expect(try TestKeys.hs256.privateKeyPEM() == nil)
        #expect(try TestKeys.hs256.verificationKey.jwk() == nil)
    }

    @Test("a 1024-bit RSA key from PEM is refused")
    func weakRSAFromPEM() throws {
        // A 1024-bit key made by OpenSSL for this test, never used for anything else.
        let weak = try EVPKey.generate(.rsa(bits: 1024))
        let pem = try weak.pem(private: true)
        #expect(throws: AuthError.self) { _ = try SigningKey(privateKeyPEM: pem) }
    }
}
