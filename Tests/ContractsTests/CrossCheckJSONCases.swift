import ProtoRuntime
import Testing

// The message cases of CrossCheckJSONTests (each side writes, the other reads) and the messages
// both refuse to write; the JSON texts both read or reject are in CrossCheckJSONReadCases.swift and
// CrossCheckJSONRejectCases.swift.

private typealias AllTypes = Room619_Testing_V1_AllTypes
private typealias Nested = Room619_Testing_V1_AllTypes.Nested
private typealias WellKnown = Room619_Testing_V1_WellKnownFields
private typealias JsonNames = Room619_Testing_V1_JsonNames
private typealias Value = Google_Protobuf_Value
/// A message each side writes as JSON (under every ``JSONPrintOptions``) and the other reads.
struct JSONMessageCase: Sendable, CustomTestStringConvertible {
    let name: String
    let message: any Message
    /// What reading the JSON gives when it is not `message`: a `Value` with no kind is written
    /// as `null`, which reads as a `null` value.
    var readsBackAs: (any Message)?

    var testDescription: String { name }

    func requestID(_ options: JSONPrintOptions) -> String { "message \(name) (\(options.name))" }

    func request(_ options: JSONPrintOptions) throws -> JSONCrossCheck.Request {
        JSONCrossCheck.Request(
            id: requestID(options), op: "message", type: type(of: message).protoMessageName,
            options: options.python, binary: try JSONCrossCheck.hex(message),
            swiftJSON: try? message.jsonString(options: options.encoding),
            readsBackAs: try readsBackAs.map { try JSONCrossCheck.hex($0) })
    }

    static func all() throws -> [JSONMessageCase] {
        let proto2Names: Set = ["p2_required_only", "p2_defaults_set", "p2_values", "p2_extensions"]
        return AllTypesCase.all.map { JSONMessageCase(name: "AllTypes \($0.name)", message: $0.message) }
            + Proto2Case.all.filter { proto2Names.contains($0.name) }.map {
                JSONMessageCase(name: "Proto2Types \($0.name)", message: $0.message)
            }
            + scalarCases + wellKnownCases + (try anyCases()) + jsonNameCases
    }

    // MARK: Scalars, enums, strings, bytes (AllTypes)

    private static let scalarCases: [JSONMessageCase] = [
        JSONMessageCase(name: "AllTypes defaults", message: AllTypes()),
        JSONMessageCase(name: "AllTypes NaN", message: nan()),
        JSONMessageCase(name: "AllTypes float text", message: floatText()),
        JSONMessageCase(name: "AllTypes strings to escape", message: strings()),
        JSONMessageCase(name: "AllTypes bytes with + and /", message: bytes()),
        JSONMessageCase(name: "AllTypes enums", message: enums()),
    ]

    private static func nan() -> AllTypes {
        var m = AllTypes(fFloat: .nan, fDouble: .nan, rFloat: [.nan, -.infinity], rDouble: [.nan, 0])
        m.oFloat = .nan
        m.oDouble = .nan
        m.mInt32Double = [1: .nan]
        m.mInt32Float = [-1: .nan]
        m.choice = .cDouble(.nan)
        return m
    }

    private static func floatText() -> AllTypes {
        var m = AllTypes(fFloat: 0.1, fDouble: 0.1)
        m.rFloat = [1e-7, 16_777_216, .leastNormalMagnitude, 100, 3.3333333, -1e10, 123_456.79]
        m.rDouble = [
            1e21, 1e-7, 123_456_789_012_345_680, 1e22, 9_007_199_254_740_992, 0.30000000000000004, 100, 1e-300,
            -2.5e-5, 12_345.678_9,
        ]
        m.mInt32Float = [0: 0.2]
        m.mInt32Double = [0: 1 / 3]
        return m
    }

    private static func strings() -> AllTypes {
        var m = AllTypes(fString: "\u{0}\u{1}\u{1F}\t\n\r\u{8}\u{C}\"\\/ \u{7F} \u{2028}\u{2029} é 日本 🌍")
        m.rString = ["</script>", "\u{FEFF}", "\u{10FFFF}", "a\u{0}"]
        m.mStringString = ["\"quoted\"": "\\", "\n": "\t", "🌍": ""]
        m.oString = "\u{1F}"
        return m
    }

