/// UTF-8 validation for `string` fields (RFC 3629: no overlong forms, no surrogates, nothing past
/// U+10FFFF).
///
/// Why not `String(validating:as:)`: in Swift 6.3 it reaches an unspecialized generic
/// validator that looked up type metadata per call and was about half of all decode time on
/// small messages. This checks 8 ASCII bytes per step, and the caller then builds the string
/// with `String(decoding:as:)`, whose contiguous fast path is cheap for valid input.
public enum UTF8Validation {
    /// Whether `count` bytes at `start` are valid UTF-8.
    @inlinable
    public static func isValid(_ start: UnsafePointer<UInt8>, count: Int) -> Bool {
        var index = 0
        // ASCII fast path, a word at a time.
        while index &+ 8 <= count {
            let word = UnsafeRawPointer(start + index).loadUnaligned(as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 { break }
            index &+= 8
        }
        while index < count {
            let byte = start[index]
            if byte < 0x80 {
                index &+= 1
                continue
            }
            guard let length = validateSequence(start, at: index, count: count) else { return false }
            index &+= length
        }
        return true
    }

    /// The length of the valid multi-byte sequence at `index`, or `nil` (Unicode table 3-7).
    @usableFromInline
    static func validateSequence(_ start: UnsafePointer<UInt8>, at index: Int, count: Int) -> Int? {
        let lead = start[index]
        func continuation(_ offset: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            index &+ offset < count && range.contains(start[index &+ offset])
        }
        switch lead {
        case 0xC2...0xDF:
            return continuation(1) ? 2 : nil
        case 0xE0:
            return continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : nil
        case 0xE1...0xEC, 0xEE...0xEF:
            return continuation(1) && continuation(2) ? 3 : nil
        case 0xED:  // excludes the surrogates U+D800...U+DFFF
            return continuation(1, 0x80...0x9F) && continuation(2) ? 3 : nil
        case 0xF0:
            return continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : nil
        case 0xF1...0xF3:
            return continuation(1) && continuation(2) && continuation(3) ? 4 : nil
        case 0xF4:  // up to U+10FFFF
            return continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : nil
        default:
            return nil
        }
    }
}
