internal import COpenSSL

/// Public key components as JWK carries them (RFC 7518 §6, RFC 8037 §2): big-endian unsigned
/// bytes, fixed width for curve coordinates, minimal for RSA.
enum PublicComponents: Sendable, Hashable {
    case ed25519(x: [UInt8])
    case p256(x: [UInt8], y: [UInt8])
    case rsa(n: [UInt8], e: [UInt8])
}

extension EVPKey {
    /// The public components, read with OpenSSL's parameter API.
    func publicComponents() throws(AuthError) -> PublicComponents {
        switch family {
        case .ed25519:
            var x = [UInt8](repeating: 0, count: 32)
            var length = x.count
            guard EVP_PKEY_get_raw_public_key(pointer, &x, &length) == 1, length == 32 else {
                throw OpenSSL.failure("reading an Ed25519 public key")
            }
            return .ed25519(x: x)
        case .p256:
            return .p256(x: try number("qx", width: 32), y: try number("qy", width: 32))
        case .rsa:
            return .rsa(n: try number("n", width: nil), e: try number("e", width: nil))
        }
    }

    /// The big-number parameter `name`, left-padded to `width` bytes or minimal.
    private func number(_ name: String, width: Int?) throws(AuthError) -> [UInt8] {
        var value: OpaquePointer?
        guard EVP_PKEY_get_bn_param(pointer, name, &value) == 1, let value else {
            throw OpenSSL.failure("reading the key parameter \(name)")
        }
        defer { BN_free(value) }
        let count = width ?? Int((BN_num_bits(value) + 7) / 8)
        var bytes = [UInt8](repeating: 0, count: count)
        let written = bytes.withUnsafeMutableBufferPointer { BN_bn2binpad(value, $0.baseAddress, Int32(count)) }
        guard written == count else { throw OpenSSL.failure("reading the key parameter \(name)") }
        return bytes
    }

    /// A public key from its components; EC and RSA keys pass OpenSSL's public key check
    /// (a point on the curve, a sane modulus).
    static func publicKey(_ components: PublicComponents) throws(AuthError) -> EVPKey {
        switch components {
        case .ed25519(let x):
            guard x.count == 32 else { throw AuthError(.invalidKey, "an Ed25519 key's x must be 32 bytes") }
            guard let key = EVP_PKEY_new_raw_public_key_ex(nil, "ED25519", nil, x, x.count) else {
                throw OpenSSL.failure("importing an Ed25519 key", code: .invalidKey)
            }
            return try EVPKey(owning: key)
        case .p256(let x, let y):
            guard x.count == 32, y.count == 32 else {
                throw AuthError(.invalidKey, "a P-256 key's x and y must be 32 bytes each")
            }
            let point = [0x04] + x + y
            return try checked(room619_p256_public_key(point, point.count), type: "EC")
        case .rsa(let n, let e):
            guard !n.isEmpty, !e.isEmpty, n.count <= 2048, e.count <= 64 else {
                throw AuthError(.invalidKey, "an RSA key's n and e must be 1…2048 and 1…64 bytes")
            }
            return try checked(room619_rsa_public_key(n, Int32(n.count), e, Int32(e.count)), type: "RSA")
        }
    }

    /// Wraps an imported key after OpenSSL's public key check (EVP_PKEY_public_check: the
    /// point is on the curve; the modulus is odd and of sane size).
    private static func checked(_ imported: OpaquePointer?, type: String) throws(AuthError) -> EVPKey {
        guard let imported else { throw OpenSSL.failure("importing an \(type) key", code: .invalidKey) }
        let key = try EVPKey(owning: imported)
        guard let check = EVP_PKEY_CTX_new_from_pkey(nil, imported, nil) else {
            throw OpenSSL.failure("EVP_PKEY_CTX_new")
        }
        defer { EVP_PKEY_CTX_free(check) }
        guard EVP_PKEY_public_check(check) == 1 else {
            throw OpenSSL.failure("checking an \(type) public key", code: .invalidKey)
        }
        return key
    }
}
