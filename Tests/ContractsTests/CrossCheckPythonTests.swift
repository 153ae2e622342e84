import ProtoRuntime
import Testing

private typealias AllTypes = Room619_Testing_V1_AllTypes
private typealias Nested = Room619_Testing_V1_AllTypes.Nested

/// proto3 (`all_types.proto`) against Google's protobuf: every case both ways, and unknown fields.
@Suite("Cross-check: proto3 against Google's protobuf (Python)", .timeLimit(.minutes(2)))
struct CrossCheckPythonTests {
    @Test("Python decodes what Swift encodes", arguments: AllTypesCase.all)
    func pythonDecodesSwift(_ testCase: AllTypesCase) async throws {
        let python = try await CrossCheckPeers.shared.python()
        try await python.expectDecodes(
            try testCase.message.serializedBytes(options: CrossCheck.deterministic), as: testCase.name)
    }

    @Test("Swift decodes what Python encodes", arguments: AllTypesCase.all)
    func swiftDecodesPython(_ testCase: AllTypesCase) async throws {
        let python = try await CrossCheckPeers.shared.python()
        let bytes = try await python.encoding(of: testCase.name)
        let decoded = try AllTypes(serializedBytes: bytes)
        #expect(decoded == testCase.message)

        // Equality ignores the sign of -0.0; bytes do not. Encoding what was decoded must give
        // Python's bytes back (Swift's encoder writes in field-number order and sorts map keys).
        let reencoded = try decoded.serializedBytes(options: CrossCheck.deterministic)
        if testCase.isPythonEncodingCanonical {
            #expect(CrossCheck.hex(reencoded) == CrossCheck.hex(bytes))
            let encoded = try testCase.message.serializedBytes(options: CrossCheck.deterministic)
            #expect(CrossCheck.hex(encoded) == CrossCheck.hex(bytes))
        } else {
            try await python.expectDecodes(reencoded, as: testCase.name)
        }
    }

    @Test("a reader that does not know the fields keeps them for Python", arguments: AllTypesCase.all)
    func unknownFieldsSurvive(_ testCase: AllTypesCase) async throws {
        let python = try await CrossCheckPeers.shared.python()
        let bytes = try await python.encoding(of: testCase.name)

        let empty = try Room619_Testing_V1_Empty(serializedBytes: bytes)
        let emptyBytes = try empty.serializedBytes()
        #expect(CrossCheck.hex(emptyBytes) == CrossCheck.hex(bytes), "Empty writes every field back verbatim")

        let subset = try Room619_Testing_V1_AllTypesSubset(serializedBytes: bytes)
        #expect(subset.fInt32 == testCase.message.fInt32)
        #expect(subset.fString == testCase.message.fString)
        try await python.expectDecodes(emptyBytes, try subset.serializedBytes(), as: testCase.name)
    }

    @Test("open enums keep numbers they do not declare and write them back")
    func openEnumUnknownValues() async throws {
        let python = try await CrossCheckPeers.shared.python()
        let decoded = try AllTypes(serializedBytes: try await python.encoding(of: "open_enum_unknown"))
        #expect(decoded.fEnum == .unrecognized(7))
        #expect(decoded.fMood == .unrecognized(5))
        #expect(decoded.oEnum == .unrecognized(99))
        #expect(decoded.cEnum == .unrecognized(12345))
        #expect(decoded.rEnum == [.red, .unrecognized(42), .unrecognized(-5), .unspecified])
        #expect(decoded.rUnpackedEnum == [.unrecognized(1000), .green])
        #expect(decoded.mStringEnum == ["x": .unrecognized(77), "y": .unrecognized(-2)])
        #expect(decoded.unknownFields.isEmpty)
        try await python.expectDecodes(try decoded.serializedBytes(), as: "open_enum_unknown")
    }

    @Test("proto3 optional fields set to their defaults are present")
    func presenceOfDefaults() async throws {
        let python = try await CrossCheckPeers.shared.python()
        let decoded = try AllTypes(serializedBytes: try await python.encoding(of: "presence_defaults"))
        #expect(decoded.oInt32 == 0)
        #expect(decoded.oUint64 == 0)
        #expect(decoded.oSfixed64 == 0)
        #expect(decoded.oFloat.map { $0 == 0 && $0.sign == .plus } == true)
        #expect(decoded.oDouble.map { $0 == 0 && $0.sign == .plus } == true)
        #expect(decoded.oBool == false)
        #expect(decoded.oString == "")
        #expect(decoded.oBytes == ByteBuffer())
        #expect(decoded.oEnum == .unspecified)
        #expect(decoded.oNested == Nested())
        // Fields the case leaves alone stay unset.
        #expect(decoded.fNested == nil)
        #expect(decoded.choice == nil)
    }

