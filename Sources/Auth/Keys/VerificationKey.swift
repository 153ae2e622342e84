/// A key that checks signatures: a public key (Ed25519, P-256, RSA ≥ 2048 bits) or an HS256
/// secret, with its key ID (`kid`) and the one algorithm it verifies.
///
/// Parsed once (OpenSSL's `EVP_PKEY` is kept), so verifying costs no PEM or JWK parsing.
///
/// ```swift
/// let key = try VerificationKey(publicKeyPEM: pem, keyID: "2024-06")
/// ```
public struct VerificationKey: Sendable {
    /// The `kid` tokens name it by.
    public let keyID: String
    /// The algorithm it is pinned to.
    public let algorithm: JWTAlgorithm
    let material: KeyMaterial

    init(material: KeyMaterial, keyID: String, algorithm: JWTAlgorithm) {
        self.material = material
        self.keyID = keyID
        self.algorithm = algorithm
    }

    /// A public key from PEM (`BEGIN PUBLIC KEY`), pinned to the algorithm its type implies
    /// (Ed25519 → EdDSA, P-256 → ES256, RSA → RS256).
    /// - Parameters:
    ///   - keyID: the `kid`; by default the key's JWK thumbprint (RFC 7638).
    ///   - algorithm: if given, must be the one the key's type implies.
    /// - Throws: ``AuthError/Code/invalidKey``.
    public init(publicKeyPEM pem: String, keyID: String? = nil, algorithm: JWTAlgorithm? = nil) throws(AuthError) {
        let key = try EVPKey.publicKey(pem: pem)
        let pinned = JWTAlgorithm.pinned(to: key.family)
        if let algorithm, algorithm != pinned {
            throw AuthError(.invalidKey, "a \(pinned) key cannot be pinned to \(algorithm)")
        }
        let material = try KeyMaterial.checked(key, for: pinned)
        let thumbprint = try JWK.thumbprint(of: key)
        self.init(material: material, keyID: keyID ?? thumbprint, algorithm: pinned)
        try Self.checkKeyID(self.keyID)
    }

    /// An HS256 key from a shared secret (at least 32 bytes).
    /// - Throws: ``AuthError/Code/invalidKey`` for a short secret or an empty key ID.
    public init(hmacSecret: [UInt8], keyID: String) throws(AuthError) {
        try Self.checkKeyID(keyID)
        self.init(material: .hmac(try HMACSecret(hmacSecret)), keyID: keyID, algorithm: .hs256)
    }

    /// The public key as PEM (SubjectPublicKeyInfo); `nil` for HS256, whose secret is never
    /// exported.
    public func publicKeyPEM() throws(AuthError) -> String? {
        guard case .asymmetric(let key) = material else { return nil }
        return try key.pem(private: false)
    }

    /// The public key as a JWK; `nil` for HS256.
    public func jwk() throws(AuthError) -> JWK? {
        guard case .asymmetric(let key) = material else { return nil }
        return try JWK(publicKey: key, keyID: keyID, algorithm: algorithm)
    }

    /// Whether `signature` signs `signingInput` (the ASCII `header.payload` of a JWS).
    public func isValidSignature(_ signature: [UInt8], for signingInput: some Collection<UInt8>) -> Bool {
        if let result = signingInput.withContiguousStorageIfAvailable({
            material.verify(signature, of: UnsafeRawBufferPointer($0))
        }) {
            return result
        }
        return Array(signingInput).withUnsafeBytes { material.verify(signature, of: $0) }
    }

    static func checkKeyID(_ keyID: String) throws(AuthError) {
        guard !keyID.isEmpty, keyID.utf8.count <= 256 else {
            throw AuthError(.invalidKey, "a key ID must have 1 to 256 bytes")
        }
    }
}
