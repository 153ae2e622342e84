internal import COpenSSL

/// What signs or verifies for a key: an OpenSSL key pair (or public key), or an HMAC secret.
enum KeyMaterial: Sendable {
    case asymmetric(EVPKey)
    case hmac(HMACSecret)

    /// Checks that `key` suits `algorithm` (RSA at least 2048 bits).
    static func checked(_ key: EVPKey, for algorithm: JWTAlgorithm) throws(AuthError) -> KeyMaterial {
        guard JWTAlgorithm.pinned(to: key.family) == algorithm else {
            throw AuthError(.invalidKey, "the key's type does not fit \(algorithm)")
        }
        if case .rsa(let bits) = key.family, bits < 2048 {
            throw AuthError(.invalidKey, "RSA keys must have at least 2048 bits, this one has \(bits)")
        }
        return .asymmetric(key)
    }

    func sign(_ message: UnsafeRawBufferPointer) throws(AuthError) -> [UInt8] {
        switch self {
        case .asymmetric(let key): try key.sign(message)
        case .hmac(let secret): try secret.mac(message)
        }
    }

    func verify(_ signature: [UInt8], of message: UnsafeRawBufferPointer) -> Bool {
        switch self {
        case .asymmetric(let key): key.verify(signature, of: message)
        case .hmac(let secret):
            (try? secret.mac(message)).map { OpenSSL.constantTimeEquals($0, signature) } ?? false
        }
    }
}

/// An HMAC-SHA-256 secret (RFC 7518 §3.2: at least as long as the hash, 32 bytes).
struct HMACSecret: Sendable {
    /// The fewest bytes accepted.
    static let minimumBytes = 32

    private let secret: [UInt8]

    init(_ secret: [UInt8]) throws(AuthError) {
        guard secret.count >= Self.minimumBytes else {
            throw AuthError(
                .invalidKey, "an HS256 secret needs at least \(Self.minimumBytes) bytes, this one has \(secret.count)")
        }
        self.secret = secret
    }

    /// HMAC-SHA-256 of `message` (OpenSSL's one-shot HMAC).
    func mac(_ message: UnsafeRawBufferPointer) throws(AuthError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let result = secret.withUnsafeBytes { key in
            output.withUnsafeMutableBufferPointer { out in
                HMAC(
                    EVP_sha256(), key.baseAddress, Int32(key.count),
                    message.baseAddress?.assumingMemoryBound(to: UInt8.self), message.count, out.baseAddress, &length)
            }
        }
        guard result != nil, length == 32 else { throw OpenSSL.failure("HMAC") }
        return output
    }
}
