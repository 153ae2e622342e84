// Percent-encoding (RFC 3986 §2.1) as path templates, request paths and query strings need it.
// Everything here works on UTF-8 bytes and never traps: a malformed escape is reported by offset
// to the caller, which turns it into its own typed error.

/// Byte classes and escape handling shared by the template parser, the router and the query
/// parser.
enum PercentEncoding {
    /// The value of a hexadecimal digit, or `nil`.
    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte &- UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte &- UInt8(ascii: "a") &+ 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte &- UInt8(ascii: "A") &+ 10
        default: nil
        }
    }

    /// The uppercase hexadecimal digit for a value below 16.
    @inline(__always)
    static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") &+ value : UInt8(ascii: "A") &+ (value &- 10)
    }

    /// RFC 3986 §2.3 `unreserved`: ALPHA / DIGIT / "-" / "." / "_" / "~".
    @inline(__always)
    static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default: false
        }
    }

    /// RFC 3986 §3.3 `pchar` without `pct-encoded`: unreserved / sub-delims / ":" / "@".
    static func isPathCharacter(_ byte: UInt8) -> Bool {
        if isUnreserved(byte) { return true }
        return switch byte {
        case UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "("),
            UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: ","), UInt8(ascii: ";"),
            UInt8(ascii: "="), UInt8(ascii: ":"), UInt8(ascii: "@"):
            true
        default: false
        }
    }

    /// RFC 6570 §1.5 `reserved` (gen-delims and sub-delims): what reserved expansion leaves
    /// alone, so what ``MultiSegmentDecoding/allExceptReserved`` keeps encoded.
    static func isRFC6570Reserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "@"), UInt8(ascii: "!"), UInt8(ascii: "$"), UInt8(ascii: "&"),
            UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"),
            UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "="):
            true
        default: false
        }
    }

    /// The decoded byte of the escape at `index` (`%` then two hex digits before `end`), or `nil`
    /// when the bytes there are not a complete escape.
    @inline(__always)
    static func escapedByte(in bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> UInt8? {
        guard index + 2 < end, bytes[index] == UInt8(ascii: "%"),
            let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
        else { return nil }
        return high << 4 | low
    }

    /// The RFC 3986 §6.2.2 normal form of a segment whose escapes are all well formed: escapes of
    /// unreserved characters decoded (§6.2.2.2), the others kept with uppercase hex digits
    /// (§6.2.2.1). Two segments are equivalent exactly when their normal forms are equal, which
    /// is how literals match.
    static func normalizedSegment(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) -> String {
        var hasEscape = false
        for index in range where bytes[index] == UInt8(ascii: "%") {
            hasEscape = true
            break
        }
        guard hasEscape else { return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(range.count)
        var index = range.lowerBound
        while index < range.upperBound {
            if let byte = escapedByte(in: bytes, at: index, end: range.upperBound) {
                if isUnreserved(byte) {
                    output.append(byte)
                } else {
                    output.append(UInt8(ascii: "%"))
                    output.append(hexDigit(byte >> 4))
                    output.append(hexDigit(byte & 0x0F))
                }
                index += 3
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The bytes of `range` with its escapes decoded, except those whose byte `multiSegment` keeps
    /// encoded, which are copied as they came (`%2f` stays `%2f`). `nil` decodes every escape (a
    /// single-segment variable). A `%` that does not start a complete escape is copied as it is;
    /// the router has refused such paths before it decodes.
    static func decoded(
        _ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, multiSegment: RouterConfiguration.MultiSegmentDecoding?
    ) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(range.count)
        var index = range.lowerBound
        while index < range.upperBound {
            if let byte = escapedByte(in: bytes, at: index, end: range.upperBound) {
                if let multiSegment, multiSegment.keepsEncoded(byte) {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<index + 3]))
                } else {
                    output.append(byte)
                }
                index += 3
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return output
    }
}
