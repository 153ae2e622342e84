import Bytes
import GoogleContracts
import HTTPRouting
import RPC
import RestTestbed
import Testing

@testable import Gateway

/// The testbed's plans, for unit tests of the request-building rules.
struct TestbedPlans {
    let context: GatewayContext

    init(configuration: GatewayConfiguration = .defaults) throws {
        context = try GatewayContext(
            server: RPCServer(services: [LibraryService()]),
            services: [Room619_Testing_Library_V1_Library.descriptor],
            configuration: configuration)
    }

    func plan(_ httpMethod: String, _ path: String) throws -> RoutePlan {
        try #require(context.plans.first { $0.route.httpMethod == httpMethod && $0.route.path == path })
    }

    /// Binds `query` (and `path` bindings) on the route and returns the direct members as JSON text.
    func bind(
        _ httpMethod: String, _ path: String, query: String, bindings: [VariableBinding] = [],
        headers: [String: String] = [:], ignoringUnknown: Bool = false
    ) throws -> (direct: String, overBody: String) {
        let binder = RequestBinder(
            plan: try plan(httpMethod, path), schemas: context.schemas, ignoresUnknownParameters: ignoringUnknown)
        let parameters = try QueryStringParser().parse(query)
        let fields = try binder.bind(path: bindings, query: parameters) { headers[$0] }
        return (text(fields.direct.buffer), text(fields.overBody.buffer))
    }

    /// The failure binding `query` raises.
    func refusal(_ httpMethod: String, _ path: String, query: String) throws -> HTTPFailure {
        do {
            _ = try bind(httpMethod, path, query: query)
        } catch let failure as HTTPFailure {
            return failure
        }
        Issue.record("'\(query)' was accepted")
        return HTTPFailure(httpStatus: 200, message: "")
    }

    func text(_ buffer: ByteBuffer) -> String { String(decoding: buffer.readableBytesArray, as: UTF8.self) }
}

@Suite("Request binding: path variables, query parameters and headers become typed JSON members")
struct RequestBinderTests {
    let plans: TestbedPlans

    init() throws { plans = try TestbedPlans() }

    func probe(_ query: String) throws -> String {
        try plans.bind("GET", "/v1/probe/{id}", query: query).direct
    }

    @Test("a path variable becomes its field; a nested one a nested object")
    func pathVariables() throws {
        let flat = try plans.bind(
            "GET", "/v1/probe/{id}", query: "", bindings: [VariableBinding(fieldPath: ["id"], value: "7")])
        #expect(flat.direct == #"{"id":"7"}"#)
        // PATCH /v1/{book.name=…} body "book": the variable is inside the body, applied over it.
        let nested = try plans.bind(
            "PATCH", "/v1/{book.name=shelves/*/books/*}", query: "",
            bindings: [VariableBinding(fieldPath: ["book", "name"], value: "shelves/1/books/2")])
        #expect(nested.direct == "{}")
        #expect(nested.overBody == #"{"book":{"name":"shelves/1/books/2"}}"#)
    }

    @Test("nested query keys build nested objects, by .proto or JSON name")
    func nested() throws {
        #expect(try probe("page.size=10&page.token=x") == #"{"page":{"size":"10","token":"x"}}"#)
        #expect(try probe("page.size=10") == #"{"page":{"size":"10"}}"#)
        #expect(try probe("ubig=5") == #"{"ubig":"5"}"#)
    }

    @Test("a repeated field collects every occurrence in order")
    func repeated() throws {
        #expect(try probe("tags=a&tags=b&tags=a") == #"{"tags":["a","b","a"]}"#)
        #expect(try probe("numbers=1&numbers=-2") == #"{"numbers":["1","-2"]}"#)
    }

    @Test("enums by name (a string) or by number (a literal)")
    func enums() throws {
        #expect(try probe("genre=HISTORY") == #"{"genre":"HISTORY"}"#)
        #expect(try probe("genre=2") == #"{"genre":2}"#)
        #expect(try probe("genres=1&genres=SCIENCE") == #"{"genres":[1,"SCIENCE"]}"#)
    }

