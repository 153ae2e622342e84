public import Auth
internal import Foundation
internal import Glibc

/// The platform's token keys: the signing key (configured, or generated once and kept in the
/// data directory so a restart keeps issued tokens valid) and the retired keys that still
/// verify, as one ``Auth/KeyRing``.
public enum PlatformKeys {
    /// Where a generated key lives, under the data directory.
    public static let generatedKeyPath = "keys/signing.pem"

    /// The key ring `tokens` describes.
    ///
    /// - Parameters:
    ///   - tokens: The token settings (which key, which retired keys).
    ///   - dataDirectory: Where a generated key is kept (`keys/signing.pem`, mode 0600, in a
    ///     0700 directory).
    /// - Throws: ``ConfigurationError`` naming the file or variable and what is wrong, never the
    ///   key material.
    public static func load(
        _ tokens: PlatformConfiguration.Tokens, dataDirectory: String
    ) throws(ConfigurationError) -> KeyRing {
        let active: SigningKey
        do {
            switch tokens.signingKey {
            case .generated: active = try generatedKey(in: dataDirectory)
            case .pemFile(let path): active = try SigningKey(privateKeyFile: path)
            case .pem(let text): active = try SigningKey(privateKeyPEM: text)
            case .sharedSecret(let secret): active = try SigningKey(hmacSecret: secret, keyID: "hs256")
            }
        } catch let error as ConfigurationError {
            throw error
        } catch {
            throw ConfigurationError("the signing key (\(describe(tokens.signingKey))) could not be used: \(error)")
        }
        var keys = KeySet(active: active)
        for path in tokens.verificationKeyFiles {
            do {
                let text = try String(contentsOfFile: path, encoding: .utf8)
                let key =
                    text.contains("PRIVATE KEY")
                    ? try SigningKey(privateKeyPEM: text).verificationKey : try VerificationKey(publicKeyPEM: text)
                keys = try keys.adding(key)
            } catch {
                throw ConfigurationError("the verification key file \(path) could not be used: \(error)")
            }
        }
        return KeyRing(keys)
    }

    /// Where a key comes from, for messages (no material).
    static func describe(_ source: PlatformConfiguration.SigningKeySource) -> String {
        switch source {
        case .generated: "generated in the data directory"
        case .pemFile(let path): "file \(path)"
        case .pem: "ROOM619_SIGNING_KEY"
        case .sharedSecret: "ROOM619_HS256_SECRET"
        }
    }

    /// The key in `<dataDirectory>/keys/signing.pem`, generated (Ed25519) on first use. Written
    /// to a temporary file and renamed into place, so a crash never leaves half a key, and two
    /// processes starting at once end up with the same one.
    static func generatedKey(in dataDirectory: String) throws -> SigningKey {
        let directory = dataDirectory + "/keys"
        let path = dataDirectory + "/" + generatedKeyPath
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        if FileManager.default.fileExists(atPath: path) { return try SigningKey(privateKeyFile: path) }
        let key = try SigningKey.generate(.edDSA)
        guard let pem = try key.privateKeyPEM() else {
            throw ConfigurationError("a generated Ed25519 key has no PEM form")
        }
        let temporary = path + ".\(getpid()).tmp"
        guard
            FileManager.default.createFile(
                atPath: temporary, contents: Data(pem.utf8), attributes: [.posixPermissions: 0o600])
        else { throw ConfigurationError("could not write \(temporary)") }
        // link(2) fails if another process put its key in place first: then that one is used.
        if link(temporary, path) != 0 && errno != EEXIST {
            let code = errno
            unlink(temporary)
            throw ConfigurationError("could not store the signing key in \(path): errno \(code)")
        }
        unlink(temporary)
        return try SigningKey(privateKeyFile: path)
    }
}
