import Testing

@testable import Validation

/// The eight-bytes-at-a-time hex test and the UUID checks built on it, against the byte-by-byte
/// definition (``ASCIISet/hexDigit`` and the hyphen positions): every byte value in every
/// position, and random strings (seeded).
@Suite("Hex words and UUID checks")
struct HexWordTests {
    @Test("each byte value in each of the eight positions is a hex digit exactly when ASCIISet says so")
    func everyByteInEveryPosition() {
        let filler = UInt64(0x3030_3030_3030_3030)  // "00000000"
        for position in 0..<8 {
            for value in 0...255 {
                let shift = UInt64(8 * position)
                let word = filler & ~(0xFF << shift) | UInt64(value) << shift
                let bits = HexWord.hexDigitBits(word)
                let expected = ASCIISet.hexDigit.contains(UInt8(value))
                #expect((bits >> (shift + 7)) & 1 == (expected ? 1 : 0), "byte \(value) at \(position)")
                #expect(bits & ~(0x80 << shift) == HexWord.highBits & ~(0x80 << shift), "neighbours of \(position)")
                #expect(bits & ~HexWord.highBits == 0)
            }
        }
    }

    /// The checks under test, on an array (a span cannot enter `#expect`).
    static func isUUID(_ bytes: [UInt8]) -> Bool { TextFormatParser.isUUID(bytes.span) }

    static func isTrimmedUUID(_ bytes: [UInt8]) -> Bool { TextFormatParser.isTrimmedUUID(bytes.span) }

    /// The definition, a byte at a time.
    static func isUUIDByBytes(_ bytes: [UInt8]) -> Bool {
        bytes.count == 36
            && bytes.indices.allSatisfy { index in
                [8, 13, 18, 23].contains(index)
                    ? bytes[index] == UInt8(ascii: "-") : ASCIISet.hexDigit.contains(bytes[index])
            }
    }

    static func isTrimmedUUIDByBytes(_ bytes: [UInt8]) -> Bool {
        bytes.count == 32 && bytes.allSatisfy { ASCIISet.hexDigit.contains($0) }
    }

    @Test("any one byte of a UUID replaced by any value: the verdict is the definition's")
    func everySubstitution() {
        let uuid = Array("5f1c3c7e-2b8a-4d5e-9f10-7A6B5C4D3E2F".utf8)
        let trimmed = Array("5f1c3c7e2b8a4d5e9f107A6B5C4D3E2F".utf8)
        #expect(Self.isUUID(uuid))
        #expect(Self.isTrimmedUUID(trimmed))
        for index in uuid.indices {
            for value in 0...255 {
                var bytes = uuid
                bytes[index] = UInt8(value)
                #expect(Self.isUUID(bytes) == Self.isUUIDByBytes(bytes), "byte \(value) at \(index)")
                if index < trimmed.count {
                    var bytes = trimmed
                    bytes[index] = UInt8(value)
                    #expect(Self.isTrimmedUUID(bytes) == Self.isTrimmedUUIDByBytes(bytes))
                }
            }
        }
    }

    @Test("random strings of UUID characters and lengths near 32 and 36 (seeded)")
    func randomStrings() {
        let seed = UInt64.random(in: 0...UInt64.max)
        print("hex word seed: \(seed)")
        var generator = SplitMix64(seed: seed)
        let alphabet = Array("0123456789abcdefABCDEF-gG/:@`\u{0}\u{7F}".utf8) + [0x80, 0xB0, 0xC3, 0xE6, 0xFF]
        var valid = 0
        for _ in 0..<50_000 {
            let length = [31, 32, 33, 35, 36, 37][Int(generator.next() % 6)]
            var bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            if length == 36 && generator.next() % 2 == 0 {
                for index in [8, 13, 18, 23] { bytes[index] = UInt8(ascii: "-") }
            }
            if generator.next() % 2 == 0 {
                for index in bytes.indices where bytes[index] >= 0x80 || !ASCIISet.hexDigit.contains(bytes[index]) {
                    if generator.next() % 8 != 0 && !(length == 36 && [8, 13, 18, 23].contains(index)) {
                        bytes[index] = UInt8(ascii: "a")
                    }
                }
            }
            let uuid = Self.isUUID(bytes)
            let trimmed = Self.isTrimmedUUID(bytes)
            if uuid || trimmed { valid += 1 }
            #expect(uuid == Self.isUUIDByBytes(bytes), "seed \(seed): \(bytes)")
            #expect(trimmed == Self.isTrimmedUUIDByBytes(bytes), "seed \(seed): \(bytes)")
        }
        #expect(valid > 1000, "\(valid) valid")
    }
}
