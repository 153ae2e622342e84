internal import ProtoRuntime

/// A JWK Set (RFC 7517 §5): the public keys an issuer publishes at
/// `/.well-known/jwks.json`, and what a verifier reads from an outside issuer's.
///
/// Publishing writes the public members only (`OKP` `x`; `EC` `x`, `y`; `RSA` `n`, `e`) with
/// `kid`, `alg` and `use: sig`; HS256 keys are never published. Reading keeps the keys it can
/// verify with and reports the others in ``verificationKeys()``'s `skipped`.
///
/// ```swift
/// let json = JWKS(publishing: ring.keySet, at: clock.now()).jsonText   // serve this
/// let keys = try JWKS(json: body).verificationKeys().keys
/// ```
public struct JWKS: Sendable, Hashable {
    /// The keys, in document order.
    public var keys: [JWK]

    /// A set of `keys`.
    public init(keys: [JWK]) { self.keys = keys }

    /// The public keys of `keySet` that verify at `now`, sorted by `kid` (HS256 keys left out).
    public init(publishing keySet: KeySet, at now: Int64) {
        keys = keySet.verificationKeys(at: now).compactMap { try? $0.jwk() }
    }

    /// The document's JSON: `{"keys":[…]}`.
    public var jsonBytes: [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.writeKey("keys")
        writer.beginArray()
        for key in keys {
            writer.beginElement()
            key.write(to: &writer)
        }
        writer.endArray()
        writer.endObject()
        return writer.finish().readableBytesArray
    }

    /// The document's JSON as text.
    public var jsonText: String { String(decoding: jsonBytes, as: UTF8.self) }

    /// Reads a JWKS document (members other than `keys` are ignored).
    /// - Throws: ``AuthError/Code/malformed`` if it is not a JSON object with a `keys` array of
    ///   key objects.
    public init(json: some Collection<UInt8>) throws(AuthError) {
        var keys: [JWK]?
        try JSONInput.parse(Array(json), maxDepth: 16) { (scanner, input) throws(AuthError) in
            try input.readObject(&scanner) { (name, scanner) throws(AuthError) in
                guard name == "keys" else {
                    try JSONInput.scan { () throws(JSONDecodingError) in try scanner.skipValue() }
                    return
                }
                var list: [JWK] = []
                try JSONInput.scan { () throws(JSONDecodingError) in try scanner.beginArray() }
                var isFirst = true
                while try JSONInput.scan({ () throws(JSONDecodingError) in try scanner.nextElement(isFirst: &isFirst) })
                {
                    list.append(try JWK.read(&scanner, input))
                }
                keys = list
            }
        }
        guard let keys else { throw AuthError(.malformed, "the JWKS has no keys array") }
        self.keys = keys
    }

    /// The keys that can verify tokens, by `kid`, and why the others cannot (an unsupported
    /// type, `use: enc`, no `kid`, a duplicate `kid`, a weak RSA key, `oct`).
    public func verificationKeys() -> (keys: [String: VerificationKey], skipped: [AuthError]) {
        var usable: [String: VerificationKey] = [:]
        var skipped: [AuthError] = []
        for jwk in keys {
            do throws(AuthError) {
                let key = try jwk.verificationKey()
                guard usable[key.keyID] == nil else {
                    throw AuthError(.invalidKey, "the key ID \(AuthError.quoted(key.keyID)) appears twice")
                }
                usable[key.keyID] = key
            } catch {
                skipped.append(error)
            }
        }
        return (usable, skipped)
    }
}
