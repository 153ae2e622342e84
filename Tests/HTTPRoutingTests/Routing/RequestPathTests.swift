import Testing

@testable import HTTPRouting

@Suite("Router: request paths refused before routing, trailing slashes, limits")
struct RequestPathTests {
    static let routes = [("GET", "/v1/items/{id}"), ("GET", "/v1/files/{path=**}"), ("POST", "/v1/items/{id}:archive")]

    @Test(
        "refused with code, status and offset",
        arguments: [
            ("", RequestPathError.Code.notAbsolute, 0), ("v1/items/1", .notAbsolute, 0), ("*", .notAbsolute, 0),
            ("?x=1", .notAbsolute, 0), ("//", .emptySegment, 1), ("/v1//items", .emptySegment, 4),
            ("/v1/items//", .emptySegment, 10), ("//v1", .emptySegment, 1), ("/v1/./items", .dotSegment, 4),
            ("/v1/../items", .dotSegment, 4), ("/v1/files/..", .dotSegment, 10), ("/v1/files/../", .dotSegment, 10),
            ("/.", .dotSegment, 1), ("/v1/%2e/x", .dotSegment, 4), ("/v1/%2E%2e/x", .dotSegment, 4),
            ("/v1/.%2E/x", .dotSegment, 4), ("/v1/items/..:archive", .dotSegment, 10),
            ("/v1/items/%2E:archive", .dotSegment, 10), ("/v1/items/%", .malformedPercentEncoding, 10),
            ("/v1/items/%4", .malformedPercentEncoding, 10), ("/v1/items/%zz", .malformedPercentEncoding, 10),
            ("/v1/items/a%4/", .malformedPercentEncoding, 11), ("/v1/%%41", .malformedPercentEncoding, 4),
            ("/nowhere/%G1/x", .malformedPercentEncoding, 9),
        ])
    func refused(path: String, code: RequestPathError.Code, offset: Int) throws {
        let router = try makeRouter(Self.routes)
        do {
            let match = try router.match(method: "GET", path: path)
            Issue.record("not refused: \(match)")
        } catch {
            #expect(error.code == code, "\(error)")
            #expect(error.offset == offset, "\(error)")
            #expect(error.httpStatus == 400)
        }
    }

    @Test(
        "dots that are not dot-segments are ordinary characters",
        arguments: [
            ("/v1/items/...", "..."), ("/v1/items/.x", ".x"), ("/v1/items/..%2E", "..."), ("/v1/items/a..b", "a..b"),
            ("/v1/items/..:other", "..:other"),
        ])
    func ordinaryDots(path: String, id: String) throws {
        let router = try makeRouter(Self.routes)
        #expect(outcome(router, "GET", path) == "GET /v1/items/{id} id=\(id)")
    }

    @Test("one trailing slash is ignored by default")
    func trailingSlashIgnored() throws {
        let router = try makeRouter(Self.routes)
        #expect(outcome(router, "GET", "/v1/items/7/") == "GET /v1/items/{id} id=7")
        #expect(outcome(router, "GET", "/v1/files/a/b/") == "GET /v1/files/{path=**} path=a/b")
        #expect(outcome(router, "POST", "/v1/items/7:archive/") == "POST /v1/items/{id}:archive id=7")
        #expect(outcome(router, "GET", "/v1/items/7//") == "error empty segment 400")
        #expect(outcome(router, "GET", "/v1/files/") == "GET /v1/files/{path=**} path=")
    }

    @Test("with a significant trailing slash, a path ending in / matches nothing")
    func trailingSlashSignificant() throws {
        let configuration = RouterConfiguration.defaults { $0.trailingSlash = .significant }
        let router = try makeRouter(Self.routes + [("GET", "/{all=**}")], configuration: configuration)
        #expect(outcome(router, "GET", "/v1/items/7/") == "404")
        #expect(outcome(router, "GET", "/v1/files/a/") == "404")
        #expect(outcome(router, "GET", "/v1/items/7") == "GET /v1/items/{id} id=7")
        #expect(outcome(router, "GET", "/") == "GET /{all=**} all=")
        #expect(outcome(router, "GET", "/v1/../") == "error dot segment 400")
        #expect(outcome(router, "GET", "/v1/%zz/") == "error malformed percent-encoding 400")
    }

    @Test("a path over the byte limit is 414, at the limit it is routed")
    func pathTooLong() throws {
        let configuration = RouterConfiguration.defaults { $0.limits.maxPathBytes = 16 }
        let router = try makeRouter(Self.routes, configuration: configuration)
        #expect(outcome(router, "GET", "/v1/items/123456") == "GET /v1/items/{id} id=123456")
        #expect(outcome(router, "GET", "/v1/items/1234567") == "error path too long 414")
        #expect(
            outcome(router, "GET", "/v1/items/123456?a-long-query-is-not-the-path") == "GET /v1/items/{id} id=123456")
        let huge = "/" + String(repeating: "a", count: 1_000_000)
        #expect(outcome(router, "GET", huge) == "error path too long 414")
    }

    @Test("a path over the segment limit is 414, at the limit it is routed")
    func tooManySegments() throws {
        let configuration = RouterConfiguration.defaults { $0.limits.maxSegments = 4 }
        let router = try makeRouter(Self.routes, configuration: configuration)
        #expect(outcome(router, "GET", "/v1/files/a/b") == "GET /v1/files/{path=**} path=a/b")
        #expect(outcome(router, "GET", "/v1/files/a/b/") == "GET /v1/files/{path=**} path=a/b")
        #expect(outcome(router, "GET", "/v1/files/a/b/c") == "error too many segments 414")
        let deep = String(repeating: "/a", count: 100_000)
        #expect(outcome(try makeRouter(Self.routes), "GET", deep) == "error path too long 414")
        let roomy = RouterConfiguration.defaults { $0.limits.maxPathBytes = 1 << 20 }
        #expect(
            outcome(try makeRouter(Self.routes, configuration: roomy), "GET", deep) == "error too many segments 414")
    }

    @Test("the error describes itself")
    func description() throws {
        let router = try makeRouter(Self.routes)
        do {
            _ = try router.match(method: "GET", path: "/v1/shelves/../admin")
        } catch {
            #expect(
                error.description == "dot segment: \"'.' and '..' segments are not allowed\" (at byte 12 of the path)")
        }
    }
}
