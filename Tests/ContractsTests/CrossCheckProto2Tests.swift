import ProtoRuntime
import Testing

private typealias Proto2Types = Room619_Testing_V1_Proto2Types
private typealias Extensions = Room619_Testing_V1_Proto2Types_Extensions

/// proto2 (`proto2_types.proto`) against Google's protobuf: required fields, defaults, groups,
/// closed enums and extensions.
@Suite("Cross-check: proto2 against Google's protobuf (Python)", .timeLimit(.minutes(2)))
struct CrossCheckProto2Tests {
    private static var withRegistry: BinaryDecodingOptions {
        .defaults { $0.extensions = Extensions.registry }
    }

    @Test("Python decodes what Swift encodes", arguments: Proto2Case.all)
    func pythonDecodesSwift(_ testCase: Proto2Case) async throws {
        let python = try await CrossCheckPeers.shared.python()
        try await python.expectDecodes(
            try testCase.message.serializedBytes(options: CrossCheck.deterministic), as: testCase.name)
    }

    @Test("Swift decodes what Python encodes", arguments: Proto2Case.all)
    func swiftDecodesPython(_ testCase: Proto2Case) async throws {
        let python = try await CrossCheckPeers.shared.python()
        let bytes = try await python.encoding(of: testCase.name)
        let decoded = try Proto2Types(serializedBytes: bytes, options: Self.withRegistry)
        #expect(decoded == testCase.message)

        let reencoded = try decoded.serializedBytes(options: CrossCheck.deterministic)
        if testCase.isPythonEncodingCanonical {
            #expect(CrossCheck.hex(reencoded) == CrossCheck.hex(bytes))
            let encoded = try testCase.message.serializedBytes(options: CrossCheck.deterministic)
            #expect(CrossCheck.hex(encoded) == CrossCheck.hex(bytes))
        } else {
            try await python.expectDecodes(reencoded, as: testCase.name)
        }
    }

    @Test("unset fields read their declared defaults; set ones keep presence")
    func defaultsAndPresence() async throws {
        let python = try await CrossCheckPeers.shared.python()
        let unset = try Proto2Types(serializedBytes: try await python.encoding(of: "p2_required_only"))
        #expect(unset.id == 0)
        #expect(unset.name == nil && unset.nameOrDefault == "unnamed")
        #expect(unset.i32 == nil && unset.i32OrDefault == -42)
        #expect(unset.i64OrDefault == -9_000_000_000)
        #expect(unset.u32OrDefault == 4_000_000_000)
        #expect(unset.u64OrDefault == 18_000_000_000_000_000_000)
        #expect(unset.s32OrDefault == -7 && unset.s64OrDefault == -77)
        #expect(unset.fx32OrDefault == 9 && unset.fx64OrDefault == 99)
        #expect(unset.sfx32OrDefault == -9 && unset.sfx64OrDefault == -99)
        #expect(unset.fOrDefault == 1.5 && unset.dOrDefault == -2.25e10)
        #expect(unset.b == nil && unset.bOrDefault == true)
        #expect(unset.raw == nil && unset.rawOrDefault == [0x61, 0x01, 0xFF, 0x22, 0x7A])
        #expect(unset.size == nil && unset.sizeOrDefault == .medium)
        #expect(unset.infOrDefault == .infinity && unset.nanOrDefault.isNaN)
        #expect(unset.point == nil && unset.entry.isEmpty && unset.child == nil)

        let set = try Proto2Types(serializedBytes: try await python.encoding(of: "p2_defaults_set"))
        #expect(set.name == "unnamed" && set.i32 == -42 && set.u64 == 18_000_000_000_000_000_000)
        #expect(set.b == true && set.raw == [0x61, 0x01, 0xFF, 0x22, 0x7A] && set.size == .medium)
        #expect(set.inf == .infinity)
    }

    @Test("NaN survives both ways, bit for bit")
    func notANumber() async throws {
        let python = try await CrossCheckPeers.shared.python()
        var message = Proto2Types(id: 1, f: .nan, d: .nan, nan: .nan)
        try await python.expectDecodes(try message.serializedBytes(), as: "p2_nan")

        let bytes = try await python.encoding(of: "p2_nan")
        var decoded = try Proto2Types(serializedBytes: bytes)
        #expect(decoded.f?.isNaN == true && decoded.d?.isNaN == true && decoded.nan?.isNaN == true)
        #expect(CrossCheck.hex(try decoded.serializedBytes()) == CrossCheck.hex(bytes))
        #expect(CrossCheck.hex(try message.serializedBytes()) == CrossCheck.hex(bytes))
        // NaN != NaN, so compare the rest without them.
        (decoded.f, decoded.d, decoded.nan) = (nil, nil, nil)
        (message.f, message.d, message.nan) = (nil, nil, nil)
        #expect(decoded == message)
    }

