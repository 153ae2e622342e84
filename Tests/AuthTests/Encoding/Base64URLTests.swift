import Testing

@testable import Auth

@Suite("Base64url, strict")
struct Base64URLTests {
    @Test(
        "RFC 4648 test vectors, unpadded",
        arguments: [
            ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ])
    func vectors(plain: String, encoded: String) {
        #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
        #expect(Base64URL.decode(encoded) == Array(plain.utf8))
    }

    @Test("the URL alphabet: - and _ where standard base64 has + and /")
    func urlAlphabet() {
        #expect(Base64URL.encode([0xFB, 0xFF, 0xBF]) == "-_-_")
        #expect(Base64URL.decode("-_-_") == [0xFB, 0xFF, 0xBF])
    }

    @Test(
        "refuses padding, other alphabets, whitespace, impossible lengths and non-canonical trailing bits",
        arguments: [
            "Zg==", "Zm8=", "+/+/", "Zm9v\n", " Zm9v", "Zm9v Yg", "Z", "Zm9vY", "Zh", "Zm9", "Zm-", "é", "Zm9v=",
        ])
    func refusals(text: String) {
        #expect(Base64URL.decode(text) == nil)
    }

    @Test("every byte string of up to 3 bytes has exactly one accepted text, and it round-trips")
    func exhaustiveShort() {
        var rng = SystemRandomNumberGenerator()
        for length in 0...3 {
            for _ in 0..<300 {
                let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
                #expect(Base64URL.decode(Base64URL.encode(bytes)) == bytes)
            }
        }
        // Of the 64 texts "A?" exactly 4 decode (the last 4 bits zero): A, Q, g, w.
        let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        let accepted = alphabet.filter { Base64URL.decode("A\($0)") != nil }
        #expect(accepted == "AQgw")
    }

    @Test("random round trips (seed printed)")
    func randomRoundTrips() {
        let seed = UInt64.random(in: 0...UInt64.max)
        print("Base64URLTests seed: \(seed)")
        var generator = SplitMix64(seed: seed)
        for _ in 0..<500 {
            let count = Int(generator.next() % 100)
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let text = Base64URL.encode(bytes)
            #expect(!text.contains("="))
            #expect(Base64URL.decode(text) == bytes)
        }
    }
}

/// A seeded generator, so a failing random test can be replayed from its printed seed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
