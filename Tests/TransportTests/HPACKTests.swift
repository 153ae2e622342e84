import Testing

@testable import Transport

/// HPACK (RFC 7541): the Appendix C examples, Huffman coding, and hostile blocks.
@Suite("HPACK")
struct HPACKTests {
    static func bytes(_ hex: String) -> [UInt8] {
        var result: [UInt8] = []
        var digits = hex.filter { !$0.isWhitespace }.makeIterator()
        while let high = digits.next(), let low = digits.next() {
            result.append(UInt8(String([high, low]), radix: 16) ?? 0)
        }
        return result
    }

    static func decode(_ decoder: inout HPACKDecoder, _ hex: String) throws(HPACKError) -> [String] {
        let block = bytes(hex)
        let result = block.withUnsafeBytes { raw in
            Result { () throws(HPACKError) in try decoder.decode(raw) }
        }
        return try result.get().map { "\($0.name): \($0.value)" }
    }

    static let requests = [
        [":method: GET", ":scheme: http", ":path: /", ":authority: www.example.com"],
        [":method: GET", ":scheme: http", ":path: /", ":authority: www.example.com", "cache-control: no-cache"],
        [
            ":method: GET", ":scheme: https", ":path: /index.html", ":authority: www.example.com",
            "custom-key: custom-value",
        ],
    ]

    @Test(
        "C.1: integers with an N-bit prefix, both ways",
        arguments: [(10, 5, "0a"), (1337, 5, "1f9a0a"), (42, 8, "2a")])
    func appendixC1(_ value: Int, _ prefixBits: Int, _ hex: String) throws {
        var encoded: [UInt8] = []
        HPACKEncoder().writeInteger(value, prefixBits: prefixBits, flags: 0, into: &encoded)
        #expect(encoded == Self.bytes(hex))
        let decoded = try encoded.withUnsafeBytes { raw throws(HPACKError) in
            var reader = HPACKDecoder.Reader(bytes: raw)
            return try reader.integer(prefixBits: prefixBits)
        }
        #expect(decoded == value)
    }

    @Test(
        "C.2: one field each way of representing it, and what it leaves in the table",
        arguments: [
            ("400a637573746f6d2d6b65790d637573746f6d2d686561646572", "custom-key: custom-header", 55),
            ("040c2f73616d706c652f70617468", ":path: /sample/path", 0),
            ("100870617373776f726406736563726574", "password: secret", 0),
            ("82", ":method: GET", 0),
        ])
    func appendixC2(_ hex: String, _ field: String, _ tableSize: Int) throws {
        var decoder = HPACKDecoder()
        #expect(try Self.decode(&decoder, hex) == [field])
        #expect(decoder.table.size == tableSize)
    }

    static let responses = [
        [
            ":status: 302", "cache-control: private", "date: Mon, 21 Oct 2013 20:13:21 GMT",
            "location: https://www.example.com",
        ],
        [
            ":status: 307", "cache-control: private", "date: Mon, 21 Oct 2013 20:13:21 GMT",
            "location: https://www.example.com",
        ],
        [
            ":status: 200", "cache-control: private", "date: Mon, 21 Oct 2013 20:13:22 GMT",
            "location: https://www.example.com", "content-encoding: gzip",
            "set-cookie: foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1",
        ],
    ]

    @Test("C.5: responses without Huffman coding, evicting from a 256-byte table")
    func appendixC5() throws {
        var decoder = HPACKDecoder(maxTableSize: 256)
        let first =
            "4803333032580770726976617465611d4d6f6e2c203231204f637420323031332032303a31333a323120474d54"
            + "6e1768747470733a2f2f7777772e6578616d706c652e636f6d"
        #expect(try Self.decode(&decoder, first) == Self.responses[0])
        #expect(decoder.table.size == 222)
        #expect(try Self.decode(&decoder, "4803333037c1c0bf") == Self.responses[1])
        #expect(decoder.table.size == 222)
        let third =
            "88c1611d4d6f6e2c203231204f637420323031332032303a31333a323220474d54c05a04677a69707738666f6f"
            + "3d4153444a4b48514b425a584f5157454f50495541585157454f49553b206d61782d6167653d333630303b2076"
            + "657273696f6e3d31"
        #expect(try Self.decode(&decoder, third) == Self.responses[2])
        #expect(decoder.table.size == 215)
    }