    private static func bytes() -> AllTypes {
        var m = AllTypes(fBytes: [0xFB, 0xFF])
        m.rBytes = [[0xFB], [0xFB, 0xFF], [0xFB, 0xFF, 0xBF], [], ByteBuffer(bytes: UInt8.min...UInt8.max)]
        m.oBytes = [0x3E, 0x3F]
        m.mUint64Bytes = [1: [0xFF, 0xFE, 0xFD], 2: [0xF8]]
        m.choice = .cBytes([0x00])
        return m
    }

    private static func enums() -> AllTypes {
        var m = AllTypes(fEnum: .blue, fMood: .happy)
        m.oEnum = .unspecified
        m.rEnum = [.negative, .crimson, .green, .unrecognized(3_000)]
        m.mStringEnum = ["a": .blue, "b": .unrecognized(-7)]
        m.choice = .cEnum(.negative)
        return m
    }

    // MARK: Well-known types (WellKnownFields)

    private static let wellKnownCases: [JSONMessageCase] = [
        JSONMessageCase(name: "Timestamp", message: timestamps()),
        JSONMessageCase(name: "Duration", message: durations()),
        JSONMessageCase(
            name: "Duration in a oneof", message: WellKnown(choice: .cDuration(duration(-2, -250_000_000)))),
        JSONMessageCase(
            name: "FieldMask",
            message: WellKnown(fFieldMask: Google_Protobuf_FieldMask(paths: ["foo_bar", "baz.qux_quux", "a", "a1_b"]))),
        JSONMessageCase(name: "FieldMask empty", message: WellKnown(fFieldMask: Google_Protobuf_FieldMask())),
        JSONMessageCase(name: "Struct", message: WellKnown(fStruct: structure())),
        JSONMessageCase(
            name: "Struct empty",
            message: WellKnown(
                fStruct: Google_Protobuf_Struct(),
                rStruct: [Google_Protobuf_Struct(), .init(fields: ["a": .number(1)])])),
        JSONMessageCase(name: "Value of every kind", message: values()),
        JSONMessageCase(name: "Value null", message: WellKnown(fValue: .null)),
        JSONMessageCase(
            name: "Value unset", message: WellKnown(fValue: Value()), readsBackAs: WellKnown(fValue: .null)),
        JSONMessageCase(name: "Value in a oneof, null", message: WellKnown(choice: .cValue(.null))),
        JSONMessageCase(
            name: "ListValue",
            message: WellKnown(
                fListValue: Google_Protobuf_ListValue(values: [
                    .number(1), .list([.number(2), .list([])]), .object([:]),
                ]))),
        JSONMessageCase(name: "ListValue empty", message: WellKnown(fListValue: Google_Protobuf_ListValue())),
        JSONMessageCase(
            name: "NullValue",
            message: WellKnown(fNullValue: .nullValue, oNullValue: .nullValue, choice: .cNullValue(.nullValue))),
        JSONMessageCase(name: "wrappers", message: wrappers()),
        JSONMessageCase(name: "wrappers at their defaults", message: wrapperDefaults()),
        JSONMessageCase(name: "wrappers at extremes", message: wrapperExtremes()),
        JSONMessageCase(name: "Empty", message: WellKnown(fEmpty: Google_Protobuf_Empty())),
        JSONMessageCase(name: "well-known types in maps", message: wellKnownMaps()),
    ]

    private static func timestamps() -> WellKnown {
        var m = WellKnown(fTimestamp: Google_Protobuf_Timestamp())
        m.rTimestamp = [
            timestamp(Google_Protobuf_Timestamp.minJSONSeconds),
            timestamp(Google_Protobuf_Timestamp.maxJSONSeconds, 999_999_999),
            timestamp(0, 1_000_000), timestamp(0, 1_000), timestamp(0, 1), timestamp(0, 10_000_000),
            timestamp(0, 123_000_000),
            timestamp(0, 123_456_000), timestamp(0, 123_456_789), timestamp(-1, 500_000_000), timestamp(951_825_600),
            timestamp(-2_203_891_200), timestamp(1_700_000_000, 999_000_000), timestamp(4_107_542_400, 100),
        ]
        m.mTimestamp = [0: timestamp(0), -1: timestamp(1, 1)]
        return m
    }

    private static func durations() -> WellKnown {
        var m = WellKnown(fDuration: Google_Protobuf_Duration())
        m.rDuration = [
            duration(1, 500_000_000), duration(-1, -500_000_000), duration(0, -500_000_000), duration(0, 1),
            duration(0, -1),
            duration(0, 1_000), duration(0, 1_000_000), duration(Google_Protobuf_Duration.maxSeconds, 999_999_999),
            duration(-Google_Protobuf_Duration.maxSeconds, -999_999_999), duration(59), duration(-59),
            duration(1, 10_000_000),
        ]
        return m
    }

