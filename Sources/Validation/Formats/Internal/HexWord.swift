/// Eight text bytes in one `UInt64` (the first byte lowest), tested for hex digits all at once
/// (SWAR: SIMD within a register), for the fixed-length formats (UUIDs).
enum HexWord {
    /// 0x01 in every byte.
    static let ones: UInt64 = 0x0101_0101_0101_0101
    /// The high bit of every byte: a byte's verdict in ``hexDigitBits(_:)``.
    static let highBits: UInt64 = 0x8080_8080_8080_8080
    // The constants are literals so that they are statically initialized (no lazy global).
    /// `-` in every byte.
    static let hyphens: UInt64 = 0x2D2D_2D2D_2D2D_2D2D
    /// `0` in every byte.
    static let zeros: UInt64 = 0x3030_3030_3030_3030

    /// The eight bytes at `offset` (which must leave eight bytes in `raw`), first byte lowest.
    @inline(__always)
    static func load(_ raw: RawSpan, at offset: Int) -> UInt64 {
        UInt64(littleEndian: raw.unsafeLoadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// The high bit of each byte of the result is set when that byte of `word` is `0`–`9`,
    /// `a`–`f` or `A`–`F`; every other bit is clear.
    ///
    /// On seven-bit values, `x + (0x7F - m)` has its high bit set when `x > m`, and
    /// `x + (0x80 - n)` has it clear when `x < n`; neither sum carries into the next byte. Bytes
    /// with their own high bit set (not ASCII) are cleared at the end.
    @inline(__always)
    static func hexDigitBits(_ word: UInt64) -> UInt64 {
        let low = word & ~highBits
        let isDigit = (low &+ (0x7F - 0x2F) &* ones) & ~(low &+ (0x80 - 0x3A) &* ones)
        let folded = low | 0x20 &* ones
        let isLetter = (folded &+ (0x7F - 0x60) &* ones) & ~(folded &+ (0x80 - 0x67) &* ones)
        return (isDigit | isLetter) & ~word & highBits
    }
}
