import ProtoRuntime
import Testing

@Suite("UTF-8 validation")
struct UTF8ValidationTests {
    static func isValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return true }
            return UTF8Validation.isValid(base, count: buffer.count)
        }
    }

    static let cases: [(bytes: [UInt8], valid: Bool)] = [
        (Array("plain ascii, longer than eight bytes".utf8), true),
        (Array("héllo 世界 🌍 \u{10FFFF}".utf8), true),
        ([0xC3, 0x28], false),  // bad continuation
        ([0xC0, 0xAF], false),  // overlong '/'
        ([0xE0, 0x80, 0xAF], false),  // overlong, 3 bytes
        ([0xED, 0xA0, 0x80], false),  // surrogate U+D800
        ([0xF4, 0x90, 0x80, 0x80], false),  // past U+10FFFF
        ([0xF0, 0x90, 0x80], false),  // truncated 4-byte sequence
        ([0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0xFF], false),  // invalid after the fast path
        ([0x80], false),  // lone continuation
        ([0xEF, 0xBF, 0xBD], true),  // U+FFFD itself
    ]

    @Test("accepts exactly what the standard library accepts", arguments: 0..<cases.count)
    func table(_ index: Int) {
        let item = Self.cases[index]
        #expect(Self.isValid(item.bytes) == item.valid)
        #expect((String(validating: item.bytes, as: UTF8.self) != nil) == item.valid)
    }

    @Test("agrees with the standard library on random byte strings")
    func random() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...24, using: &generator)
            // Mostly high bytes, so multi-byte sequences (valid and not) are common.
            let bytes = (0..<length).map { _ in
                Bool.random(using: &generator)
                    ? UInt8.random(in: 0x80...0xF5, using: &generator) : UInt8.random(in: 0...0x7F, using: &generator)
            }
            #expect(Self.isValid(bytes) == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
        }
    }
}
