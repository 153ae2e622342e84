internal import ProtoRuntime

/// The protected header of a JWS (RFC 7515 §4.1), as far as verification reads it.
///
/// Only `alg` and `kid` matter. `crit` is refused (no extension is understood, RFC 7515
/// §4.1.11; this also refuses unencoded payloads, RFC 7797). Key-carrying headers (`jwk`,
/// `jku`, `x5u`, `x5c`) are ignored: keys come from the verifier's key source, never from the
/// token itself.
struct JWSHeader {
    var algorithmName: String?
    var keyID: String?

    /// `base64url({"alg":…,"kid":…,"typ":"JWT"})` as bytes.
    static func encoded(algorithm: JWTAlgorithm, keyID: String) -> [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        writer.member("alg", .string(algorithm.name))
        writer.member("kid", .string(keyID))
        writer.member("typ", .string("JWT"))
        writer.endObject()
        var output: [UInt8] = []
        Base64URL.encode(writer.finish().readableBytesArray, into: &output)
        return output
    }

    /// Reads a decoded header.
    static func parse(_ json: [UInt8]) throws(AuthError) -> JWSHeader {
        var header = JWSHeader()
        try JSONInput.parse(json, maxDepth: 8) { (scanner, input) throws(AuthError) in
            try input.readObject(&scanner) { (name, scanner) throws(AuthError) in
                switch name {
                case "alg": header.algorithmName = try input.readString(&scanner, member: "alg")
                case "kid": header.keyID = try input.readString(&scanner, member: "kid")
                case "crit": throw AuthError(.malformed, "the header lists critical extensions (crit)")
                default: _ = try input.readValue(&scanner)
                }
            }
        }
        return header
    }
}

/// A JWS in compact serialization (RFC 7515 §7.1) split into its parts.
struct CompactJWS {
    /// The ASCII `header.payload` the signature covers.
    let signingInput: ArraySlice<UInt8>
    let header: JWSHeader
    let encodedPayload: ArraySlice<UInt8>
    let signature: [UInt8]

    /// Splits and decodes `token`; the payload stays encoded until the signature is checked.
    init(_ token: [UInt8]) throws(AuthError) {
        guard let firstDot = token.firstIndex(of: UInt8(ascii: ".")),
            let secondDot = token[(firstDot + 1)...].firstIndex(of: UInt8(ascii: ".")),
            !token[(secondDot + 1)...].contains(UInt8(ascii: "."))
        else {
            throw AuthError(.malformed, "a JWS in compact form has three parts separated by dots")
        }
        guard let headerJSON = Base64URL.decode(token[..<firstDot]) else {
            throw AuthError(.malformed, "the header is not unpadded base64url")
        }
        guard let signature = Base64URL.decode(token[(secondDot + 1)...]) else {
            throw AuthError(.malformed, "the signature is not unpadded base64url")
        }
        self.header = try JWSHeader.parse(headerJSON)
        self.signingInput = token[..<secondDot]
        self.encodedPayload = token[(firstDot + 1)..<secondDot]
        self.signature = signature
    }

    /// The decoded payload.
    func payload() throws(AuthError) -> [UInt8] {
        guard let payload = Base64URL.decode(encodedPayload) else {
            throw AuthError(.malformed, "the payload is not unpadded base64url")
        }
        return payload
    }
}

extension SigningKey {
    /// Signs `claims` into a compact JWS: `base64url(header).base64url(claims).base64url(sig)`.
    /// - Throws: ``AuthError/Code/cryptoFailure`` only if OpenSSL fails.
    public func sign(_ claims: JWTClaims) throws(AuthError) -> String {
        var token = encodedHeader
        token.reserveCapacity(encodedHeader.count + 700)
        token.append(UInt8(ascii: "."))
        Base64URL.encode(claims.jsonBytes, into: &token)
        let signed = token.withUnsafeBytes { input in
            Result { () throws(AuthError) in try material.sign(input) }
        }
        let signature = try signed.get()
        token.append(UInt8(ascii: "."))
        Base64URL.encode(signature, into: &token)
        return String(decoding: token, as: UTF8.self)
    }
}
