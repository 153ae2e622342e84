import CommonContracts
import OrderContracts
import ProtoRuntime
import Testing
import UserContracts

/// The proto3 JSON mapping of generated messages, on the platform's own contracts: output text,
/// options, and the errors bad input gets (the cross-checks against Google's implementation
/// are in CrossCheckJSONTests).
@Suite("JSON mapping of generated messages")
struct JSONMappingTests {
    static func sampleOrder() -> Order_V1_Order {
        var order = Order_V1_Order(id: "ord-1", userID: "usr-1", status: .reserved)
        order.items = [
            Order_V1_LineItem(
                productID: "p-1", sku: "SKU-1", quantity: 2,
                unitPrice: Common_V1_Money(minorUnits: 1999, currencyCode: "EUR"))
        ]
        order.card = Order_V1_Card(brand: "visa", last4: "4242")
        order.createdAt = Google_Protobuf_Timestamp(seconds: 1_700_000_000, nanos: 120_000_000)
        return order
    }

    @Test("writes JSON names in field-number order, 64-bit integers as strings, enums by name")
    func output() throws {
        let json = try Self.sampleOrder().jsonString()
        #expect(
            json == #"{"id":"ord-1","userId":"usr-1","items":[{"productId":"p-1","sku":"SKU-1","quantity":2,"#
                + #""unitPrice":{"minorUnits":"1999","currencyCode":"EUR"}}],"status":"ORDER_STATUS_RESERVED","#
                + #""card":{"brand":"visa","last4":"4242"},"createdAt":"2023-11-14T22:13:20.120Z"}"#)
        #expect(try Order_V1_Order(jsonString: json) == Self.sampleOrder())
    }

    @Test("accepts .proto names, numbers for enums and int64, and null for defaults")
    func lenientInput() throws {
        let order = try Order_V1_Order(
            jsonString: #"{"user_id":"u","status":3,"items":[{"unit_price":{"minor_units":12,"currency_code":"EUR"}}],"#
                + #""failureReason":null,"total":null,"card":null}"#)
        #expect(order.userID == "u")
        #expect(order.status == .paid)
        #expect(order.items.first?.unitPrice?.minorUnits == 12)
        #expect(order.total == nil)
        #expect(order.paymentMethod == nil)
    }

    @Test("emitDefaultValues writes fields without presence; preserveProtoFieldNames keeps .proto names")
    func options() throws {
        var options = JSONEncodingOptions()
        options.emitDefaultValues = true
        let expected =
            #"{"id":"","userId":"","items":[],"status":"ORDER_STATUS_UNSPECIFIED","failureReason":"","#
            + #""trackingNumber":""}"#
        #expect(try Order_V1_Order().jsonString(options: options) == expected)
        options = JSONEncodingOptions()
        options.preserveProtoFieldNames = true
        #expect(
            try Order_V1_Order(userID: "u", failureReason: "x").jsonString(options: options)
                == #"{"user_id":"u","failure_reason":"x"}"#)
    }

    @Test("a decode error names the JSON path and what was expected")
    func errorPath() {
        let input = #"{"items":[{},{"sku":"a"},{"unitPrice":{"currencyCode":5}}]}"#
        #expect {
            try Order_V1_Order(jsonString: input)
        } throws: { error in
            guard let error = error as? JSONDecodingError else { return false }
            return error.code == .wrongType && error.pathDescription == "items[2].unitPrice.currencyCode"
                && error.message == "expected a string"
        }
    }

