import ProtoRuntime
import Testing

private typealias AllTypes = Room619_Testing_V1_AllTypes
private typealias WellKnown = Room619_Testing_V1_WellKnownFields
private typealias JsonNames = Room619_Testing_V1_JsonNames

/// A JSON text both sides must reject, with the code and path our error must give.
struct JSONRejectCase: Sendable, CustomTestStringConvertible {
    let name: String
    let type: any Message.Type
    let json: String
    let code: JSONDecodingError.Code
    /// ``JSONDecodingError/pathDescription``: where the problem is.
    let path: String

    var testDescription: String { name }
    var requestID: String { "reject \(name)" }
    var decoding: JSONDecodingOptions { JSONCrossCheck.decoding() }

    var request: JSONCrossCheck.Request {
        JSONCrossCheck.Request(id: requestID, op: "reject", type: type.protoMessageName, json: json)
    }

    private init(
        _ name: String, _ type: any Message.Type, _ json: String, _ code: JSONDecodingError.Code, at path: String
    ) {
        self.name = name
        self.type = type
        self.json = json
        self.code = code
        self.path = path
    }

    static let all: [JSONRejectCase] = allTypesCases + wellKnownCases + otherCases

    private static let allTypesCases: [JSONRejectCase] = [
        JSONRejectCase(
            "two members of a oneof", AllTypes.self, #"{"cUint32": 1, "cString": "x"}"#, .duplicateField, at: "cString"),
        JSONRejectCase(
            "two members of a oneof, proto name", AllTypes.self, #"{"c_uint32": 1, "cNested": {}}"#, .duplicateField,
            at: "cNested"),
        JSONRejectCase(
            "the same key twice", AllTypes.self, #"{"fInt32": 1, "fInt32": 2}"#, .duplicateField, at: "fInt32"),
        JSONRejectCase("unknown enum name", AllTypes.self, #"{"fEnum": "COLOR_PURPLE"}"#, .wrongType, at: "fEnum"),
        JSONRejectCase("enum name in another case", AllTypes.self, #"{"fEnum": "color_red"}"#, .wrongType, at: "fEnum"),
        JSONRejectCase(
            "unknown enum name in a repeated field", AllTypes.self, #"{"rEnum": ["COLOR_RED", "COLOR_PURPLE"]}"#,
            .wrongType,
            at: "rEnum[1]"),
        JSONRejectCase(
            "unknown enum name as a map value", AllTypes.self, #"{"mStringEnum": {"k": "PURPLE"}}"#, .wrongType,
            at: "mStringEnum.k"),
        JSONRejectCase("int32 above its range", AllTypes.self, #"{"fInt32": 2147483648}"#, .outOfRange, at: "fInt32"),
        JSONRejectCase(
            "sfixed32 below its range, as a string", AllTypes.self, #"{"fSfixed32": "-2147483649"}"#, .outOfRange,
            at: "fSfixed32"),
        JSONRejectCase("uint32 negative", AllTypes.self, #"{"fUint32": -1}"#, .outOfRange, at: "fUint32"),
        JSONRejectCase(
            "int64 above its range", AllTypes.self, #"{"fInt64": "9223372036854775808"}"#, .outOfRange, at: "fInt64"),
        JSONRejectCase(
            "fixed64 above its range", AllTypes.self, #"{"fFixed64": "18446744073709551616"}"#, .outOfRange,
            at: "fFixed64"),
        JSONRejectCase("uint64 negative", AllTypes.self, #"{"fUint64": "-1"}"#, .outOfRange, at: "fUint64"),
        JSONRejectCase("integer with a fraction", AllTypes.self, #"{"fInt32": 1.5}"#, .outOfRange, at: "fInt32"),
        JSONRejectCase(
            "integer exponent beyond the range", AllTypes.self, #"{"fSint32": 1e10}"#, .outOfRange, at: "fSint32"),
        JSONRejectCase("integer from a bool", AllTypes.self, #"{"fInt32": true}"#, .wrongType, at: "fInt32"),
        JSONRejectCase("integer from NaN", AllTypes.self, #"{"fInt64": "NaN"}"#, .wrongType, at: "fInt64"),
        JSONRejectCase("integer with a space", AllTypes.self, #"{"fInt32": " 1"}"#, .wrongType, at: "fInt32"),
        JSONRejectCase("integer from an object", AllTypes.self, #"{"fInt32": {}}"#, .wrongType, at: "fInt32"),
        JSONRejectCase("float beyond its range", AllTypes.self, #"{"fFloat": 3.5e38}"#, .outOfRange, at: "fFloat"),
        JSONRejectCase(
            "float past the value that rounds to the largest float", AllTypes.self, #"{"rFloat": [1, -3.4028236e38]}"#,
            .outOfRange, at: "rFloat[1]"),
        JSONRejectCase("double beyond its range", AllTypes.self, #"{"fDouble": 1e400}"#, .outOfRange, at: "fDouble"),
        JSONRejectCase("nan in lowercase", AllTypes.self, #"{"fFloat": "nan"}"#, .wrongType, at: "fFloat"),
        JSONRejectCase("NaN unquoted", AllTypes.self, #"{"fDouble": NaN}"#, .wrongType, at: "fDouble"),
        JSONRejectCase("Infinity unquoted", AllTypes.self, #"{"rDouble": [Infinity]}"#, .wrongType, at: "rDouble[0]"),
        JSONRejectCase("bool from a string", AllTypes.self, #"{"fBool": "true"}"#, .wrongType, at: "fBool"),
        JSONRejectCase("bool from a number", AllTypes.self, #"{"oBool": 1}"#, .wrongType, at: "oBool"),
        JSONRejectCase("string from a number", AllTypes.self, #"{"fString": 1}"#, .wrongType, at: "fString"),
        JSONRejectCase("base64 of one character", AllTypes.self, #"{"fBytes": "A"}"#, .wrongType, at: "fBytes"),
        JSONRejectCase(
            "base64 with too much padding", AllTypes.self, #"{"rBytes": ["AA==", "A==="]}"#, .wrongType, at: "rBytes[1]"
        ),
        JSONRejectCase("bytes from a number", AllTypes.self, #"{"fBytes": 1}"#, .wrongType, at: "fBytes"),
        JSONRejectCase(
            "null in a repeated field", AllTypes.self, #"{"rInt32": [1, null]}"#, .wrongType, at: "rInt32[1]"),
        JSONRejectCase(
            "null in a repeated message field", AllTypes.self, #"{"rNested": [null]}"#, .wrongType, at: "rNested[0]"),
        JSONRejectCase(
            "null as a map value", AllTypes.self, #"{"mInt32String": {"1": null}}"#, .wrongType, at: "mInt32String.1"),
        JSONRejectCase("repeated field not an array", AllTypes.self, #"{"rInt32": 1}"#, .wrongType, at: "rInt32"),
        JSONRejectCase("map not an object", AllTypes.self, #"{"mStringString": []}"#, .wrongType, at: "mStringString"),
        JSONRejectCase("message not an object", AllTypes.self, #"{"fNested": 1}"#, .wrongType, at: "fNested"),
        JSONRejectCase(
            "map key not an integer", AllTypes.self, #"{"mInt32String": {"abc": "x"}}"#, .wrongType,
            at: "mInt32String.abc"),
        JSONRejectCase(
            "map key beyond its range", AllTypes.self, #"{"mInt32String": {"2147483648": "x"}}"#, .wrongType,
            at: "mInt32String.2147483648"),
        JSONRejectCase(
            "map key negative for uint32", AllTypes.self, #"{"mUint32Uint32": {"-1": 1}}"#, .wrongType,
            at: "mUint32Uint32.-1"),
        JSONRejectCase(
            "bool map key not true or false", AllTypes.self, #"{"mBoolBool": {"1": true}}"#, .wrongType,
            at: "mBoolBool.1"),
        JSONRejectCase("unknown field", AllTypes.self, #"{"noSuchField": 1}"#, .unknownField, at: "noSuchField"),
        JSONRejectCase(
            "unknown field in a nested message", AllTypes.self, #"{"fNested": {"c": 1}}"#, .unknownField,
            at: "fNested.c"),
        JSONRejectCase(
            "wrong type deep inside", AllTypes.self, #"{"fNested": {"recursive": {"rNested": [{}, {"b": 5}]}}}"#,
            .wrongType,
            at: "fNested.recursive.rNested[1].b"),
        JSONRejectCase(
            "wrong type in a map's message", AllTypes.self, #"{"mStringNested": {"k": {"a": true}}}"#, .wrongType,
            at: "mStringNested.k.a"),
        JSONRejectCase("unpaired surrogate", AllTypes.self, #"{"fString": "\ud800"}"#, .malformed, at: "fString"),
        JSONRejectCase("trailing comma", AllTypes.self, #"{"fInt32": 1,}"#, .malformed, at: "$"),
        JSONRejectCase("leading zero", AllTypes.self, #"{"fInt32": 01}"#, .malformed, at: "fInt32"),
        JSONRejectCase("plus sign", AllTypes.self, #"{"fInt32": +1}"#, .wrongType, at: "fInt32"),
        JSONRejectCase("single quotes", AllTypes.self, #"{'fInt32': 1}"#, .malformed, at: "$"),
        JSONRejectCase("unterminated object", AllTypes.self, #"{"fInt32": 1"#, .malformed, at: "$"),
        JSONRejectCase("text after the object", AllTypes.self, #"{} {}"#, .malformed, at: "$"),
    ]

    private static let wellKnownCases: [JSONRejectCase] = [
        JSONRejectCase(
            "Timestamp after 9999", WellKnown.self, #"{"fTimestamp": "10000-01-01T00:00:00Z"}"#, .wrongType,
            at: "fTimestamp"),
        JSONRejectCase(
            "Timestamp offset before 0001", WellKnown.self, #"{"fTimestamp": "0001-01-01T00:00:00+00:01"}"#, .wrongType,
            at: "fTimestamp"),
        JSONRejectCase(
            "Timestamp offset after 9999", WellKnown.self, #"{"rTimestamp": ["9999-12-31T23:59:59-00:01"]}"#,
            .wrongType,
            at: "rTimestamp[0]"),
        JSONRejectCase(
            "Timestamp with lowercase t", WellKnown.self, #"{"fTimestamp": "1970-01-01t00:00:00Z"}"#, .wrongType,
            at: "fTimestamp"),
        JSONRejectCase(
            "Timestamp with lowercase z", WellKnown.self, #"{"fTimestamp": "1970-01-01T00:00:00z"}"#, .wrongType,
            at: "fTimestamp"),
        JSONRejectCase(
            "Timestamp without an offset", WellKnown.self, #"{"fTimestamp": "1970-01-01T00:00:00"}"#, .wrongType,
            at: "fTimestamp"),
        JSONRejectCase(
            "Timestamp with ten fraction digits", WellKnown.self, #"{"fTimestamp": "1970-01-01T00:00:00.0000000001Z"}"#,
            .wrongType,
            at: "fTimestamp"),
        JSONRejectCase(
            "Timestamp on February 29 of 2001", WellKnown.self, #"{"fTimestamp": "2001-02-29T00:00:00Z"}"#, .wrongType,
            at: "fTimestamp"),
        JSONRejectCase(
            "Timestamp at hour 24", WellKnown.self, #"{"fTimestamp": "1970-01-01T24:00:00Z"}"#, .wrongType,
            at: "fTimestamp"),
        JSONRejectCase("Timestamp as a number", WellKnown.self, #"{"fTimestamp": 0}"#, .wrongType, at: "fTimestamp"),
        JSONRejectCase(
            "Timestamp in a map", WellKnown.self, #"{"mTimestamp": {"1": "yesterday"}}"#, .wrongType, at: "mTimestamp.1"
        ),
        JSONRejectCase("Duration without s", WellKnown.self, #"{"fDuration": "1.5"}"#, .wrongType, at: "fDuration"),
        JSONRejectCase(
            "Duration too long", WellKnown.self, #"{"fDuration": "315576000001s"}"#, .wrongType, at: "fDuration"),
        JSONRejectCase("Duration as a number", WellKnown.self, #"{"rDuration": [1]}"#, .wrongType, at: "rDuration[0]"),
        JSONRejectCase(
            "Duration without seconds", WellKnown.self, #"{"fDuration": ".5s"}"#, .wrongType, at: "fDuration"),
        JSONRejectCase(
            "FieldMask with an underscore", WellKnown.self, #"{"fFieldMask": "foo_bar"}"#, .wrongType, at: "fFieldMask"),
        JSONRejectCase(
            "FieldMask as an array", WellKnown.self, #"{"fFieldMask": ["a"]}"#, .wrongType, at: "fFieldMask"),
        JSONRejectCase("Struct as an array", WellKnown.self, #"{"fStruct": [1]}"#, .wrongType, at: "fStruct"),
        JSONRejectCase("ListValue as an object", WellKnown.self, #"{"fListValue": {}}"#, .wrongType, at: "fListValue"),
        JSONRejectCase(
            "bad JSON deep in a Struct", WellKnown.self, #"{"fStruct": {"a": {"b": [1, tru]}}}"#, .wrongType,
            at: "fStruct.a.b[1]"),
        JSONRejectCase(
            "Int32Value from text", WellKnown.self, #"{"fInt32Value": "abc"}"#, .wrongType, at: "fInt32Value"),
        JSONRejectCase(
            "BoolValue from a string", WellKnown.self, #"{"fBoolValue": "true"}"#, .wrongType, at: "fBoolValue"),
        JSONRejectCase(
            "UInt32Value negative", WellKnown.self, #"{"fUint32Value": -1}"#, .outOfRange, at: "fUint32Value"),
        JSONRejectCase(
            "wrapper as an object", WellKnown.self, #"{"fInt32Value": {"value": 1}}"#, .wrongType, at: "fInt32Value"),
        JSONRejectCase(
            "null in a repeated wrapper", WellKnown.self, #"{"rInt64Value": [null]}"#, .wrongType, at: "rInt64Value[0]"),
        JSONRejectCase("Any without @type", WellKnown.self, #"{"fAny": {"a": 1}}"#, .wrongType, at: "fAny"),
        JSONRejectCase(
            "Any of an unknown type", WellKnown.self, #"{"fAny": {"@type": "type.googleapis.com/no.such.Type"}}"#,
            .unknownField,
            at: "fAny.@type"),
        JSONRejectCase(
            "Any with a bad field", WellKnown.self,
            #"{"fAny": {"@type": "type.googleapis.com/room619.testing.v1.AllTypes.Nested", "a": "x"}}"#, .wrongType,
            at: "fAny.a"),
        JSONRejectCase(
            "Any with an unknown field", WellKnown.self,
            #"{"rAny": [{"@type": "type.googleapis.com/room619.testing.v1.AllTypes.Nested", "zzz": 1}]}"#,
            .unknownField,
            at: "rAny[0].zzz"),
        JSONRejectCase(
            "Any holding a bad Duration", WellKnown.self,
            #"{"fAny": {"@type": "type.googleapis.com/google.protobuf.Duration", "value": "1"}}"#, .wrongType,
            at: "fAny.value"),
    ]

    private static let otherCases: [JSONRejectCase] = [
        JSONRejectCase(
            "closed enum number it does not declare", Room619_Testing_V1_Proto2Types.self, #"{"id": 1, "size": 9}"#,
            .wrongType, at: "size"),
        JSONRejectCase(
            "default JSON name of a renamed field", JsonNames.self, #"{"customSnake": "x"}"#, .unknownField,
            at: "customSnake"),
        JSONRejectCase(
            "lowerCamelCase of a capitalized name", JsonNames.self, #"{"capitalStart": 1}"#, .unknownField,
            at: "capitalStart"),
        JSONRejectCase(
            "nesting deeper than 100", AllTypes.self,
            String(repeating: #"{"fNested": {"recursive": "#, count: 60) + "{}" + String(repeating: "}}", count: 60),
            .tooDeep,
            at: Array(repeating: "fNested.recursive", count: 50).joined(separator: ".")),
    ]
}
