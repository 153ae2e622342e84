/// URIs and URI references (RFC 3986) over UTF-8 bytes, without allocating.
///
/// Two additions follow the reference implementation: an IPv6 literal may carry an RFC 6874 zone
/// identifier (`[fe80::1%25eth0]`, the zone being `unreserved` and percent-encoded octets), and the
/// percent-encoded octets of a registered name or zone identifier must decode to UTF-8. URIs are
/// ASCII: any other character fails (an IRI must be converted first, RFC 3987 §3.1).
enum URIParser {
    /// Whether `bytes[start..<end]` is a `URI` (RFC 3986 §3) or, if `allowsRelative`, a
    /// `URI-reference` (§4.1: a URI or a relative reference).
    static func isReference(_ bytes: Span<UInt8>, _ start: Int, _ end: Int, allowsRelative: Bool) -> Bool {
        // The first of `:/?#` decides: a colon before any of the others ends a scheme (a relative
        // reference's first segment cannot hold a colon, §4.2).
        var index = start
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: ":") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?")
                || byte == UInt8(ascii: "#")
            {
                break
            }
            index += 1
        }
        if index < end, bytes[index] == UInt8(ascii: ":") {
            guard isScheme(bytes, start, index) else { return false }
            return isHierarchicalPart(bytes, index + 1, end)
        }
        return allowsRelative && isHierarchicalPart(bytes, start, end)
    }

    /// §3.1: `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )`.
    private static func isScheme(_ bytes: Span<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard start < end, ASCII.isLetter(bytes[start]) else { return false }
        for index in (start + 1)..<end where !ASCIISet.schemeCharacter.contains(bytes[index]) {
            return false
        }
        return true
    }

    /// `hier-part` or `relative-part` (§3, §4.2), then the optional query and fragment.
    private static func isHierarchicalPart(_ bytes: Span<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var index = start
        if end - start >= 2, bytes[start] == UInt8(ascii: "/"), bytes[start + 1] == UInt8(ascii: "/") {
            var authorityEnd = start + 2
            while authorityEnd < end {
                let byte = bytes[authorityEnd]
                if byte == UInt8(ascii: "/") || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
                authorityEnd += 1
            }
            guard isAuthority(bytes, start + 2, authorityEnd) else { return false }
            index = authorityEnd
        }
        // The path (§3.3): `pchar` and `/`. Which of the path rules applies does not matter once the
        // scheme and authority are settled.
        guard let pathEnd = scan(bytes, index, end, ASCIISet.pathCharacter) else { return false }
        index = pathEnd
        if index < end, bytes[index] == UInt8(ascii: "?") {
            guard let queryEnd = scan(bytes, index + 1, end, ASCIISet.queryCharacter) else { return false }
            index = queryEnd
        }
        if index < end, bytes[index] == UInt8(ascii: "#") {
            guard let fragmentEnd = scan(bytes, index + 1, end, ASCIISet.queryCharacter) else { return false }
            index = fragmentEnd
        }
        return index == end
    }

    /// The end of the run from `start` of members of `allowed` and `pct-encoded` triplets, or `nil`
    /// when a `%` is not followed by two hex digits.
    private static func scan(_ bytes: Span<UInt8>, _ start: Int, _ end: Int, _ allowed: ASCIISet) -> Int? {
        var index = start
        while index < end {
            let byte = bytes[index]
            if allowed.contains(byte) {
                index += 1
            } else if byte == UInt8(ascii: "%") {
                guard isPercentTriplet(bytes, index, end) else { return nil }
                index += 3
            } else {
                break
            }
        }
        return index
    }

    private static func isPercentTriplet(_ bytes: Span<UInt8>, _ index: Int, _ end: Int) -> Bool {
        index + 2 < end && ASCIISet.hexDigit.contains(bytes[index + 1]) && ASCIISet.hexDigit.contains(bytes[index + 2])
    }

    /// §3.2: `[ userinfo "@" ] host [ ":" port ]`.
    private static func isAuthority(_ bytes: Span<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var hostStart = start
        var index = start
        while index < end, bytes[index] != UInt8(ascii: "@") { index += 1 }
        if index < end {
            guard scan(bytes, start, index, ASCIISet.userinfo) == index else { return false }
            hostStart = index + 1
        }
        var hostEnd = end
        if hostStart < end, bytes[hostStart] == UInt8(ascii: "[") {
            var close = hostStart + 1
            while close < end, bytes[close] != UInt8(ascii: "]") { close += 1 }
            guard close < end, isIPLiteral(bytes, hostStart + 1, close) else { return false }
            hostEnd = close + 1
            guard hostEnd == end || bytes[hostEnd] == UInt8(ascii: ":") else { return false }
        } else {
            var colon = end - 1
            while colon >= hostStart, bytes[colon] != UInt8(ascii: ":") { colon -= 1 }
            if colon >= hostStart { hostEnd = colon }
            guard scan(bytes, hostStart, hostEnd, ASCIISet.regName) == hostEnd,
                PercentDecoding.decodesToUTF8(bytes, hostStart, hostEnd)
            else { return false }
        }
        // §3.2.3: `port = *DIGIT`, any number of digits.
        if hostEnd < end {
            for index in (hostEnd + 1)..<end where !ASCII.isDigit(bytes[index]) { return false }
        }
        return true
    }

    /// The inside of an `IP-literal` (§3.2.2, RFC 6874 §2): `IPv6address [ "%25" ZoneID ]` or
    /// `IPvFuture`.
    ///
    /// Like the reference, a zone is split off whatever address precedes it, so `[v1.x%25eth0]`
    /// passes although RFC 6874 gives zones to IPv6 addresses only: the verdicts follow the oracle.
    private static func isIPLiteral(_ bytes: Span<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var addressEnd = start
        while addressEnd < end {
            if bytes[addressEnd] == UInt8(ascii: "%"), addressEnd + 2 < end, bytes[addressEnd + 1] == UInt8(ascii: "2"),
                bytes[addressEnd + 2] == UInt8(ascii: "5")
            {
                break
            }
            addressEnd += 1
        }
        if addressEnd < end {
            let zoneStart = addressEnd + 3
            guard zoneStart < end, scan(bytes, zoneStart, end, ASCIISet.unreserved) == end,
                PercentDecoding.decodesToUTF8(bytes, zoneStart, end)
            else { return false }
        }
        guard addressEnd > start else { return false }
        if bytes[start] | 0x20 == UInt8(ascii: "v") {
            return isIPvFuture(bytes, start + 1, addressEnd)
        }
        return IPAddressParser.parseIPv6(bytes, start, addressEnd) != nil
    }

    /// `IPvFuture` after its `v`: `1*HEXDIG "." 1*( unreserved / sub-delims / ":" )`.
    private static func isIPvFuture(_ bytes: Span<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var index = start
        while index < end, ASCIISet.hexDigit.contains(bytes[index]) { index += 1 }
        guard index > start, index < end, bytes[index] == UInt8(ascii: ".") else { return false }
        index += 1
        guard index < end else { return false }
        for position in index..<end where !ASCIISet.userinfo.contains(bytes[position]) { return false }
        return true
    }
}