    private static func structure() -> Google_Protobuf_Struct {
        Google_Protobuf_Struct(fields: [
            "null": .null, "number": .number(1.5), "integer": .number(42), "negative": .number(-0.25),
            "string": .string("s"), "true": .bool(true), "false": .bool(false), "": .string("empty key"),
            "list": .list([.number(1), .string("a"), .null, .object(["k": .list([])]), .list([])]),
            "object": .object(["deep": .object(["deeper": .list([.list([])]), "empty": .object([:])])]),
        ])
    }

    private static func values() -> WellKnown {
        var m = WellKnown(fValue: .number(3))
        m.rValue = [
            .null, .number(0), .number(-0.0), .number(1.5), .number(1e300), .number(-.leastNonzeroMagnitude),
            .string(""),
            .string("text"), .bool(true), .bool(false), .object([:]), .list([]), .list([.null, .list([.number(1)])]),
        ]
        return m
    }

    private static func wrappers() -> WellKnown {
        var m = WellKnown()
        m.fDoubleValue = Google_Protobuf_DoubleValue(1.5)
        m.fFloatValue = Google_Protobuf_FloatValue(-2.25)
        m.fInt64Value = Google_Protobuf_Int64Value(-9_007_199_254_740_993)
        m.fUint64Value = Google_Protobuf_UInt64Value(.max)
        m.fInt32Value = Google_Protobuf_Int32Value(-5)
        m.fUint32Value = Google_Protobuf_UInt32Value(.max)
        m.fBoolValue = Google_Protobuf_BoolValue(true)
        m.fStringValue = Google_Protobuf_StringValue("é")
        m.fBytesValue = Google_Protobuf_BytesValue([0xFB, 0xFF])
        m.rInt64Value = [
            Google_Protobuf_Int64Value(0), Google_Protobuf_Int64Value(.min), Google_Protobuf_Int64Value(.max),
        ]
        return m
    }

    /// Wrappers have presence: set to their defaults, they are still written.
    private static func wrapperDefaults() -> WellKnown {
        var m = WellKnown()
        m.fDoubleValue = Google_Protobuf_DoubleValue()
        m.fFloatValue = Google_Protobuf_FloatValue()
        m.fInt64Value = Google_Protobuf_Int64Value()
        m.fUint64Value = Google_Protobuf_UInt64Value()
        m.fInt32Value = Google_Protobuf_Int32Value()
        m.fUint32Value = Google_Protobuf_UInt32Value()
        m.fBoolValue = Google_Protobuf_BoolValue()
        m.fStringValue = Google_Protobuf_StringValue()
        m.fBytesValue = Google_Protobuf_BytesValue()
        return m
    }

    private static func wrapperExtremes() -> WellKnown {
        var m = WellKnown()
        m.fDoubleValue = Google_Protobuf_DoubleValue(.nan)
        m.fFloatValue = Google_Protobuf_FloatValue(-.infinity)
        m.fInt64Value = Google_Protobuf_Int64Value(.min)
        m.fUint64Value = Google_Protobuf_UInt64Value(0)
        m.fInt32Value = Google_Protobuf_Int32Value(.min)
        m.fUint32Value = Google_Protobuf_UInt32Value(1)
        m.fBoolValue = Google_Protobuf_BoolValue(false)
        m.fStringValue = Google_Protobuf_StringValue("🌍\u{0}")
        m.fBytesValue = Google_Protobuf_BytesValue(ByteBuffer(bytes: UInt8.min...UInt8.max))
        return m
    }

    private static func wellKnownMaps() -> WellKnown {
        var m = WellKnown()
        m.mValue = ["null": .null, "n": .number(1), "s": .object(["a": .bool(true)]), "l": .list([])]
        m.mTimestamp = [
            0: timestamp(0), -1: timestamp(Google_Protobuf_Timestamp.maxJSONSeconds), .max: timestamp(1, 1_000),
        ]
        m.mStringValue = ["": Google_Protobuf_StringValue(), "k": Google_Protobuf_StringValue("v")]
        return m
    }

    // MARK: Any

