internal import ProtoRuntime

extension RuleSchemas {
    /// String rules. Lengths count code points in protovalidate and in JSON Schema alike, so
    /// `min_len`/`max_len`/`len` are exact; byte lengths are notes. `prefix`, `suffix` and
    /// `contains` become patterns of the escaped literal; `not_contains` a note.
    static func stringRules(_ r: Buf_Validate_StringRules) -> RuleSchema {
        var schema = RuleSchema()
        if let value = r.const { schema.add("const", .string(value)) }
        if let value = r.len {
            schema.add("minLength", integer(value))
            schema.add("maxLength", integer(value))
        }
        if let value = r.minLen { schema.add("minLength", integer(value)) }
        if let value = r.maxLen { schema.add("maxLength", integer(value)) }
        let bytes = [
            r.lenBytes.map { "exactly \($0)" }, r.minBytes.map { "at least \($0)" }, r.maxBytes.map { "at most \($0)" },
        ].compactMap { $0 }
        if !bytes.isEmpty { schema.notes.append("UTF-8 length: \(bytes.joined(separator: ", ")) bytes.") }
        if let pattern = r.pattern {
            if let translated = ECMAPattern.translate(pattern) {
                schema.add("pattern", .string(translated))
            } else {
                schema.notes.append("Must match the RE2 pattern `\(pattern)`.")
            }
        }
        if let prefix = r.prefix { schema.add("pattern", .string("^" + escaped(prefix))) }
        if let suffix = r.suffix { schema.add("pattern", .string(escaped(suffix) + "$")) }
        if let contained = r.contains { schema.add("pattern", .string(escaped(contained))) }
        if let excluded = r.notContains { schema.notes.append("Must not contain `\(excluded)`.") }
        if !r.in.isEmpty { schema.add("enum", .array(r.in.map { .string($0) })) }
        if !r.notIn.isEmpty { schema.add("not", ["enum": .array(r.notIn.map { .string($0) })]) }
        if let wellKnown = r.wellKnown { schema.merge(stringFormat(wellKnown, strict: r.strict ?? true)) }
        return schema
    }

    /// The well-known string formats: JSON Schema's own formats where one matches, a pattern
    /// where the format is a fixed shape, a note otherwise.
    static func stringFormat(_ format: Buf_Validate_StringRules.WellKnown, strict: Bool) -> RuleSchema {
        var schema = RuleSchema()
        switch format {
        case .email(true): schema.add("format", "email")
        case .hostname(true): schema.add("format", "hostname")
        case .ipv4(true): schema.add("format", "ipv4")
        case .ipv6(true): schema.add("format", "ipv6")
        case .ip(true): schema.add("anyOf", [["format": "ipv4"], ["format": "ipv6"]])
        case .uri(true): schema.add("format", "uri")
        case .uriRef(true): schema.add("format", "uri-reference")
        case .address(true): schema.add("anyOf", [["format": "hostname"], ["format": "ipv4"], ["format": "ipv6"]])
        case .uuid(true): schema.add("format", "uuid")
        case .tuuid(true): schema.add("pattern", "^[0-9a-fA-F]{32}$")
        case .ulid(true): schema.add("pattern", "^[0-7][0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{25}$")
        case .ipWithPrefixlen(true): schema.notes.append("An IP address with a prefix length (`192.168.5.21/16`).")
        case .ipv4WithPrefixlen(true): schema.notes.append("An IPv4 address with a prefix length.")
        case .ipv6WithPrefixlen(true): schema.notes.append("An IPv6 address with a prefix length.")
        case .ipPrefix(true): schema.notes.append("An IP prefix (`10.0.0.0/8`).")
        case .ipv4Prefix(true): schema.notes.append("An IPv4 prefix.")
        case .ipv6Prefix(true): schema.notes.append("An IPv6 prefix.")
        case .hostAndPort(true): schema.notes.append("A host and a port (`example.com:8080`, `[::1]:80`).")
        case .protobufFqn(true): schema.notes.append("A fully qualified protobuf name (`foo.bar.Baz`).")
        case .protobufDotFqn(true): schema.notes.append("A fully qualified protobuf name with a leading dot.")
        case .wellKnownRegex(.httpHeaderName):
            schema.add("pattern", strict ? "^:?[0-9a-zA-Z!#$%&'*+,\\-.^_|~`]+$" : "^[^\\u0000\\n\\r]+$")
        case .wellKnownRegex(.httpHeaderValue):
            schema.add("pattern", strict ? "^[^\\u0000-\\u0008\\n-\\u001F\\u007F]*$" : "^[^\\u0000\\n\\r]*$")
        default: break
        }
        return schema
    }