    @Test("negative zero keeps its sign")
    func negativeZero() async throws {
        let python = try await CrossCheckPeers.shared.python()
        let minusOne = try AllTypes(serializedBytes: try await python.encoding(of: "scalars_minus_one"))
        #expect(minusOne.fFloat.sign == .minus && minusOne.fFloat == 0)
        #expect(minusOne.fDouble.sign == .minus && minusOne.fDouble == 0)
        let oneof = try AllTypes(serializedBytes: try await python.encoding(of: "oneof_double"))
        #expect(oneof.cDouble.map { $0.sign == .minus && $0 == 0 } == true)
        let maps = try AllTypes(serializedBytes: try await python.encoding(of: "maps"))
        #expect(maps.mInt32Float[1].map { $0.sign == .minus && $0 == 0 } == true)
        #expect(maps.mInt32Double[1].map { $0.sign == .minus && $0 == 0 } == true)
    }
}

/// One named proto3 message, built the same way in `crosscheck.py`.
struct AllTypesCase: Sendable, CustomTestStringConvertible {
    let name: String
    let message: Room619_Testing_V1_AllTypes
    /// Whether Python's bytes are its deterministic encoding (not hand-made wire input), so
    /// Swift's deterministic encoding must match them byte for byte.
    var isPythonEncodingCanonical = true

    var testDescription: String { name }

    static let all: [AllTypesCase] = [
        AllTypesCase(name: "scalars_ordinary", message: make(scalarsOrdinary)),
        AllTypesCase(name: "scalars_max", message: make(scalarsMax)),
        AllTypesCase(name: "scalars_min", message: make(scalarsMin)),
        AllTypesCase(name: "scalars_minus_one", message: make(scalarsMinusOne)),
        AllTypesCase(name: "floats", message: make(floats)),
        AllTypesCase(name: "presence_defaults", message: make(presenceDefaults)),
        AllTypesCase(name: "presence_values", message: make(presenceValues)),
        AllTypesCase(name: "repeated", message: make(repeated)),
        // upb's deterministic map order is its own (integers descend as unsigned numbers, for one),
        // so only single-entry maps can match Swift's key order byte for byte.
        AllTypesCase(name: "maps", message: make(maps), isPythonEncodingCanonical: false),
        AllTypesCase(name: "maps_single_entry", message: make(mapsSingleEntry)),
        AllTypesCase(name: "oneof_uint32_zero", message: AllTypes(choice: .cUint32(0))),
        AllTypesCase(name: "oneof_string_empty", message: AllTypes(choice: .cString(""))),
        AllTypesCase(name: "oneof_bytes", message: AllTypes(choice: .cBytes([0x00, 0xFF]))),
        AllTypesCase(
            name: "oneof_nested",
            message: AllTypes(choice: .cNested(Nested(a: 1, recursive: AllTypes(choice: .cString("inner")))))),
        AllTypesCase(name: "oneof_enum_zero", message: AllTypes(choice: .cEnum(.unspecified))),
        AllTypesCase(name: "oneof_double", message: AllTypes(choice: .cDouble(-0.0))),
        AllTypesCase(
            name: "oneof_last_wins",
            message: AllTypes(choice: .cNested(Nested(b: "y", recursive: AllTypes(fInt32: 3)))),
            isPythonEncodingCanonical: false),
        AllTypesCase(
            name: "merge",
            message: AllTypes(
                fInt32: 2, fNested: Nested(a: 1, b: "x"), rInt32: [1, 2], mInt32String: [1: "b", 2: "c"]),
            isPythonEncodingCanonical: false),
        AllTypesCase(name: "recursion", message: recursion()),
        AllTypesCase(name: "keywords", message: make(keywords)),
        AllTypesCase(name: "open_enum_unknown", message: make(openEnumUnknown)),
        // Every field kind at once (the cases above set disjoint fields), for unknown-field readers.
        AllTypesCase(
            name: "everything",
            message: make(
                scalarsOrdinary, presenceValues, repeated, maps, keywords,
                { $0.choice = .cNested(Nested(a: 1, recursive: AllTypes(choice: .cString("inner")))) }),
            isPythonEncodingCanonical: false),
    ]

    private static func make(_ parts: (inout AllTypes) -> Void...) -> AllTypes {
        var m = AllTypes()
        for part in parts { part(&m) }
        return m
    }

