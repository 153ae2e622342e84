import Bytes
import Foundation
import RPC
import RestTestbed
import Testing
import Transport

@testable import Gateway

/// Every mapping shape of the testbed, over HTTP/1.1 and h2c with the transport's own client.
@Suite("REST mapping shapes end to end, on a loopback port")
struct GatewayMappingTests {
    static let versions: [HTTPClient.Configuration.Version] = [.http1_1, .http2PriorKnowledge]

    @Test("path variables: single segment, multi-segment, additional bindings", arguments: versions)
    func paths(version: HTTPClient.Configuration.Version) async throws {
        try await withTestbed { testbed in
            let book = try await testbed.send("GET", "/v1/shelves/1/books/1", over: version)
            #expect(book.status == 200)
            #expect(book.headers["content-type"] == "application/json")
            #expect(try book.json()["title"] as? String == "The Left Hand of Darkness")
            #expect(try book.json()["pages"] as? String == "304")  // int64 as a string
            for path in ["/v1/shelves/7", "/v1/shelf/7"] {
                let shelf = try await testbed.send("GET", path, over: version)
                #expect(try shelf.json()["name"] as? String == "shelves/7")
            }
            // {shelf} decodes every escape, %2F included.
            let escaped = try await testbed.send("GET", "/v1/shelves/a%2Fb%20c", over: version)
            #expect(try escaped.json()["name"] as? String == "shelves/a/b c")
        }
    }

    @Test("** captures the rest, keeping %2F; the HttpBody response is the raw body", arguments: versions)
    func doubleWildcard(version: HTTPClient.Configuration.Version) async throws {
        try await withTestbed { testbed in
            let file = try await testbed.send("GET", "/v1/files/a/b%2Fc/d.txt", over: version)
            #expect(file.status == 200)
            #expect(file.headers["content-type"] == "text/plain; charset=utf-8")
            #expect(file.text == "contents of a/b%2Fc/d.txt\n")
        }
    }

    @Test(":verb with body \"*\": the path variable wins over the body's member", arguments: versions)
    func verbAndWholeBody(version: HTTPClient.Configuration.Version) async throws {
        try await withTestbed { testbed in
            let moved = try await testbed.send(
                "POST", "/v1/shelves/1/books/1:move",
                body: #"{"name":"shelves/1/books/2","destinationShelf":"shelves/9"}"#,
                over: version)
            #expect(moved.status == 200)
            #expect(try moved.json()["name"] as? String == "shelves/9/books/1")
        }
    }

    @Test("a body field, a header binding, 201 with Location", arguments: versions)
    func create(version: HTTPClient.Configuration.Version) async throws {
        try await withTestbed { testbed in
            let created = try await testbed.send(
                "POST", "/v1/shelves/4/books", body: #"{"title":"Dune","pages":"412","genre":"FICTION"}"#,
                headers: ["idempotency-key": "k-42"], over: version)
            #expect(created.status == 201)
            let json = try created.json()
            #expect(json["name"] as? String == "shelves/4/books/b1")
            #expect((json["labels"] as? [String: String])?["idempotency_key"] == "k-42")
            #expect(created.headers["location"] == "/v1/shelves/4/books/b1")
        }
    }

    @Test("202 with Location; 204 with no body", arguments: versions)
    func acceptedAndNoContent(version: HTTPClient.Configuration.Version) async throws {
        try await withTestbed { testbed in
            let archived = try await testbed.send("POST", "/v1/shelves/3:archive", body: "{}", over: version)
            #expect(archived.status == 202)
            #expect(archived.headers["location"] == "/v1/operations/archive%20shelves/3")
            let deleted = try await testbed.send("DELETE", "/v1/shelves/1/books/2", over: version)
            #expect(deleted.status == 204)
            #expect(deleted.body.readableBytes == 0)
            let again = try await testbed.send("DELETE", "/v1/shelves/1/books/2", over: version)
            #expect(again.status == 404)
        }
    }

