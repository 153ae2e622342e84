import Testing

@testable import Auth

@Suite("Clock skew boundaries")
struct ClockSkewTests {
    let clock = ManualClock(1_000_000)

    func verify(_ claims: JWTClaims, skew: Int64 = 60) async throws -> JWTClaims {
        let verifier = try JWTVerifier(
            keys: KeySet(active: TestKeys.edDSA), options: .defaults { $0.clockSkew = .seconds(skew) }, clock: clock)
        return try await verifier.verify(try TestKeys.edDSA.sign(claims)).claims
    }

    func code(_ claims: JWTClaims, skew: Int64 = 60) async -> AuthError.Code? {
        do {
            _ = try await verify(claims, skew: skew)
            return nil
        } catch {
            return (error as? AuthError)?.code
        }
    }

    @Test("exp: valid until exp + skew, expired from exp + skew on")
    func expiry() async {
        let now = clock.now()
        #expect(await code(JWTClaims(expiresAt: now - 59)) == nil)
        #expect(await code(JWTClaims(expiresAt: now - 60)) == .expired)
        #expect(await code(JWTClaims(expiresAt: now + 1), skew: 0) == nil)
        #expect(await code(JWTClaims(expiresAt: now), skew: 0) == .expired)
    }

    @Test("nbf and iat: valid from nbf − skew on")
    func notBefore() async {
        let now = clock.now()
        #expect(await code(JWTClaims(expiresAt: now + 600, notBefore: now + 60)) == nil)
        #expect(await code(JWTClaims(expiresAt: now + 600, notBefore: now + 61)) == .notYetValid)
        #expect(await code(JWTClaims(expiresAt: now + 600, issuedAt: now + 60)) == nil)
        #expect(await code(JWTClaims(expiresAt: now + 600, issuedAt: now + 61)) == .notYetValid)
        #expect(await code(JWTClaims(expiresAt: now + 600, notBefore: now), skew: 0) == nil)
        #expect(await code(JWTClaims(expiresAt: now + 600, notBefore: now + 1), skew: 0) == .notYetValid)
    }

    @Test("extreme times do not overflow")
    func extremes() async {
        #expect(await code(JWTClaims(expiresAt: .max)) == nil)
        #expect(await code(JWTClaims(expiresAt: .min)) == .expired)
        #expect(await code(JWTClaims(expiresAt: .max, notBefore: .min)) == nil)
    }

    @Test("options out of range are refused")
    func ranges() {
        #expect(throws: AuthError.self) { _ = try JWTValidationOptions.defaults { $0.clockSkew = .seconds(-1) } }
        #expect(throws: AuthError.self) { _ = try JWTValidationOptions.defaults { $0.clockSkew = .seconds(601) } }
        #expect(throws: AuthError.self) { _ = try JWTValidationOptions.defaults { $0.acceptedKinds = [] } }
    }
}