    @Test("bools in strconv.ParseBool's forms", arguments: ["true", "True", "1", "t", "false", "F", "0"])
    func bools(text: String) throws {
        let expected = ["true", "True", "1", "t"].contains(text) ? "true" : "false"
        #expect(try probe("flag=\(text)") == #"{"flag":\#(expected)}"#)
    }

    @Test("a bool that is not one is 400 naming the parameter")
    func badBool() throws {
        let failure = try plans.refusal("GET", "/v1/probe/{id}", query: "flag=yes")
        #expect(failure.httpStatus == 400)
        #expect(failure.status.fieldViolations.first?.field == "flag")
    }

    @Test("64-bit integers, bytes and the well-known types go in their JSON string forms")
    func stringForms() throws {
        #expect(try probe("big=-9007199254740993") == #"{"big":"-9007199254740993"}"#)
        #expect(try probe("blob=-_8") == #"{"blob":"-_8"}"#)
        #expect(try probe("since=2024-01-02T03:04:05Z") == #"{"since":"2024-01-02T03:04:05Z"}"#)
        #expect(try probe("ttl=1.5s") == #"{"ttl":"1.5s"}"#)
        #expect(try probe("mask=book.display_name,title") == #"{"mask":"book.displayName,title"}"#)
        #expect(try probe("rating=5&note=hi&verified=0") == #"{"rating":"5","note":"hi","verified":false}"#)
    }

    @Test("Struct and Value take their JSON text, checked to be one JSON value")
    func structured() throws {
        #expect(try probe("attributes=%7B%22a%22%3A1%7D") == #"{"attributes":{"a":1}}"#)
        let failure = try plans.refusal("GET", "/v1/probe/{id}", query: "attributes=%7B%7D,1")
        #expect(failure.status.fieldViolations.first?.field == "attributes")
    }

    @Test("unknown parameters are 400 naming them, or skipped when configured")
    func unknown() throws {
        let failure = try plans.refusal("GET", "/v1/probe/{id}", query: "nope=1")
        #expect(failure.httpStatus == 400)
        #expect(failure.status.message.contains("unknown query parameter 'nope'"))
        #expect(failure.status.fieldViolations.first?.field == "nope")
        let nested = try plans.refusal("GET", "/v1/probe/{id}", query: "page.nope=1")
        #expect(nested.status.fieldViolations.first?.field == "page.nope")
        let skipped = try plans.bind("GET", "/v1/probe/{id}", query: "nope=1&tags=a", ignoringUnknown: true)
        #expect(skipped.direct == #"{"tags":["a"]}"#)
    }

    @Test("a parameter naming a field the path or the body sets is 400")
    func bound() throws {
        let path = try plans.refusal("GET", "/v1/probe/{id}", query: "id=1")
        #expect(path.status.message == "query parameter 'id': the path sets 'id'")
        let whole = try plans.refusal("POST", "/v1/probe", query: "tags=a")
        #expect(whole.status.message.contains("body \"*\""))
        let field = try plans.refusal("POST", "/v1/{parent=shelves/*}/books", query: "book.title=x")
        #expect(field.status.message == "query parameter 'book.title': the body sets 'book'")
    }

    @Test("a singular field given twice, a map, a repeated message or a message itself is 400")
    func refusals() throws {
        #expect(
            try plans.refusal("GET", "/v1/probe/{id}", query: "flag=1&flag=0").status.message.contains("more than once")
        )
        #expect(try plans.refusal("GET", "/v1/probe/{id}", query: "filters=1").status.message.contains("map fields"))
        #expect(try plans.refusal("GET", "/v1/probe/{id}", query: "filters.a=1").status.message.contains("map fields"))
        #expect(
            try plans.refusal("GET", "/v1/probe/{id}", query: "authors.born=1").status.message.contains(
                "repeated messages"))
        #expect(try plans.refusal("GET", "/v1/probe/{id}", query: "page=1").status.message.contains("is a message"))
    }

    @Test("a bound header sets its field")
    func header() throws {
        let bound = try plans.bind(
            "POST", "/v1/{parent=shelves/*}/books", query: "", headers: ["idempotency-key": "k-1"])
        #expect(bound.direct == #"{"idempotency_key":"k-1"}"#)
    }
}
