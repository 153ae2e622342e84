import Auth
import Foundation
import Platform
import Testing

@Suite("Platform keys: generated once and kept, or configured")
struct PlatformKeysTests {
    func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "room619-keys-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("a generated key is written 0600 once and the same key is loaded after a restart")
    func generatedKeyPersists() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = try PlatformKeys.load(PlatformConfiguration.Tokens(), dataDirectory: directory)
        let second = try PlatformKeys.load(PlatformConfiguration.Tokens(), dataDirectory: directory)
        #expect(first.signingKey.keyID == second.signingKey.keyID)
        #expect(first.signingKey.algorithm == .edDSA)
        let attributes = try FileManager.default.attributesOfItem(atPath: directory + "/keys/signing.pem")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let keysDirectory = try FileManager.default.attributesOfItem(atPath: directory + "/keys")
        #expect((keysDirectory[.posixPermissions] as? Int) == 0o700)
        // A token signed before the "restart" verifies after it.
        let issuer = try JWTIssuer(keys: first, issuer: "room619")
        let token = try issuer.issue(subject: "alice")
        let verifier = try JWTVerifier(keys: second)
        let verified = try await verifier.verify(token)
        #expect(verified.claims.subject == "alice")
    }

    @Test("a configured PEM key and retired keys that still verify")
    func configuredAndRetired() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let old = try SigningKey.generate(.es256)
        let oldPath = directory + "/old.pem"
        try #require(try old.privateKeyPEM()).write(toFile: oldPath, atomically: true, encoding: .utf8)
        let current = try SigningKey.generate(.edDSA)
        var tokens = PlatformConfiguration.Tokens()
        tokens.signingKey = .pem(try #require(try current.privateKeyPEM()))
        tokens.verificationKeyFiles = [oldPath]
        let ring = try PlatformKeys.load(tokens, dataDirectory: directory)
        #expect(ring.signingKey.keyID == current.keyID)
        let oldToken = try JWTIssuer(keys: KeyRing(KeySet(active: old)), issuer: "room619").issue(subject: "bob")
        let verified = try await JWTVerifier(keys: ring).verify(oldToken)
        #expect(verified.claims.subject == "bob")
        #expect(!FileManager.default.fileExists(atPath: directory + "/keys/signing.pem"), "nothing generated")
    }

    @Test("an unusable key is an error that names its source, not its material")
    func badKey() throws {
        var tokens = PlatformConfiguration.Tokens()
        tokens.signingKey = .pem("-----BEGIN PRIVATE KEY-----\nc2VjcmV0LW1hdGVyaWFs\n-----END PRIVATE KEY-----")
        let error = #expect(throws: ConfigurationError.self) { try PlatformKeys.load(tokens, dataDirectory: "/tmp") }
        #expect(error?.message.contains("ROOM619_SIGNING_KEY") == true)
        #expect(error?.message.contains("c2VjcmV0") == false)
        tokens.signingKey = .pemFile("/nonexistent/key.pem")
        let missing = #expect(throws: ConfigurationError.self) { try PlatformKeys.load(tokens, dataDirectory: "/tmp") }
        #expect(missing?.message.contains("/nonexistent/key.pem") == true)
    }
}