    /// An `Any`'s bytes depend on the writer's map order, so the messages packed here have maps
    /// of at most one entry: then reading Python's JSON packs the same bytes again.
    private static func anyCases() throws -> [JSONMessageCase] {
        var packedScalars = AllTypes(fInt64: .min, fUint64: .max, fDouble: -0.0, fBytes: [0xFB], fEnum: .blue)
        packedScalars.fNested = Nested(a: 1, b: "x")
        packedScalars.fTimestamp = timestamp(1, 500_000_000)
        packedScalars.rString = ["a", "b"]
        packedScalars.oBool = false
        packedScalars.mStringString = ["k": "v"]
        packedScalars.choice = .cString("")
        let names = JsonNames(renamed: 1, customSnake: "s", renamedChild: JsonNames(upperCase: 2))
        let nested = try Google_Protobuf_Any(packing: Nested(a: 1, b: "x"))
        return [
            JSONMessageCase(name: "Any holding a message", message: WellKnown(fAny: nested)),
            JSONMessageCase(
                name: "Any holding every scalar kind", message: WellKnown(fAny: try .init(packing: packedScalars))),
            JSONMessageCase(name: "Any holding custom JSON names", message: WellKnown(fAny: try .init(packing: names))),
            JSONMessageCase(name: "Any holding well-known types", message: WellKnown(rAny: try packedWellKnownTypes())),
            JSONMessageCase(name: "Any holding an Any", message: WellKnown(fAny: try .init(packing: nested))),
            JSONMessageCase(
                name: "Any holding a message with defaults", message: WellKnown(fAny: try .init(packing: AllTypes()))),
            JSONMessageCase(
                name: "Any with another URL prefix",
                message: WellKnown(
                    fAny: Google_Protobuf_Any(
                        typeURL: "example.com/x/room619.testing.v1.AllTypes.Nested", value: nested.value))),
            JSONMessageCase(name: "Any empty", message: WellKnown(fAny: Google_Protobuf_Any())),
        ]
    }

    private static func packedWellKnownTypes() throws -> [Google_Protobuf_Any] {
        [
            try .init(packing: timestamp(-1, 1_000)),
            try .init(packing: duration(-3, -3_000_000)),
            try .init(packing: Google_Protobuf_FieldMask(paths: ["a_b", "c"])),
            try .init(packing: Google_Protobuf_Struct(fields: ["k": .list([.object(["deep": .null])])])),
            try .init(packing: Value.number(2.5)),
            try .init(packing: Value.null),
            try .init(packing: Value.object(["s": .string("x")])),
            try .init(packing: Google_Protobuf_ListValue(values: [.bool(true), .null])),
            try .init(packing: Google_Protobuf_Empty()),
            try .init(packing: Google_Protobuf_DoubleValue(-0.0)),
            try .init(packing: Google_Protobuf_FloatValue(.infinity)),
            try .init(packing: Google_Protobuf_Int64Value(.min)),
            try .init(packing: Google_Protobuf_UInt64Value(.max)),
            try .init(packing: Google_Protobuf_Int32Value(0)),
            try .init(packing: Google_Protobuf_UInt32Value(7)),
            try .init(packing: Google_Protobuf_BoolValue(false)),
            try .init(packing: Google_Protobuf_StringValue("s")),
            try .init(packing: Google_Protobuf_BytesValue([0xFF])),
            Google_Protobuf_Any(),
        ]
    }

    // MARK: JSON names (JsonNames)

    private static let jsonNameCases: [JSONMessageCase] = [
        JSONMessageCase(name: "JsonNames defaults", message: JsonNames()),
        JSONMessageCase(
            name: "JsonNames custom and unusual names",
            message: JsonNames(
                snakeCaseName: 1, renamed: 2, customSnake: "c", nameWith2Digits: 3, upperCase: 4, capitalStart: 5,
                trailingUnderscore: 6, renamedList: ["x", "y"], renamedMap: ["k": 7, "l": 8],
                renamedChild: JsonNames(renamed: 9, renamedChild: JsonNames(customSnake: "deep")))),
    ]
}

/// A message JSON cannot express, which both sides must refuse to write.
struct JSONUnwritableCase: Sendable, CustomTestStringConvertible {
    let name: String
    let message: any Message

    var testDescription: String { name }
    var requestID: String { "unwritable \(name)" }

    func request() throws -> JSONCrossCheck.Request {
        JSONCrossCheck.Request(
            id: requestID, op: "unwritable", type: type(of: message).protoMessageName,
            binary: try JSONCrossCheck.hex(message))
    }

