import Testing

@testable import HTTPRouting

@Suite("Router: what the route table may not contain")
struct RouterBuildTests {
    @Test(
        "equivalent templates under one method are refused, naming both",
        arguments: [
            ("/v1/{a}", "/v1/{b=*}"),
            ("/v1/{a}/x", "/v1/*/x"),
            ("/v1/{a=**}", "/v1/**"),
            ("/v1/{name=shelves/*}", "/v1/shelves/{id}"),
            ("/v1/x%7E", "/v1/x~"),
            ("/v1/a%2fb", "/v1/a%2Fb"),
            ("/v1/{id}:cancel", "/v1/*:cancel"),
        ])
    func conflicts(first: String, second: String) throws {
        let error = try #require(
            try routerError([("GET", "/v1/other"), ("GET", first), ("POST", second), ("GET", second)]))
        #expect(error.code == .conflictingRoutes)
        #expect(error.routeIndices == [1, 3])
        #expect(error.message.contains("route 3 (GET \(try PathTemplate(second).canonical))"))
        #expect(error.message.contains("route 1 (GET \(try PathTemplate(first).canonical))"))
    }

    @Test(
        "overlapping but distinguishable templates are fine",
        arguments: [
            ("/v1/{a}", "/v1/**"), ("/v1/{a}", "/v1/x"), ("/v1/{a}", "/v1/{a}:verb"), ("/v1/{a}:x", "/v1/{a}:y"),
            ("/v1/**", "/v1/**:verb"), ("/v1/*/**", "/v1/**"), ("/v1/a%3Ab", "/v1/a:b"),
        ])
    func distinguishable(first: String, second: String) throws {
        let router = try makeRouter([("GET", first), ("GET", second)])
        #expect(router.routes.count == 2)
    }

    @Test("the same template under different methods, and under * and a method, is fine")
    func methods() throws {
        let router = try makeRouter([
            ("GET", "/v1/{a}"), ("POST", "/v1/{b}"), ("*", "/v1/{c}"), ("CUSTOM-X", "/v1/{d}"),
        ])
        #expect(outcome(router, "CUSTOM-X", "/v1/1") == "CUSTOM-X /v1/{d} d=1")
    }

    @Test("a method that is not a token is refused", arguments: ["", "GE T", "GET\r\n", "PÖST", "(GET)"])
    func invalidMethod(method: String) throws {
        let error = try #require(try routerError([("GET", "/v1"), (method, "/v2")]))
        #expect(error.code == .invalidMethod)
        #expect(error.routeIndices == [1])
    }

    @Test("a template longer than the segment limit, and limits below 1, are refused")
    func limits() throws {
        let tight = RouterConfiguration.defaults { $0.limits.maxSegments = 3 }
        #expect(try makeRouter([("GET", "/a/b/c"), ("GET", "/a/b/c/**")], configuration: tight).routes.count == 2)
        let error = try #require(try routerError([("GET", "/a/b/c/d")], configuration: tight))
        #expect(error.code == .unmatchableRoute)
        #expect(error.routeIndices == [0])
        for configuration in [
            RouterConfiguration.defaults { $0.limits.maxSegments = 0 },
            RouterConfiguration.defaults { $0.limits.maxPathBytes = 0 },
        ] {
            let error = try #require(try routerError([], configuration: configuration))
            #expect(error.code == .invalidConfiguration)
            #expect(error.routeIndices.isEmpty)
        }
    }

    @Test("an empty table matches nothing")
    func empty() throws {
        let router = try makeRouter([])
        #expect(outcome(router, "GET", "/") == "404")
        #expect(outcome(router, "GET", "/v1/x:verb") == "404")
    }

    @Test("the error describes itself")
    func description() throws {
        let error = try #require(try routerError([("GET", "/v1/{name}"), ("GET", "/v1/{id=*}")]))
        #expect(
            error.description
                == "conflicting routes: \"route 1 (GET /v1/{id}) matches the same requests as route 0 (GET /v1/{name})\""
        )
    }
}
