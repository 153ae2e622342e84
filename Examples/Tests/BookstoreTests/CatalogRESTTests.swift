import Bookstore
import Bytes
import Foundation
import Gateway
import RPC
import Testing
import Transport

@Suite("Bookstore example over REST: the contract's google.api.http routes, same handlers")
struct CatalogRESTTests {
    /// The catalog behind the gateway on a loopback port, and an HTTP/1.1 client.
    static func withServer(_ body: (HTTPClient, SocketAddress) async throws -> Void) async throws {
        let group = try EventLoopGroup(loopCount: 1)
        let handler = try GatewayHandler(server: RPCServer(services: [CatalogService(name: "shelf")]))
        let server = HTTPServer(configuration: .init(host: "127.0.0.1", port: 0), handler: handler, group: group)
        let address = try await server.start()
        let client = HTTPClient(group: group)
        do {
            try await body(client, address)
        } catch {
            client.shutdown()
            await server.shutdown(gracePeriod: .seconds(1))
            group.shutdown()
            throw error
        }
        client.shutdown()
        await server.shutdown(gracePeriod: .seconds(1))
        group.shutdown()
    }

    static func send(
        _ client: HTTPClient, _ address: SocketAddress, _ method: String, _ target: String, json: String? = nil
    ) async throws -> (status: Int, headers: HTTPHeaders, body: String) {
        var request = HTTPClientRequest(method: method, address: address, target: target)
        if let json {
            request.body = ByteBuffer(string: json)
            request.headers.add(name: "content-type", value: "application/json")
        }
        let response = try await client.execute(request)
        return (response.status, response.headers, String(decoding: response.body.readableBytesArray, as: UTF8.self))
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test("POST answers 201 with Location, GET reads it back, the list streams NDJSON, errors are JSON statuses")
    func endToEnd() async throws {
        try await Self.withServer { client, address in
            let book = #"{"isbn":"0131103628","title":"The C Programming Language","authors":["Kernighan","Ritchie"]}"#
            let created = try await Self.send(client, address, "POST", "/v1/books", json: book)
            #expect(created.status == 201)
            #expect(created.headers["location"] == "/v1/books/0131103628")
            #expect(try Self.object(created.body)["title"] as? String == "The C Programming Language")

            let fetched = try await Self.send(client, address, "GET", "/v1/books/0131103628")
            #expect(fetched.status == 200)
            #expect(try Self.object(fetched.body)["authors"] as? [String] == ["Kernighan", "Ritchie"])

            let listed = try await Self.send(client, address, "GET", "/v1/books?author=Ritchie")
            #expect(listed.status == 200)
            #expect(listed.headers["content-type"]?.hasPrefix("application/x-ndjson") == true)
            let lines = listed.body.split(separator: "\n")
            #expect(lines.count == 1)
            let first = try Self.object(String(lines.first ?? ""))
            #expect((first["result"] as? [String: Any])?["isbn"] as? String == "0131103628")

            // The same handler's ALREADY_EXISTS, as HTTP 409 with a google.rpc.Status body.
            let duplicate = try await Self.send(client, address, "POST", "/v1/books", json: book)
            #expect(duplicate.status == 409)
            #expect(try Self.object(duplicate.body)["code"] as? Int == 6)

            // The contract's rules run before the handler: 400 with a BadRequest naming the field.
            let invalid = try await Self.send(
                client, address, "POST", "/v1/books", json: #"{"isbn":"12-34","title":"x","authors":["a"]}"#)
            #expect(invalid.status == 400)
            let details = try #require(try Self.object(invalid.body)["details"] as? [[String: Any]])
            let violations = details.first?["fieldViolations"] as? [[String: Any]]
            #expect(violations?.first?["field"] as? String == "book.isbn")

            let missing = try await Self.send(client, address, "GET", "/v1/books/9999999999")
            #expect(missing.status == 404)
        }
    }
}
