import ProtoRuntime
import Testing

/// The special JSON forms of the well-known types and their Swift conveniences.
@Suite("Well-known types in JSON")
struct WellKnownTypesJSONTests {
    static func json(_ message: some Message) throws -> String { try message.jsonString() }

    static func isEncodingError(_ error: any Error) -> Bool {
        (error as? ProtoEncodingError)?.code == .invalidValue
    }

    static func isDecodingError(_ error: any Error) -> Bool { error is JSONDecodingError }

    @Test(
        "Timestamp is RFC 3339 in UTC with 0, 3, 6 or 9 fractional digits",
        arguments: [
            (Int64(0), Int32(0), "1970-01-01T00:00:00Z"),
            (1_700_000_000, 120_000_000, "2023-11-14T22:13:20.120Z"),
            (1_700_000_000, 1000, "2023-11-14T22:13:20.000001Z"),
            (1_700_000_000, 1, "2023-11-14T22:13:20.000000001Z"),
            (-1, 999_999_999, "1969-12-31T23:59:59.999999999Z"),
            (951_782_400, 0, "2000-02-29T00:00:00Z"),
            (-62_135_596_800, 0, "0001-01-01T00:00:00Z"),
            (253_402_300_799, 999_999_999, "9999-12-31T23:59:59.999999999Z"),
        ])
    func timestamp(_ seconds: Int64, _ nanos: Int32, _ text: String) throws {
        let timestamp = Google_Protobuf_Timestamp(seconds: seconds, nanos: nanos)
        #expect(try Self.json(timestamp) == "\"\(text)\"")
        #expect(try Google_Protobuf_Timestamp(jsonString: "\"\(text)\"") == timestamp)
    }

    @Test("Timestamp input may carry an offset and 1 to 9 fractional digits")
    func timestampInput() throws {
        #expect(
            try Google_Protobuf_Timestamp(jsonString: #""1970-01-01T01:00:00.5+01:00""#)
                == Google_Protobuf_Timestamp(seconds: 0, nanos: 500_000_000))
        #expect(
            try Google_Protobuf_Timestamp(jsonString: #""1970-01-01T00:00:00-00:30""#)
                == Google_Protobuf_Timestamp(seconds: 1800, nanos: 0))
    }

    @Test(
        "Timestamp rejects what is not RFC 3339 or out of range",
        arguments: [
            "1970-01-01T00:00:00", "1970-01-01 00:00:00Z", "1970-01-01t00:00:00Z", "1970-01-01T00:00:00z",
            "1970-13-01T00:00:00Z", "2023-02-29T00:00:00Z", "1970-01-01T24:00:00Z", "1970-01-01T00:00:00.Z",
            "1970-01-01T00:00:00.0000000001Z", "0000-12-31T23:59:59Z", "10000-01-01T00:00:00Z", "",
        ])
    func timestampRejects(_ text: String) {
        #expect(throws: JSONDecodingError.self) { try Google_Protobuf_Timestamp(jsonString: "\"\(text)\"") }
    }

