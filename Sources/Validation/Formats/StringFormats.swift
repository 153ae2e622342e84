/// The well-known string formats of protovalidate's `StringRules` and CEL library, as fast checks
/// that generated validators call at run time.
///
/// Each check is a byte-level parser over the string's UTF-8 (no regular expression, no allocation)
/// and gives the verdict of protovalidate's reference implementation (the Rust core of PyPI's
/// `protovalidate` 2.1.0), which `Tests/Validation/formats` cross-checks case by case.
///
/// The functions answer for any string, the empty one included, as the CEL functions do
/// (`isEmail("")` is false). A standard rule reports an empty string under its own rule id
/// (`string.email_empty`), except `uri_ref` and the header value regex, for which an empty string
/// is valid; the verdict is the same either way.
///
/// ```swift
/// if !StringFormats.isEmail(request.email) {
///     violations.append(ValidationViolation(
///         fieldPath: "email", ruleID: request.email.isEmpty ? "string.email_empty" : "string.email",
///         message: "value must be a valid email address"))
/// }
/// ```
///
/// On Linux every `String` stores native UTF-8, which the checks read in place through
/// `String.UTF8View.span`.
public enum StringFormats {
    /// `string.email`, CEL `isEmail()`: the HTML standard's valid e-mail address
    /// (`local@label.label`, no quoted local part, no IP-literal domain, no length limit).
    public static func isEmail(_ s: String) -> Bool {
        let bytes = s.utf8.span
        return HostParser.isEmail(bytes, 0, bytes.count)
    }

    /// `string.hostname`, CEL `isHostname()`: RFC 1034 labels of letters, digits and hyphens, at most
    /// 63 bytes each and 253 in all, a trailing dot allowed, the last label not all digits.
    public static func isHostname(_ s: String) -> Bool {
        let bytes = s.utf8.span
        return HostParser.isHostname(bytes, 0, bytes.count)
    }

    /// `string.ip`, `string.ipv4`, `string.ipv6`, CEL `isIp(version)`: an IPv4 (dotted decimal, no
    /// leading zeros) or IPv6 (RFC 4291 text, with an optional `%zone`) address.
    ///
    /// - Parameter version: 0 for either family, 4 or 6 for one; any other number accepts nothing,
    ///   as CEL's `isIp` does.
    public static func isIP(_ s: String, version: Int = 0) -> Bool {
        let bytes = s.utf8.span
        switch version {
        case 0: return IPAddressParser.parseIPv4(bytes, 0, bytes.count) != nil || isIPv6(bytes)
        case 4: return IPAddressParser.parseIPv4(bytes, 0, bytes.count) != nil
        case 6: return isIPv6(bytes)
        default: return false
        }
    }

    private static func isIPv6(_ bytes: Span<UInt8>) -> Bool {
        IPAddressParser.isIPv6WithZone(bytes, 0, bytes.count)
    }

    /// `string.ip_with_prefixlen` (and the ipv4/ipv6 forms) when `strict` is false, `string.ip_prefix`
    /// (and the ipv4/ipv6 forms) when it is true; CEL `isIpPrefix(version, strict)`.
    ///
    /// An address, `/` and a prefix length (no leading zero, at most 32 or 128); no zone. With
    /// `strict`, the bits after the prefix must be zero (`10.0.0.0/8`, not `10.0.0.1/8`).
    /// - Parameter version: 0 for either family, 4 or 6 for one; any other number accepts nothing.
    public static func isIPPrefix(_ s: String, version: Int = 0, strict: Bool) -> Bool {
        guard version == 0 || version == 4 || version == 6 else { return false }
        return IPAddressParser.isPrefix(s.utf8.span, version: version, strict: strict)
    }

    /// `string.uri`, CEL `isUri()`: an absolute URI with an optional fragment (RFC 3986 §3), with
    /// IPv6 zones (RFC 6874) and UTF-8 percent-encoding in the host.
    public static func isURI(_ s: String) -> Bool {
        let bytes = s.utf8.span
        return URIParser.isReference(bytes, 0, bytes.count, allowsRelative: false)
    }

    /// `string.uri_ref`, CEL `isUriRef()`: a URI or a relative reference (RFC 3986 §4.1); the empty
    /// string is one.
    public static func isURIReference(_ s: String) -> Bool {
        let bytes = s.utf8.span
        return URIParser.isReference(bytes, 0, bytes.count, allowsRelative: true)
    }

    /// `string.address`: a hostname or an IP address (see ``isHostname(_:)`` and ``isIP(_:version:)``).
    public static func isAddress(_ s: String) -> Bool {
        isHostname(s) || isIP(s)
    }

    /// `string.host_and_port` (`portRequired` true), CEL `isHostAndPort(portRequired)`: a hostname,
    /// an IPv4 address or a bracketed IPv6 address, then `:` and a port 0–65535 without leading
    /// zeros.
    public static func isHostAndPort(_ s: String, portRequired: Bool) -> Bool {
        let bytes = s.utf8.span
        return HostParser.isHostAndPort(bytes, 0, bytes.count, portRequired: portRequired)
    }

    /// `string.uuid`: the RFC 4122 text form, 8-4-4-4-12 hex digits in either case, any version.
    public static func isUUID(_ s: String) -> Bool {
        TextFormatParser.isUUID(s.utf8.span)
    }

    /// `string.tuuid`: a "trimmed" UUID, 32 hex digits without hyphens.
    public static func isTUUID(_ s: String) -> Bool {
        TextFormatParser.isTrimmedUUID(s.utf8.span)
    }

    /// `string.ulid`: 26 characters of Crockford's base 32 in either case, the first `0`–`7`.
    public static func isULID(_ s: String) -> Bool {
        TextFormatParser.isULID(s.utf8.span)
    }

    /// `string.protobuf_fqn`: a fully-qualified Protobuf name without a leading dot (`foo.bar.Baz`).
    public static func isProtobufFQN(_ s: String) -> Bool {
        TextFormatParser.isProtobufName(s.utf8.span, from: 0)
    }

    /// `string.protobuf_dot_fqn`: a fully-qualified Protobuf name with a leading dot (`.foo.bar.Baz`).
    public static func isProtobufDotFQN(_ s: String) -> Bool {
        let bytes = s.utf8.span
        return !bytes.isEmpty && bytes[0] == UInt8(ascii: ".") && TextFormatParser.isProtobufName(bytes, from: 1)
    }

    /// `string.well_known_regex: KNOWN_REGEX_HTTP_HEADER_NAME`: with `strict` (the rule's default),
    /// an RFC 7230 token or an HTTP/2 pseudo-header name (`:path`); otherwise any non-empty string
    /// without NUL, CR or LF.
    public static func isHTTPHeaderName(_ s: String, strict: Bool) -> Bool {
        TextFormatParser.isHeaderName(s.utf8.span, strict: strict)
    }

    /// `string.well_known_regex: KNOWN_REGEX_HTTP_HEADER_VALUE`: with `strict`, no control
    /// character but tab; otherwise no NUL, CR or LF. The empty string is a valid value.
    public static func isHTTPHeaderValue(_ s: String, strict: Bool) -> Bool {
        TextFormatParser.isHeaderValue(s.utf8.span, strict: strict)
    }
}
