import Bytes
import Foundation
import RPC
import RestTestbed
import Testing
import Transport

@testable import Gateway

/// Every error status of issue 13, as a `google.rpc.Status` body with its HTTP status.
@Suite("REST errors: statuses, bodies, and refusals that never reach the handler")
struct GatewayErrorTests {
    @Test(
        "a handler's status becomes its HTTP status and body code",
        arguments: RPCStatus.Code.allCases.filter { $0 != .ok })
    func handlerStatus(code: RPCStatus.Code) async throws {
        try await withTestbed { testbed in
            let response = try await testbed.send("GET", "/v1/fail/\(code.rawValue)?message=nope")
            #expect(response.status == HTTPStatusMapping.httpStatus(for: code))
            #expect(response.headers["content-type"] == "application/json")
            let status = try response.status()
            #expect(status.code == code.rawValue)
            #expect(status.message == "nope")
            if code == .invalidArgument { #expect(status.field == "code") }
        }
    }

    @Test("the issue's table: 400 404 409 403 401 429 400 503 504 501")
    func issueTable() {
        let expected: [(RPCStatus.Code, Int)] = [
            (.invalidArgument, 400), (.notFound, 404), (.alreadyExists, 409), (.permissionDenied, 403),
            (.unauthenticated, 401), (.resourceExhausted, 429), (.failedPrecondition, 400), (.unavailable, 503),
            (.deadlineExceeded, 504), (.unimplemented, 501),
        ]
        for (code, status) in expected { #expect(HTTPStatusMapping.httpStatus(for: code) == status) }
    }

    @Test("no route is 404; another method is 405 with Allow")
    func routing() async throws {
        try await withTestbed { testbed in
            let missing = try await testbed.send("GET", "/v2/nothing")
            #expect(missing.status == 404)
            #expect(try missing.status().code == 5)
            let wrongMethod = try await testbed.send("PUT", "/v1/shelves/1/books/1")
            #expect(wrongMethod.status == 405)
            #expect(wrongMethod.headers["allow"] == "DELETE, GET, PATCH")
            #expect(try wrongMethod.status().code == 12)
            #expect(testbed.service.handledCount == 0)
        }
    }

    @Test("a body that is not JSON is 400; a content type that is not JSON is 415")
    func notJSON() async throws {
        try await withTestbed { testbed in
            let garbage = try await testbed.send("POST", "/v1/shelves/1/books", body: "title=x")
            #expect(garbage.status == 400)
            #expect(try garbage.status().message.contains("not valid"))
            let xml = try await testbed.send(
                "POST", "/v1/shelves/1/books", body: "<book/>", headers: ["content-type": "application/xml"])
            #expect(xml.status == 415)
            #expect(try xml.status().code == 3)
            #expect(testbed.service.handledCount == 0)
        }
    }

    @Test("a JSON decoding error names the JSON path in a BadRequest")
    func jsonPath() async throws {
        try await withTestbed { testbed in
            let wrong = try await testbed.send("POST", "/v1/shelves/1/books", body: #"{"title":"x","pages":true}"#)
            #expect(wrong.status == 400)
            #expect(try wrong.status().field == "book.pages")
            let unknown = try await testbed.send("POST", "/v1/probe", body: #"{"nope":1}"#)
            #expect(unknown.status == 400)
            #expect(try unknown.status().field == "nope")
            #expect(testbed.service.handledCount == 0)
        }
        // Unknown fields skipped when configured.
        try await withTestbed(configuration: .defaults { $0.json.ignoresUnknownFields = true }) { testbed in
            let unknown = try await testbed.send("POST", "/v1/probe", body: #"{"nope":1,"id":"x"}"#)
            #expect(unknown.status == 200)
            #expect(try unknown.json()["id"] as? String == "x")
        }
    }

    @Test("validation failures are 400 with the BadRequest; the handler never runs")
    func validation() async throws {
        try await withTestbed { testbed in
            let invalid = try await testbed.send("POST", "/v1/shelves/1/books", body: #"{"title":""}"#)
            #expect(invalid.status == 400)
            let status = try invalid.status()
            #expect(status.code == 3)
            #expect(status.field == "book.title")
            #expect(testbed.service.handledCount == 0)
        }
    }

    @Test("a body over the limit is 413 and never reaches the handler")
    func tooLarge() async throws {
        try await withTestbed(configuration: .defaults { $0.maxBodyBytes = 1024 }) { testbed in
            let big = #"{"title":""# + String(repeating: "x", count: 2048) + #""}"#
            let response = try await testbed.send("POST", "/v1/shelves/1/books", body: big)
            #expect(response.status == 413)
            #expect(try response.status().code == 8)
            #expect(testbed.service.handledCount == 0)
        }
    }

    @Test("grpc-timeout becomes the deadline: 504 when it passes; malformed is 400")
    func deadline() async throws {
        try await withTestbed { testbed in
            let late = try await testbed.send("GET", "/v1/fail/0?sleep_ms=5000", headers: ["grpc-timeout": "100m"])
            #expect(late.status == 504)
            #expect(try late.status().code == 4)
            let malformed = try await testbed.send("GET", "/v1/whoami", headers: ["grpc-timeout": "soon"])
            #expect(malformed.status == 400)
        }
    }
}
