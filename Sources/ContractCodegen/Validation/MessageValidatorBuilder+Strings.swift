internal import ProtoRuntime
internal import Validation

extension MessageValidatorBuilder {
    /// String rules in protovalidate's order (const, lengths, pattern, affixes, lists, format); lengths count Unicode code points, `*_bytes` UTF-8 bytes,
    /// and comparisons are by code points (Swift's `==` on strings would equate canonically
    /// equivalent strings, which protovalidate does not).
    mutating func stringRules(_ r: Buf_Validate_StringRules, _ value: String, _ site: Site) {
        if let expected = r.const {
            check(
                "!Validation.StringRules.equals(\(value), \(SwiftNaming.stringLiteral(expected)))", site,
                rule: "string.const",
                message: "value must equal `\(expected)`")
        }
        lengthRules(
            kind: "string", exact: r.len, min: r.minLen, max: r.maxLen, count: .codePoints(of: value),
            unit: "characters",
            names: ("len", "min_len", "max_len"), site: site)
        lengthRules(
            kind: "string", exact: r.lenBytes, min: r.minBytes, max: r.maxBytes, count: .plain("\(value).utf8.count"),
            unit: "bytes", names: ("len_bytes", "min_bytes", "max_bytes"), site: site)
        if let pattern = r.pattern, let regex = compiledPattern(pattern, rule: "string.pattern", site: site) {
            check(
                "!(Self.\(regex)?.matches(\(value)) ?? false)", site, rule: "string.pattern",
                message: "value does not match regex pattern `\(pattern)`")
        }
        if let prefix = r.prefix {
            check(
                "!Validation.StringRules.hasPrefix(\(value), \(SwiftNaming.stringLiteral(prefix)))", site,
                rule: "string.prefix",
                message: "value does not have prefix `\(prefix)`")
        }
        if let suffix = r.suffix {
            check(
                "!Validation.StringRules.hasSuffix(\(value), \(SwiftNaming.stringLiteral(suffix)))", site,
                rule: "string.suffix",
                message: "value does not have suffix `\(suffix)`")
        }
        if let contained = r.contains {
            check(
                "!Validation.StringRules.contains(\(value), \(SwiftNaming.stringLiteral(contained)))", site,
                rule: "string.contains", message: "value does not contain substring `\(contained)`")
        }
        if let excluded = r.notContains {
            check(
                "Validation.StringRules.contains(\(value), \(SwiftNaming.stringLiteral(excluded)))", site,
                rule: "string.not_contains", message: "value contains substring `\(excluded)`")
        }
        if !r.in.isEmpty {
            check(
                "!Validation.StringRules.isIn(\(value), [\(r.in.map(SwiftNaming.stringLiteral).joined(separator: ", "))])",
                site,
                rule: "string.in", message: "value must be in list [\(r.in.joined(separator: ", "))]")
        }
        if !r.notIn.isEmpty {
            check(
                "Validation.StringRules.isIn(\(value), [\(r.notIn.map(SwiftNaming.stringLiteral).joined(separator: ", "))])",
                site,
                rule: "string.not_in", message: "value must not be in list [\(r.notIn.joined(separator: ", "))]")
        }
        if let wellKnown = r.wellKnown { stringFormat(wellKnown, strict: r.strict ?? true, value, site) }
    }

    /// `len`/`min`/`max` style rules on a count, with generation errors for contradictions.
    /// How a length rule counts: a plain `Int` expression, or a string's code points (through
    /// `Validation.StringRules`, which counts without walking the string when its UTF-8 length
    /// already decides).
    enum Count {
        case plain(String)
        case codePoints(of: String)

        func differs(from bound: UInt64) -> String {
            switch self {
            case .plain(let count): "\(count) != \(bound)"
            case .codePoints(let value): "Validation.StringRules.codePoints(\(value)) != \(bound)"
            }
        }

        func isBelow(_ bound: UInt64) -> String {
            switch self {
            case .plain(let count): "\(count) < \(bound)"
            case .codePoints(let value): "Validation.StringRules.hasFewerCodePoints(\(value), than: \(bound))"
            }
        }

        func isAbove(_ bound: UInt64) -> String {
            switch self {
            case .plain(let count): "\(count) > \(bound)"
            case .codePoints(let value): "Validation.StringRules.hasMoreCodePoints(\(value), than: \(bound))"
            }
        }
    }

    mutating func lengthRules(
        kind: String, exact: UInt64?, min: UInt64?, max: UInt64?, count: Count, unit: String,
        names: (exact: String, min: String, max: String), site: Site
    ) {
        if let min, let max, min > max {
            error(site, rule: "\(kind).\(names.min)", "\(names.min) \(min) is greater than \(names.max) \(max)")
        }
        if let exact, (min.map { $0 > exact } ?? false) || (max.map { $0 < exact } ?? false) {
            error(site, rule: "\(kind).\(names.exact)", "\(names.exact) \(exact) contradicts \(names.min)/\(names.max)")
        }
        if let exact {
            check(
                count.differs(from: exact), site, rule: "\(kind).\(names.exact)",
                message: "value length must be \(exact) \(unit)")
        }
        if let min {
            check(
                count.isBelow(min), site, rule: "\(kind).\(names.min)",
                message: "value length must be at least \(min) \(unit)")
        }
        if let max {
            check(
                count.isAbove(max), site, rule: "\(kind).\(names.max)",
                message: "value length must be at most \(max) \(unit)")
        }
    }

