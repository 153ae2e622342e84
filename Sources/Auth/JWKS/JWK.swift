internal import ProtoRuntime

/// A public JSON Web Key (RFC 7517 §4): an Ed25519 key (`OKP`, RFC 8037), a P-256 key (`EC`)
/// or an RSA key, with its `kid`, `alg` and `use`.
///
/// Only public members exist here: a private member (`d`, `p`, …) in a document read is
/// ignored, and symmetric keys (`oct`) are refused, so a JWKS can never hand out an HMAC
/// secret or turn a public key into one.
public struct JWK: Sendable, Hashable {
    /// `kty`: `OKP`, `EC` or `RSA`.
    public var keyType: String
    /// `crv`: `Ed25519` or `P-256` (none for RSA).
    public var curve: String?
    /// `x` (OKP, EC).
    public var x: [UInt8]?
    /// `y` (EC).
    public var y: [UInt8]?
    /// `n`, the RSA modulus.
    public var modulus: [UInt8]?
    /// `e`, the RSA public exponent.
    public var exponent: [UInt8]?
    /// `kid`.
    public var keyID: String?
    /// `alg`, the algorithm the key is for.
    public var algorithm: String?
    /// `use`: `sig` for signatures; `enc` keys are skipped when verifying.
    public var use: String?

    /// A JWK with the given members.
    public init(
        keyType: String, curve: String? = nil, x: [UInt8]? = nil, y: [UInt8]? = nil, modulus: [UInt8]? = nil,
        exponent: [UInt8]? = nil, keyID: String? = nil, algorithm: String? = nil, use: String? = nil
    ) {
        self.keyType = keyType
        self.curve = curve
        self.x = x
        self.y = y
        self.modulus = modulus
        self.exponent = exponent
        self.keyID = keyID
        self.algorithm = algorithm
        self.use = use
    }

    init(publicKey: EVPKey, keyID: String?, algorithm: JWTAlgorithm?) throws(AuthError) {
        switch try publicKey.publicComponents() {
        case .ed25519(let x): self.init(keyType: "OKP", curve: "Ed25519", x: x)
        case .p256(let x, let y): self.init(keyType: "EC", curve: "P-256", x: x, y: y)
        case .rsa(let n, let e): self.init(keyType: "RSA", modulus: n, exponent: e)
        }
        self.keyID = keyID
        self.algorithm = algorithm?.name
        self.use = "sig"
    }

    /// The algorithm this key verifies: its `alg` if present (which must fit its type),
    /// otherwise the one its type implies.
    /// - Throws: ``AuthError/Code/invalidKey`` (or ``AuthError/Code/unsupportedAlgorithm``).
    public func verificationKey() throws(AuthError) -> VerificationKey {
        guard use == nil || use == "sig" else { throw AuthError(.invalidKey, "the key's use is not sig") }
        guard let keyID, !keyID.isEmpty else { throw AuthError(.invalidKey, "the JWK has no kid") }
        let key = try EVPKey.publicKey(try components())
        let pinned = JWTAlgorithm.pinned(to: key.family)
        if let algorithm, algorithm != pinned.name {
            throw AuthError(
                .unsupportedAlgorithm, "a \(keyType) key cannot be used with \(AuthError.quoted(algorithm))")
        }
        return VerificationKey(material: try KeyMaterial.checked(key, for: pinned), keyID: keyID, algorithm: pinned)
    }

    private func components() throws(AuthError) -> PublicComponents {
        switch (keyType, curve) {
        case ("OKP", "Ed25519"):
            guard let x else { break }
            return .ed25519(x: x)
        case ("EC", "P-256"):
            guard let x, let y else { break }
            return .p256(x: x, y: y)
        case ("RSA", nil):
            guard let modulus, let exponent else { break }
            return .rsa(n: modulus, e: exponent)
        case ("oct", _):
            throw AuthError(.invalidKey, "symmetric keys (kty oct) are never taken from a JWKS")
        default:
            throw AuthError(.invalidKey, "unsupported key type \(AuthError.quoted(keyType)) / curve")
        }
        throw AuthError(.invalidKey, "the \(keyType) JWK lacks a required member")
    }

    /// The RFC 7638 thumbprint of `key`: base64url SHA-256 of its required members in
    /// lexicographic order, without whitespace.
    static func thumbprint(of key: EVPKey) throws(AuthError) -> String {
        let json: String
        switch try key.publicComponents() {
        case .ed25519(let x):
            json = #"{"crv":"Ed25519","kty":"OKP","x":"\#(Base64URL.encode(x))"}"#
        case .p256(let x, let y):
            json = #"{"crv":"P-256","kty":"EC","x":"\#(Base64URL.encode(x))","y":"\#(Base64URL.encode(y))"}"#
        case .rsa(let n, let e):
            json = #"{"e":"\#(Base64URL.encode(e))","kty":"RSA","n":"\#(Base64URL.encode(n))"}"#
        }
        return Base64URL.encode(try OpenSSL.sha256(Array(json.utf8)))
    }
}
