import Testing

@testable import ProductService

@Suite("Page tokens")
struct PageTokenTests {
    @Test("a token round-trips as unpadded URL-safe base64", arguments: [Int64(0), 1, 62, 1 << 40])
    func roundTrip(position: Int64) throws {
        let fingerprint = PageToken.fingerprint("garden\u{1F}-")
        let token = PageToken(kind: .list, fingerprint: fingerprint, position: position)
        #expect(!token.text.contains("=") && !token.text.contains("+") && !token.text.contains("/"))
        #expect(try PageToken(text: token.text, kind: .list, fingerprint: fingerprint) == token)
    }

    @Test("a token of other filters, another kind, or garbage is INVALID_ARGUMENT")
    func refused() {
        let fingerprint = PageToken.fingerprint("a")
        let token = PageToken(kind: .list, fingerprint: fingerprint, position: 7).text
        let attempts: [(String, PageToken.Kind, UInt64)] = [
            (token, .list, PageToken.fingerprint("b")), (token, .search, fingerprint),
            ("not a token", .list, fingerprint),
            ("", .list, fingerprint), ("djEubC4wLi0x", .list, fingerprint),
            (String(repeating: "A", count: 2000), .list, fingerprint),
        ]
        for (text, kind, fingerprint) in attempts {
            let error = #expect(throws: ProductError.self) {
                try PageToken(text: text, kind: kind, fingerprint: fingerprint)
            }
            #expect(error?.code == .invalidArgument)
        }
    }

    @Test("the fingerprint is 64-bit FNV-1a, stable across processes")
    func fingerprint() {
        #expect(PageToken.fingerprint("") == 0xcbf2_9ce4_8422_2325)
        #expect(PageToken.fingerprint("a") == 0xaf63_dc4c_8601_ec8c)
    }
}
