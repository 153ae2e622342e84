/// Reading the text: one scalar at a time from UTF-8, and which assertions hold between two
/// scalars.
enum RegexText {
    /// What an invalid UTF-8 byte decodes to: a value no instruction matches.
    static let invalidScalar = UInt32.max

    /// The scalar at `position` and its length in bytes. A byte that does not start a
    /// well-formed sequence (Unicode 15, table 3-7: no overlong forms, surrogates or values past
    /// U+10FFFF) decodes as ``invalidScalar`` of length 1.
    @inline(__always)
    static func scalar(in text: UnsafeBufferPointer<UInt8>, at position: Int) -> (UInt32, Int) {
        let lead = text[position]
        if lead < 0x80 { return (UInt32(lead), 1) }
        return multibyteScalar(in: text, at: position, lead: lead)
    }

    private static func multibyteScalar(
        in text: UnsafeBufferPointer<UInt8>, at position: Int, lead: UInt8
    )
        -> (UInt32, Int)
    {
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            secondRange = 0x80...0x9F
        case 0xF0:
            length = 4
            secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            secondRange = 0x80...0x8F
        default: return (invalidScalar, 1)
        }
        guard position + length <= text.count, secondRange.contains(text[position + 1]) else {
            return (invalidScalar, 1)
        }
        var scalar = UInt32(lead) & (0x7F >> UInt32(length))
        for offset in 1..<length {
            let byte = text[position + offset]
            guard byte & 0xC0 == 0x80 else { return (invalidScalar, 1) }
            scalar = scalar << 6 | UInt32(byte & 0x3F)
        }
        return (scalar, length)
    }

    /// The assertions (bits of ``RegexAssertion``) that hold at byte offset `position`. They
    /// depend only on the neighbouring bytes: `\n` and the ASCII word characters are single
    /// bytes, and any other byte counts as neither.
    @inline(__always)
    static func assertions(in text: UnsafeBufferPointer<UInt8>, at position: Int) -> UInt8 {
        // The raw values of RegexAssertion, spelled out so this stays branch-light and inlined.
        let beginText: UInt8 = 1
        let endText: UInt8 = 2
        let beginLine: UInt8 = 4
        let endLine: UInt8 = 8
        let wordBoundary: UInt8 = 16
        let notWordBoundary: UInt8 = 32
        var bits: UInt8 = 0
        var isWordBefore = false
        var isWordAfter = false
        if position == 0 {
            bits |= beginText | beginLine
        } else {
            let before = text[position - 1]
            if before == 0x0A { bits |= beginLine }
            isWordBefore = isWordByte(before)
        }
        if position == text.count {
            bits |= endText | endLine
        } else {
            let after = text[position]
            if after == 0x0A { bits |= endLine }
            isWordAfter = isWordByte(after)
        }
        return bits | (isWordBefore != isWordAfter ? wordBoundary : notWordBoundary)
    }

    /// `[0-9A-Za-z_]`, RE2's word characters for `\b`.
    @inline(__always)
    static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x5F: true
        default: false
        }
    }
}
