// Server-assigned identifiers: random UUIDs for records and random opaque tokens for sessions.

/// Makes the identifiers the sample services hand out, from the system's secure random source.
enum RandomIdentifiers {
    /// A random (version 4) UUID in its lower-case text form, `8-4-4-4-12` hex digits (RFC 9562 §5.4).
    static func uuid() -> String {
        var bytes = randomBytes(16)
        bytes[6] = bytes[6] & 0x0F | 0x40  // version 4
        bytes[8] = bytes[8] & 0x3F | 0x80  // variant 10xx
        let hex = hexadecimal(bytes)
        var text = ""
        for (index, character) in hex.enumerated() {
            if index == 8 || index == 12 || index == 16 || index == 20 { text.append("-") }
            text.append(character)
        }
        return text
    }

    /// An opaque bearer token: 32 random bytes in hex (256 bits, nothing to decode or guess).
    static func token() -> String {
        hexadecimal(randomBytes(32))
    }

    private static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }

    private static func hexadecimal(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        var text = ""
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return text
    }
}
