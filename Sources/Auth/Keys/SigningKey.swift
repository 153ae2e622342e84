internal import Foundation

/// A key that signs tokens: a private key (Ed25519, P-256, RSA ≥ 2048 bits) or an HS256
/// secret, with its key ID (`kid`) and the one algorithm it signs with.
///
/// Load one from PEM (a file, or an environment variable's contents), or generate one on first
/// run and keep its ``privateKeyPEM()``:
///
/// ```swift
/// let key = try SigningKey(privateKeyPEM: environment["ROOM619_JWT_KEY"] ?? "")
/// let fresh = try SigningKey.generate(.edDSA)
/// let token = try fresh.sign(JWTClaims(subject: "user-42", expiresAt: now + 900))
/// ```
public struct SigningKey: Sendable {
    /// The `kid` its tokens carry.
    public var keyID: String { verificationKey.keyID }
    /// The algorithm it is pinned to.
    public var algorithm: JWTAlgorithm { verificationKey.algorithm }
    /// The key that verifies its tokens (the public half; for HS256 the same secret).
    public let verificationKey: VerificationKey
    let material: KeyMaterial
    /// The encoded protected header, made once: `base64url({"alg":…,"kid":…,"typ":"JWT"})`.
    let encodedHeader: [UInt8]

    private init(material: KeyMaterial, verificationKey: VerificationKey) {
        self.material = material
        self.verificationKey = verificationKey
        self.encodedHeader = JWSHeader.encoded(algorithm: verificationKey.algorithm, keyID: verificationKey.keyID)
    }

    /// A private key from PEM (PKCS#8 `BEGIN PRIVATE KEY`, or `BEGIN RSA/EC PRIVATE KEY`; not
    /// encrypted), pinned to the algorithm its type implies.
    /// - Parameters:
    ///   - keyID: the `kid`; by default the public key's JWK thumbprint (RFC 7638).
    ///   - algorithm: if given, must be the one the key's type implies.
    /// - Throws: ``AuthError/Code/invalidKey``.
    public init(privateKeyPEM pem: String, keyID: String? = nil, algorithm: JWTAlgorithm? = nil) throws(AuthError) {
        try self.init(key: try EVPKey.privateKey(pem: pem), keyID: keyID, algorithm: algorithm)
    }

    /// A private key from a PEM file.
    /// - Throws: ``AuthError/Code/invalidKey`` if the file cannot be read or parsed.
    public init(privateKeyFile path: String, keyID: String? = nil, algorithm: JWTAlgorithm? = nil) throws(AuthError) {
        let pem: String
        do {
            pem = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw AuthError(.invalidKey, "cannot read the key file \(path)", cause: error)
        }
        try self.init(privateKeyPEM: pem, keyID: keyID, algorithm: algorithm)
    }

    /// An HS256 key from a shared secret (at least 32 bytes; 32 random bytes is right).
    /// - Throws: ``AuthError/Code/invalidKey`` for a short secret or an empty key ID.
    public init(hmacSecret: [UInt8], keyID: String) throws(AuthError) {
        let verification = try VerificationKey(hmacSecret: hmacSecret, keyID: keyID)
        self.init(material: verification.material, verificationKey: verification)
    }

    private init(key: EVPKey, keyID: String?, algorithm: JWTAlgorithm?) throws(AuthError) {
        let pinned = JWTAlgorithm.pinned(to: key.family)
        if let algorithm, algorithm != pinned {
            throw AuthError(.invalidKey, "a \(pinned) key cannot be pinned to \(algorithm)")
        }
        let material = try KeyMaterial.checked(key, for: pinned)
        let publicKey = try key.publicOnly()
        let thumbprint = try JWK.thumbprint(of: publicKey)
        let keyID = keyID ?? thumbprint
        try VerificationKey.checkKeyID(keyID)
        let verification = VerificationKey(material: .asymmetric(publicKey), keyID: keyID, algorithm: pinned)
        self.init(material: material, verificationKey: verification)
    }

    /// A new key for `algorithm` from OpenSSL's CSPRNG: an Ed25519 or P-256 pair, an RSA pair
    /// of `rsaBits` (at least 2048), or 32 random bytes for HS256.
    /// - Parameter keyID: the `kid`; by default the JWK thumbprint (HS256: random).
    public static func generate(
        _ algorithm: JWTAlgorithm, keyID: String? = nil, rsaBits: Int = 2048
    ) throws(AuthError) -> SigningKey {
        guard var family = algorithm.family else {
            let secret = try OpenSSL.randomBytes(32)
            let randomID = Base64URL.encode(try OpenSSL.randomBytes(12))
            return try SigningKey(hmacSecret: secret, keyID: keyID ?? randomID)
        }
        if case .rsa = family {
            guard rsaBits >= 2048, rsaBits <= 16384 else {
                throw AuthError(.invalidKey, "RSA keys must have 2048 to 16384 bits, not \(rsaBits)")
            }
            family = .rsa(bits: rsaBits)
        }
        return try SigningKey(key: try EVPKey.generate(family), keyID: keyID, algorithm: algorithm)
    }

    /// The private key as unencrypted PKCS#8 PEM, to store (mode 0600) or put in a secret; `nil`
    /// for HS256, whose secret the caller already has.
    public func privateKeyPEM() throws(AuthError) -> String? {
        guard case .asymmetric(let key) = material else { return nil }
        return try key.pem(private: true)
    }
}
