import ContractCodegen
import Foundation
import Testing

/// The golden contract's paths and operations: every `google.api.http` shape.
@Suite("OpenAPI paths and operations")
struct OpenAPIPathTests {
    static func paths() async throws -> ParsedJSON {
        try await OpenAPISchemaTests.document()["paths"]
    }

    @Test("templates become OpenAPI paths with one operation per binding")
    func pathList() async throws {
        let paths = try #require(try await Self.paths().value as? [String: Any])
        #expect(
            paths.keys.sorted() == [
                "/v1/books/{name}", "/v1/books/{name}/title", "/v1/covers/{book_id}", "/v1/files/{path}",
                "/v1/shelves/{name.shelves}/books/{name.books}",
                "/v1/shelves/{name.shelves}/books/{name.books}:move", "/v1/shelves/{shelf_id}/books",
                "/v1/shelves/{shelf_id}:watch",
            ])
    }

    @Test(
        "operationId is Service_Method, numbered for additional bindings",
        arguments: [
            ("/v1/shelves/{name.shelves}/books/{name.books}", "get", "LibraryService_GetBook"),
            ("/v1/books/{name}", "get", "LibraryService_GetBook2"),
            ("/v1/shelves/{name.shelves}/books/{name.books}", "patch", "LibraryService_UpdateBook"),
            ("/v1/shelves/{name.shelves}/books/{name.books}:move", "post", "LibraryService_MoveBook"),
        ])
    func operationIds(_ path: String, _ method: String, _ expected: String) async throws {
        #expect(try await Self.paths()[path][method]["operationId"].equals("\"\(expected)\""))
    }

    @Test("a multi-segment variable is one parameter per wildcard, without a slash")
    func multiSegment() async throws {
        let get = try await Self.paths()["/v1/shelves/{name.shelves}/books/{name.books}"]["get"]
        let parameters = try #require(get["parameters"].value as? [[String: Any]])
        #expect(parameters.map { $0["name"] as? String } == ["name.shelves", "name.books"])
        #expect(parameters.allSatisfy { $0["in"] as? String == "path" && $0["required"] as? Bool == true })
        let first = ParsedJSON(parameters.first?["schema"])
        #expect(first.equals(#"{"pattern": "^[^/]+$", "type": "string"}"#))
    }

    @Test("query parameters: nested by dotted .proto path, repeated as form+explode, well-known types by $ref")
    func query() async throws {
        let list = try await Self.paths()["/v1/shelves/{shelf_id}/books"]["get"]
        let parameters = try #require(list["parameters"].value as? [[String: Any]])
        #expect(
            parameters.map { $0["name"] as? String } == [
                "shelf_id", "page.size", "page.token", "tags", "binding", "published_after", "in_print",
            ])
        let tags = try #require(parameters.first { $0["name"] as? String == "tags" })
        #expect(tags["style"] as? String == "form")
        #expect(tags["explode"] as? Bool == true)
        #expect(
            ParsedJSON(parameters[1]["schema"]).equals(
                #"{"format":"int32","maximum":100,"minimum":1,"type":"integer"}"#))
        #expect(ParsedJSON(parameters[0]["schema"]).equals(#"{"format":"uuid","type":"string"}"#))
    }

    @Test("201 with Location, a body field, a header parameter and the declared error's status")
    func create() async throws {
        let create = try await Self.paths()["/v1/shelves/{shelf_id}/books"]["post"]
        #expect(create["responses"]["201"]["headers"]["Location"]["schema"].equals(#"{"type":"string"}"#))
        #expect(
            create["responses"]["409"]["content"]["application/json"]["schema"]["$ref"].equals(
                ##""#/components/schemas/google.rpc.Status""##))
        #expect(
            create["requestBody"]["content"]["application/json"]["schema"]["$ref"].equals(
                ##""#/components/schemas/library.v1.Book""##))
        let parameters = try #require(create["parameters"].value as? [[String: Any]])
        #expect(parameters.last?["in"] as? String == "header")
        #expect(parameters.last?["name"] as? String == "Idempotency-Key")
    }

    @Test("204 has no content; default is google.rpc.Status")
    func delete() async throws {
        let responses = try await Self.paths()["/v1/shelves/{name.shelves}/books/{name.books}"]["delete"]["responses"]
        #expect(responses["204"].equals(#"{"description": "Success, with no content."}"#))
        #expect(
            responses["default"]["content"]["application/json"]["schema"]["$ref"].equals(
                ##""#/components/schemas/google.rpc.Status""##))
    }

    @Test("body * leaves out what the path binds; errors mapping to one status share a response")
    func move() async throws {
        let move = try await Self.paths()["/v1/shelves/{name.shelves}/books/{name.books}:move"]["post"]
        let body = move["requestBody"]["content"]["application/json"]["schema"]
        let properties = try #require(body["properties"].value as? [String: Any])
        #expect(properties.keys.sorted() == ["note", "targetShelf", "ticket"])
        #expect(move["responses"]["202"]["content"]["application/json"].value != nil)
        #expect(
            move["responses"]["400"]["description"].equals(
                #""`FAILED_PRECONDITION`: the book is on loan\n\n`OUT_OF_RANGE`.""#))
    }

    @Test("response_body, server streaming, HttpBody and a multi-segment ** variable")
    func bodies() async throws {
        let paths = try await Self.paths()
        #expect(
            paths["/v1/books/{name}/title"]["get"]["responses"]["200"]["content"]["application/json"]["schema"].equals(
                #"{"maxLength":200,"minLength":1,"type":"string"}"#))
        let watch = paths["/v1/shelves/{shelf_id}:watch"]["get"]["responses"]["200"]["content"]
        // Each NDJSON line wraps a response as {"result": …}, or ends the stream with {"error": Status}.
        let line = watch["application/x-ndjson"]["schema"]["oneOf"]
        #expect(
            line[0]["properties"]["result"]["$ref"].equals(##""#/components/schemas/library.v1.ShelfEvent""##))
        #expect(line[0]["required"].equals(#"["result"]"#))
        #expect(line[1]["properties"]["error"]["$ref"].equals(##""#/components/schemas/google.rpc.Status""##))
        #expect(watch["text/event-stream"].value != nil)
        #expect(paths["/v1/files/{path}"]["get"]["responses"]["200"]["content"]["*/*"].value != nil)
        #expect(paths["/v1/covers/{book_id}"]["put"]["requestBody"]["content"]["*/*"].value != nil)
    }
}