    @Test("closed enums send undeclared numbers to the unknown fields and write them back")
    func closedEnumUnknownValues() async throws {
        let python = try await CrossCheckPeers.shared.python()
        let decoded = try Proto2Types(serializedBytes: try await python.encoding(of: "p2_closed_enum_unknown"))
        #expect(decoded.size == nil)
        #expect(decoded.sizes == [.medium])
        #expect(decoded.packedSizes == [.large, .small])
        // 17: 9, 23: 42, 24: 77 as varint fields, in the order read.
        #expect(CrossCheck.hex(decoded.unknownFields.bytes.readableBytesArray) == "88 01 09 b8 01 2a c0 01 4d")
        try await python.expectDecodes(try decoded.serializedBytes(), as: "p2_closed_enum_unknown")
    }

    @Test("extensions decode with the registry and survive as unknown fields without it")
    func extensions() async throws {
        let python = try await CrossCheckPeers.shared.python()
        let bytes = try await python.encoding(of: "p2_extensions")

        let typed = try Proto2Types(serializedBytes: bytes, options: Self.withRegistry)
        #expect(typed[extension: Extensions.extInt32] == -1)
        #expect(typed[extension: Extensions.extString] == "ü")
        #expect(typed[extension: Extensions.extRepeated] == [.min, 0, .max])
        #expect(typed[extension: Extensions.extPacked] == [-1, 0, 1, .min])
        #expect(typed[extension: Extensions.extSize] == .large)
        #expect(typed[extension: Extensions.extInner] == Proto2Types.Inner(label: "in"))
        #expect(typed[extension: Extensions.extGroup] == Room619_Testing_V1_ExtGroup(g: 5))
        #expect(typed[extension: Extensions.extBytes] == [0x00, 0xFF])
        #expect(typed[extension: Extensions.holderNestedExt] == Room619_Testing_V1_Holder(note: "held"))
        #expect(typed.unknownFields.isEmpty)
        #expect(typed.extensions.fieldNumbers == [100, 101, 102, 103, 104, 105, 106, 110, 1000])

        let untyped = try Proto2Types(serializedBytes: bytes)
        #expect(untyped.extensions.isEmpty)
        #expect(untyped.id == 1)
        let untypedBytes = try untyped.serializedBytes()
        #expect(CrossCheck.hex(untypedBytes) == CrossCheck.hex(bytes), "unknown extensions are written back verbatim")
        try await python.expectDecodes(untypedBytes, try typed.serializedBytes(), as: "p2_extensions")
        #expect(try Proto2Types(serializedBytes: untypedBytes, options: Self.withRegistry) == typed)
    }

    @Test("an undeclared number in a closed-enum extension stays an unknown field")
    func closedEnumExtensionUnknownValue() async throws {
        let python = try await CrossCheckPeers.shared.python()
        var expected = Proto2Types(id: 1)
        expected.unknownFields.appendVarint(fieldNumber: 104, value: 50)
        try await python.expectDecodes(try expected.serializedBytes(), as: "p2_ext_enum_unknown")

        let bytes = try await python.encoding(of: "p2_ext_enum_unknown")
        let untyped = try Proto2Types(serializedBytes: bytes)
        #expect(untyped == expected)
        let typed = try Proto2Types(serializedBytes: bytes, options: Self.withRegistry)
        // With the registry, ext_size = 50 (no Size has that number) must stay an unknown field,
        // as in Google's runtimes, not become the enum's default.
        #expect(typed[extension: Extensions.extSize] == nil)
        #expect(typed == expected)
        try await python.expectDecodes(try typed.serializedBytes(), as: "p2_ext_enum_unknown")
    }