    /// Bytes rules are on the decoded bytes, which a base64 string's keywords cannot state: notes.
    static func bytesRules(_ r: Buf_Validate_BytesRules) -> RuleSchema {
        var schema = RuleSchema()
        let lengths = [
            r.len.map { "exactly \($0)" }, r.minLen.map { "at least \($0)" }, r.maxLen.map { "at most \($0)" },
        ]
        .compactMap { $0 }
        if !lengths.isEmpty { schema.notes.append("Decoded length: \(lengths.joined(separator: ", ")) bytes.") }
        if let pattern = r.pattern { schema.notes.append("The decoded bytes must match the RE2 pattern `\(pattern)`.") }
        var named: [String] = []
        if r.const != nil { named.append("const") }
        if r.prefix != nil { named.append("prefix") }
        if r.suffix != nil { named.append("suffix") }
        if r.contains != nil { named.append("contains") }
        if !r.in.isEmpty { named.append("in") }
        if !r.notIn.isEmpty { named.append("not_in") }
        switch r.wellKnown {
        case .ip(true)?: named.append("ip")
        case .ipv4(true)?: named.append("ipv4")
        case .ipv6(true)?: named.append("ipv6")
        case .uuid(true)?: named.append("uuid")
        default: break
        }
        if !named.isEmpty { schema.notes.append("Validated by \(codeList(named.map { "bytes." + $0 })).") }
        return schema
    }

    /// Timestamp rules, named (they compare instants, several relative to the server's clock).
    static func timestampNotes(_ r: Buf_Validate_TimestampRules) -> [String] {
        var named: [String] = []
        if r.const != nil { named.append("const") }
        switch r.lessThan {
        case .lt?: named.append("lt")
        case .lte?: named.append("lte")
        case .ltNow?: named.append("lt_now")
        case nil: break
        }
        switch r.greaterThan {
        case .gt?: named.append("gt")
        case .gte?: named.append("gte")
        case .gtNow?: named.append("gt_now")
        case nil: break
        }
        if r.within != nil { named.append("within") }
        return named.isEmpty ? [] : ["Validated by \(codeList(named.map { "timestamp." + $0 })) (see the contract)."]
    }

    /// Duration rules, named.
    static func durationNotes(_ r: Buf_Validate_DurationRules) -> [String] {
        var named: [String] = []
        if r.const != nil { named.append("const") }
        if r.lessThan != nil { named.append(r.lt != nil ? "lt" : "lte") }
        if r.greaterThan != nil { named.append(r.gt != nil ? "gt" : "gte") }
        if !r.in.isEmpty { named.append("in") }
        if !r.notIn.isEmpty { named.append("not_in") }
        return named.isEmpty ? [] : ["Validated by \(codeList(named.map { "duration." + $0 })) (see the contract)."]
    }

    /// A literal as a pattern that matches exactly it (ECMA-262 syntax characters escaped).
    static func escaped(_ literal: String) -> String {
        var output = ""
        for scalar in literal.unicodeScalars {
            if "\\^$.|?*+()[]{}".unicodeScalars.contains(scalar) { output += "\\" }
            output.unicodeScalars.append(scalar)
        }
        return output
    }
}