    @Test("response_body sends that field only", arguments: versions)
    func responseBody(version: HTTPClient.Configuration.Version) async throws {
        try await withTestbed { testbed in
            let list = try await testbed.send("GET", "/v1/shelves/1/books?page_size=1", over: version)
            #expect(list.status == 200)
            let books = try #require(
                try JSONSerialization.jsonObject(with: Data(list.body.readableBytesArray)) as? [[String: Any]])
            #expect(books.count == 1)
            #expect(books.first?["name"] as? String == "shelves/1/books/1")
            let empty = try await testbed.send("GET", "/v1/shelves/99/books", over: version)
            #expect(empty.text == "[]")
        }
    }

    @Test("every query form, decoded into the request", arguments: versions)
    func queryForms(version: HTTPClient.Configuration.Version) async throws {
        try await withTestbed { testbed in
            let query =
                "page.size=10&tags=a&tags=b&genre=HISTORY&genres=1&genres=SCIENCE&flag=true&big=9007199254740993"
                + "&blob=-_8&since=2024-01-02T03:04:05Z&ttl=1.5s&mask=a.b,c_d&rating=5&note=hi&ratio=0.5"
                + "&numbers=1&numbers=2&verified=f"
            let probe = try await testbed.send("GET", "/v1/probe/7?" + query, over: version)
            #expect(probe.status == 200, "\(probe.text)")
            let json = try probe.json()
            #expect(json["id"] as? String == "7")
            #expect((json["page"] as? [String: Any])?["size"] as? Int == 10)
            #expect(json["tags"] as? [String] == ["a", "b"])
            #expect(json["genre"] as? String == "HISTORY")
            #expect(json["genres"] as? [String] == ["FICTION", "SCIENCE"])
            #expect(json["flag"] as? Bool == true)
            #expect(json["big"] as? String == "9007199254740993")
            #expect(json["blob"] as? String == "+/8=")
            #expect(json["since"] as? String == "2024-01-02T03:04:05Z")
            #expect(json["ttl"] as? String == "1.500s")
            #expect(json["mask"] as? String == "a.b,cD")
            #expect(json["rating"] as? Int == 5)
            #expect(json["note"] as? String == "hi")
            #expect(json["ratio"] as? Double == 0.5)
            #expect(json["numbers"] as? [String] == ["1", "2"])
            #expect(json["verified"] as? Bool == false)
        }
    }

    @Test("PATCH with a body field: the mask is inferred from the keys sent", arguments: versions)
    func patchMask(version: HTTPClient.Configuration.Version) async throws {
        try await withTestbed { testbed in
            let patched = try await testbed.send(
                "PATCH", "/v1/shelves/1/books/1", body: #"{"title":"New","author":{"born":1930}}"#, over: version)
            #expect(patched.status == 200, "\(patched.text)")
            let json = try patched.json()
            #expect(json["title"] as? String == "New")
            let author = json["author"] as? [String: Any]
            #expect(author?["born"] as? Int == 1930)
            #expect(author?["displayName"] as? String == "Ursula K. Le Guin")  // not in the mask: kept
            #expect((json["labels"] as? [String: String])?["update_mask"] == "title,author.born")
            // A mask the client sends is used as sent.
            let explicit = try await testbed.send(
                "PATCH", "/v1/shelves/1/books/1?update_mask=pages", body: #"{"title":"Ignored","pages":"9"}"#,
                over: version)
            let explicitJSON = try explicit.json()
            #expect(explicitJSON["title"] as? String == "New")
            #expect(explicitJSON["pages"] as? String == "9")
            #expect((explicitJSON["labels"] as? [String: String])?["update_mask"] == "pages")
        }
    }

    @Test("PATCH with body \"*\": the mask comes from the keys besides the mask; one sent is kept", arguments: versions)
    func patchWholeBody(version: HTTPClient.Configuration.Version) async throws {
        try await withTestbed { testbed in
            let inferred = try await testbed.send(
                "PATCH", "/v1/shelves/4", body: #"{"shelf":{"theme":"x"}}"#, over: version)
            #expect(try inferred.json()["theme"] as? String == "shelf.theme")
            #expect(try inferred.json()["name"] as? String == "shelves/4")  // the path wins
            let sent = try await testbed.send(
                "PATCH", "/v1/shelves/4", body: #"{"shelf":{"theme":"x"},"updateMask":"shelf.name"}"#, over: version)
            #expect(try sent.json()["theme"] as? String == "shelf.name")
        }
    }

    @Test("HttpBody uploads: as the request type and as the body field, any content type", arguments: versions)
    func uploads(version: HTTPClient.Configuration.Version) async throws {
        try await withTestbed { testbed in
            let raw = try await testbed.send(
                "POST", "/v1/raw", body: "a,b\n", headers: ["content-type": "text/csv"], over: version)
            #expect(try raw.json()["contentType"] as? String == "text/csv")
            #expect(try raw.json()["size"] as? String == "4")
            let file = try await testbed.send(
                "PUT", "/v1/files/img/x.png", body: "\u{1}PNG", headers: ["content-type": "image/png"], over: version)
            #expect(try file.json()["path"] as? String == "img/x.png")
            #expect(try file.json()["contentType"] as? String == "image/png")
            #expect(try file.json()["size"] as? String == "4")
        }
    }

    @Test("configuration: proto names out, unknown query parameters ignored, unpopulated fields left out")
    func configuration() async throws {
        let configuration = GatewayConfiguration.defaults {
            $0.json.usesProtoNames = true
            $0.json.emitsUnpopulatedFields = false
            $0.query.ignoresUnknownParameters = true
        }
        try await withTestbed(configuration: configuration) { testbed in
            let probe = try await testbed.send("GET", "/v1/probe/1?cache_buster=9&page.size=2")
            #expect(probe.text == #"{"id":"1","page":{"size":2}}"#)
            let book = try await testbed.send("GET", "/v1/shelves/1/books/2")
            #expect(book.text.contains(#""name":"shelves/1/books/2""#))
            #expect(!book.text.contains("available"))
            let created = try await testbed.send("POST", "/v1/shelves/1/books", body: #"{"title":"x"}"#)
            #expect(created.status == 201)
            let failure = try await testbed.send("GET", "/v1/fail/3")
            #expect(failure.text.contains("field_violations"))
        }
    }
}
