/// Hostnames, email addresses and host-and-port pairs over UTF-8 bytes, without allocating.
enum HostParser {
    /// Whether `bytes[start..<end]` is a hostname (RFC 1034 §3.5 as RFC 1123 §2.1 relaxes it).
    ///
    /// Labels of 1–63 letters, digits and hyphens, no hyphen first or last, joined by dots; the last
    /// label not all digits (so no IPv4 address passes); one trailing dot allowed; at most 253 bytes
    /// without that dot. ASCII only: an internationalized name must come in its `xn--` form.
    static func isHostname(_ bytes: Span<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard start < end else { return false }
        var end = end
        if bytes[end - 1] == UInt8(ascii: ".") { end -= 1 }
        guard end - start <= 253 else { return false }
        var labelStart = start
        var isAllDigits = true
        var index = start
        while true {
            if index == end || bytes[index] == UInt8(ascii: ".") {
                let length = index - labelStart
                guard length >= 1, length <= 63, bytes[labelStart] != UInt8(ascii: "-"),
                    bytes[index - 1] != UInt8(ascii: "-")
                else { return false }
                if index == end { return !isAllDigits }
                index += 1
                labelStart = index
                isAllDigits = true
                continue
            }
            let byte = bytes[index]
            guard ASCIISet.hostnameCharacter.contains(byte) else { return false }
            isAllDigits = isAllDigits && ASCII.isDigit(byte)
            index += 1
        }
    }

    /// Whether `bytes[start..<end]` is an email address as the HTML standard's `valid e-mail
    /// address` defines it (deliberately narrower than RFC 5322: no quoted local parts, no comments,
    /// no IP-literal domains).
    ///
    /// A local part of one or more of ``a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-``, `@`, then dot-separated
    /// labels of 1–63 letters, digits and hyphens with no hyphen first or last. There is no length
    /// limit (the reference sets none), no trailing dot, and a numeric last label is allowed.
    static func isEmail(_ bytes: Span<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var index = start
        while index < end, ASCIISet.emailLocal.contains(bytes[index]) { index += 1 }
        guard index > start, index < end, bytes[index] == UInt8(ascii: "@") else { return false }
        index += 1
        while true {
            let labelStart = index
            while index < end, ASCIISet.hostnameCharacter.contains(bytes[index]) { index += 1 }
            let length = index - labelStart
            guard length >= 1, length <= 63, bytes[labelStart] != UInt8(ascii: "-"),
                bytes[index - 1] != UInt8(ascii: "-")
            else { return false }
            if index == end { return true }
            guard bytes[index] == UInt8(ascii: "."), index + 1 < end else { return false }
            index += 1
        }
    }

    /// Whether `bytes[start..<end]` is a port: decimal 0–65535, no sign, no leading zero.
    static func isPort(_ bytes: Span<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard start < end, end - start <= 5 else { return false }
        guard end - start == 1 || bytes[start] != UInt8(ascii: "0") else { return false }
        var port = 0
        for index in start..<end {
            guard ASCII.isDigit(bytes[index]) else { return false }
            port = port * 10 + Int(bytes[index] &- 0x30)
        }
        return port <= 65_535
    }

    /// Whether `bytes[start..<end]` is a host and port: a hostname, an IPv4 address or a bracketed
    /// IPv6 address (a zone allowed), then `:` and a port, which may be left out (with its colon)
    /// unless `portRequired`.
    ///
    /// The brackets are found as the reference finds them, the last `]` and the last `:`; so a zone
    /// may itself hold a `]` (`[::1%a]b]:80` passes), a quirk kept to give the oracle's verdicts.
    static func isHostAndPort(_ bytes: Span<UInt8>, _ start: Int, _ end: Int, portRequired: Bool) -> Bool {
        guard start < end else { return false }
        var lastColon = -1
        var lastBracket = -1
        for index in start..<end {
            if bytes[index] == UInt8(ascii: ":") { lastColon = index }
            if bytes[index] == UInt8(ascii: "]") { lastBracket = index }
        }
        if bytes[start] == UInt8(ascii: "[") {
            guard lastBracket >= 0 else { return false }
            if lastBracket + 1 == end {
                return !portRequired && IPAddressParser.isIPv6WithZone(bytes, start + 1, lastBracket)
            }
            guard lastColon == lastBracket + 1 else { return false }
            return IPAddressParser.isIPv6WithZone(bytes, start + 1, lastBracket)
                && isPort(bytes, lastColon + 1, end)
        }
        guard lastColon >= 0 else {
            return !portRequired && isHostOrIPv4(bytes, start, end)
        }
        return isHostOrIPv4(bytes, start, lastColon) && isPort(bytes, lastColon + 1, end)
    }

    private static func isHostOrIPv4(_ bytes: Span<UInt8>, _ start: Int, _ end: Int) -> Bool {
        isHostname(bytes, start, end) || IPAddressParser.parseIPv4(bytes, start, end) != nil
    }
}
