import Testing
import Validation

/// Relations between the checks over random strings: no trap on any input, and the formats agree
/// with each other where their definitions say they must. The seed is printed.
@Suite("String formats: properties over random strings")
struct StringFormatsPropertyTests {
    /// Characters that sit on some format's boundary, and others.
    static let alphabet: [String] =
        Array("0123456789abcdefABCDEFgvxz.:/[]%@-_#?!+,;=~ \t\n\r\u{0}\u{7F}")
        .map(String.init) + ["é", "😀", "%25", "::", "25", "ffff", "1.2.3.4", "//", "http:"]

    @Test("no input traps, and the checks are consistent with each other")
    func properties() {
        let seed = UInt64.random(in: 0..<(1 << 32))
        print("format properties: seed \(seed)")
        var generator = SplitMix64(seed: seed)
        for _ in 0..<30_000 {
            let length = Int(generator.next() % 24)
            let value = (0..<length).map { _ in Self.alphabet[Int(generator.next() % UInt64(Self.alphabet.count))] }
                .joined()
            check(value, seed: seed)
        }
    }

    private func check(_ value: String, seed: UInt64) {
        let context: Comment = "value \(value.debugDescription), seed \(seed)"
        let ip4 = StringFormats.isIP(value, version: 4)
        let ip6 = StringFormats.isIP(value, version: 6)
        #expect(StringFormats.isIP(value) == (ip4 || ip6), context)
        #expect(!(ip4 && ip6), context)
        #expect(StringFormats.isAddress(value) == (StringFormats.isHostname(value) || ip4 || ip6), context)
        #expect(!(StringFormats.isHostname(value) && ip4), context)
        for version in [0, 4, 6] where StringFormats.isIPPrefix(value, version: version, strict: true) {
            #expect(StringFormats.isIPPrefix(value, version: version, strict: false), context)
        }
        if StringFormats.isHostAndPort(value, portRequired: true) {
            #expect(StringFormats.isHostAndPort(value, portRequired: false), context)
        }
        if StringFormats.isURI(value) { #expect(StringFormats.isURIReference(value), context) }
        if StringFormats.isHTTPHeaderName(value, strict: true) {
            #expect(StringFormats.isHTTPHeaderName(value, strict: false), context)
        }
        if StringFormats.isHTTPHeaderValue(value, strict: true) {
            #expect(StringFormats.isHTTPHeaderValue(value, strict: false), context)
        }
        if StringFormats.isUUID(value) { #expect(!StringFormats.isTUUID(value), context) }
        _ =
            StringFormats.isEmail(value) || StringFormats.isULID(value) || StringFormats.isProtobufFQN(value)
            || StringFormats.isProtobufDotFQN(value)
    }
}

/// A small seeded generator (SplitMix64), so a printed seed reproduces a run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
