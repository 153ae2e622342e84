internal import ProtoRuntime

extension JWK {
    /// Writes the key as a JSON object (`kty`, `kid`, `use`, `alg`, then its key members).
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("kty", .string(keyType))
        if let keyID { writer.member("kid", .string(keyID)) }
        if let use { writer.member("use", .string(use)) }
        if let algorithm { writer.member("alg", .string(algorithm)) }
        if let curve { writer.member("crv", .string(curve)) }
        for (name, bytes) in [("x", x), ("y", y), ("n", modulus), ("e", exponent)] {
            if let bytes { writer.member(name, .string(Base64URL.encode(bytes))) }
        }
        writer.endObject()
    }

    /// Reads a key object; unknown and private members are skipped, never kept.
    static func read(_ scanner: inout JSONScanner, _ input: JSONInput) throws(AuthError) -> JWK {
        var key = JWK(keyType: "")
        try input.readObject(&scanner) { (name, scanner) throws(AuthError) in
            switch name {
            case "kty": key.keyType = try input.readString(&scanner, member: name)
            case "crv": key.curve = try input.readString(&scanner, member: name)
            case "kid": key.keyID = try input.readString(&scanner, member: name)
            case "alg": key.algorithm = try input.readString(&scanner, member: name)
            case "use": key.use = try input.readString(&scanner, member: name)
            case "x": key.x = try readBytes(&scanner, input, member: name)
            case "y": key.y = try readBytes(&scanner, input, member: name)
            case "n": key.modulus = try readBytes(&scanner, input, member: name)
            case "e": key.exponent = try readBytes(&scanner, input, member: name)
            default: try JSONInput.scan { () throws(JSONDecodingError) in try scanner.skipValue() }
            }
        }
        guard !key.keyType.isEmpty else { throw AuthError(.malformed, "a JWK without kty") }
        return key
    }

    private static func readBytes(
        _ scanner: inout JSONScanner, _ input: JSONInput, member: String
    ) throws(AuthError) -> [UInt8] {
        let text = try input.readString(&scanner, member: member)
        guard let bytes = Base64URL.decode(text) else {
            throw AuthError(.malformed, "the JWK member \(member) is not unpadded base64url")
        }
        return bytes
    }
}
