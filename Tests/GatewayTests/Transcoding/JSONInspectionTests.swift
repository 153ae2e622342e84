import Bytes
import ProtoRuntime
import RPC
import Testing

@testable import Gateway

@Suite("JSON inspection: single values, PATCH masks, response members and Location leaves")
struct JSONInspectionTests {
    let plans: TestbedPlans

    init() throws { plans = try TestbedPlans() }

    var book: MessageSchema {
        get throws { try #require(plans.context.schemas.message("room619.testing.library.v1.Book")) }
    }

    func maskPaths(_ json: String, skipping: String? = nil) throws -> [String] {
        try JSONInspection.fieldMaskPaths(
            of: ByteBuffer(string: json), message: try book, schemas: plans.context.schemas, options: .defaults,
            skipping: skipping
        ).paths
    }

    @Test("a body must be exactly one JSON value, so wrapping it cannot smuggle in members")
    func singleValue() throws {
        try JSONInspection.checkSingleValue(ByteBuffer(string: #" {"title":"x"} "#), options: .defaults)
        #expect(throws: JSONDecodingError.self) {
            try JSONInspection.checkSingleValue(ByteBuffer(string: #"{}, "idempotency_key": "x""#), options: .defaults)
        }
        var shallow = JSONDecodingOptions()
        shallow.maxDepth = 3
        #expect(throws: JSONDecodingError.self) {
            try JSONInspection.checkSingleValue(ByteBuffer(string: "[[[[1]]]]"), options: shallow)
        }
    }

    @Test("mask paths: keys in .proto names, dotted through message objects, leaves elsewhere")
    func maskInference() throws {
        #expect(
            try maskPaths(#"{"title":"x","author":{"displayName":"y","born":1}}"#) == [
                "title", "author.display_name", "author.born",
            ])
        // Maps, repeated fields, well-known types and null are leaves; an empty object is its own path.
        #expect(
            try maskPaths(#"{"labels":{"a":"b"},"tags":["x"],"published":"2024-01-01T00:00:00Z"}"#) == [
                "labels", "tags", "published",
            ])
        #expect(try maskPaths(#"{"author":{}, "genre": null}"#) == ["author", "genre"])
        #expect(try maskPaths(#"{"unknown_key":1}"#) == ["unknown_key"])
    }

    @Test("a body that sends the mask itself is reported, so the mask is not inferred")
    func maskSent() throws {
        let request = try #require(plans.context.schemas.message("room619.testing.library.v1.UpdateBookRequest"))
        let found = try JSONInspection.fieldMaskPaths(
            of: ByteBuffer(string: #"{"book":{"title":"x"},"updateMask":"title"}"#), message: request,
            schemas: plans.context.schemas, options: .defaults, skipping: "update_mask")
        #expect(found.sawSkipped)
        #expect(found.paths == ["book.title"])
    }

    @Test("a response member is found by either name; a Location leaf by its path")
    func members() throws {
        let response = try #require(plans.context.schemas.message("room619.testing.library.v1.ListBooksResponse"))
        let books = try #require(response.field(named: "books"))
        let json = ByteBuffer(string: #"{"nextPageToken":"t","books":[{"name":"a"}]}"#)
        let member = try #require(JSONInspection.member(books, of: json))
        #expect(String(decoding: member.readableBytesArray, as: UTF8.self) == #"[{"name":"a"}]"#)
        let token = try #require(response.field(named: "next_page_token"))
        #expect(JSONInspection.leafText([token], of: json) == "t")
    }

    @Test("Location templates keep a value's slashes as separators and percent-encode each segment")
    func location() throws {
        let bookSchema = try book
        let template = try #require(
            LocationTemplate("/v1/{name}/x/{pages}", response: bookSchema, schemas: plans.context.schemas))
        #expect(template.render(from: ByteBuffer(string: #"{"name":"a/b c","pages":"12"}"#)) == "/v1/a/b%20c/x/12")
        // A value cannot climb out of the template's prefix with dot segments.
        #expect(template.render(from: ByteBuffer(string: #"{"name":"../../admin"}"#)) == "/v1/%2E%2E/%2E%2E/admin/x/0")
        #expect(template.render(from: ByteBuffer(string: "{}")) == "/v1//x/0")
        #expect(LocationTemplate("/v1/{nope}", response: bookSchema, schemas: plans.context.schemas) == nil)
        #expect(LocationTemplate("/v1/{name", response: bookSchema, schemas: plans.context.schemas) == nil)
    }

    @Test("the object builder nests paths and refuses a value where an object is")
    func builder() {
        var builder = JSONObjectBuilder()
        let results = [
            builder.set(["a", "b"], .value(.literal("1"))),
            builder.set(["a", "c"], .value(.string("q\"\n"))),
            builder.set(["t"], .array([.string("x")])),
            builder.set(["t"], .array([.string("y")])),
            builder.set(["a"], .value(.literal("2"))),
            builder.set(["a", "b", "c"], .value(.literal("2"))),
        ]
        #expect(results == [true, true, true, true, false, false])
        #expect(
            String(decoding: builder.buffer.readableBytesArray, as: UTF8.self)
                == #"{"a":{"b":1,"c":"q\"\u000a"},"t":["x","y"]}"#)
    }
}
