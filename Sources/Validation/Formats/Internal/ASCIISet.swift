/// A set of ASCII bytes as a 128-bit mask, for the format parsers' character classes.
///
/// The named sets are literal masks (statically initialized, no lazy global on the hot path); the
/// unit tests rebuild each one from its member characters with ``init(_:)``.
struct ASCIISet: Sendable, Equatable {
    /// Members among the bytes 0–63, bit `n` for byte `n`.
    let low: UInt64
    /// Members among the bytes 64–127, bit `n` for byte `64 + n`.
    let high: UInt64

    init(low: UInt64, high: UInt64) {
        self.low = low
        self.high = high
    }

    /// The set of the ASCII characters of `members` (other characters are ignored).
    init(_ members: String) {
        var low: UInt64 = 0
        var high: UInt64 = 0
        for byte in members.utf8 where byte < 128 {
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
        }
        self.init(low: low, high: high)
    }

    /// Whether `byte` is in the set; never true for a byte of 128 or more.
    ///
    /// Branch-free between the two halves: text mixes letters and digits unpredictably (hex digits,
    /// hostnames), and a branch on `byte < 64` costs a misprediction every few bytes.
    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        let word = byte & 64 == 0 ? low : high
        return byte < 128 && (word >> UInt64(byte & 63)) & 1 != 0
    }
}

extension ASCIISet {
    /// RFC 3986 §2.3 `unreserved`: `ALPHA / DIGIT / "-" / "." / "_" / "~"`.
    static let unreserved = ASCIISet(low: 0x03FF_6000_0000_0000, high: 0x47FF_FFFE_87FF_FFFE)
    /// RFC 3986 §3.2.2 `reg-name` characters (apart from `pct-encoded`): `unreserved / sub-delims`.
    static let regName = ASCIISet(low: 0x2BFF_7FD2_0000_0000, high: 0x47FF_FFFE_87FF_FFFE)
    /// RFC 3986 §3.2.1 `userinfo` characters, also the address of an `IPvFuture`: `reg-name` and `:`.
    static let userinfo = ASCIISet(low: 0x2FFF_7FD2_0000_0000, high: 0x47FF_FFFE_87FF_FFFE)
    /// RFC 3986 §3.3 `pchar` (apart from `pct-encoded`) and `/`: the characters of a path.
    static let pathCharacter = ASCIISet(low: 0x2FFF_FFD2_0000_0000, high: 0x47FF_FFFE_87FF_FFFF)
    /// RFC 3986 §3.4 and §3.5: `pchar`, `/` and `?`, the characters of a query or a fragment.
    static let queryCharacter = ASCIISet(low: 0xAFFF_FFD2_0000_0000, high: 0x47FF_FFFE_87FF_FFFF)
    /// RFC 3986 §3.1: the characters of a scheme after its first letter (`ALPHA / DIGIT / "+" / "-" / "."`).
    static let schemeCharacter = ASCIISet(low: 0x03FF_6800_0000_0000, high: 0x07FF_FFFE_07FF_FFFE)
    /// The local part of an email address in the HTML standard: letters, digits and ``.!#$%&'*+/=?^_`{|}~-``.
    static let emailLocal = ASCIISet(low: 0xA3FF_ECFA_0000_0000, high: 0x7FFF_FFFF_C7FF_FFFE)
    /// RFC 7230's `tchar` as protovalidate's pattern spells it: ``!#$%&'*+,-.^_|~` `` and letters and digits.
    ///
    /// The comma is a member because the pattern's class writes `+-.`, a range from `+` to `.`.
    static let headerToken = ASCIISet(low: 0x03FF_7CFA_0000_0000, high: 0x57FF_FFFF_C7FF_FFFE)
    /// Hexadecimal digits in either case.
    static let hexDigit = ASCIISet(low: 0x03FF_0000_0000_0000, high: 0x0000_007E_0000_007E)
    /// Crockford's base 32 in either case (no `I`, `L`, `O` or `U`), the characters of a ULID.
    static let ulidCharacter = ASCIISet(low: 0x03FF_0000_0000_0000, high: 0x07DF_6DFE_07DF_6DFE)
    /// The first character of a Protobuf identifier: a letter or `_`.
    static let identifierStart = ASCIISet(low: 0, high: 0x07FF_FFFE_87FF_FFFE)
    /// The other characters of a Protobuf identifier: letters, digits and `_`.
    static let identifierCharacter = ASCIISet(low: 0x03FF_0000_0000_0000, high: 0x07FF_FFFE_87FF_FFFE)
    /// The characters of a hostname label: letters, digits and `-`.
    static let hostnameCharacter = ASCIISet(low: 0x03FF_2000_0000_0000, high: 0x07FF_FFFE_07FF_FFFE)
}

/// Small byte predicates the format parsers share.
enum ASCII {
    /// Whether `byte` is `0`–`9`.
    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// Whether `byte` is an ASCII letter.
    @inline(__always)
    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }

    /// The value of a hexadecimal digit, or `nil`.
    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt8? {
        if byte &- 0x30 < 10 { return byte &- 0x30 }
        let lower = byte | 0x20
        if lower &- 0x61 < 6 { return lower &- 0x61 &+ 10 }
        return nil
    }
}