    @Test("Timestamp out of range or with bad nanos cannot be written")
    func timestampEncodeRange() {
        #expect(
            performing: { try Self.json(Google_Protobuf_Timestamp(seconds: 253_402_300_800, nanos: 0)) },
            throws: Self.isEncodingError)
        #expect(
            performing: { try Self.json(Google_Protobuf_Timestamp(seconds: 0, nanos: -1)) },
            throws: Self.isEncodingError)
    }

    @Test("Timestamp converts to and from seconds since 1970")
    func timestampInterval() {
        let timestamp = Google_Protobuf_Timestamp(timeIntervalSince1970: -1.25)
        #expect(timestamp == Google_Protobuf_Timestamp(seconds: -2, nanos: 750_000_000))
        #expect(timestamp.timeIntervalSince1970 == -1.25)
    }

    @Test(
        "Duration is seconds with a fraction and an s",
        arguments: [
            (Int64(0), Int32(0), "0s"), (1, 500_000_000, "1.500s"), (-1, -500_000_000, "-1.500s"),
            (0, -1000, "-0.000001s"), (315_576_000_000, 0, "315576000000s"), (3, 1, "3.000000001s"),
        ])
    func duration(_ seconds: Int64, _ nanos: Int32, _ text: String) throws {
        let duration = Google_Protobuf_Duration(seconds: seconds, nanos: nanos)
        #expect(try Self.json(duration) == "\"\(text)\"")
        #expect(try Google_Protobuf_Duration(jsonString: "\"\(text)\"") == duration)
    }

    @Test("Duration rejects bad text and range; mixed signs cannot be written")
    func durationRejects() {
        for text in ["1", "1.5", "s", "-s", "1.s", "1.0000000001s", "315576000001s", " 1s", "+1s", "1S"] {
            #expect(throws: JSONDecodingError.self) { try Google_Protobuf_Duration(jsonString: "\"\(text)\"") }
        }
        #expect(
            performing: { try Self.json(Google_Protobuf_Duration(seconds: 1, nanos: -1)) }, throws: Self.isEncodingError
        )
        #expect(
            performing: { try Self.json(Google_Protobuf_Duration(seconds: 315_576_000_001, nanos: 0)) },
            throws: Self.isEncodingError)
    }

    @Test("Duration converts to and from Swift.Duration")
    func swiftDuration() {
        let duration = Google_Protobuf_Duration(.milliseconds(1500))
        #expect(duration == Google_Protobuf_Duration(seconds: 1, nanos: 500_000_000))
        #expect(duration.swiftDuration == .milliseconds(1500))
    }

    @Test("FieldMask is one string of camelCase paths")
    func fieldMask() throws {
        let mask = Google_Protobuf_FieldMask("user.display_name", "photo_url", "id")
        #expect(try Self.json(mask) == #""user.displayName,photoUrl,id""#)
        #expect(try Google_Protobuf_FieldMask(jsonString: #""user.displayName,photoUrl,id""#) == mask)
        #expect(try Google_Protobuf_FieldMask(jsonString: #""""#) == Google_Protobuf_FieldMask())
        #expect(throws: JSONDecodingError.self) { try Google_Protobuf_FieldMask(jsonString: #""photo_url""#) }
        for path in ["fooBar", "foo__bar", "foo_", "foo_3"] {
            #expect(performing: { try Self.json(Google_Protobuf_FieldMask(path)) }, throws: Self.isEncodingError)
        }
    }

    @Test("Struct, Value and ListValue are plain JSON")
    func structValue() throws {
        let text = #"{"a":[1,"x",true,null,{"b":{}}],"c":-2.5}"#
        let value = try Google_Protobuf_Struct(jsonString: text)
        #expect(value.fields["c"] == Google_Protobuf_Value(kind: .numberValue(-2.5)))
        #expect(value.fields["a"]?.listValue?.values.count == 5)
        #expect(value.fields["a"]?.listValue?.values[3] == Google_Protobuf_Value(kind: .nullValue(.nullValue)))
        #expect(try Self.json(value) == #"{"a":[1,"x",true,null,{"b":{}}],"c":-2.5}"#)
        #expect(try Google_Protobuf_Value(jsonString: "null") == Google_Protobuf_Value(kind: .nullValue(.nullValue)))
        #expect(try Self.json(Google_Protobuf_Value()) == "null")
        #expect(
            performing: { try Self.json(Google_Protobuf_Value(kind: .numberValue(.nan))) }, throws: Self.isEncodingError
        )
        #expect(throws: JSONDecodingError.self) { try Google_Protobuf_Struct(jsonString: "[]") }
        #expect(throws: JSONDecodingError.self) { try Google_Protobuf_ListValue(jsonString: "{}") }
    }

    @Test("wrappers are their bare values")
    func wrappers() throws {
        #expect(try Self.json(Google_Protobuf_Int64Value(-5)) == #""-5""#)
        #expect(try Self.json(Google_Protobuf_UInt32Value(7)) == "7")
        #expect(try Self.json(Google_Protobuf_BoolValue(true)) == "true")
        #expect(try Self.json(Google_Protobuf_StringValue("s")) == #""s""#)
        #expect(try Self.json(Google_Protobuf_BytesValue(ByteBuffer(bytes: [0xFB, 0xFF]))) == #""+/8=""#)
        #expect(try Self.json(Google_Protobuf_DoubleValue(.infinity)) == #""Infinity""#)
        #expect(try Google_Protobuf_FloatValue(jsonString: #""NaN""#).value.isNaN)
        #expect(try Google_Protobuf_Int32Value(jsonString: #""12""#) == Google_Protobuf_Int32Value(12))
    }

    @Test("Any holding a well-known type puts its JSON under value; @type may come last")
    func anyWellKnown() throws {
        let any = try Google_Protobuf_Any(packing: Google_Protobuf_Duration(seconds: 2, nanos: 0))
        let json = try Self.json(any)
        #expect(json == #"{"@type":"type.googleapis.com/google.protobuf.Duration","value":"2s"}"#)
        #expect(
            try Google_Protobuf_Any(
                jsonString: #"{"value":"2s","@type":"type.googleapis.com/google.protobuf.Duration"}"#)
                == any)
        #expect(try Self.json(Google_Protobuf_Any()) == "{}")
        #expect(try Google_Protobuf_Any(jsonString: "{}") == Google_Protobuf_Any())
        #expect(throws: JSONDecodingError.self) { try Google_Protobuf_Any(jsonString: #"{"value":"2s"}"#) }
        #expect(any.holds(Google_Protobuf_Duration.self))
        #expect(try any.unpack(Google_Protobuf_Timestamp.self) == nil)
    }
}
