/// Checks what percent-encoded text decodes to, without decoding it into a buffer.
enum PercentDecoding {
    /// Whether `bytes[start..<end]`, whose `%` triplets are already known to be well formed,
    /// decodes to valid UTF-8 (RFC 3629 §4: no overlong forms, no surrogates, nothing past U+10FFFF).
    static func decodesToUTF8(_ bytes: Span<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var validator = UTF8Validator()
        var index = start
        while index < end {
            var byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < end, let high = ASCII.hexValue(bytes[index + 1]),
                let low = ASCII.hexValue(bytes[index + 2])
            {
                byte = high << 4 | low
                index += 3
            } else {
                index += 1
            }
            guard validator.accept(byte) else { return false }
        }
        return validator.isComplete
    }
}

/// A streaming UTF-8 validator: one byte at a time, no buffer.
struct UTF8Validator {
    /// Continuation bytes still expected for the current sequence.
    private var pending = 0
    /// The range the next continuation byte must fall in (narrower after E0, ED, F0 and F4).
    private var lowerBound: UInt8 = 0x80
    private var upperBound: UInt8 = 0xBF

    /// True when no sequence is cut short.
    var isComplete: Bool { pending == 0 }

    /// Takes the next byte; false once the bytes cannot be UTF-8.
    mutating func accept(_ byte: UInt8) -> Bool {
        if pending > 0 {
            guard byte >= lowerBound, byte <= upperBound else { return false }
            pending -= 1
            lowerBound = 0x80
            upperBound = 0xBF
            return true
        }
        switch byte {
        case 0x00...0x7F: return true
        case 0xC2...0xDF: pending = 1
        case 0xE0: (pending, lowerBound) = (2, 0xA0)
        case 0xE1...0xEC, 0xEE...0xEF: pending = 2
        case 0xED: (pending, upperBound) = (2, 0x9F)
        case 0xF0: (pending, lowerBound) = (3, 0x90)
        case 0xF1...0xF3: pending = 3
        case 0xF4: (pending, upperBound) = (3, 0x8F)
        default: return false
        }
        return true
    }
}