    static func all() throws -> [JSONUnwritableCase] {
        let nestedURL = "type.googleapis.com/room619.testing.v1.AllTypes.Nested"
        return [
            JSONUnwritableCase(
                name: "Timestamp after 9999",
                message: WellKnown(fTimestamp: timestamp(Google_Protobuf_Timestamp.maxJSONSeconds + 1))),
            JSONUnwritableCase(
                name: "Timestamp before 0001",
                message: WellKnown(rTimestamp: [timestamp(Google_Protobuf_Timestamp.minJSONSeconds - 1)])),
            JSONUnwritableCase(name: "Timestamp with negative nanos", message: WellKnown(fTimestamp: timestamp(0, -1))),
            JSONUnwritableCase(
                name: "Timestamp with a whole second of nanos",
                message: WellKnown(fTimestamp: timestamp(0, 1_000_000_000))),
            JSONUnwritableCase(
                name: "Duration too long",
                message: WellKnown(fDuration: duration(Google_Protobuf_Duration.maxSeconds + 1))),
            JSONUnwritableCase(name: "Duration with mixed signs", message: WellKnown(fDuration: duration(1, -1))),
            JSONUnwritableCase(
                name: "Duration with a whole second of nanos",
                message: WellKnown(rDuration: [duration(0, 1_000_000_000)])),
            JSONUnwritableCase(name: "Value NaN", message: WellKnown(fValue: .number(.nan))),
            JSONUnwritableCase(
                name: "Value infinity, nested",
                message: WellKnown(fStruct: .init(fields: ["a": .list([.number(.infinity)])]))),
            JSONUnwritableCase(
                name: "FieldMask path in camel case", message: WellKnown(fFieldMask: .init(paths: ["fooBar"]))),
            JSONUnwritableCase(
                name: "FieldMask path with a double underscore",
                message: WellKnown(fFieldMask: .init(paths: ["foo__bar"]))),
            JSONUnwritableCase(
                name: "FieldMask path ending in an underscore", message: WellKnown(fFieldMask: .init(paths: ["foo_"]))),
            JSONUnwritableCase(
                name: "FieldMask path with a digit after an underscore",
                message: WellKnown(fFieldMask: .init(paths: ["foo_1"]))),
            JSONUnwritableCase(
                name: "Any of an unknown type",
                message: WellKnown(fAny: .init(typeURL: "type.googleapis.com/no.such.Type", value: [0x08, 0x01]))),
            JSONUnwritableCase(
                name: "Any with bytes that do not parse",
                message: WellKnown(rAny: [.init(typeURL: nestedURL, value: [0xFF])])),
            JSONUnwritableCase(
                name: "Any holding a Timestamp out of range",
                message: WellKnown(fAny: try .init(packing: timestamp(Google_Protobuf_Timestamp.maxJSONSeconds + 1)))),
        ]
    }
}

// MARK: Building well-known values (shared by the JSON case files)

/// The time `seconds` and `nanos` after 1970-01-01T00:00:00Z.
func timestamp(_ seconds: Int64, _ nanos: Int32 = 0) -> Google_Protobuf_Timestamp {
    Google_Protobuf_Timestamp(seconds: seconds, nanos: nanos)
}

/// A duration of `seconds` and `nanos` (both negative, or zero, for a negative one).
func duration(_ seconds: Int64, _ nanos: Int32 = 0) -> Google_Protobuf_Duration {
    Google_Protobuf_Duration(seconds: seconds, nanos: nanos)
}

/// Shorthands for `Value`s of each kind: `.null`, `.number(1)`, `.list([.null])`, `.object(["k": .bool(true)])`.
extension Google_Protobuf_Value {
    static let null = Google_Protobuf_Value(kind: .nullValue(.nullValue))

    static func number(_ value: Double) -> Google_Protobuf_Value {
        Google_Protobuf_Value(kind: .numberValue(value))
    }
    static func string(_ value: String) -> Google_Protobuf_Value {
        Google_Protobuf_Value(kind: .stringValue(value))
    }
    static func bool(_ value: Bool) -> Google_Protobuf_Value {
        Google_Protobuf_Value(kind: .boolValue(value))
    }

    static func list(_ values: [Google_Protobuf_Value]) -> Google_Protobuf_Value {
        Google_Protobuf_Value(kind: .listValue(Google_Protobuf_ListValue(values: values)))
    }

    static func object(_ fields: [String: Google_Protobuf_Value]) -> Google_Protobuf_Value {
        Google_Protobuf_Value(kind: .structValue(Google_Protobuf_Struct(fields: fields)))
    }
}
