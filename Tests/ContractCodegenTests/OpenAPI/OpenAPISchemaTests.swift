import ContractCodegen
import Foundation
import ProtoRuntime
import Testing

/// The schema of each field of the golden contract's `library.v1.Book` (and friends), one row
/// per type and rule: what proto3 JSON writes, and what the rules allow.
@Suite("OpenAPI schema mapping")
struct OpenAPISchemaTests {
    /// The golden contract's document, parsed.
    static func document() async throws -> ParsedJSON {
        let documents = try await OpenAPIGoldenTests.documents()
        return try ParsedJSON(text: try #require(documents.first).content)
    }

    static func schema(_ name: String) async throws -> ParsedJSON {
        try await document()["components"]["schemas"][name]
    }

    static func bookProperty(_ name: String) async throws -> ParsedJSON {
        try await schema("library.v1.Book")["properties"][name]
    }

    @Test(
        "each type and rule maps to its proto3 JSON schema",
        arguments: [
            ("copiesSold", #"{"format":"int64","pattern":"^-?[0-9]+$","readOnly":true,"type":"string"}"#),
            ("checksum", #"{"format":"uint64","pattern":"^[0-9]+$","type":"string"}"#),
            ("pages", #"{"exclusiveMinimum":0,"format":"int32","maximum":10000,"type":"integer"}"#),
            ("edition", #"{"format":"int64","maximum":4294967295,"minimum":1,"type":"integer"}"#),
            ("rating", #"{"format":"double","maximum":5,"minimum":0,"type":"number"}"#),
            (
                "weight",
                #"{"anyOf":[{"format":"float","type":"number"},{"enum":["NaN","Infinity","-Infinity"],"type":"string"}]}"#
            ),
            ("inPrint", #"{"type":"boolean"}"#),
            ("title", #"{"maxLength":200,"minLength":1,"type":"string"}"#),
            ("isbn", #"{"pattern":"^(?:[0-9]{3})-[0-9]{10}$","type":"string"}"#),
            ("flagged", #"{"description":"Must match the RE2 pattern `(?i)^yes$`.","type":"string"}"#),
            ("authorEmail", #"{"format":"email","type":"string"}"#),
            ("language", #"{"enum":["en","fr"],"type":"string"}"#),
            ("secretNote", #"{"type":"string","writeOnly":true}"#),
            (
                "binding",
                ##"{"$ref":"#/components/schemas/library.v1.Binding","enum":["BINDING_HARDCOVER","BINDING_PAPERBACK"]}"##
            ),
            (
                "tags",
                #"{"items":{"minLength":1,"type":"string"},"maxItems":10,"type":"array","uniqueItems":true}"#
            ),
            (
                "notesByPage",
                #"{"additionalProperties":{"type":"string"},"propertyNames":{"pattern":"^-?[0-9]+$"},"type":"object"}"#
            ),
            (
                "serial",
                #"{"description":"Must be greater than 0.","format":"uint64","pattern":"^[0-9]+$","type":"string"}"#
            ),
            ("published", ##"{"$ref":"#/components/schemas/google.protobuf.Timestamp"}"##),
            ("subtitle", ##"{"$ref":"#/components/schemas/google.protobuf.StringValue"}"##),
            ("seller", #"{"description":"Bought from a seller.","type":"string"}"#),
        ])
    func field(_ name: String, _ expected: String) async throws {
        let actual = try await Self.bookProperty(name)
        #expect(actual.equals(expected), "\(name): \(actual.canonical)")
    }

    @Test("bytes are padded base64 and their decoded-length rules a note")
    func bytes() async throws {
        let actual = try await Self.bookProperty("coverThumbnail")
        #expect(actual["format"].equals(#""byte""#))
        #expect(actual["contentEncoding"].equals(#""base64""#))
        #expect(actual["description"].equals(#""Decoded length: at most 1024 bytes.""#))
    }

    @Test(
        "well-known types have their JSON forms",
        arguments: [
            ("google.protobuf.Timestamp", "type", #""string""#),
            ("google.protobuf.Timestamp", "format", #""date-time""#),
            ("google.protobuf.Duration", "pattern", #""^-?[0-9]{1,12}(\\.[0-9]{1,9})?s$""#),
            ("google.protobuf.FieldMask", "type", #""string""#),
            ("google.protobuf.Struct", "type", #""object""#),
            ("google.protobuf.ListValue", "type", #""array""#),
            ("google.protobuf.StringValue", "type", #"["string", "null"]"#),
            ("google.protobuf.BoolValue", "type", #"["boolean", "null"]"#),
            ("google.protobuf.Int64Value", "type", #"["string", "null"]"#),
            ("google.protobuf.Any", "required", #"["@type"]"#),
            ("google.protobuf.Empty", "additionalProperties", "false"),
        ])
    func wellKnown(_ type: String, _ key: String, _ expected: String) async throws {
        let schema = try await Self.schema(type)
        #expect(schema[key].equals(expected), "\(type).\(key): \(schema[key].canonical)")
    }

    @Test("required, oneofs and closed objects")
    func messageShape() async throws {
        let book = try await Self.schema("library.v1.Book")
        #expect(book["required"].equals(#"["title"]"#))
        #expect(book["additionalProperties"].equals("false"))
        #expect(book["dependentSchemas"]["seller"].equals(#"{"properties": {"donor": false}}"#))
        let move = try await Self.schema("library.v1.MoveBookRequest")
        #expect(move["required"].equals(#"["targetShelf"]"#))
        #expect(move["anyOf"].equals(#"[{"required": ["note"]}, {"required": ["ticket"]}]"#))
        #expect(try await Self.schema("library.v1.CreateBookRequest")["required"].equals(#"["book"]"#))
    }

    @Test("enum values are names, with their comments in the description")
    func enumeration() async throws {
        let binding = try await Self.schema("library.v1.Binding")
        #expect(binding["enum"].equals(#"["BINDING_UNSPECIFIED", "BINDING_HARDCOVER", "BINDING_PAPERBACK"]"#))
        #expect(binding["description"].equals(#""How a book is bound.\n\n- `BINDING_HARDCOVER`: A hard cover.""#))
    }

    @Test("the error schema is google.rpc.Status")
    func status() async throws {
        let status = try await Self.schema("google.rpc.Status")
        #expect(status["properties"]["code"]["type"].equals(#""integer""#))
        #expect(status["properties"]["message"]["type"].equals(#""string""#))
        #expect(
            status["properties"]["details"]["items"].equals(##"{"$ref": "#/components/schemas/google.protobuf.Any"}"##))
    }
}

/// A parsed JSON document to navigate in tests, compared by canonical text.
struct ParsedJSON {
    let value: Any?

    init(_ value: Any?) { self.value = value }

    init(text: String) throws {
        value = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    subscript(key: String) -> ParsedJSON { ParsedJSON((value as? [String: Any])?[key]) }

    subscript(index: Int) -> ParsedJSON {
        guard let array = value as? [Any], array.indices.contains(index) else { return ParsedJSON(nil) }
        return ParsedJSON(array[index])
    }

    /// Sorted-key JSON text, for comparing values whatever their key order.
    var canonical: String {
        guard let value,
            let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])
        else { return "<missing>" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Whether this is the JSON value written in `text`.
    func equals(_ text: String) -> Bool {
        (try? ParsedJSON(text: text).canonical) == canonical
    }
}
