import Testing
import Validation

/// Addresses and UUIDs as bytes: only the length decides.
@Suite("Byte formats")
struct ByteFormatsTests {
    @Test("bytes.ip, bytes.ipv4, bytes.ipv6 and bytes.uuid by length", arguments: 0...33)
    func lengths(_ count: Int) {
        let bytes = [UInt8](repeating: 0xAB, count: count)
        #expect(ByteFormats.isIP(bytes) == (count == 4 || count == 16))
        #expect(ByteFormats.isIP(bytes, version: 4) == (count == 4))
        #expect(ByteFormats.isIP(bytes, version: 6) == (count == 16))
        #expect(ByteFormats.isUUID(bytes) == (count == 16))
        #expect(!ByteFormats.isIP(bytes, version: 5))
    }

    @Test("any collection of bytes works: slices, arrays, UTF-8 views")
    func collections() {
        let bytes: [UInt8] = [0, 1, 127, 0, 0, 1, 9]
        #expect(ByteFormats.isIP(bytes[2..<6], version: 4))
        #expect(!ByteFormats.isIP(bytes[2...6], version: 4))
        #expect(ByteFormats.isIP("abcd".utf8))
        #expect(ByteFormats.isUUID(ContiguousArray(repeating: 0, count: 16)))
    }
}
