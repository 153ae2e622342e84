import ContractCodegen
import Foundation
import ProtoRuntime
import Testing

/// room619's HTTP options that cannot work fail the build, naming the file, the service and
/// method, and the reason; rules that can work generate, and other generators' options are
/// ignored.
@Suite("REST routes: room619 option errors, and what is allowed")
struct HTTPRouteOptionDiagnosticsTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var options: String
        var requestExtra = ""
        var streams = ""
        var expected: [String]
        var testDescription: String { name }
    }

    static func rule(_ http: String, method: String) -> String {
        "option (google.api.http) = {\(http)};\n    option (room619.api.v1.method) = {\(method)};"
    }

    static let cases: [Case] = [
        Case(
            name: "a success status outside 200/201/202/204",
            options: rule(#"post: "/v1/x" body: "*""#, method: "success: {status: 418}"),
            expected: ["success status 418 is not 200, 201, 202 or 204"]),
        Case(
            name: "a Location with status 200",
            options: rule(#"post: "/v1/x" body: "*""#, method: #"success: {status: 200 location: "/v1/x/{id}"}"#),
            expected: [#"success location "/v1/x/{id}" is set, but the success status is 200"#]),
        Case(
            name: "a Location variable naming no response field",
            options: rule(#"post: "/v1/x" body: "*""#, method: #"success: {status: 201 location: "/v1/x/{nope}"}"#),
            expected: ["variable {nope} names no field of the response", "no field 'nope' in bad.v1.Res"]),
        Case(
            name: "a Location variable naming a message",
            options: rule(#"post: "/v1/x" body: "*""#, method: #"success: {status: 201 location: "/v1/x/{inner}"}"#),
            expected: ["variable {inner} names a message (bad.v1.Inner), not a scalar"]),
        Case(
            name: "a Location variable naming a repeated field",
            options: rule(#"post: "/v1/x" body: "*""#, method: #"success: {status: 202 location: "/v1/x/{tags}"}"#),
            expected: ["variable {tags} names a repeated field, not a scalar"]),
        Case(
            name: "a Location with a wildcard outside a variable",
            options: rule(#"post: "/v1/x" body: "*""#, method: #"success: {status: 201 location: "/v1/*/{id}"}"#),
            expected: ["has a wildcard outside a variable"]),
        Case(
            name: "a Location that is not a template",
            options: rule(#"post: "/v1/x" body: "*""#, method: #"success: {status: 201 location: "v1/x"}"#),
            expected: [#"success location "v1/x" is not a valid template"#, "missing leading slash"]),
        Case(
            name: "204 with a response_body",
            options: rule(#"delete: "/v1/{name}" response_body: "name""#, method: "success: {status: 204}"),
            expected: [#"response_body "name" is set, but the success status 204 sends no body"#]),
        Case(
            name: "204 on a server-streaming method",
            options: rule(#"get: "/v1/x""#, method: "success: {status: 204}"), streams: "stream ",
            expected: ["success status 204 has no body, but the method streams its responses"]),
        Case(
            name: "OK declared as an error",
            options: rule(#"get: "/v1/x""#, method: "errors: [{code: OK}]"),
            expected: ["declares the error code OK, which is not an error"]),
        Case(
            name: "an error declared twice",
            options: rule(#"get: "/v1/x""#, method: "errors: [{code: NOT_FOUND}, {code: NOT_FOUND}]"),
            expected: ["declares the error NOT_FOUND twice"]),
        Case(
            name: "a header on a non-string field", options: #"option (google.api.http) = {get: "/v1/x"};"#,
            requestExtra: #"int32 retries = 20 [(room619.api.v1.header) = "X-Retries"];"#,
            expected: [
                #"(room619.api.v1.header) "X-Retries" on bad.v1.Req.retries"#, "an int32; a header binds a string",
            ]),
        Case(
            name: "a header on a repeated string", options: #"option (google.api.http) = {get: "/v1/x"};"#,
            requestExtra: #"repeated string trace = 20 [(room619.api.v1.header) = "X-Trace"];"#,
            expected: ["a repeated field; a header binds a string"]),
        Case(
            name: "a header name that is not a token", options: #"option (google.api.http) = {get: "/v1/x"};"#,
            requestExtra: #"string token = 20 [(room619.api.v1.header) = "X Token"];"#,
            expected: [#""X Token" on bad.v1.Req.token is not an HTTP header name"#]),
        Case(
            name: "two fields bound to one header", options: #"option (google.api.http) = {get: "/v1/x"};"#,
            requestExtra: #"""
                string first = 20 [(room619.api.v1.header) = "X-Key"];
                  string second = 21 [(room619.api.v1.header) = "x-key"];
                """#,
            expected: ["the fields first and second bind the same header"]),
        Case(
            name: "a header field that is also a path variable",
            options: #"option (google.api.http) = {get: "/v1/{token}"};"#,
            requestExtra: #"string token = 20 [(room619.api.v1.header) = "X-Token"];"#,
            expected: ["the field token is bound to the header X-Token and to the path variable {token}"]),
        Case(
            name: "a header field that is the body",
            options: #"option (google.api.http) = {post: "/v1/x" body: "token"};"#,
            requestExtra: #"string token = 20 [(room619.api.v1.header) = "X-Token"];"#,
            expected: ["the field token is bound to the header X-Token and is the body"]),
    ]

    @Test("each option that cannot work names file, method and reason", arguments: cases)
    func generationError(_ testCase: Case) async throws {
        let services = RESTContract.method(testCase.options, streams: testCase.streams)
        let error = try await RESTContract.error(services: services, requestExtra: testCase.requestExtra)
        #expect(error.contains("bad.proto:"), "no file in: \(error)")
        #expect(error.contains("bad.v1.S.M"), "no method in: \(error)")
        for part in testCase.expected {
            #expect(error.contains(part), "\(part) missing from: \(error)")
        }
    }

    @Test("a header binding that cannot work is reported once, not once per method taking the request")
    func headerErrorOnce() async throws {
        let services = """
            service S {
              rpc A(Req) returns (Res) { option (google.api.http) = {get: "/v1/a"}; }
              rpc B(Req) returns (Res) { option (google.api.http) = {get: "/v1/b"}; }
            }
            """
        let error = try await RESTContract.error(
            services: services, requestExtra: #"int32 retries = 20 [(room619.api.v1.header) = "X-Retries"];"#)
        #expect(error.components(separatedBy: "X-Retries").count == 2, "\(error)")
        #expect(error.contains("bad.v1.S.A"))
    }

    static let allowed: [String] = [
        #"delete: "/v1/{name}" body: "*""#,  // DELETE with a body: grpc-gateway v2 allows it
        #"get: "/v1/{at}/{mask}/{alias}/{number}""#,  // string-form well-known types in the path
        #"get: "/v1/{alias=names/**}""#,  // a multi-segment variable on a StringValue
        #"patch: "/v1/{inner.id=things/*}" body: "inner""#,  // AIP-134: a path variable inside the body
        #"post: "/v1/x" body: "tags""#,  // a repeated body field: a JSON array (http.proto)
        #"post: "/v1/x" body: "labels""#,  // a map body field: a JSON object
        #"custom: {kind: "*" path: "/v1/any/{name}"}"#,  // any method (http.proto's custom "*")
        #"custom: {kind: "OPTIONS" path: "/v1/x"}"#,
        #"get: "/v1/x" response_body: "tags""#,
    ]

    @Test("rules google.api.http allows generate a route", arguments: allowed)
    func allowedRule(_ rule: String) async throws {
        let response = try await RESTContract.generate(
            services: RESTContract.method("option (google.api.http) = {\(rule)};"))
        #expect(response.error == nil, "\(response.error ?? "")")
        #expect(RESTContract.routeTable(response).contains("method: Method.m,"))
    }

    @Test("client- and bidirectional-streaming methods with a route are planned, not refused")
    func streamingRoutes() async throws {
        let services = """
            service S {
              rpc Up(stream Req) returns (Res) { option (google.api.http) = {post: "/v1/up" body: "*"}; }
              rpc Chat(stream Req) returns (stream Res) { option (google.api.http) = {post: "/v1/chat" body: "*"}; }
            }
            """
        let response = try await RESTContract.generate(services: services)
        #expect(response.error == nil, "\(response.error ?? "")")
        let table = RESTContract.routeTable(response)
        #expect(table.contains("method: Method.up,"))
        #expect(table.contains("method: Method.chat,"))
    }

    @Test("options of another generator (grpc-gateway's openapiv2 numbers) are ignored: same route table")
    func otherGeneratorOptions() async throws {
        let other = """
            syntax = "proto3";
            package other.v1;
            import "google/protobuf/descriptor.proto";
            message Doc { string summary = 1; repeated string tags = 2; }
            extend google.protobuf.MethodOptions { Doc operation = 1042; }
            extend google.protobuf.FieldOptions { Doc field = 1042; }
            extend google.protobuf.ServiceOptions { Doc tag = 1042; }
            """
        let plain = RESTContract.method(#"option (google.api.http) = {get: "/v1/{name}"};"#)
        let annotated = """
            service S {
              option (other.v1.tag) = {summary: "things"};
              rpc M(Req) returns (Res) {
                option (google.api.http) = {get: "/v1/{name}"};
                option (other.v1.operation) = {summary: "Gets a thing" tags: ["things"]};
              }
            }
            """
        let without = try await RESTContract.generate(services: plain)
        let with = try await RESTContract.generate(
            services: annotated, requestExtra: #"string note = 20 [(other.v1.field) = {summary: "a note"}];"#,
            imports: #"import "other.proto";"#, others: ["other.proto": other])
        #expect(with.error == nil, "\(with.error ?? "")")
        #expect(!RESTContract.routeTable(with).isEmpty)
        #expect(RESTContract.routeTable(with) == RESTContract.routeTable(without))
    }
}