    private static func scalarsOrdinary(_ m: inout AllTypes) {
        m.fInt32 = 150
        m.fInt64 = 300_000_000_000
        m.fUint32 = 1
        m.fUint64 = 1 << 40
        m.fSint32 = -150
        m.fSint64 = -300_000_000_000
        m.fFixed32 = 0xDEAD_BEEF
        m.fFixed64 = 0x0123_4567_89AB_CDEF
        m.fSfixed32 = -123456
        m.fSfixed64 = -1_234_567_890_123
        m.fFloat = 1.5
        m.fDouble = 3.141592653589793
        m.fBool = true
        m.fString = "hello"
        m.fBytes = [0x00, 0x01, 0xFE, 0xFF]
        m.fEnum = .blue
        m.fNested = Nested(a: 7, b: "nested")
        m.fMood = .happy
        m.fTimestamp = Google_Protobuf_Timestamp(seconds: 1_700_000_000, nanos: 123_456_789)
    }

    private static func scalarsMax(_ m: inout AllTypes) {
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
        m.fDouble = .greatestFiniteMagnitude
        m.fBool = true
        m.fString = "héllo wörld 🌍 日本語"
        m.fBytes = ByteBuffer(bytes: UInt8.min...UInt8.max)
        m.fEnum = .blue
        m.fMood = .happy
        m.fNested = Nested(a: .max, b: "🌍")
        m.fTimestamp = Google_Protobuf_Timestamp(seconds: 253_402_300_799, nanos: 999_999_999)
    }

    private static func scalarsMin(_ m: inout AllTypes) {
        m.fInt32 = .min
        m.fInt64 = .min
        m.fSint32 = .min
        m.fSint64 = .min
        m.fSfixed32 = .min
        m.fSfixed64 = .min
        m.fFloat = -.infinity
        m.fDouble = -.infinity
        m.fEnum = .negative
        m.fNested = Nested()
        m.fTimestamp = Google_Protobuf_Timestamp(seconds: -62_135_596_800)
    }

    private static func scalarsMinusOne(_ m: inout AllTypes) {
        m.fInt32 = -1
        m.fInt64 = -1
        m.fUint32 = 127
        m.fUint64 = 128
        m.fSint32 = -1
        m.fSint64 = -1
        m.fFixed32 = 1
        m.fFixed64 = 1
        m.fSfixed32 = -1
        m.fSfixed64 = -1
        m.fFloat = -0.0
        m.fDouble = -0.0
        m.fString = "a\u{0}b"
        m.fBytes = [0x00]
    }

    private static func floats(_ m: inout AllTypes) {
        m.fFloat = .infinity
        m.fDouble = .infinity
        m.oFloat = -0.0
        m.oDouble = .leastNonzeroMagnitude
        m.rFloat = [0, -0.0, .leastNonzeroMagnitude, -.infinity, .infinity, .greatestFiniteMagnitude, 0.1]
        m.rDouble = [
            0, -0.0, .leastNonzeroMagnitude, .leastNormalMagnitude, -.infinity, .infinity, 0.1,
            -.greatestFiniteMagnitude,
        ]
    }

    private static func presenceDefaults(_ m: inout AllTypes) {
        Fixtures.setOptionalsToDefaults(&m)
    }

    private static func presenceValues(_ m: inout AllTypes) {
        m.oInt32 = .min
        m.oInt64 = .max
        m.oUint32 = .max
        m.oUint64 = .max
        m.oSint32 = .max
        m.oSint64 = .min
        m.oFixed32 = 1
        m.oFixed64 = .max
        m.oSfixed32 = -1
        m.oSfixed64 = .min
        m.oFloat = -.infinity
        m.oDouble = -0.0
        m.oBool = true
        m.oString = "日本語"
        m.oBytes = [0x00, 0xFF]
        m.oEnum = .negative
        m.oNested = Nested(a: -1, b: "x")
    }