    @Test(
        "bad input gets the right error code",
        arguments: [
            (#"{"id":"a","id":"b"}"#, JSONDecodingError.Code.duplicateField, "id"),
            (#"{"userId":"a","user_id":"b"}"#, .duplicateField, "user_id"),
            (#"{"card":{},"voucherCode":"v"}"#, .duplicateField, "voucherCode"),
            (#"{"nope":1}"#, .unknownField, "nope"),
            (#"{"status":"ORDER_STATUS_LOST"}"#, .wrongType, "status"),
            (#"{"status":99.5}"#, .outOfRange, "status"),
            (#"{"items":[null]}"#, .wrongType, "items[0]"),
            (#"{"items":{}}"#, .wrongType, "items"),
            (#"{"total":{"minorUnits":"9223372036854775808"}}"#, .outOfRange, "total.minorUnits"),
            (#"{"createdAt":"2023-02-29T00:00:00Z"}"#, .wrongType, "createdAt"),
            (#"{"id":"a",}"#, .malformed, "$"),
            (#"{"id":"\ud800"}"#, .malformed, "id"),
            (#"{"id":"a"} x"#, .malformed, "$"),
            ("", .wrongType, "$"),
        ])
    func badInput(_ input: String, _ code: JSONDecodingError.Code, _ path: String) {
        #expect {
            try Order_V1_Order(jsonString: input)
        } throws: { error in
            guard let error = error as? JSONDecodingError else { return false }
            return error.code == code && error.pathDescription == path
        }
    }

    @Test("unknown fields are skipped when asked, values and all")
    func ignoreUnknown() throws {
        var options = JSONDecodingOptions()
        options.ignoreUnknownFields = true
        let order = try Order_V1_Order(
            jsonString: #"{"nope":{"deep":[1,{"x":null}]},"id":"a","status":"ORDER_STATUS_LOST"}"#, options: options)
        #expect(order == Order_V1_Order(id: "a"))
    }

    @Test("deep nesting and huge input hit limits, not the stack")
    func limits() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect {
            try Google_Protobuf_Value(jsonString: deep)
        } throws: { error in (error as? JSONDecodingError)?.code == .tooDeep }
        let deepUnknown =
            #"{"x":"# + String(repeating: #"{"a":"#, count: 50_000) + "1" + String(repeating: "}", count: 50_001)
        var ignoring = JSONDecodingOptions()
        ignoring.ignoreUnknownFields = true
        #expect {
            try Order_V1_Order(jsonString: deepUnknown, options: ignoring)
        } throws: { error in (error as? JSONDecodingError)?.code == .tooDeep }
        var small = JSONDecodingOptions()
        small.maxMessageSize = 16
        #expect {
            try Order_V1_Order(jsonString: #"{"id":"0123456789"}"#, options: small)
        } throws: { error in (error as? JSONDecodingError)?.code == .tooLarge }
    }

    @Test("maps have string keys, sorted on output")
    func maps() throws {
        let user = User_V1_User(id: "u", labels: ["b": "2", "a": "1"])
        #expect(try user.jsonString() == #"{"id":"u","labels":{"a":"1","b":"2"}}"#)
        #expect(try User_V1_User(jsonString: #"{"labels":{"z":"9"}}"#).labels == ["z": "9"])
    }

    @Test("Any holds ordinary messages (fields inline) once their file's registry is given")
    func anyWithRegistry() throws {
        let packed = try Google_Protobuf_Any(packing: Common_V1_Money(minorUnits: 5, currencyCode: "EUR"))
        #expect {
            try packed.jsonString()
        } throws: { error in (error as? ProtoEncodingError)?.code == .invalidValue }
        var encoding = JSONEncodingOptions()
        encoding.typeRegistry = MessageTypeRegistry.wellKnownTypes.merging(Common_V1_Money_Types.registry)
        let json = try packed.jsonString(options: encoding)
        #expect(json == #"{"@type":"type.googleapis.com/common.v1.Money","minorUnits":"5","currencyCode":"EUR"}"#)
        var decoding = JSONDecodingOptions()
        decoding.typeRegistry = encoding.typeRegistry
        let decoded = try Google_Protobuf_Any(
            jsonString: #"{"currencyCode":"EUR","@type":"type.googleapis.com/common.v1.Money","minorUnits":5}"#,
            options: decoding)
        #expect(try decoded.unpack(Common_V1_Money.self) == Common_V1_Money(minorUnits: 5, currencyCode: "EUR"))
        #expect {
            try Google_Protobuf_Any(jsonString: json)
        } throws: { error in (error as? JSONDecodingError)?.code == .unknownField }
    }
}
