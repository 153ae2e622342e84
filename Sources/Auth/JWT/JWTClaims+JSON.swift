internal import ProtoRuntime

extension JWTClaims {
    /// The claims as a compact JSON object: registered claims first, then the others sorted.
    public var jsonBytes: [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        if let issuer { writer.member("iss", .string(issuer)) }
        if let subject { writer.member("sub", .string(subject)) }
        if audience.count == 1 {
            writer.member("aud", .string(audience[0]))
        } else if !audience.isEmpty {
            writer.member("aud", .array(audience.map(JSONValue.string)))
        }
        if let expiresAt { writer.member("exp", JSONValue(expiresAt)) }
        if let notBefore { writer.member("nbf", JSONValue(notBefore)) }
        if let issuedAt { writer.member("iat", JSONValue(issuedAt)) }
        if let tokenID { writer.member("jti", .string(tokenID)) }
        if kind != .user { writer.member("kind", .string(kind.claimValue)) }
        if !roles.isEmpty { writer.member("roles", .array(roles.map(JSONValue.string))) }
        if !scopes.isEmpty { writer.member("scope", .string(scopes.joined(separator: " "))) }
        for name in additionalClaims.keys.sorted() where !Self.registeredNames.contains(name) {
            writer.member(name, additionalClaims[name, default: .null])
        }
        writer.endObject()
        return writer.finish().readableBytesArray
    }

    /// Claims from a JSON object (a JWT's payload).
    /// - Throws: ``AuthError`` with ``AuthError/Code/malformed``: not an object, a duplicate
    ///   member, or a registered claim of the wrong type (`exp` as a string, `aud` as a number).
    public init(json: some Collection<UInt8>) throws(AuthError) {
        self.init()
        var claims = self
        try JSONInput.parse(Array(json), maxDepth: 32) { (scanner, input) throws(AuthError) in
            try input.readObject(&scanner) { (name, scanner) throws(AuthError) in
                try claims.read(name, from: &scanner, input)
            }
        }
        self = claims
    }

    private mutating func read(_ name: String, from scanner: inout JSONScanner, _ input: JSONInput) throws(AuthError) {
        switch name {
        case "iss": issuer = try input.readString(&scanner, member: name)
        case "sub": subject = try input.readString(&scanner, member: name)
        case "jti": tokenID = try input.readString(&scanner, member: name)
        case "aud":
            if scanner.peek() == UInt8(ascii: "[") {
                audience = try input.readStringArray(&scanner, member: name)
            } else {
                audience = [try input.readString(&scanner, member: name)]
            }
        case "exp": expiresAt = try Self.readTime(&scanner, input, member: name, rule: .down)
        case "iat": issuedAt = try Self.readTime(&scanner, input, member: name, rule: .down)
        case "nbf": notBefore = try Self.readTime(&scanner, input, member: name, rule: .up)
        case "kind":
            let value = try input.readString(&scanner, member: name)
            guard let kind = TokenKind(claimValue: value) else {
                throw AuthError(.malformed, "kind must be \"user\" or \"service\", found \(AuthError.quoted(value))")
            }
            self.kind = kind
        case "roles": roles = try input.readStringArray(&scanner, member: name)
        case "scope":
            scopes = try input.readString(&scanner, member: name).split(separator: " ").map(String.init)
        default:
            additionalClaims[name] = try input.readValue(&scanner)
        }
    }

    /// A NumericDate (RFC 7519 §2): a JSON number, not a string; fractions rounded by `rule`.
    private static func readTime(
        _ scanner: inout JSONScanner, _ input: JSONInput, member: String, rule: FloatingPointRoundingRule
    ) throws(AuthError) -> Int64 {
        let text = try input.readNumberText(&scanner)
        if let exact = Int64(text) { return exact }
        guard let value = Double(text), value.isFinite, let seconds = Int64(exactly: value.rounded(rule)) else {
            throw AuthError(.malformed, "\(member) must be a NumericDate")
        }
        return seconds
    }
}

extension JSONWriter {
    mutating func member(_ name: String, _ value: JSONValue) {
        writeKey(name)
        value.write(to: &self)
    }
}
