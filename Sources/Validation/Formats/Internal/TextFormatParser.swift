/// The formats protovalidate defines by a regular expression (UUIDs, ULIDs, Protobuf names, HTTP
/// header names and values), as byte loops with the same verdicts.
enum TextFormatParser {
    /// `^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`: RFC 4122's
    /// text form, any version and variant, either case.
    ///
    /// Eight bytes at a time (``HexWord``): five overlapping words cover the 36 bytes, and the
    /// hyphens at 8, 13, 18 and 23 are checked, then read as `0` digits.
    static func isUUID(_ bytes: Span<UInt8>) -> Bool {
        guard bytes.count == 36 else { return false }
        let raw = bytes.bytes
        let second = HexWord.load(raw, at: 8)  // bytes 8–15: hyphens at 8 and 13
        let third = HexWord.load(raw, at: 16)  // bytes 16–23: hyphens at 18 and 23
        let secondHyphens: UInt64 = 0xFF | 0xFF << 40
        let thirdHyphens: UInt64 = 0xFF << 16 | 0xFF << 56
        guard second & secondHyphens == HexWord.hyphens & secondHyphens,
            third & thirdHyphens == HexWord.hyphens & thirdHyphens
        else { return false }
        // A hyphen XOR ("-" ^ "0") is "0", a hex digit.
        let toZero = HexWord.hyphens ^ HexWord.zeros
        let hexBits =
            HexWord.hexDigitBits(HexWord.load(raw, at: 0))
            & HexWord.hexDigitBits(second ^ (toZero & secondHyphens))
            & HexWord.hexDigitBits(third ^ (toZero & thirdHyphens))
            & HexWord.hexDigitBits(HexWord.load(raw, at: 24)) & HexWord.hexDigitBits(HexWord.load(raw, at: 28))
        return hexBits == HexWord.highBits
    }

    /// `^[0-9a-fA-F]{32}$`: a UUID without its hyphens ("trimmed").
    static func isTrimmedUUID(_ bytes: Span<UInt8>) -> Bool {
        guard bytes.count == 32 else { return false }
        let raw = bytes.bytes
        let hexBits =
            HexWord.hexDigitBits(HexWord.load(raw, at: 0)) & HexWord.hexDigitBits(HexWord.load(raw, at: 8))
            & HexWord.hexDigitBits(HexWord.load(raw, at: 16)) & HexWord.hexDigitBits(HexWord.load(raw, at: 24))
        return hexBits == HexWord.highBits
    }

    /// `^[0-7][0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{25}$`: 26 characters of Crockford's base 32, the first
    /// at most 7 so that the value fits 128 bits.
    static func isULID(_ bytes: Span<UInt8>) -> Bool {
        guard bytes.count == 26, bytes[0] &- UInt8(ascii: "0") < 8 else { return false }
        for index in 1..<26 where !ASCIISet.ulidCharacter.contains(bytes[index]) { return false }
        return true
    }

    /// `^[A-Za-z_][A-Za-z_0-9]*(\.[A-Za-z_][A-Za-z_0-9]*)*$` after `start`: dot-separated identifiers.
    static func isProtobufName(_ bytes: Span<UInt8>, from start: Int) -> Bool {
        var index = start
        while true {
            guard index < bytes.count, ASCIISet.identifierStart.contains(bytes[index]) else { return false }
            index += 1
            while index < bytes.count, ASCIISet.identifierCharacter.contains(bytes[index]) { index += 1 }
            if index == bytes.count { return true }
            guard bytes[index] == UInt8(ascii: ".") else { return false }
            index += 1
        }
    }

    /// Strict: `^:?[0-9a-zA-Z!#$%&'*+-.^_|~\x60]+$` (an RFC 7230 token, or an HTTP/2 pseudo-header
    /// name after one colon); loose: `^[^\x00\x0A\x0D]+$`.
    static func isHeaderName(_ bytes: Span<UInt8>, strict: Bool) -> Bool {
        guard strict else { return !bytes.isEmpty && !containsNULOrLineBreak(bytes) }
        let start = !bytes.isEmpty && bytes[0] == UInt8(ascii: ":") ? 1 : 0
        guard bytes.count > start else { return false }
        for index in start..<bytes.count where !ASCIISet.headerToken.contains(bytes[index]) { return false }
        return true
    }

    /// Strict: `^[^\x00-\x08\x0A-\x1F\x7F]*$` (no control character but tab); loose:
    /// `^[^\x00\x0A\x0D]*$`. Other bytes, UTF-8 included, are allowed.
    static func isHeaderValue(_ bytes: Span<UInt8>, strict: Bool) -> Bool {
        guard strict else { return !containsNULOrLineBreak(bytes) }
        for index in 0..<bytes.count {
            let byte = bytes[index]
            if (byte < 0x20 && byte != 0x09) || byte == 0x7F { return false }
        }
        return true
    }

    private static func containsNULOrLineBreak(_ bytes: Span<UInt8>) -> Bool {
        for index in 0..<bytes.count {
            let byte = bytes[index]
            if byte == 0 || byte == 0x0A || byte == 0x0D { return true }
        }
        return false
    }
}