    /// Declares a static compiled pattern and returns its name; a pattern that is not valid RE2
    /// is a generation error.
    mutating func compiledPattern(_ pattern: String, rule: String, site: Site) -> String? {
        do {
            _ = try RE2Regex(pattern)
        } catch {
            self.error(site, rule: rule, "`\(pattern)` is not a valid RE2 pattern: \(error)")
            return nil
        }
        let name = uniqueName("pattern")
        // The generator checked the pattern, so `try?` cannot yield nil here; a nil would fail the
        // check rather than pass it.
        addStatic("private static let \(name) = try? Validation.RE2Regex(\(SwiftNaming.stringLiteral(pattern)))")
        return name
    }

    /// The well-known string formats; an empty string gets the `_empty` rule id where
    /// protovalidate has one.
    mutating func stringFormat(
        _ format: Buf_Validate_StringRules.WellKnown, strict: Bool, _ value: String, _ site: Site
    ) {
        let formats = "Validation.StringFormats"
        let test: String
        let name: String
        let noun: String
        var hasEmptyRule = true
        switch format {
        case .email(true): (name, noun, test) = ("email", "email address", "\(formats).isEmail(\(value))")
        case .hostname(true): (name, noun, test) = ("hostname", "hostname", "\(formats).isHostname(\(value))")
        case .ip(true): (name, noun, test) = ("ip", "IP address", "\(formats).isIP(\(value))")
        case .ipv4(true): (name, noun, test) = ("ipv4", "IPv4 address", "\(formats).isIP(\(value), version: 4)")
        case .ipv6(true): (name, noun, test) = ("ipv6", "IPv6 address", "\(formats).isIP(\(value), version: 6)")
        case .uri(true): (name, noun, test) = ("uri", "URI", "\(formats).isURI(\(value))")
        case .uriRef(true):
            (name, noun, test) = ("uri_ref", "URI Reference", "\(formats).isURIReference(\(value))")
            hasEmptyRule = false
        case .address(true):
            (name, noun, test) = ("address", "hostname, or ip address", "\(formats).isAddress(\(value))")
        case .uuid(true): (name, noun, test) = ("uuid", "UUID", "\(formats).isUUID(\(value))")
        case .tuuid(true): (name, noun, test) = ("tuuid", "trimmed UUID", "\(formats).isTUUID(\(value))")
        case .ulid(true): (name, noun, test) = ("ulid", "ULID", "\(formats).isULID(\(value))")
        case .ipWithPrefixlen(true):
            (name, noun, test) = ("ip_with_prefixlen", "IP prefix", "\(formats).isIPPrefix(\(value), strict: false)")
        case .ipv4WithPrefixlen(true):
            (name, noun, test) = (
                "ipv4_with_prefixlen", "IPv4 address with prefix length",
                "\(formats).isIPPrefix(\(value), version: 4, strict: false)"
            )
        case .ipv6WithPrefixlen(true):
            (name, noun, test) = (
                "ipv6_with_prefixlen", "IPv6 address with prefix length",
                "\(formats).isIPPrefix(\(value), version: 6, strict: false)"
            )
        case .ipPrefix(true):
            (name, noun, test) = ("ip_prefix", "IP prefix", "\(formats).isIPPrefix(\(value), strict: true)")
        case .ipv4Prefix(true):
            (name, noun, test) = (
                "ipv4_prefix", "IPv4 prefix", "\(formats).isIPPrefix(\(value), version: 4, strict: true)"
            )
        case .ipv6Prefix(true):
            (name, noun, test) = (
                "ipv6_prefix", "IPv6 prefix", "\(formats).isIPPrefix(\(value), version: 6, strict: true)"
            )
        case .hostAndPort(true):
            (name, noun, test) = (
                "host_and_port", "host and port pair", "\(formats).isHostAndPort(\(value), portRequired: true)"
            )
        case .protobufFqn(true):
            (name, noun, test) = ("protobuf_fqn", "fully-qualified Protobuf name", "\(formats).isProtobufFQN(\(value))")
        case .protobufDotFqn(true):
            (name, noun, test) = (
                "protobuf_dot_fqn", "fully-qualified Protobuf name with a leading dot",
                "\(formats).isProtobufDotFQN(\(value))"
            )
        case .wellKnownRegex(.httpHeaderName):
            (name, noun, test) = (
                "well_known_regex.header_name", "HTTP header name",
                "\(formats).isHTTPHeaderName(\(value), strict: \(strict))"
            )
        case .wellKnownRegex(.httpHeaderValue):
            (name, noun, test) = (
                "well_known_regex.header_value", "HTTP header value",
                "\(formats).isHTTPHeaderValue(\(value), strict: \(strict))"
            )
            hasEmptyRule = false
        default:
            return  // a format set to false (or KNOWN_REGEX_UNSPECIFIED) asks for nothing
        }
        let rule = "string.\(name)"
        if hasEmptyRule {
            emit(
                "if \(value).isEmpty { \(report(site, rule: rule + "_empty", message: "value is empty, which is not a valid \(noun)")) }"
            )
            emit("else if !\(test) { \(report(site, rule: rule, message: "value must be a valid \(noun)")) }")
        } else {
            check("!\(test)", site, rule: rule, message: "value must be a valid \(noun)")
        }
    }
}
