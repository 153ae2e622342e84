import Testing

@testable import HTTPRouting

@Suite("Router: precedence, verbs, methods, conflicts")
struct RouterTests {
    @Test("a literal beats * beats **, leftmost segment first")
    func precedence() throws {
        let router = try makeRouter([
            ("GET", "/v1/users/me"), ("GET", "/v1/users/{id}"), ("GET", "/v1/users/{path=**}"), ("GET", "/v1/**"),
            ("GET", "/v1/{collection}/{id}/details"), ("GET", "/v1/users/{id}/details"),
        ])
        #expect(outcome(router, "GET", "/v1/users/me") == "GET /v1/users/me")
        #expect(outcome(router, "GET", "/v1/users/42") == "GET /v1/users/{id} id=42")
        #expect(outcome(router, "GET", "/v1/users/42/x") == "GET /v1/users/{path=**} path=42/x")
        #expect(outcome(router, "GET", "/v1/users") == "GET /v1/users/{path=**} path=")
        #expect(outcome(router, "GET", "/v1/other") == "GET /v1/**")
        #expect(outcome(router, "GET", "/v1") == "GET /v1/**")
        #expect(outcome(router, "GET", "/v1/users/42/details") == "GET /v1/users/{id}/details id=42")
        #expect(
            outcome(router, "GET", "/v1/books/42/details") == "GET /v1/{collection}/{id}/details collection=books id=42"
        )
        #expect(outcome(router, "GET", "/v2") == "404")
    }

    @Test("a literal branch that dead-ends falls back to *")
    func backtracking() throws {
        let router = try makeRouter([
            ("GET", "/v1/users/me/settings"), ("GET", "/v1/users/{id}"), ("GET", "/v1/{a}/{b}/{c}/{d}"),
        ])
        #expect(outcome(router, "GET", "/v1/users/me") == "GET /v1/users/{id} id=me")
        #expect(outcome(router, "GET", "/v1/users/me/settings") == "GET /v1/users/me/settings")
        #expect(outcome(router, "GET", "/v1/users/me/other") == "404")
        #expect(
            outcome(router, "GET", "/v1/users/me/settings/x") == "GET /v1/{a}/{b}/{c}/{d} a=users b=me c=settings d=x")
    }

    @Test("the route for the request's method is found past a more specific route for another")
    func methodAware() throws {
        let router = try makeRouter([("GET", "/v1/users/me"), ("POST", "/v1/users/{id}"), ("PUT", "/v1/users/**")])
        #expect(outcome(router, "POST", "/v1/users/me") == "POST /v1/users/{id} id=me")
        #expect(outcome(router, "PUT", "/v1/users/me") == "PUT /v1/users/**")
        #expect(outcome(router, "GET", "/v1/users/me") == "GET /v1/users/me")
    }

    @Test("405 lists every method the path takes; 404 when it takes none")
    func methodNotAllowed() throws {
        let router = try makeRouter([
            ("GET", "/v1/users/me"), ("POST", "/v1/users/{id}"), ("PATCH", "/v1/**"),
            ("DELETE", "/v1/users/{id}:purge"),
        ])
        #expect(outcome(router, "DELETE", "/v1/users/me") == "405 GET,PATCH,POST")
        #expect(outcome(router, "GET", "/v1/users/42") == "405 PATCH,POST")
        #expect(outcome(router, "GET", "/v1/users/42:purge") == "405 DELETE,PATCH,POST")
        #expect(outcome(router, "get", "/v1/users/me") == "405 GET,PATCH,POST")
        #expect(outcome(router, "GET", "/v2/users") == "404")
        let match = try router.match(method: "PUT", path: "/v1/users/me")
        #expect(match == .methodNotAllowed(allowed: ["GET", "PATCH", "POST"]))
    }

    @Test("a verb route wins; a verb no template has stays part of the segment")
    func verbs() throws {
        let router = try makeRouter([
            ("POST", "/v1/{name=shelves/*}:archive"), ("GET", "/v1/{name=shelves/*}"), ("POST", "/v1/items/{id}"),
            ("POST", "/v1/items/{id}:cancel"), ("POST", "/v1/items:batchGet"), ("POST", "/v1/{path=**}:undelete"),
        ])
        #expect(outcome(router, "POST", "/v1/shelves/1:archive") == "POST /v1/{name=shelves/*}:archive name=shelves/1")
        #expect(outcome(router, "GET", "/v1/shelves/1:archive") == "GET /v1/{name=shelves/*} name=shelves/1:archive")
        #expect(outcome(router, "POST", "/v1/items/7:cancel") == "POST /v1/items/{id}:cancel id=7")
        #expect(outcome(router, "POST", "/v1/items/7:refund") == "POST /v1/items/{id} id=7:refund")
        #expect(outcome(router, "POST", "/v1/items/a:b:cancel") == "POST /v1/items/{id}:cancel id=a:b")
        #expect(outcome(router, "POST", "/v1/items:batchGet") == "POST /v1/items:batchGet")
        #expect(outcome(router, "POST", "/v1/items/:cancel") == "POST /v1/items/{id} id=:cancel")
        #expect(outcome(router, "POST", "/v1:undelete") == "POST /v1/{path=**}:undelete path=")
        #expect(outcome(router, "POST", "/v1/a/b:undelete") == "POST /v1/{path=**}:undelete path=a/b")
        #expect(outcome(router, "POST", "/v1/items/7:cancel?x=1") == "POST /v1/items/{id}:cancel id=7")
        #expect(outcome(router, "POST", "/v1/items/7:c%61ncel") == "POST /v1/items/{id}:cancel id=7")
    }

    @Test("a route for any method (*) loses to one for the request's method at the same template")
    func anyMethod() throws {
        let router = try makeRouter([("*", "/v1/things/{id}"), ("GET", "/v1/things/{id}"), ("GET", "/v1/{x}/{y}")])
        #expect(outcome(router, "GET", "/v1/things/1") == "GET /v1/things/{id} id=1")
        #expect(outcome(router, "OPTIONS", "/v1/things/1") == "* /v1/things/{id} id=1")
        #expect(outcome(router, "OPTIONS", "/v1/other/1") == "405 GET")
        let match = try router.match(method: "HEAD", path: "/v1/things/1")
        guard case .matched(let matched) = match else {
            Issue.record("no match: \(match)")
            return
        }
        #expect(matched.method == "*")
        #expect(matched.index == 0)
        #expect(matched.value(for: "id") == "1")
        #expect(matched.value(for: "nope") == nil)
        #expect(matched.template.canonical == "/v1/things/{id}")
    }

    @Test("the root path, a template of only **, and the query")
    func root() throws {
        let router = try makeRouter([("GET", "/{path=**}"), ("GET", "/health")])
        #expect(outcome(router, "GET", "/") == "GET /{path=**} path=")
        #expect(outcome(router, "GET", "/health") == "GET /health")
        #expect(outcome(router, "GET", "/health?verbose=1") == "GET /health")
        #expect(outcome(router, "GET", "/a/b/c?x") == "GET /{path=**} path=a/b/c")
        #expect(outcome(router, "GET", "/?x") == "GET /{path=**} path=")
        #expect(
            try router.match(method: "GET", path: Substring("/x/health").dropFirst(2))
                == router.match(method: "GET", path: "/health"))
    }

    @Test("literals match in RFC 3986 normal form, case-sensitively")
    func literalNormalization() throws {
        let router = try makeRouter([("GET", "/v1/~user/a%2Fb"), ("GET", "/v1/Users")])
        #expect(outcome(router, "GET", "/v1/%7Euser/a%2fb") == "GET /v1/~user/a%2Fb")
        #expect(outcome(router, "GET", "/v1/%7euser/a%2Fb") == "GET /v1/~user/a%2Fb")
        #expect(outcome(router, "GET", "/v1/~user/a/b") == "404")
        #expect(outcome(router, "GET", "/v1/%55sers") == "GET /v1/Users")
        #expect(outcome(router, "GET", "/v1/users") == "404")
    }

    @Test("many routes: every one is reached by its own path")
    func manyRoutes() throws {
        var routes: [(String, String)] = []
        for index in 0..<500 {
            routes.append(("GET", "/v\(index)/items/{id}"))
            routes.append(("POST", "/v\(index)/items/{id}:run"))
            routes.append(("GET", "/v\(index)/items/{id}/parts/{part=**}"))
        }
        let router = try makeRouter(routes)
        #expect(router.routes.count == 1500)
        for index in stride(from: 0, to: 500, by: 37) {
            #expect(outcome(router, "GET", "/v\(index)/items/\(index)") == "GET /v\(index)/items/{id} id=\(index)")
            #expect(outcome(router, "POST", "/v\(index)/items/x:run") == "POST /v\(index)/items/{id}:run id=x")
            #expect(
                outcome(router, "GET", "/v\(index)/items/x/parts/a/b")
                    == "GET /v\(index)/items/{id}/parts/{part=**} id=x part=a/b")
            #expect(outcome(router, "DELETE", "/v\(index)/items/1") == "405 GET")
        }
        #expect(outcome(router, "GET", "/v500/items/1") == "404")
    }
}
