internal import Synchronization

/// Where a verifier finds the key for a token's `kid`: a ``KeySet``, a live ``KeyRing``, or an
/// outside issuer's ``RemoteJWKS``.
public protocol VerificationKeySource: Sendable {
    /// The key with `keyID`, valid at `now`.
    /// - Throws: ``AuthError/Code/unknownKeyID`` when there is none (a remote source may also
    ///   throw ``AuthError/Code/jwksUnavailable``).
    func verificationKey(for keyID: String, at now: Int64) async throws(AuthError) -> VerificationKey
}

/// Where an issuer finds the key to sign with.
public protocol SigningKeySource: Sendable {
    /// The active signing key.
    var signingKey: SigningKey { get }
}

extension KeySet: VerificationKeySource, SigningKeySource {
    public func verificationKey(for keyID: String, at now: Int64) throws(AuthError) -> VerificationKey {
        guard let key = key(withID: keyID, at: now) else {
            throw AuthError(.unknownKeyID, "no key with the ID \(AuthError.quoted(keyID))")
        }
        return key
    }

    public var signingKey: SigningKey { activeKey }
}

/// A ``KeySet`` that a running process rotates: issuers sign with its current active key and
/// verifiers see rotations at once.
///
/// ```swift
/// let ring = KeyRing(KeySet(active: key))
/// ring.update { try $0.rotated(to: next, retiringPreviousAt: now + 3600) }
/// ```
public final class KeyRing: VerificationKeySource, SigningKeySource {
    private let state: Mutex<KeySet>

    /// A ring holding `keys`.
    public init(_ keys: KeySet) { state = Mutex(keys) }

    /// The keys now.
    public var keySet: KeySet { state.withLock { $0 } }

    /// Replaces the keys with `transform`'s result (under the lock, so updates do not race).
    public func update<E: Error>(_ transform: (KeySet) throws(E) -> KeySet) throws(E) {
        try state.withLock { (keys: inout KeySet) throws(E) in keys = try transform(keys) }
    }

    public func verificationKey(for keyID: String, at now: Int64) throws(AuthError) -> VerificationKey {
        try keySet.verificationKey(for: keyID, at: now)
    }

    public var signingKey: SigningKey { state.withLock { $0.activeKey } }
}
