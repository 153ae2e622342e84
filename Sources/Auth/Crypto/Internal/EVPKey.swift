internal import COpenSSL

/// An OpenSSL key (`EVP_PKEY`) parsed once and used for every signature after: the cache that
/// keeps PEM and JWK parsing off the per-request path.
///
/// `@unchecked Sendable`: the key is never modified after creation, and OpenSSL 3 allows a
/// constant `EVP_PKEY` to be used from many threads at once (each operation has its own
/// `EVP_MD_CTX`).
final class EVPKey: @unchecked Sendable {
    /// The kinds of key JWS algorithms here use.
    enum Family: Sendable, Hashable {
        case ed25519
        case p256
        case rsa(bits: Int)
    }

    let pointer: OpaquePointer
    let family: Family

    /// Takes ownership of `pointer`; refuses key types and curves JWS here cannot use.
    init(owning pointer: OpaquePointer) throws(AuthError) {
        self.pointer = pointer
        guard let family = Self.family(of: pointer) else {
            EVP_PKEY_free(pointer)
            throw AuthError(.invalidKey, "the key is not Ed25519, EC P-256 or RSA")
        }
        self.family = family
    }

    deinit { EVP_PKEY_free(pointer) }

    private static func family(of pointer: OpaquePointer) -> Family? {
        if EVP_PKEY_is_a(pointer, "ED25519") == 1 { return .ed25519 }
        if EVP_PKEY_is_a(pointer, "RSA") == 1 { return .rsa(bits: Int(EVP_PKEY_get_bits(pointer))) }
        if EVP_PKEY_is_a(pointer, "EC") == 1 {
            var name = [CChar](repeating: 0, count: 64)
            var length = 0
            guard EVP_PKEY_get_group_name(pointer, &name, name.count, &length) == 1 else { return nil }
            let group = String(decoding: name.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            return group == "prime256v1" || group == "P-256" ? .p256 : nil
        }
        return nil
    }

    // MARK: PEM

    /// A private key from PEM (PKCS#8 or a traditional RSA/EC key; encrypted keys are refused).
    static func privateKey(pem: String) throws(AuthError) -> EVPKey {
        var text = Array(pem.utf8)
        guard let key = text.withUnsafeMutableBytes({ room619_read_private_key($0.baseAddress, Int32($0.count)) })
        else {
            throw OpenSSL.failure("reading a PEM private key (PKCS#8, unencrypted)", code: .invalidKey)
        }
        return try EVPKey(owning: key)
    }

    /// A public key from PEM (`BEGIN PUBLIC KEY`, SubjectPublicKeyInfo).
    static func publicKey(pem: String) throws(AuthError) -> EVPKey {
        var text = Array(pem.utf8)
        guard let key = text.withUnsafeMutableBytes({ room619_read_public_key($0.baseAddress, Int32($0.count)) })
        else {
            throw OpenSSL.failure("reading a PEM public key (SubjectPublicKeyInfo)", code: .invalidKey)
        }
        return try EVPKey(owning: key)
    }

    /// The key as PEM: unencrypted PKCS#8 for the private key, or SubjectPublicKeyInfo.
    func pem(private isPrivate: Bool) throws(AuthError) -> String {
        guard let bio = room619_write_pem(pointer, isPrivate ? 1 : 0) else { throw OpenSSL.failure("writing PEM") }
        defer { BIO_free(bio) }
        var data: UnsafeMutablePointer<CChar>?
        let length = room619_bio_contents(bio, &data)
        guard let data, length > 0 else { throw OpenSSL.failure("writing PEM") }
        return String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
    }

    /// The public half alone, as a new key (so verification keys never hold private parts).
    func publicOnly() throws(AuthError) -> EVPKey {
        try EVPKey.publicKey(pem: try pem(private: false))
    }

    // MARK: Generation

    /// A new key of `family` from OpenSSL's CSPRNG.
    static func generate(_ family: Family) throws(AuthError) -> EVPKey {
        let name =
            switch family {
            case .ed25519: "ED25519"
            case .p256: "EC"
            case .rsa: "RSA"
            }
        guard let context = EVP_PKEY_CTX_new_from_name(nil, name, nil) else { throw OpenSSL.failure("key generation") }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_keygen_init(context) == 1 else { throw OpenSSL.failure("key generation") }
        switch family {
        case .ed25519: break
        case .p256:
            guard EVP_PKEY_CTX_set_group_name(context, "P-256") == 1 else { throw OpenSSL.failure("key generation") }
        case .rsa(let bits):
            guard EVP_PKEY_CTX_set_rsa_keygen_bits(context, Int32(bits)) == 1 else {
                throw OpenSSL.failure("key generation")
            }
        }
        var key: OpaquePointer?
        guard EVP_PKEY_generate(context, &key) == 1, let key else { throw OpenSSL.failure("key generation") }
        return try EVPKey(owning: key)
    }
}
