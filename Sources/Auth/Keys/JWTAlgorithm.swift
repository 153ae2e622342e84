/// A JWS signature algorithm (RFC 7518 §3, RFC 8037 §3.1) that keys here are pinned to.
///
/// The algorithm belongs to the key, never to the token: a token whose header names another
/// algorithm than its key's is refused, `none` is never accepted, and an HMAC key can only be
/// made from a shared secret, so a public key can never act as one.
public struct JWTAlgorithm: Sendable, Hashable, CustomStringConvertible {
    private enum Kind: String, Sendable, Hashable, CaseIterable {
        case edDSA = "EdDSA"
        case es256 = "ES256"
        case rs256 = "RS256"
        case hs256 = "HS256"
    }

    private let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    /// EdDSA over Ed25519 (RFC 8037): small keys, fast, deterministic. The default.
    public static let edDSA = JWTAlgorithm(.edDSA)
    /// ECDSA over P-256 with SHA-256; signatures are raw r‖s, 64 bytes.
    public static let es256 = JWTAlgorithm(.es256)
    /// RSASSA-PKCS1-v1_5 with SHA-256, keys of at least 2048 bits.
    public static let rs256 = JWTAlgorithm(.rs256)
    /// HMAC with SHA-256 over a shared secret of at least 32 bytes, for small setups where
    /// every verifier may also sign. Never published in a JWKS.
    public static let hs256 = JWTAlgorithm(.hs256)

    /// Every algorithm supported.
    public static let all: [JWTAlgorithm] = Kind.allCases.map(JWTAlgorithm.init)

    /// The algorithm named `name` (the `alg` header value, case-sensitive), or `nil`.
    public init?(name: String) {
        guard let kind = Kind(rawValue: name) else { return nil }
        self.kind = kind
    }

    /// The JWS `alg` name.
    public var name: String { kind.rawValue }

    public var description: String { kind.rawValue }

    /// Whether the algorithm uses a public/private key pair (all but HS256).
    public var isAsymmetric: Bool { kind != .hs256 }

    /// The key family it needs, for asymmetric algorithms.
    var family: EVPKey.Family? {
        switch kind {
        case .edDSA: .ed25519
        case .es256: .p256
        case .rs256: .rsa(bits: 2048)
        case .hs256: nil
        }
    }

    /// The algorithm a key of `family` is pinned to.
    static func pinned(to family: EVPKey.Family) -> JWTAlgorithm {
        switch family {
        case .ed25519: .edDSA
        case .p256: .es256
        case .rsa: .rs256
        }
    }
}