    @Test("C.3: requests without Huffman coding, sharing a dynamic table")
    func appendixC3() throws {
        var decoder = HPACKDecoder()
        #expect(try Self.decode(&decoder, "828684410f7777772e6578616d706c652e636f6d") == Self.requests[0])
        #expect(decoder.table.size == 57)
        #expect(try Self.decode(&decoder, "828684be58086e6f2d6361636865") == Self.requests[1])
        #expect(decoder.table.size == 110)
        #expect(
            try Self.decode(&decoder, "828785bf400a637573746f6d2d6b65790c637573746f6d2d76616c7565") == Self.requests[2])
        #expect(decoder.table.size == 164)
    }

    @Test("C.4: the same requests with Huffman coding")
    func appendixC4() throws {
        var decoder = HPACKDecoder()
        #expect(try Self.decode(&decoder, "828684418cf1e3c2e5f23a6ba0ab90f4ff") == Self.requests[0])
        #expect(try Self.decode(&decoder, "828684be5886a8eb10649cbf") == Self.requests[1])
        #expect(try Self.decode(&decoder, "828785bf408825a849e95ba97d7f8925a849e95bb8e8b4bf") == Self.requests[2])
        #expect(decoder.table.size == 164)
    }

    @Test("C.6: the same responses with Huffman coding")
    func appendixC6() throws {
        var decoder = HPACKDecoder(maxTableSize: 256)
        let block =
            "4882640258" + "85aec3771a4b" + "6196d07abe941054d444a8200595040b8166e082a62d1bff"
            + "6e919d29ad171863c78f0b97c8e9ae82ae43d3"
        #expect(try Self.decode(&decoder, block) == Self.responses[0])
        #expect(decoder.table.size == 222)
        #expect(try Self.decode(&decoder, "4883640effc1c0bf") == Self.responses[1])
        #expect(decoder.table.size == 222)
        let third =
            "88c16196d07abe941054d444a8200595040b8166e084a62d1bffc05a839bd9ab77ad94e7821dd7f2e6c7b335dfdf"
            + "cd5b3960d5af27087f3672c1ab270fb5291f9587316065c003ed4ee5b1063d5007"
        #expect(try Self.decode(&decoder, third) == Self.responses[2])
        #expect(decoder.table.size == 215)
    }

    @Test(
        "Huffman strings of Appendix C",
        arguments: [
            ("www.example.com", "f1e3c2e5f23a6ba0ab90f4ff"), ("no-cache", "a8eb10649cbf"),
            ("custom-key", "25a849e95ba97d7f"), ("custom-value", "25a849e95bb8e8b4bf"), ("302", "6402"),
            ("307", "640eff"), ("private", "aec3771a4b"),
            ("Mon, 21 Oct 2013 20:13:21 GMT", "d07abe941054d444a8200595040b8166e082a62d1bff"),
            ("https://www.example.com", "9d29ad171863c78f0b97c8e9ae82ae43d3"), ("gzip", "9bd9ab"),
        ])
    func huffman(_ text: String, _ hex: String) {
        var encoded: [UInt8] = []
        Huffman.encode(text.utf8, into: &encoded)
        #expect(encoded == Self.bytes(hex))
        #expect(Huffman.encodedLength(text.utf8) == encoded.count)
        let decoded = encoded.withUnsafeBytes { Huffman.decode($0) }
        #expect(decoded == Array(text.utf8))
    }

    @Test("every byte value survives Huffman coding")
    func huffmanAllBytes() {
        let all = (0...255).map { UInt8($0) }
        var encoded: [UInt8] = []
        Huffman.encode(all, into: &encoded)
        #expect(encoded.withUnsafeBytes { Huffman.decode($0) } == all)
    }

    @Test("invalid Huffman padding and EOS are rejected")
    func huffmanInvalid() {
        // "0" is 00000 (5 bits): padding must be ones.
        #expect([UInt8(0x00)].withUnsafeBytes { Huffman.decode($0) } == nil)
        // Eight bits of padding.
        #expect([UInt8(0x07), 0xFF].withUnsafeBytes { Huffman.decode($0) } == nil)
        // EOS (30 ones) inside a string.
        #expect([UInt8(0xFF), 0xFF, 0xFF, 0xFF].withUnsafeBytes { Huffman.decode($0) } == nil)
    }

    @Test("the encoder's output decodes back, and repeated fields shrink to indexes")
    func encoderRoundTrip() throws {
        var encoder = HPACKEncoder()
        var decoder = HPACKDecoder()
        let fields: [(name: String, value: String)] = [
            (":status", "200"), ("content-type", "application/grpc"), ("grpc-status", "0"),
            ("authorization", "Bearer secret"), ("x-long", String(repeating: "v", count: 2000)),
        ]
        var first: [UInt8] = []
        encoder.encode(fields, into: &first)
        var second: [UInt8] = []
        encoder.encode(fields, into: &second)
        #expect(second.count < first.count)
        for block in [first, second] {
            let decoded = try block.withUnsafeBytes { raw throws(HPACKError) in try decoder.decode(raw) }
            #expect(decoded.map(\.name) == fields.map(\.name))
            #expect(decoded.map(\.value) == fields.map(\.value))
        }
        // Fields that a joined "name\0value" key would confuse (a fuzzer finding).
        var tricky: [UInt8] = []
        encoder.encode([("a\0", ""), ("a", "\0")], into: &tricky)
        let trickyDecoded = try tricky.withUnsafeBytes { raw throws(HPACKError) in try decoder.decode(raw) }
        #expect(trickyDecoded.map(\.name) == ["a\0", "a"])
        #expect(trickyDecoded.map(\.value) == ["", "\0"])
    }

    @Test(
        "hostile blocks are compression errors",
        arguments: [
            "ff",  // truncated integer
            "ffffffffffffff7f",  // integer too large
            "ff808080808080808079",  // zero continuations, then a byte past bit 63 (fuzzer finding)
            "be",  // index beyond both tables
            "80",  // index 0
            "4085f2b24a84ff",  // truncated string
            "0085f2b24a84ff874951fffffffa7f",  // EOS in a Huffman string
            "823f",  // size update after a field
            "3fe21f",  // size update above the maximum (4097)
        ])
    func hostile(_ hex: String) {
        var decoder = HPACKDecoder()
        #expect(throws: HPACKError.self) { try Self.decode(&decoder, hex) }
    }

    @Test("an HPACK bomb (one large entry referenced many times) hits the header list limit")
    func bomb() {
        var decoder = HPACKDecoder(maxTableSize: 4096, maxHeaderListSize: 16 * 1024)
        // Insert a 3,000-byte value, then reference it 1,000 times: 3 MB from 4 KB of input.
        var block: [UInt8] = [0x40, 0x01, UInt8(ascii: "x"), 0x7F]
        var rest = 3000 - 127
        while rest >= 128 {
            block.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        block.append(UInt8(rest))
        block += [UInt8](repeating: UInt8(ascii: "a"), count: 3000)
        block += [UInt8](repeating: 0xBE, count: 1000)  // index 62: the newest dynamic entry
        let result = block.withUnsafeBytes { raw in Result { () throws(HPACKError) in try decoder.decode(raw) } }
        guard case .failure(let error) = result else {
            Issue.record("expected the block to be refused")
            return
        }
        #expect(error.kind == .compression || error.kind == .tooLarge)
    }
}
