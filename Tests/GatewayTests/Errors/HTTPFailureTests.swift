import HTTPRouting
import RPC
import Testing

@testable import Gateway

@Suite("HTTP failures: routing and input errors become an HTTP status and a status body")
struct HTTPFailureTests {
    @Test("a handler's status takes its HTTP status from the mapping")
    func fromStatus() {
        let failure = HTTPFailure(RPCStatus(.alreadyExists, "order 7 exists"))
        #expect(failure.httpStatus == 409)
        #expect(failure.status.code == .alreadyExists)
        #expect(failure.allowHeader == nil)
        #expect(failure.description == "409 ALREADY_EXISTS: order 7 exists")
    }

    @Test("no route is 404 NOT_FOUND; a method not allowed is 405 with Allow")
    func routing() throws {
        let router = try makeRouter([("GET", "/v1/shelves"), ("POST", "/v1/shelves")])
        let notFound = try #require(HTTPFailure(route: try router.match(method: "GET", path: "/v2")))
        #expect(notFound.httpStatus == 404)
        #expect(notFound.status.code == .notFound)
        let notAllowed = try #require(HTTPFailure(route: try router.match(method: "DELETE", path: "/v1/shelves")))
        #expect(notAllowed.httpStatus == 405)
        #expect(notAllowed.status.code == .unimplemented)
        #expect(notAllowed.allowedMethods == ["GET", "POST"])
        #expect(notAllowed.allowHeader == "GET, POST")
        #expect(HTTPFailure(route: try router.match(method: "GET", path: "/v1/shelves")) == nil)
    }

    @Test("a refused path is 400 INVALID_ARGUMENT or 414 RESOURCE_EXHAUSTED")
    func pathErrors() throws {
        let router = try makeRouter(
            [("GET", "/v1/{id}")], configuration: .defaults { $0.limits.maxPathBytes = 8 })
        for (path, status, code) in [
            ("/v1/../x", 400, RPCStatus.Code.invalidArgument), ("/v1/%zz", 400, .invalidArgument),
            ("/v1/123456", 414, .resourceExhausted),
        ] {
            do {
                _ = try router.match(method: "GET", path: path)
                Issue.record("accepted \(path)")
            } catch {
                let failure = HTTPFailure(error)
                #expect(failure.httpStatus == status)
                #expect(failure.status.code == code)
                #expect(failure.status.message == error.message)
                #expect(error.rpcStatus.code == code)
            }
        }
    }

    @Test("invalid UTF-8 in a variable names the field in a BadRequest")
    func badRequestDetails() throws {
        let router = try makeRouter([("GET", "/v1/{sub.id}")])
        do {
            _ = try router.match(method: "GET", path: "/v1/%FF")
            Issue.record("accepted")
        } catch {
            let status = error.rpcStatus
            #expect(status.code == .invalidArgument)
            #expect(status.details != nil)
            #expect(HTTPFailure(error).httpStatus == 400)
        }
    }

    @Test("a refused query is 400 or 414")
    func queryErrors() {
        let parser = QueryStringParser(configuration: .defaults { $0.maxBytes = 4 })
        for (query, status, code) in [("a=%", 400, RPCStatus.Code.invalidArgument), ("abcde", 414, .resourceExhausted)]
        {
            do {
                _ = try parser.parse(query)
                Issue.record("accepted \(query)")
            } catch {
                #expect(HTTPFailure(error).httpStatus == status)
                #expect(HTTPFailure(error).status.code == code)
            }
        }
    }

    @Test("a status the gateway raises keeps its HTTP status")
    func raised() {
        let failure = HTTPFailure(httpStatus: 415, message: "the content type text/plain cannot be read")
        #expect(failure.httpStatus == 415)
        #expect(failure.status.code == .invalidArgument)
        #expect(
            HTTPFailure.methodNotAllowed(allowed: ["GET"]).description == "405 UNIMPLEMENTED: the path takes only GET")
    }
}

/// A router whose route values name the route (`GET /v1/shelves`).
private func makeRouter(
    _ routes: [(String, String)], configuration: RouterConfiguration = .defaults
) throws -> Router<String> {
    try Router(
        routes: routes.map { (method: $0.0, template: try PathTemplate($0.1), route: "\($0.0) \($0.1)") },
        configuration: configuration)
}
