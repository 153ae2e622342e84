internal import ProtoRuntime

extension MessageValidatorBuilder {
    /// Bytes rules in field-number order.
    mutating func bytesRules(_ r: Buf_Validate_BytesRules, _ value: String, _ site: Site) {
        let rules = "Validation.ByteRules"
        if let expected = r.const {
            check(
                "!\(rules).equals(\(value), \(Self.byteArray(expected)))", site, rule: "bytes.const",
                message: "value must be \(Self.hex(expected))")
        }
        lengthRules(
            kind: "bytes", exact: r.len, min: r.minLen, max: r.maxLen, count: .plain("\(value).readableBytes"),
            unit: "bytes",
            names: ("len", "min_len", "max_len"), site: site)
        if let pattern = r.pattern, let regex = compiledPattern(pattern, rule: "bytes.pattern", site: site) {
            // protovalidate evaluates the pattern on text: bytes that are not UTF-8 cannot be checked.
            let text = uniqueName("text")
            emit("if let \(text) = \(rules).text(\(value)) {")
            emit(
                "    if !(Self.\(regex)?.matches(\(text)) ?? false) { \(report(site, rule: "bytes.pattern", message: "value must match regex pattern `\(pattern)`")) }"
            )
            emit(
                "} else { context.fail(field: \(site.field.map(SwiftNaming.stringLiteral) ?? "nil"), rule: \"bytes.pattern\", reason: \"value must be valid UTF-8 to apply regexp\") }"
            )
        }
        if let prefix = r.prefix {
            check(
                "!\(rules).hasPrefix(\(value), \(Self.byteArray(prefix)))", site, rule: "bytes.prefix",
                message: "value does not have prefix \(Self.hex(prefix))")
        }
        if let suffix = r.suffix {
            check(
                "!\(rules).hasSuffix(\(value), \(Self.byteArray(suffix)))", site, rule: "bytes.suffix",
                message: "value does not have suffix \(Self.hex(suffix))")
        }
        if let contained = r.contains {
            check(
                "!\(rules).contains(\(value), \(Self.byteArray(contained)))", site, rule: "bytes.contains",
                message: "value does not contain \(Self.hex(contained))")
        }
        if !r.in.isEmpty {
            check(
                "!\(rules).isIn(\(value), [\(r.in.map(Self.byteArray).joined(separator: ", "))])", site,
                rule: "bytes.in",
                message: "value must be in list [\(r.in.map(Self.hex).joined(separator: ", "))]")
        }
        if !r.notIn.isEmpty {
            check(
                "\(rules).isIn(\(value), [\(r.notIn.map(Self.byteArray).joined(separator: ", "))])", site,
                rule: "bytes.not_in",
                message: "value must not be in list [\(r.notIn.map(Self.hex).joined(separator: ", "))]")
        }
        let (name, count, noun): (String, String, String)
        switch r.wellKnown {
        case .ip(true)?: (name, count, noun) = ("ip", "4 || \(value).readableBytes == 16", "IP address")
        case .ipv4(true)?: (name, count, noun) = ("ipv4", "4", "IPv4 address")
        case .ipv6(true)?: (name, count, noun) = ("ipv6", "16", "IPv6 address")
        case .uuid(true)?: (name, count, noun) = ("uuid", "16", "UUID")
        default: return
        }
        emit(
            "if \(value).isEmpty { \(report(site, rule: "bytes.\(name)_empty", message: "value is empty, which is not a valid \(noun)")) }"
        )
        emit(
            "else if !(\(value).readableBytes == \(count)) { \(report(site, rule: "bytes.\(name)", message: "value must be a valid \(noun)")) }"
        )
    }

    /// `[0x01, 0x02] as [Swift.UInt8]`.
    static func byteArray(_ bytes: ByteBuffer) -> String {
        "[" + bytes.readableBytesArray.map { "0x" + String($0, radix: 16) }.joined(separator: ", ")
            + "] as [Swift.UInt8]"
    }

    /// `\x01\x02`, for messages.
    static func hex(_ bytes: ByteBuffer) -> String {
        bytes.readableBytesArray.map { "\\x" + (($0 < 16 ? "0" : "") + String($0, radix: 16)) }.joined()
    }
}