    @Test("missing required fields fail decoding and encoding unless partial")
    func requiredFields() async throws {
        let python = try await CrossCheckPeers.shared.python()
        let bytes = try await python.encoding(of: "p2_missing_required")
        let error = #expect(throws: ProtoDecodingError.self) { try Proto2Types(serializedBytes: bytes) }
        #expect(error?.code == .missingRequiredFields)

        let partial = try Proto2Types(serializedBytes: bytes, options: .defaults { $0.allowPartial = true })
        let expected = Proto2Types(id: 1, point: Proto2Types.Point(y: 1), child: Proto2Types(name: "no id"))
        #expect(partial == expected)
        #expect(!partial.isInitialized)
        #expect(throws: ProtoEncodingError.self) { try partial.serializedBytes() }
        #expect(CrossCheck.hex(try partial.serializedBytes(partial: true)) == CrossCheck.hex(bytes))
    }
}

/// One named proto2 message, built the same way in `crosscheck.py`.
struct Proto2Case: Sendable, CustomTestStringConvertible {
    let name: String
    let message: Room619_Testing_V1_Proto2Types
    /// Whether Python's bytes are its deterministic encoding in field-number order, so Swift's
    /// must match them byte for byte. (Python writes extensions in its own order, not by number.)
    var isPythonEncodingCanonical = true

    var testDescription: String { name }

    static let all: [Proto2Case] = [
        Proto2Case(name: "p2_required_only", message: Proto2Types(id: 0)),
        Proto2Case(name: "p2_defaults_set", message: defaultsSet()),
        Proto2Case(name: "p2_values", message: values()),
        Proto2Case(name: "p2_closed_enum_unknown", message: closedEnumUnknown(), isPythonEncodingCanonical: false),
        Proto2Case(name: "p2_extensions", message: extensions(), isPythonEncodingCanonical: false),
    ]

    private static func defaultsSet() -> Proto2Types {
        var m = Proto2Types(id: 1, name: "unnamed", i32: -42, i64: -9_000_000_000, u32: 4_000_000_000)
        m.u64 = 18_000_000_000_000_000_000
        m.s32 = -7
        m.s64 = -77
        m.fx32 = 9
        m.fx64 = 99
        m.sfx32 = -9
        m.sfx64 = -99
        m.f = 1.5
        m.d = -2.25e10
        m.b = true
        m.raw = [0x61, 0x01, 0xFF, 0x22, 0x7A]
        m.size = .medium
        m.inf = .infinity
        return m
    }

    private static func values() -> Proto2Types {
        var m = Proto2Types(id: .min, name: "", i32: .max, i64: .min, u32: 0, u64: .max)
        m.s32 = .min
        m.s64 = .max
        m.fx32 = .max
        m.fx64 = 0
        m.sfx32 = .min
        m.sfx64 = .max
        m.f = -0.0
        m.d = -.infinity
        m.b = false
        m.raw = ByteBuffer()
        m.size = .small
        m.inf = .leastNonzeroMagnitude
        m.nan = 1
        m.unpacked = [-1, 0, .max]
        m.packed = [.min, -1, 0, 1]
        m.sizes = [.large, .small]
        m.packedSizes = [.medium, .large]
        m.point = Proto2Types.Point(x: 0, y: -1)
        m.entry = [Proto2Types.Entry(key: "a", value: .min), Proto2Types.Entry(), Proto2Types.Entry(key: "日本")]
        m.child = Proto2Types(id: 2, child: Proto2Types(id: 3, name: "grandchild"))
        m.inner = Proto2Types.Inner(label: "")
        m.inners = ["": Proto2Types.Inner(label: "🌍")]  // one entry: upb orders map keys its own way
        return m
    }

    private static func closedEnumUnknown() -> Proto2Types {
        var m = Proto2Types(id: 1, sizes: [.medium], packedSizes: [.large, .small])
        m.unknownFields.appendVarint(fieldNumber: 17, value: 9)
        m.unknownFields.appendVarint(fieldNumber: 23, value: 42)
        m.unknownFields.appendVarint(fieldNumber: 24, value: 77)
        return m
    }

    private static func extensions() -> Proto2Types {
        var m = Proto2Types(id: 1)
        m[extension: Extensions.extInt32] = -1
        m[extension: Extensions.extString] = "ü"
        m[extension: Extensions.extRepeated] = [.min, 0, .max]
        m[extension: Extensions.extPacked] = [-1, 0, 1, .min]
        m[extension: Extensions.extSize] = .large
        m[extension: Extensions.extInner] = Proto2Types.Inner(label: "in")
        m[extension: Extensions.extGroup] = Room619_Testing_V1_ExtGroup(g: 5)
        m[extension: Extensions.extBytes] = [0x00, 0xFF]
        m[extension: Extensions.holderNestedExt] = Room619_Testing_V1_Holder(note: "held")
        return m
    }

}
