import ProtoRuntime
import Testing

private typealias AllTypes = Room619_Testing_V1_AllTypes
private typealias Nested = Room619_Testing_V1_AllTypes.Nested
private typealias WellKnown = Room619_Testing_V1_WellKnownFields
private typealias JsonNames = Room619_Testing_V1_JsonNames

/// A JSON text both sides must read to `expected`: input forms nobody writes (offsets, URL-safe
/// base64, numbers as strings, proto field names, `null`s, unknown fields when ignored).
struct JSONReadCase: Sendable, CustomTestStringConvertible {
    let name: String
    let json: String
    let expected: any Message
    var ignoreUnknownFields = false

    var testDescription: String { name }
    var requestID: String { "read \(name)" }
    var decoding: JSONDecodingOptions { JSONCrossCheck.decoding(ignoreUnknownFields: ignoreUnknownFields) }

    func request() throws -> JSONCrossCheck.Request {
        JSONCrossCheck.Request(
            id: requestID, op: "read", type: type(of: expected).protoMessageName,
            options: JSONCrossCheck.Options(ignoreUnknownFields: ignoreUnknownFields), json: json,
            expected: try JSONCrossCheck.hex(expected))
    }

    static func all() throws -> [JSONReadCase] {
        allTypesCases + wellKnownCases + (try anyCases()) + jsonNameCases
    }

    private static let allTypesCases: [JSONReadCase] = [
        JSONReadCase(
            name: "bytes: URL-safe, unpadded, or both",
            json: #"{"fBytes": "-_8", "rBytes": ["-_8=", "+/8", "+/8=", "AA", "AAE", "AAEC", "", "AB", "_w"]}"#,
            expected: AllTypes(
                fBytes: [0xFB, 0xFF],
                rBytes: [
                    [0xFB, 0xFF], [0xFB, 0xFF], [0xFB, 0xFF], [0x00], [0x00, 0x01], [0x00, 0x01, 0x02], [], [0x00],
                    [0xFF],
                ])),
        JSONReadCase(
            name: "enums as numbers",
            json:
                #"{"fEnum": 3, "fMood": 1, "oEnum": -1, "rEnum": [1, 0, -1, 2], "mStringEnum": {"a": 2}, "cEnum": 3}"#,
            expected: enumNumbers()),
        JSONReadCase(
            name: "open enums keep numbers they do not declare",
            json: #"{"fEnum": 7, "oEnum": 99, "rEnum": [42, -5], "mStringEnum": {"x": 77}, "cEnum": 12345}"#,
            expected: unknownEnumNumbers()),
        JSONReadCase(
            name: "enum alias names", json: #"{"fEnum": "COLOR_CRIMSON", "rEnum": ["COLOR_CRIMSON", "COLOR_RED"]}"#,
            expected: AllTypes(fEnum: .red, rEnum: [.red, .red])),
        JSONReadCase(name: "proto field names", json: protoNamesJSON, expected: protoNames()),
        JSONReadCase(
            name: "numbers as strings, 64-bit integers as numbers", json: numbersAsStringsJSON,
            expected: numbersAsStrings()),
        JSONReadCase(
            name: "integers written with fractions or exponents",
            json: #"{"fInt32": 1e3, "fUint32": 5.0, "fInt64": "1e3", "fUint64": 1.0e2, "rInt32": [0.0, -2e0, "-3.0"]}"#,
            expected: AllTypes(fInt32: 1_000, fInt64: 1_000, fUint32: 5, fUint64: 100, rInt32: [0, -2, -3])),
        JSONReadCase(name: "NaN and infinities", json: nonFiniteJSON, expected: nonFinite()),
        JSONReadCase(
            name: "negative zero",
            json: #"{"fFloat": -0.0, "fDouble": "-0", "rDouble": [-0.0, "-0.0", 0], "oFloat": "-0e0"}"#,
            expected: negativeZero()),
        JSONReadCase(
            name: "float and double limits",
            json:
                #"{"fFloat": 3.4028234663852886e38, "fDouble": 1.7976931348623157e308, "rFloat": [1e-45, 0.1, 16777217, -3.4028234663852886e38], "rDouble": [5e-324, 2.2250738585072014e-308, "1e-400"]}"#,
            expected: AllTypes(
                fFloat: .greatestFiniteMagnitude, fDouble: .greatestFiniteMagnitude,
                rFloat: [.leastNonzeroMagnitude, 0.1, 16_777_216, -.greatestFiniteMagnitude],
                rDouble: [.leastNonzeroMagnitude, .leastNormalMagnitude, 0])),
        JSONReadCase(name: "null leaves every kind of field unset", json: nullsJSON, expected: AllTypes()),
        JSONReadCase(
            name: "a null oneof member before another", json: #"{"cString": null, "cUint32": 5}"#,
            expected: AllTypes(choice: .cUint32(5))),
        JSONReadCase(
            name: "a null oneof member after another", json: #"{"cUint32": 5, "cString": null}"#,
            expected: AllTypes(choice: .cUint32(5))),
        JSONReadCase(name: "whitespace and escapes", json: escapesJSON, expected: escapes()),
        JSONReadCase(name: "map keys of every type", json: mapKeysJSON, expected: mapKeys()),
        JSONReadCase(name: "a document of only whitespace around {}", json: " \n\t{ }\r\n", expected: AllTypes()),
        JSONReadCase(
            name: "unknown fields and enum names, ignored", json: ignoredUnknownsJSON, expected: ignoredUnknowns(),
            ignoreUnknownFields: true),
    ]

