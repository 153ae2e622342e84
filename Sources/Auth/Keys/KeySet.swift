/// The keys of one issuer: exactly one active signing key, and older (or upcoming) keys kept
/// for verification until their retirement time.
///
/// Rotation: sign with a new key, and keep the old one verifying until every token it signed
/// has expired — `retiresAt` ≥ the rotation time plus the longest token lifetime (plus the
/// clock skew). A key can also be published before it signs (``adding(_:retiresAt:)``), so
/// caches of the JWKS hold it when the first token arrives.
///
/// ```swift
/// var keys = KeySet(active: try SigningKey.generate(.edDSA))
/// keys = try keys.rotated(to: try SigningKey.generate(.edDSA), retiringPreviousAt: now + 3600)
/// ```
public struct KeySet: Sendable {
    /// A key kept for verification.
    public struct Entry: Sendable {
        /// The key.
        public var key: VerificationKey
        /// When it stops verifying (seconds since the epoch); `nil` for never (the active key,
        /// upcoming keys).
        public var retiresAt: Int64?
    }

    /// The key that signs.
    public private(set) var activeKey: SigningKey
    /// Every key that verifies, by `kid` (the active key's included).
    public private(set) var entries: [String: Entry]

    /// A set with `active` as its only key.
    public init(active: SigningKey) {
        self.activeKey = active
        self.entries = [active.keyID: Entry(key: active.verificationKey, retiresAt: nil)]
    }

    /// This set with `key` verifying too, until `retiresAt` (`nil`: until removed).
    /// - Throws: ``AuthError/Code/invalidConfiguration`` if its `kid` is taken.
    public func adding(_ key: VerificationKey, retiresAt: Int64? = nil) throws(AuthError) -> KeySet {
        guard entries[key.keyID] == nil else {
            throw AuthError(.invalidConfiguration, "the key ID \(AuthError.quoted(key.keyID)) is already in the set")
        }
        var copy = self
        copy.entries[key.keyID] = Entry(key: key, retiresAt: retiresAt)
        return copy
    }

    /// This set signing with `newKey`; the previous active key verifies until
    /// `retiringPreviousAt`. `newKey` may already be in the set as an upcoming key.
    /// - Throws: ``AuthError/Code/invalidConfiguration`` if another key has `newKey`'s `kid`.
    public func rotated(to newKey: SigningKey, retiringPreviousAt: Int64) throws(AuthError) -> KeySet {
        if let existing = entries[newKey.keyID], existing.key.algorithm != newKey.algorithm {
            throw AuthError(.invalidConfiguration, "the key ID \(AuthError.quoted(newKey.keyID)) is already in the set")
        }
        guard newKey.keyID != activeKey.keyID else {
            throw AuthError(.invalidConfiguration, "the new key has the active key's ID")
        }
        var copy = self
        copy.entries[activeKey.keyID]?.retiresAt = retiringPreviousAt
        copy.entries[newKey.keyID] = Entry(key: newKey.verificationKey, retiresAt: nil)
        copy.activeKey = newKey
        return copy
    }

    /// This set without the keys retired at `now`.
    public func removingRetired(at now: Int64) -> KeySet {
        var copy = self
        copy.entries = entries.filter { !$0.value.isRetired(at: now) }
        return copy
    }

    /// The key with `keyID`, unless unknown or retired at `now`.
    public func key(withID keyID: String, at now: Int64) -> VerificationKey? {
        guard let entry = entries[keyID], !entry.isRetired(at: now) else { return nil }
        return entry.key
    }

    /// The keys that verify at `now`, sorted by `kid` (what a JWKS publishes).
    public func verificationKeys(at now: Int64) -> [VerificationKey] {
        entries.values.filter { !$0.isRetired(at: now) }.map(\.key).sorted { $0.keyID < $1.keyID }
    }
}

extension KeySet.Entry {
    /// Whether the key no longer verifies at `now` (retirement time included).
    func isRetired(at now: Int64) -> Bool {
        guard let retiresAt else { return false }
        return now >= retiresAt
    }
}
