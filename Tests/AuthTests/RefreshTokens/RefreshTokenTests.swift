import Testing

@testable import Auth

@Suite("Refresh tokens")
struct RefreshTokenTests {
    @Test("a token is 43 base64url characters; only its SHA-256 is stored; it matches its hash only")
    func generation() throws {
        let issued = try RefreshToken.generate()
        #expect(issued.token.count == 43)
        #expect(Base64URL.decode(issued.token)?.count == 32)
        #expect(issued.hash.count == 32)
        #expect(try RefreshToken.hash(of: issued.token) == issued.hash)
        #expect(try OpenSSL.sha256(try #require(Base64URL.decode(issued.token))) == issued.hash)
        #expect(RefreshToken.matches(issued.token, storedHash: issued.hash))
        let other = try RefreshToken.generate()
        #expect(other.token != issued.token)
        #expect(!RefreshToken.matches(other.token, storedHash: issued.hash))
        #expect(!RefreshToken.matches(issued.token, storedHash: Array(issued.hash.dropLast())))
    }

    @Test(
        "malformed tokens are refused",
        arguments: [
            "", "short", String(repeating: "A", count: 42) + "=", String(repeating: "A", count: 44),
            String(repeating: "+", count: 43),
        ])
    func malformed(token: String) {
        #expect(throws: AuthError.self) { _ = try RefreshToken.hash(of: token) }
        #expect(!RefreshToken.matches(token, storedHash: [UInt8](repeating: 0, count: 32)))
    }

    @Test("SHA-256 matches the FIPS 180-2 example")
    func sha256Vector() throws {
        let digest = try OpenSSL.sha256(Array("abc".utf8))
        let hex = digest.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
        #expect(hex.joined() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
