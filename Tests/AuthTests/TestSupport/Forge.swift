@testable import Auth

/// Builds tokens with any header, payload and signature, for the rejection tests.
enum Forge {
    /// `header.payload.signature`, each part base64url-encoded.
    static func token(header: String, payload: String, signature: [UInt8]) -> String {
        [Array(header.utf8), Array(payload.utf8), signature].map { Base64URL.encode($0) }.joined(separator: ".")
    }

    /// A token with `header` and `payload`, signed by `key` whatever the header says.
    static func signed(header: String, payload: String, by key: SigningKey) throws -> String {
        let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
        let signature = try Array(input.utf8).withUnsafeBytes { try key.material.sign($0) }
        return input + "." + Base64URL.encode(signature)
    }

    /// An HS256 signature of `header.payload` with `secret` (any length: the forger's view).
    static func hmac(header: String, payload: String, secret: [UInt8]) throws -> String {
        let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
        let padded = secret.count >= 32 ? secret : secret + [UInt8](repeating: 0, count: 32 - secret.count)
        precondition(padded == secret, "forging with a short secret is not modeled")
        let signature = try Array(input.utf8).withUnsafeBytes { try HMACSecret(secret).mac($0) }
        return input + "." + Base64URL.encode(signature)
    }
}
