import Testing

@testable import Validation

/// The literal masks of the parsers' character classes, rebuilt from their members.
@Suite("ASCII sets and UTF-8 validation")
struct ASCIISetTests {
    static let letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    static let alphanumerics = letters + "0123456789"

    @Test("each named set holds exactly its characters")
    func masks() {
        let unreserved = Self.alphanumerics + "-._~"
        let subDelims = "!$&'()*+,;="
        #expect(ASCIISet.unreserved == ASCIISet(unreserved))
        #expect(ASCIISet.regName == ASCIISet(unreserved + subDelims))
        #expect(ASCIISet.userinfo == ASCIISet(unreserved + subDelims + ":"))
        #expect(ASCIISet.pathCharacter == ASCIISet(unreserved + subDelims + ":@/"))
        #expect(ASCIISet.queryCharacter == ASCIISet(unreserved + subDelims + ":@/?"))
        #expect(ASCIISet.schemeCharacter == ASCIISet(Self.alphanumerics + "+-."))
        #expect(ASCIISet.emailLocal == ASCIISet(Self.alphanumerics + ".!#$%&'*+/=?^_`{|}~-"))
        #expect(ASCIISet.headerToken == ASCIISet(Self.alphanumerics + "!#$%&'*+,-.^_|~`"))
        #expect(ASCIISet.hexDigit == ASCIISet("0123456789abcdefABCDEF"))
        #expect(ASCIISet.ulidCharacter == ASCIISet("0123456789ABCDEFGHJKMNPQRSTVWXYZabcdefghjkmnpqrstvwxyz"))
        #expect(ASCIISet.identifierStart == ASCIISet(Self.letters + "_"))
        #expect(ASCIISet.identifierCharacter == ASCIISet(Self.alphanumerics + "_"))
        #expect(ASCIISet.hostnameCharacter == ASCIISet(Self.alphanumerics + "-"))
    }

    @Test("membership matches the characters, and no byte of 128 or more is a member")
    func membership() {
        let set = ASCIISet("a?~\u{0}\u{7F}")
        for byte in UInt8.min...UInt8.max {
            let expected = [0x61, 0x3F, 0x7E, 0x00, 0x7F].contains(byte)
            #expect(set.contains(byte) == expected, "byte \(byte)")
        }
        let all = ASCIISet(low: .max, high: .max)
        #expect((UInt8(128)...UInt8.max).allSatisfy { !all.contains($0) })
    }

    @Test("hex values and digit and letter tests over every byte")
    func bytePredicates() {
        for byte in UInt8.min...UInt8.max {
            let scalar = Character(Unicode.Scalar(byte))
            #expect(ASCII.isDigit(byte) == (byte < 128 && scalar.isNumber))
            #expect(ASCII.isLetter(byte) == (byte < 128 && scalar.isLetter))
            #expect(ASCII.hexValue(byte) == (byte < 128 ? scalar.hexDigitValue.map(UInt8.init) : nil))
        }
    }

    @Test(
        "the streaming validator accepts exactly UTF-8",
        arguments: [
            ([0x41], true), ([0xC3, 0xA4], true), ([0xE2, 0x82, 0xAC], true), ([0xF0, 0x9F, 0x98, 0x80], true),
            ([0xF4, 0x8F, 0xBF, 0xBF], true), ([0xED, 0x9F, 0xBF], true), ([0xEE, 0x80, 0x80], true),
            ([0xC3], false), ([0xC0, 0x80], false), ([0xC1, 0xBF], false), ([0xE0, 0x9F, 0xBF], false),
            ([0xED, 0xA0, 0x80], false), ([0xF0, 0x8F, 0xBF, 0xBF], false), ([0xF4, 0x90, 0x80, 0x80], false),
            ([0xF5, 0x80, 0x80, 0x80], false), ([0x80], false), ([0xE2, 0x82], false), ([0xC3, 0x41], false),
        ] as [([UInt8], Bool)])
    func utf8(_ bytes: [UInt8], _ isValid: Bool) {
        var validator = UTF8Validator()
        let accepted = bytes.allSatisfy { validator.accept($0) } && validator.isComplete
        #expect(accepted == isValid)
        #expect(accepted == (String(validating: bytes, as: UTF8.self) != nil))
    }
}