    private static func enumNumbers() -> AllTypes {
        var m = AllTypes(fEnum: .blue, fMood: .happy, rEnum: [.red, .unspecified, .negative, .green])
        m.oEnum = .negative
        m.mStringEnum = ["a": .green]
        m.choice = .cEnum(.blue)
        return m
    }

    private static func unknownEnumNumbers() -> AllTypes {
        var m = AllTypes(fEnum: .unrecognized(7), rEnum: [.unrecognized(42), .unrecognized(-5)])
        m.oEnum = .unrecognized(99)
        m.mStringEnum = ["x": .unrecognized(77)]
        m.choice = .cEnum(.unrecognized(12_345))
        return m
    }

    private static let protoNamesJSON = #"""
        {"f_int32": 1, "f_nested": {"a": 2, "b": "x"}, "o_bool": false, "r_nested": [{"a": 1}],
         "m_string_string": {"k": "v"}, "c_string": "z", "order_id": "5", "http_url": "u",
         "f_last": "l", "hash_value": 3, "unknown_fields": "uf", "f_timestamp": "1970-01-01T00:00:01Z",
         "fInt64": "6"}
        """#

    private static func protoNames() -> AllTypes {
        var m = AllTypes(fInt32: 1, fInt64: 6, fNested: Nested(a: 2, b: "x"), rNested: [Nested(a: 1)])
        m.oBool = false
        m.mStringString = ["k": "v"]
        m.choice = .cString("z")
        m.orderID = 5
        m.httpURL = "u"
        m.fLast = "l"
        m.hashValue_p = 3
        m.unknownFields_p = "uf"
        m.fTimestamp = timestamp(1)
        return m
    }

    private static let numbersAsStringsJSON = #"""
        {"fInt32": "-5", "fUint32": "7", "fSint32": "-2147483648", "fFixed32": "4294967295",
         "fInt64": -5, "fUint64": 18446744073709551615, "fSfixed64": -9223372036854775808,
         "fSint64": 9007199254740993, "fFixed64": "18446744073709551615", "fSfixed32": "2147483647",
         "fFloat": "1.5", "fDouble": "-2.5e3", "mInt32Float": {"1": "0.25"}, "rUint64": ["1", 2]}
        """#

    private static func numbersAsStrings() -> AllTypes {
        var m = AllTypes(
            fInt32: -5, fInt64: -5, fUint32: 7, fUint64: .max, fSint32: .min, fSint64: 9_007_199_254_740_993,
            fFixed32: .max, fFixed64: .max, fSfixed32: .max, fSfixed64: .min, fFloat: 1.5, fDouble: -2_500)
        m.mInt32Float = [1: 0.25]
        m.rUint64 = [1, 2]
        return m
    }

    private static let nonFiniteJSON = #"""
        {"fFloat": "NaN", "fDouble": "-Infinity", "oFloat": "Infinity", "oDouble": "NaN",
         "rFloat": ["-Infinity", 1], "rDouble": ["NaN", "Infinity"], "mInt32Double": {"0": "NaN"}}
        """#

    private static func nonFinite() -> AllTypes {
        var m = AllTypes(fFloat: .nan, fDouble: -.infinity, rFloat: [-.infinity, 1], rDouble: [.nan, .infinity])
        m.oFloat = .infinity
        m.oDouble = .nan
        m.mInt32Double = [0: .nan]
        return m
    }

    private static func negativeZero() -> AllTypes {
        var m = AllTypes(fFloat: -0.0, fDouble: -0.0, rDouble: [-0.0, -0.0, 0])
        m.oFloat = -0.0
        return m
    }

    private static let nullsJSON = #"""
        {"fInt32": null, "fString": null, "fBytes": null, "fEnum": null, "fNested": null, "oInt32": null,
         "oNested": null, "rInt32": null, "rNested": null, "mInt32String": null, "cString": null,
         "fTimestamp": null, "fDouble": null, "fBool": null}
        """#

    private static let escapesJSON = """
        \t{ "fString" :\n "\\u00e9\\ud83c\\udf0d\\n\\t\\"\\\\\\/\\u0000\\b\\f\\r" ,
          "rString" : [ "a" ,"\\u2028", "\\uD834\\uDD1E" ] , "mStringString": {"\\u006b": "\\u0076"} }\n
        """

    private static func escapes() -> AllTypes {
        var m = AllTypes(fString: "é🌍\n\t\"\\/\u{0}\u{8}\u{C}\r", rString: ["a", "\u{2028}", "𝄞"])
        m.mStringString = ["k": "v"]
        return m
    }

    private static let mapKeysJSON = #"""
        {"mInt32String": {"-2147483648": "a", "2147483647": "b"}, "mInt64Int64": {"-9223372036854775808": "1"},
         "mUint32Uint32": {"4294967295": 1}, "mUint64Bytes": {"18446744073709551615": "AQ"},
         "mSint32Sint32": {"-1": -1}, "mSint64Sint64": {"9223372036854775807": "2"}, "mFixed32Fixed32": {"0": 3},
         "mFixed64Fixed64": {"1": "2"}, "mSfixed32Sfixed32": {"-5": 4}, "mSfixed64Sfixed64": {"-6": 5},
         "mBoolBool": {"true": false, "false": true}, "mStringString": {"": "empty"},
         "mStringNested": {"n": {"a": 1}}, "mStringEnum": {"e": "COLOR_GREEN"}, "mInt32Float": {"7": 0.5},
         "mInt32Double": {"-7": 2}}
        """#

    private static func mapKeys() -> AllTypes {
        var m = AllTypes(mInt32String: [.min: "a", .max: "b"])
        m.mInt64Int64 = [.min: 1]
        m.mUint32Uint32 = [.max: 1]
        m.mUint64Bytes = [.max: [0x01]]
        m.mSint32Sint32 = [-1: -1]
        m.mSint64Sint64 = [.max: 2]
        m.mFixed32Fixed32 = [0: 3]
        m.mFixed64Fixed64 = [1: 2]
        m.mSfixed32Sfixed32 = [-5: 4]
        m.mSfixed64Sfixed64 = [-6: 5]
        m.mBoolBool = [true: false, false: true]
        m.mStringString = ["": "empty"]
        m.mStringNested = ["n": Nested(a: 1)]
        m.mStringEnum = ["e": .green]
        m.mInt32Float = [7: 0.5]
        m.mInt32Double = [-7: 2]
        return m
    }

    private static let ignoredUnknownsJSON = #"""
        {"fInt32": 1, "noSuchField": {"a": [1, {"b": null}], "c": "d"}, "fEnum": "COLOR_PURPLE",
         "oEnum": "NOPE", "rEnum": ["COLOR_RED", "COLOR_PURPLE", "COLOR_BLUE"],
         "mStringEnum": {"a": "COLOR_PURPLE", "b": "COLOR_RED"}, "fNested": {"zzz": 1, "a": 2}, "other": [],
         "cEnum": "NOPE", "mStringNested": {"n": {"recursive": {"fMood": "SAD", "fBool": true}}}}
        """#

    private static func ignoredUnknowns() -> AllTypes {
        var m = AllTypes(fInt32: 1, fNested: Nested(a: 2), rEnum: [.red, .blue])
        m.mStringEnum = ["b": .red]
        m.mStringNested = ["n": Nested(recursive: AllTypes(fBool: true))]
        return m
    }

    private static let wellKnownCases: [JSONReadCase] = [
        JSONReadCase(
            name: "Timestamp: offsets and 1 to 9 fraction digits", json: timestampsJSON, expected: timestamps()),
        JSONReadCase(name: "Duration: signs and fractions", json: durationsJSON, expected: durations()),
        JSONReadCase(
            name: "FieldMask: lowerCamelCase paths", json: #"{"fFieldMask": "fooBar.bazQux,a,x1Y2"}"#,
            expected: WellKnown(fFieldMask: Google_Protobuf_FieldMask(paths: ["foo_bar.baz_qux", "a", "x1_y2"]))),
        JSONReadCase(
            name: "FieldMask: empty string", json: #"{"fFieldMask": ""}"#,
            expected: WellKnown(fFieldMask: Google_Protobuf_FieldMask())),
        JSONReadCase(name: "Struct, Value and ListValue nesting", json: structsJSON, expected: structs()),
        JSONReadCase(name: "wrappers from every value form", json: wrappersJSON, expected: wrappers()),
        JSONReadCase(
            name: "null in wrappers, Value and NullValue fields", json: wellKnownNullsJSON, expected: wellKnownNulls()),
    ]

    private static let timestampsJSON = #"""
        {"rTimestamp": ["1970-01-01T01:00:00+01:00", "1969-12-31T16:00:00-08:00", "2017-01-15T01:30:15.01-08:00",
         "1970-01-01T00:00:00.1Z", "1970-01-01T00:00:00.12345Z", "1970-01-01T00:00:00.123456789Z",
         "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2000-02-29T23:59:59+00:00",
         "1970-01-01T00:00:00.000Z", "0001-01-01T00:30:00+00:30", "9999-12-31T23:00:00-00:59",
         "1972-01-01T10:00:20.021-05:00"],
         "fTimestamp": "1970-01-01T00:00:00Z"}
        """#

    private static func timestamps() -> WellKnown {
        var m = WellKnown(fTimestamp: timestamp(0))
        m.rTimestamp = [
            timestamp(0), timestamp(0), timestamp(1_484_472_615, 10_000_000), timestamp(0, 100_000_000),
            timestamp(0, 123_450_000),
            timestamp(0, 123_456_789), timestamp(Google_Protobuf_Timestamp.minJSONSeconds),
            timestamp(Google_Protobuf_Timestamp.maxJSONSeconds, 999_999_999), timestamp(951_868_799), timestamp(0),
            timestamp(Google_Protobuf_Timestamp.minJSONSeconds),
            timestamp(Google_Protobuf_Timestamp.maxJSONSeconds - 59),
            timestamp(63_126_020, 21_000_000),
        ]
        return m
    }

    private static let durationsJSON = #"""
        {"rDuration": ["0s", "-0.5s", "1.000000001s", "-315576000000s", "315576000000.999999999s", "1.1s",
         "0.000001s", "-1.000340012s", "3s", "-0.000000001s", "00012s"]}
        """#

    private static func durations() -> WellKnown {
        var m = WellKnown()
        m.rDuration = [
            duration(0), duration(0, -500_000_000), duration(1, 1), duration(-Google_Protobuf_Duration.maxSeconds),
            duration(Google_Protobuf_Duration.maxSeconds, 999_999_999), duration(1, 100_000_000), duration(0, 1_000),
            duration(-1, -340_012), duration(3), duration(0, -1), duration(12),
        ]
        return m
    }

    private static let structsJSON = #"""
        {"fStruct": {"a": {"b": [1, "x", null, true, {"c": []}]}, "n": null, "e": {}},
         "fValue": [], "fListValue": [[], {}, null, -0.0], "mValue": {"k": null, "m": {"n": [null]}},
         "rValue": [null, {}, 1e300, "1", false], "cValue": {"z": 0}}
        """#

    private static func structs() -> WellKnown {
        var m = WellKnown(fValue: .list([]))
        m.fStruct = Google_Protobuf_Struct(fields: [
            "a": .object(["b": .list([.number(1), .string("x"), .null, .bool(true), .object(["c": .list([])])])]),
            "n": .null, "e": .object([:]),
        ])
        m.fListValue = Google_Protobuf_ListValue(values: [.list([]), .object([:]), .null, .number(-0.0)])
        m.mValue = ["k": .null, "m": .object(["n": .list([.null])])]
        m.rValue = [.null, .object([:]), .number(1e300), .string("1"), .bool(false)]
        m.choice = .cValue(.object(["z": .number(0)]))
        return m
    }

    private static let wrappersJSON = #"""
        {"fInt32Value": "5", "fUint64Value": 18446744073709551615, "fInt64Value": -1, "fDoubleValue": "NaN",
         "fFloatValue": "-Infinity", "fBoolValue": false, "fStringValue": "", "fBytesValue": "-_8",
         "fUint32Value": 1e2, "rInt64Value": ["1", 2, "-9223372036854775808"],
         "mStringValue": {"a": "b", "c": ""}}
        """#

    private static func wrappers() -> WellKnown {
        var m = WellKnown()
        m.fInt32Value = Google_Protobuf_Int32Value(5)
        m.fUint64Value = Google_Protobuf_UInt64Value(.max)
        m.fInt64Value = Google_Protobuf_Int64Value(-1)
        m.fDoubleValue = Google_Protobuf_DoubleValue(.nan)
        m.fFloatValue = Google_Protobuf_FloatValue(-.infinity)
        m.fBoolValue = Google_Protobuf_BoolValue(false)
        m.fStringValue = Google_Protobuf_StringValue("")
        m.fBytesValue = Google_Protobuf_BytesValue([0xFB, 0xFF])
        m.fUint32Value = Google_Protobuf_UInt32Value(100)
        m.rInt64Value = [
            Google_Protobuf_Int64Value(1), Google_Protobuf_Int64Value(2), Google_Protobuf_Int64Value(.min),
        ]
        m.mStringValue = ["a": Google_Protobuf_StringValue("b"), "c": Google_Protobuf_StringValue("")]
        return m
    }

    private static let wellKnownNullsJSON = #"""
        {"fDoubleValue": null, "fFloatValue": null, "fInt64Value": null, "fUint64Value": null,
         "fInt32Value": null, "fUint32Value": null, "fBoolValue": null, "fStringValue": null, "fBytesValue": null,
         "fTimestamp": null, "fDuration": null, "fFieldMask": null, "fStruct": null, "fListValue": null,
         "fAny": null, "fEmpty": null, "rAny": null, "mValue": null, "fValue": null, "fNullValue": null,
         "oNullValue": null, "cNullValue": null}
        """#

    /// `null` leaves fields unset, except where it is a value: a `Value` (a null value) and a
    /// `NullValue` (present when the field has presence).
    private static func wellKnownNulls() -> WellKnown {
        WellKnown(fValue: .null, oNullValue: .nullValue, choice: .cNullValue(.nullValue))
    }

    private static func anyCases() throws -> [JSONReadCase] {
        let nestedURL = "type.googleapis.com/room619.testing.v1.AllTypes.Nested"
        return [
            JSONReadCase(
                name: "Any: @type after the fields", json: #"{"fAny": {"a": 1, "@type": "\#(nestedURL)", "b": "x"}}"#,
                expected: WellKnown(fAny: try .init(packing: Nested(a: 1, b: "x")))),
            JSONReadCase(
                name: "Any: well-known types, value before @type", json: anyWellKnownJSON,
                expected: WellKnown(rAny: [
                    try .init(packing: duration(1, 500_000_000)),
                    try .init(packing: Google_Protobuf_Struct(fields: ["k": .number(1)])),
                    try .init(packing: Google_Protobuf_Empty()), try .init(packing: Google_Protobuf_Int64Value(-2)),
                    Google_Protobuf_Any(),
                ])),
            JSONReadCase(
                name: "Any: another URL prefix, proto field names inside",
                json:
                    #"{"f_any": {"@type": "example.com/a/b/room619.testing.v1.JsonNames", "custom_snake": "s", "customName": 2}}"#,
                expected: WellKnown(
                    fAny: Google_Protobuf_Any(
                        typeURL: "example.com/a/b/room619.testing.v1.JsonNames",
                        value: ByteBuffer(bytes: try JsonNames(renamed: 2, customSnake: "s").serializedBytes())))),
            JSONReadCase(
                name: "unknown fields inside an Any and a Struct's neighbours, ignored",
                json: #"""
                    {"fAny": {"@type": "type.googleapis.com/room619.testing.v1.AllTypes.Nested", "zzz": [1], "a": 3},
                     "fStruct": {"zzz": 1}, "unknownWellKnown": "1s", "fInt32Value": 4}
                    """#,
                expected: try ignoredInWellKnown(), ignoreUnknownFields: true),
        ]
    }

    private static func ignoredInWellKnown() throws -> WellKnown {
        var m = WellKnown(fStruct: Google_Protobuf_Struct(fields: ["zzz": .number(1)]))
        m.fAny = try Google_Protobuf_Any(packing: Nested(a: 3))
        m.fInt32Value = Google_Protobuf_Int32Value(4)
        return m
    }

    private static let anyWellKnownJSON = #"""
        {"rAny": [{"@type": "type.googleapis.com/google.protobuf.Duration", "value": "1.5s"},
                  {"value": {"k": 1}, "@type": "type.googleapis.com/google.protobuf.Struct"},
                  {"@type": "type.googleapis.com/google.protobuf.Empty"},
                  {"@type": "type.googleapis.com/google.protobuf.Int64Value", "value": -2},
                  {}]}
        """#

    private static let jsonNameCases: [JSONReadCase] = [
        JSONReadCase(
            name: "custom JSON names",
            json: #"""
                {"snakeCaseName": 1, "customName": 2, "custom_snake_json": "a", "nameWith2Digits": 3, "upperCase": 4,
                 "CapitalStart": 5, "trailingUnderscore": 6, "aliases": ["x"], "counts": {"k": 7}, "child": {"customName": 8}}
                """#,
            expected: namesSet()),
        JSONReadCase(
            name: "proto field names of renamed fields",
            json: #"""
                {"snake_case_name": 1, "renamed": 2, "custom_snake": "a", "name_with_2_digits": 3, "upper_Case": 4,
                 "CapitalStart": 5, "trailing_underscore_": 6, "renamed_list": ["x"], "renamed_map": {"k": 7},
                 "renamed_child": {"renamed": 8}}
                """#,
            expected: namesSet()),
    ]

    private static func namesSet() -> JsonNames {
        JsonNames(
            snakeCaseName: 1, renamed: 2, customSnake: "a", nameWith2Digits: 3, upperCase: 4, capitalStart: 5,
            trailingUnderscore: 6, renamedList: ["x"], renamedMap: ["k": 7], renamedChild: JsonNames(renamed: 8))
    }
}
