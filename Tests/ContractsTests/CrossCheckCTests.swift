import ProtoRuntime
import Testing

private typealias CSubset = Room619_Testing_V1_CSubset
private typealias Point = Room619_Testing_V1_CSubset.Point

/// `c_subset.proto` against libprotobuf-c, both ways.
@Suite("Cross-check: proto3 against libprotobuf-c", .timeLimit(.minutes(2)))
struct CrossCheckCTests {
    @Test("libprotobuf-c decodes what Swift encodes", arguments: CSubsetCase.all)
    func cDecodesSwift(_ testCase: CSubsetCase) async throws {
        let c = try await CrossCheckPeers.shared.c()
        try await c.expectDecodes(
            try testCase.message.serializedBytes(options: CrossCheck.deterministic), as: testCase.name)
    }

    @Test("Swift decodes what libprotobuf-c encodes", arguments: CSubsetCase.all)
    func swiftDecodesC(_ testCase: CSubsetCase) async throws {
        let c = try await CrossCheckPeers.shared.c()
        let bytes = try await c.encoding(of: testCase.name)
        let decoded = try CSubset(serializedBytes: bytes)
        #expect(decoded == testCase.message)
        #expect(decoded.unknownFields.isEmpty)

        let reencoded = try decoded.serializedBytes(options: CrossCheck.deterministic)
        if testCase.isCEncodingCanonical {
            #expect(CrossCheck.hex(reencoded) == CrossCheck.hex(bytes))
            let encoded = try testCase.message.serializedBytes(options: CrossCheck.deterministic)
            #expect(CrossCheck.hex(encoded) == CrossCheck.hex(bytes))
        } else {
            try await c.expectDecodes(reencoded, as: testCase.name)
        }
    }

    @Test("map entries without key or value read as defaults")
    func mapEntryDefaults() async throws {
        let c = try await CrossCheckPeers.shared.c()
        let decoded = try CSubset(serializedBytes: try await c.encoding(of: "min"))
        #expect(decoded.mStringInt32[""] == 0)
        #expect(decoded.mSint64Point[0] == Point())
        #expect(decoded.cUint32 == 0)
        #expect(decoded.fPoint == Point())
        #expect(decoded.rFloat.first.map { $0 == 0 && $0.sign == .minus } == true)
        #expect(decoded.rDouble.first.map { $0 == 0 && $0.sign == .minus } == true)
    }
}

/// One named `CSubset`, built the same way in `crosscheck.c`.
struct CSubsetCase: Sendable, CustomTestStringConvertible {
    let name: String
    let message: Room619_Testing_V1_CSubset
    /// Whether libprotobuf-c's bytes must equal Swift's deterministic encoding. Not for `min`:
    /// libprotobuf-c leaves default keys and values out of map entries, where Swift writes them.
    var isCEncodingCanonical = true

    var testDescription: String { name }

    static let all: [CSubsetCase] = [
        CSubsetCase(name: "max", message: maxima()),
        CSubsetCase(name: "min", message: minima(), isCEncodingCanonical: false),
        CSubsetCase(name: "ordinary", message: ordinary()),
    ]

    private static func maxima() -> CSubset {
        var m = CSubset()
        m.fInt32 = .max
        m.fInt64 = .max
        m.fUint32 = .max
        m.fUint64 = .max
        m.fSint32 = .max
        m.fSint64 = .max
        m.fFixed32 = .max
        m.fFixed64 = .max
        m.fSfixed32 = .max
        m.fSfixed64 = .max
        m.fFloat = .greatestFiniteMagnitude
        m.fDouble = .infinity
        m.fBool = true
        m.fString = "héllo 🌍"
        m.fBytes = [0x00, 0xFF, 0x80, 0x7F]
        m.fShade = .dark
        m.fPoint = Point(x: .max, label: "日本")
        m.rInt32 = [1, .max]
        m.rInt64 = [1, .max]
        m.rUint32 = [.max, 127, 128]
        m.rUint64 = [.max, 1 << 63]
        m.rSint32 = [.max, 1]
        m.rSint64 = [.max, 2]
        m.rFixed32 = [.max]
        m.rFixed64 = [.max, 1]
        m.rSfixed32 = [.max]
        m.rSfixed64 = [.max]
        m.rFloat = [.greatestFiniteMagnitude, .infinity, 1.5]
        m.rDouble = [.greatestFiniteMagnitude, .infinity, 0.1]
        m.rBool = [true, true]
        m.rShade = [.dark, .light]
        m.rString = ["a", "ü", "🌍"]
        m.rBytes = [[0xFF], [0x00, 0x01]]
        m.rPoint = [Point(x: 1, label: "one"), Point(x: .max)]
        m.mStringInt32 = ["a": 1, "zz": .max]
        m.mSint64Point = [.min: Point(x: -1, label: "min"), .max: Point(x: 1, label: "max")]
        m.choice = .cString("oneof ✓")
        return m
    }

    private static func minima() -> CSubset {
        var m = CSubset()
        m.fInt32 = .min
        m.fInt64 = .min
        m.fSint32 = .min
        m.fSint64 = .min
        m.fSfixed32 = .min
        m.fSfixed64 = .min
        m.fFloat = -.greatestFiniteMagnitude
        m.fDouble = -.infinity
        m.fPoint = Point()
        m.rInt32 = [-1, .min, 0]
        m.rInt64 = [-1, .min, 0]
        m.rUint32 = [0]
        m.rUint64 = [0, 0]
        m.rSint32 = [-1, .min]
        m.rSint64 = [-1, .min]
        m.rFixed32 = [0]
        m.rFixed64 = [0]
        m.rSfixed32 = [-1, .min]
        m.rSfixed64 = [-1, .min]
        m.rFloat = [-0.0, -.infinity, .leastNonzeroMagnitude]
        m.rDouble = [-0.0, -.infinity, .leastNonzeroMagnitude, -.greatestFiniteMagnitude]
        m.rBool = [false, true, false]
        m.rShade = [.unspecified, .light]
        m.rString = ["", ""]
        m.rBytes = [ByteBuffer(), [0x00]]
        m.rPoint = [Point(), Point(x: .min)]
        m.mStringInt32 = ["": 0, "neg": -1]
        m.mSint64Point = [-1: Point(x: -1), 0: Point()]
        m.choice = .cUint32(0)
        return m
    }

    private static func ordinary() -> CSubset {
        var m = CSubset()
        m.fInt32 = 150
        m.fInt64 = -300
        m.fUint32 = 300
        m.fUint64 = 1 << 40
        m.fSint32 = -150
        m.fSint64 = 1 << 40
        m.fFixed32 = 0xDEAD_BEEF
        m.fFixed64 = 0x0123_4567_89AB_CDEF
        m.fSfixed32 = -123456
        m.fSfixed64 = -1_234_567_890_123
        m.fFloat = 1.5
        m.fDouble = 3.141592653589793
        m.fBool = true
        m.fString = "hello"
        m.fBytes = [1, 2, 3]
        m.fShade = .light
        m.rInt32 = [150]
        m.rString = ["hello"]
        m.mStringInt32 = ["k": 42]
        m.choice = .cPoint(Point(x: -5, label: "p"))
        return m
    }
}