    private static func repeated(_ m: inout AllTypes) {
        m.rInt32 = [0, -1, 1, .min, .max]
        m.rInt64 = [0, -1, .min, .max]
        m.rUint32 = [0, .max, 127, 128]
        m.rUint64 = [0, .max, 1 << 63]
        m.rSint32 = [0, -1, 1, .min, .max]
        m.rSint64 = [0, -1, 1, .min, .max]
        m.rFixed32 = [0, .max]
        m.rFixed64 = [0, .max]
        m.rSfixed32 = [.min, -1, 0, .max]
        m.rSfixed64 = [.min, -1, 0, .max]
        m.rFloat = [1.5, -2.25]
        m.rDouble = [1e100, -1e-100]
        m.rBool = [true, false, true]
        m.rString = ["", "a", "日本語", "🌍"]
        m.rBytes = [ByteBuffer(), [0x00], [0xFF, 0x00]]
        m.rEnum = [.unspecified, .red, .negative, .blue]
        m.rNested = [Nested(), Nested(a: 1, b: "x")]
        m.rUnpackedInt32 = [0, -1, .max]
        m.rUnpackedEnum = [.blue, .negative, .unspecified]
    }

    private static func maps(_ m: inout AllTypes) {
        m.mInt32String = [.min: "min", -1: "", 0: "zero", .max: "🌍"]
        m.mInt64Int64 = [.min: .max, -1: -1, 0: 0]
        m.mUint32Uint32 = [0: 0, .max: .max, 1: 2]
        m.mUint64Bytes = [0: ByteBuffer(), .max: [0x00, 0xFF]]
        m.mSint32Sint32 = [.min: .max, -1: 1, 0: 0]
        m.mSint64Sint64 = [.min: .max, -1: 1]
        m.mFixed32Fixed32 = [0: .max, .max: 0]
        m.mFixed64Fixed64 = [0: .max, .max: 0]
        m.mSfixed32Sfixed32 = [.min: -1, .max: 1]
        m.mSfixed64Sfixed64 = [.min: -1, .max: 1]
        m.mBoolBool = [false: true, true: false]
        m.mStringString = ["": "", "a": "b", "ключ": "значение", "🌍": "🌍"]
        m.mStringNested = ["empty": Nested(), "n": Nested(a: 1, b: "x")]
        m.mStringEnum = ["red": .red, "neg": .negative, "zero": .unspecified]
        m.mInt32Float = [1: -0.0, 2: .infinity, 3: 1.5, 4: .leastNonzeroMagnitude]
        m.mInt32Double = [1: -0.0, 2: -.infinity, 3: .greatestFiniteMagnitude, 4: 0.1]
    }

    private static func mapsSingleEntry(_ m: inout AllTypes) {
        m.mInt32String = [0: ""]
        m.mInt64Int64 = [.min: -1]
        m.mUint32Uint32 = [.max: 0]
        m.mUint64Bytes = [.max: [0x00, 0xFF]]
        m.mSint32Sint32 = [.min: .max]
        m.mSint64Sint64 = [-1: .min]
        m.mFixed32Fixed32 = [.max: 1]
        m.mFixed64Fixed64 = [1: .max]
        m.mSfixed32Sfixed32 = [-1: .min]
        m.mSfixed64Sfixed64 = [.max: -1]
        m.mBoolBool = [true: false]
        m.mStringString = ["ключ": "значение"]
        m.mStringNested = ["": Nested()]
        m.mStringEnum = ["neg": .negative]
        m.mInt32Float = [-1: -0.0]
        m.mInt32Double = [.max: .leastNonzeroMagnitude]
    }

    private static func recursion() -> AllTypes {
        let deepest = AllTypes(choice: .cNested(Nested(b: "deepest")))
        let deep = AllTypes(fString: "deep", rNested: [Nested(recursive: deepest)])
        let middle = AllTypes(fInt32: 2, fNested: Nested(a: 3, recursive: deep))
        var m = AllTypes(fNested: Nested(a: 1, recursive: middle))
        m.oNested = Nested(recursive: AllTypes())
        m.mStringNested = ["r": Nested(recursive: AllTypes(fInt32: 9))]
        return m
    }

    private static func keywords(_ m: inout AllTypes) {
        m.default = -1
        m.class = "class"
        m.self_p = true
        m.type = 7
        m.description_p = "desc"
        m.hashValue_p = .min
        m.unknownFields_p = "uf"
        m.orderID = .max
        m.httpURL = "https://example.com/ü"
        m.fLast = "field 536870911"
    }

    private static func openEnumUnknown(_ m: inout AllTypes) {
        m.fEnum = .unrecognized(7)
        m.fMood = .unrecognized(5)
        m.oEnum = .unrecognized(99)
        m.choice = .cEnum(.unrecognized(12345))
        m.rEnum = [.red, .unrecognized(42), .unrecognized(-5), .unspecified]
        m.rUnpackedEnum = [.unrecognized(1000), .green]
        m.mStringEnum = ["x": .unrecognized(77), "y": .unrecognized(-2)]
    }
}
