/// Parses IPv4 and IPv6 text forms and prefix lengths over UTF-8 bytes, without allocating.
///
/// The accepted forms are those of protovalidate's reference implementation, which uses Rust's
/// standard parsers: IPv4 as exactly four decimal octets of 1–3 digits, no leading zero and at most
/// 255 (RFC 3986's `IPv4address`, no octal or shortened forms); IPv6 as RFC 4291 §2.2 text: eight
/// groups of 1–4 hex digits, one `::` standing for one or more zero groups, an IPv4 address in
/// place of the last two groups. Zone identifiers (RFC 4007 §11) are handled by the callers.
enum IPAddressParser {
    /// The address of the IPv4 text in `bytes[start..<end]`, or `nil`.
    static func parseIPv4(_ bytes: Span<UInt8>, _ start: Int, _ end: Int) -> UInt32? {
        var index = start
        var address: UInt32 = 0
        for octetIndex in 0..<4 {
            if octetIndex > 0 {
                guard index < end, bytes[index] == UInt8(ascii: ".") else { return nil }
                index += 1
            }
            let octetStart = index
            var octet: UInt32 = 0
            while index < end, ASCII.isDigit(bytes[index]), index - octetStart < 3 {
                octet = octet * 10 + UInt32(bytes[index] &- 0x30)
                index += 1
            }
            let digits = index - octetStart
            guard digits > 0, octet <= 255, digits == 1 || bytes[octetStart] != UInt8(ascii: "0") else {
                return nil
            }
            // A fourth digit makes the octet invalid, not a shorter octet followed by garbage.
            if index < end, ASCII.isDigit(bytes[index]) { return nil }
            address = address << 8 | octet
        }
        return index == end ? address : nil
    }

    /// The address of the IPv6 text (no zone) in `bytes[start..<end]`, or `nil`.
    static func parseIPv6(_ bytes: Span<UInt8>, _ start: Int, _ end: Int) -> UInt128? {
        guard end - start >= 2 else { return nil }
        var index = start
        var head: UInt128 = 0
        var headGroups = 0
        var tail: UInt128 = 0
        var tailGroups = 0
        var isCompressed = false
        if bytes[index] == UInt8(ascii: ":") {
            guard bytes[index + 1] == UInt8(ascii: ":") else { return nil }
            isCompressed = true
            index += 2
        }
        while index < end {
            // One group, or an IPv4 address as the last two.
            let groupStart = index
            var group: UInt128 = 0
            while index < end, let digit = ASCII.hexValue(bytes[index]) {
                group = group << 4 | UInt128(digit)
                index += 1
                if index - groupStart > 4 { break }
            }
            var bits = 16
            if index < end, bytes[index] == UInt8(ascii: ".") {
                guard let ipv4 = parseIPv4(bytes, groupStart, end) else { return nil }
                group = UInt128(ipv4)
                bits = 32
                index = end
            } else {
                let digits = index - groupStart
                guard digits >= 1, digits <= 4 else { return nil }
            }
            if isCompressed {
                tail = tail << bits | group
                tailGroups += bits / 16
            } else {
                head = head << bits | group
                headGroups += bits / 16
            }
            guard headGroups + tailGroups <= 8 else { return nil }
            if index == end { break }
            guard bytes[index] == UInt8(ascii: ":") else { return nil }
            index += 1
            guard index < end else { return nil }  // a trailing single colon
            if bytes[index] == UInt8(ascii: ":") {
                guard !isCompressed else { return nil }
                isCompressed = true
                index += 1
            }
        }
        if isCompressed {
            guard headGroups + tailGroups <= 7 else { return nil }
            return head << (16 * (8 - headGroups)) | tail
        }
        return headGroups == 8 ? head : nil
    }

    /// A prefix length of at most `maximum` in `bytes[start..<end]`: decimal digits, no sign, no
    /// leading zero; `nil` otherwise.
    static func parsePrefixLength(_ bytes: Span<UInt8>, _ start: Int, _ end: Int, maximum: Int) -> Int? {
        guard start < end, end - start <= 3 else { return nil }
        guard end - start == 1 || bytes[start] != UInt8(ascii: "0") else { return nil }
        var length = 0
        for index in start..<end {
            guard ASCII.isDigit(bytes[index]) else { return nil }
            length = length * 10 + Int(bytes[index] &- 0x30)
        }
        return length <= maximum ? length : nil
    }

    /// Whether `bytes[start..<end]` is an IPv6 address with an optional zone: `%` and a non-empty
    /// zone identifier without NUL (RFC 4007 §11 sets no character set; the reference takes any).
    static func isIPv6WithZone(_ bytes: Span<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var addressEnd = start
        while addressEnd < end, bytes[addressEnd] != UInt8(ascii: "%") { addressEnd += 1 }
        if addressEnd < end {
            guard addressEnd + 1 < end else { return false }
            for index in (addressEnd + 1)..<end where bytes[index] == 0 { return false }
        }
        return parseIPv6(bytes, start, addressEnd) != nil
    }

    /// Whether `bytes` is an address, IPv4 or IPv6 by `version` (0 for either), with a `/` and a
    /// prefix length; with `strict`, the host bits (after the prefix) must be zero. No zone.
    static func isPrefix(_ bytes: Span<UInt8>, version: Int, strict: Bool) -> Bool {
        var slash = 0
        while slash < bytes.count, bytes[slash] != UInt8(ascii: "/") { slash += 1 }
        guard slash < bytes.count else { return false }
        if version == 0 || version == 4, let address = parseIPv4(bytes, 0, slash),
            let length = parsePrefixLength(bytes, slash + 1, bytes.count, maximum: 32)
        {
            return !strict || length == 32 || address & (UInt32.max >> length) == 0
        }
        if version == 0 || version == 6, let address = parseIPv6(bytes, 0, slash),
            let length = parsePrefixLength(bytes, slash + 1, bytes.count, maximum: 128)
        {
            return !strict || length == 128 || address & (UInt128.max >> length) == 0
        }
        return false
    }
}
