import Testing

@testable import HTTPRouting

/// `google/api/http.proto`, `HttpRule`: a single-segment variable is encoded by clients with
/// everything but `[-_.~0-9a-zA-Z]` escaped and "the server side does the reverse decoding"; a
/// multi-segment variable keeps `/` unescaped and the server decodes "except "%2F" and "%2f" are
/// left unchanged".
@Suite("Router: percent-decoding of path variables, single- and multi-segment")
struct RouterDecodingTests {
    static let routes = [("GET", "/v1/items/{id}"), ("GET", "/v1/files/{path=**}"), ("GET", "/v1/{name=shelves/*}")]

    @Test(
        "{id} decodes every escape, %2F included",
        arguments: [
            ("abc", "abc"), ("a%2Fb", "a/b"), ("a%2fb", "a/b"), ("%41%62", "Ab"), ("a%20b", "a b"), ("a+b", "a+b"),
            ("%E2%82%AC", "€"), ("caf%C3%A9", "café"), ("%3A%40%21%24%26", ":@!$&"), ("%25", "%"), ("%2525", "%25"),
            ("%3F%23", "?#"), ("%00", "\u{0}"), ("%7e", "~"), ("a:b", "a:b"), ("%F0%9F%98%80", "😀"),
        ])
    func singleSegment(raw: String, decoded: String) throws {
        let router = try makeRouter(Self.routes)
        #expect(outcome(router, "GET", "/v1/items/\(raw)") == "GET /v1/items/{id} id=\(decoded)")
    }

    @Test(
        "{path=**} decodes every escape but %2F and %2f, which stay as sent",
        arguments: [
            ("a/b/c", "a/b/c"), ("a%2Fb/c", "a%2Fb/c"), ("a%2fb", "a%2fb"), ("%41/%62", "A/b"), ("a%20b", "a b"),
            ("%3A%40%21", ":@!"), ("%25", "%"), ("%252F", "%2F"), ("%E2%82%AC/x", "€/x"), ("a+b", "a+b"),
        ])
    func multiSegment(raw: String, decoded: String) throws {
        let router = try makeRouter(Self.routes)
        #expect(outcome(router, "GET", "/v1/files/\(raw)") == "GET /v1/files/{path=**} path=\(decoded)")
    }

    @Test("a variable over a fixed number of segments is multi-segment too")
    func fixedMultiSegment() throws {
        let router = try makeRouter(Self.routes)
        #expect(outcome(router, "GET", "/v1/shelves/a%2Fb") == "GET /v1/{name=shelves/*} name=shelves/a%2Fb")
        #expect(outcome(router, "GET", "/v1/shelves/a%20b") == "GET /v1/{name=shelves/*} name=shelves/a b")
        #expect(outcome(router, "GET", "/v1/sh%65lves/x") == "GET /v1/{name=shelves/*} name=shelves/x")
    }

    @Test(
        "allExceptReserved keeps every RFC 6570 reserved escape",
        arguments: [
            ("a%2Fb", "a%2Fb"),
            (
                "%3A%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%3F%23%5B%5D",
                "%3A%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%3F%23%5B%5D"
            ),
            ("%41", "A"), ("a%20b", "a b"), ("%25", "%"), ("%7E%2D%2E%5F", "~-._"), ("%3a", "%3a"),
        ])
    func allExceptReserved(raw: String, decoded: String) throws {
        let configuration = RouterConfiguration.defaults { $0.multiSegmentDecoding = .allExceptReserved }
        let router = try makeRouter(Self.routes, configuration: configuration)
        #expect(outcome(router, "GET", "/v1/files/\(raw)") == "GET /v1/files/{path=**} path=\(decoded)")
        #expect(outcome(router, "GET", "/v1/items/\(raw)").hasPrefix("GET /v1/items/{id} id=") == true)
    }

    @Test("single-segment values decode fully under allExceptReserved too")
    func singleSegmentUnaffected() throws {
        let configuration = RouterConfiguration.defaults { $0.multiSegmentDecoding = .allExceptReserved }
        let router = try makeRouter(Self.routes, configuration: configuration)
        #expect(outcome(router, "GET", "/v1/items/%3A%2F") == "GET /v1/items/{id} id=:/")
    }

    @Test(
        "a value that is not UTF-8 once decoded is refused, naming the variable",
        arguments: [
            "/v1/items/%FF", "/v1/items/%C3", "/v1/items/%C3%28", "/v1/files/a/%ED%A0%80", "/v1/items/%C0%AF",
        ])
    func invalidUTF8(path: String) throws {
        let router = try makeRouter(Self.routes)
        do {
            let match = try router.match(method: "GET", path: path)
            Issue.record("matched: \(match)")
        } catch {
            #expect(error.code == .invalidUTF8)
            #expect(error.httpStatus == 400)
            #expect(error.fieldPath == (path.hasPrefix("/v1/items") ? "id" : "path"))
        }
    }

    @Test("rejectsEncodedSlashes refuses %2F anywhere, in any case")
    func encodedSlashRejected() throws {
        let configuration = RouterConfiguration.defaults { $0.rejectsEncodedSlashes = true }
        let router = try makeRouter(Self.routes, configuration: configuration)
        #expect(outcome(router, "GET", "/v1/items/a%2Fb") == "error encoded slash 400")
        #expect(outcome(router, "GET", "/v1/files/a%2fb") == "error encoded slash 400")
        #expect(outcome(router, "GET", "/nowhere/%2F") == "error encoded slash 400")
        #expect(outcome(router, "GET", "/v1/items/a%2Eb") == "GET /v1/items/{id} id=a.b")
    }
}
