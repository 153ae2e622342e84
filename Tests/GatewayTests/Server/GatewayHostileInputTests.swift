import Bytes
import Foundation
import HTTPRouting
import RPC
import RestTestbed
import Testing
import Transport

@testable import Gateway

/// The issue's hostile inputs: each a 4xx with a clear message; none reaches the handler.
@Suite("Hostile input: 4xx, never the handler")
struct GatewayHostileInputTests {
    func expectRefused(
        _ testbed: Testbed, _ method: String, _ target: String, body: [UInt8]? = nil, status: Int,
        mentioning text: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        var request = HTTPClientRequest(method: method, address: testbed.address, target: target)
        if let body {
            request.body = ByteBuffer(bytes: body)
            request.headers.add(name: "content-type", value: "application/json")
        }
        let response = try await testbed.http1.execute(request)
        #expect(response.status == status, "\(response.text)", sourceLocation: sourceLocation)
        #expect(
            try response.status().message.lowercased().contains(text.lowercased()), "\(response.text)",
            sourceLocation: sourceLocation)
    }

    @Test("deeply nested, duplicate keys, invalid UTF-8, wrong types, out-of-range numbers")
    func bodies() async throws {
        try await withTestbed { testbed in
            let deep = Array((String(repeating: "[", count: 500) + String(repeating: "]", count: 500)).utf8)
            try await expectRefused(
                testbed, "POST", "/v1/shelves/1/books", body: deep, status: 400, mentioning: "nested")
            try await expectRefused(
                testbed, "POST", "/v1/probe", body: Array(#"{"page":"#.utf8) + deep + [0x7D], status: 400,
                mentioning: "page")
            try await expectRefused(
                testbed, "POST", "/v1/probe", body: Array(#"{"id":"a","id":"b"}"#.utf8), status: 400,
                mentioning: "already given")
            try await expectRefused(
                testbed, "POST", "/v1/probe", body: Array(#"{"id":""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8),
                status: 400, mentioning: "UTF-8")
            try await expectRefused(
                testbed, "POST", "/v1/probe", body: Array(#"{"flag":"yes"}"#.utf8), status: 400, mentioning: "flag")
            try await expectRefused(
                testbed, "POST", "/v1/probe", body: Array(#"{"page":{"size":4294967296}}"#.utf8), status: 400,
                mentioning: "page.size")
            try await expectRefused(
                testbed, "POST", "/v1/probe", body: Array(#"{"big":"1e400"}"#.utf8), status: 400, mentioning: "big")
            // A body field cannot smuggle a second member past its wrapping.
            try await expectRefused(
                testbed, "POST", "/v1/shelves/1/books", body: Array(#"{"title":"x"}, "parent": "shelves/2""#.utf8),
                status: 400, mentioning: "after the JSON value")
            #expect(testbed.service.handledCount == 0)
        }
    }

    @Test("paths: encoded slashes stay in their segment, dot segments and bad escapes are 400")
    func paths() async throws {
        try await withTestbed { testbed in
            try await expectRefused(testbed, "GET", "/v1/shelves/1/../books/1", status: 400, mentioning: "segment")
            try await expectRefused(testbed, "GET", "/v1/shelves/./1", status: 400, mentioning: "segment")
            try await expectRefused(testbed, "GET", "/v1/shelves/%ZZ", status: 400, mentioning: "%")
            try await expectRefused(testbed, "GET", "/v1/shelves/%FF", status: 400, mentioning: "UTF-8")
            // %2F in a multi-segment variable's segment does not split it: no route has 5 segments here.
            try await expectRefused(testbed, "GET", "/v1/shelves/1%2Fbooks/1", status: 404, mentioning: "no route")
            #expect(testbed.service.handledCount == 0)
        }
    }

    @Test("10,000 query parameters, a long query, bad escapes in the query")
    func queries() async throws {
        try await withTestbed(configuration: .defaults { $0.query.limits.maxBytes = 8192 }) { testbed in
            // 10,000 parameters do not fit in the transport's 16 KiB request head: refused before routing.
            let tenThousand = Array(repeating: "t", count: 10_000).joined(separator: "&")
            let refused = try await testbed.send("GET", "/v1/probe/1?" + tenThousand)
            #expect((400..<500).contains(refused.status))
            // Within the head, past the gateway's parameter limit (1,000) or byte limit.
            let many = (0..<2_000).map { "tags=\($0 % 10)" }.joined(separator: "&")
            try await expectRefused(
                testbed, "GET", "/v1/probe/1?" + String(many.prefix(8000)), status: 400, mentioning: "parameters")
            try await expectRefused(testbed, "GET", "/v1/probe/1?" + many, status: 414, mentioning: "limit")
            try await expectRefused(testbed, "GET", "/v1/probe/1?id=%FF", status: 400, mentioning: "UTF-8")
            try await expectRefused(testbed, "GET", "/v1/probe/1?tags=%G1", status: 400, mentioning: "hex")
            #expect(testbed.service.handledCount == 0)
        }
    }
}
