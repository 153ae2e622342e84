import ContractCodegen
import Foundation
import ProtoRuntime
import Testing

/// A `google.api.http` rule that cannot work fails the build, naming the file, the service and
/// method, and the reason.
@Suite("REST routes: google.api.http generation errors")
struct HTTPRouteDiagnosticsTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var rule: String
        var expected: [String]
        var testDescription: String { name }
    }

    static func http(_ body: String) -> String { "option (google.api.http) = {\(body)};" }

    static let cases: [Case] = [
        Case(
            name: "invalid template syntax, with the offset", rule: http(#"get: "/v1/{name""#),
            expected: ["the path template is invalid", "unterminated variable", "at byte 4"]),
        Case(
            name: "'**' not last", rule: http(#"get: "/v1/{name=**}/x""#),
            expected: ["the path template is invalid", "misplaced '**'", "must be the last segment"]),
        Case(
            name: "a path variable naming no field", rule: http(#"get: "/v1/{nope}""#),
            expected: ["path variable {nope} names no field of the request", "no field 'nope' in bad.v1.Req"]),
        Case(
            name: "a path variable on a repeated field", rule: http(#"get: "/v1/{tags}""#),
            expected: ["path variable {tags} names a repeated field"]),
        Case(
            name: "a path variable on a map", rule: http(#"get: "/v1/{labels}""#),
            expected: ["path variable {labels} names a map"]),
        Case(
            name: "a path variable on a message", rule: http(#"get: "/v1/{inner}""#),
            expected: ["path variable {inner} names a message (bad.v1.Inner)"]),
        Case(
            name: "a nested path through a repeated field", rule: http(#"get: "/v1/{inners.id}""#),
            expected: ["path variable {inners.id}", "'inners' is a repeated field"]),
        Case(
            name: "a nested path through a scalar", rule: http(#"get: "/v1/{name.x}""#),
            expected: ["path variable {name.x}", "'name' is not a message"]),
        Case(
            name: "a nested path into a well-known type", rule: http(#"get: "/v1/{at.seconds}""#),
            expected: ["path variable {at.seconds}", "google.protobuf.Timestamp, a well-known type"]),
        Case(
            name: "a multi-segment variable on an int64", rule: http(#"get: "/v1/{id=items/*}""#),
            expected: ["path variable {id} spans several segments", "needs a string field", "an int64"]),
        Case(
            name: "a '**' variable on a Timestamp", rule: http(#"get: "/v1/{at=**}""#),
            expected: ["path variable {at} spans several segments", "google.protobuf.Timestamp"]),
        Case(
            name: "a body naming no field", rule: http(#"post: "/v1/x" body: "nope""#),
            expected: [#"body "nope" names no field of the request"#]),
        Case(
            name: "a body naming a nested field", rule: http(#"post: "/v1/x" body: "inner.id""#),
            expected: [#"body "inner.id" is a path; it must name a top-level field"#]),
        Case(
            name: "a body field that is also a path variable", rule: http(#"post: "/v1/{name}" body: "name""#),
            expected: [#"body "name" is also the path variable {name}"#]),
        Case(
            name: "a response_body naming no field", rule: http(#"get: "/v1/x" response_body: "nope""#),
            expected: [#"response_body "nope" names no field of the response"#, "bad.v1.Res"]),
        Case(
            name: "a response_body naming a nested field", rule: http(#"get: "/v1/x" response_body: "inner.id""#),
            expected: [#"response_body "inner.id" is a path"#]),
        Case(
            name: "a custom pattern with an empty kind", rule: http(#"custom: {path: "/v1/x"}"#),
            expected: ["custom pattern with an empty kind"]),
        Case(
            name: "a custom kind that is not a token", rule: http(#"custom: {kind: "GE T" path: "/v1/x"}"#),
            expected: [#"custom kind "GE T" is not an HTTP method"#]),
        Case(
            name: "a rule with no pattern", rule: http(#"body: "*""#), expected: ["the rule has no pattern"]),
        Case(
            name: "nested additional_bindings",
            rule: http(#"get: "/v1/a" additional_bindings {get: "/v1/b" additional_bindings {get: "/v1/c"}}"#),
            expected: ["additional_bindings[0]", "additional_bindings inside an additional binding"]),
        Case(
            name: "an error in an additional binding names it",
            rule: http(#"get: "/v1/a" additional_bindings {get: "/v1/{nope}"}"#),
            expected: ["google.api.http additional_bindings[0]", "path variable {nope}"]),
        Case(
            name: "GET with a body", rule: http(#"get: "/v1/x" body: "*""#),
            expected: ["a GET request has no body, but the rule sets body"]),
        Case(
            name: "a custom HEAD with a body", rule: http(#"custom: {kind: "HEAD" path: "/v1/x"} body: "name""#),
            expected: ["a HEAD request has no body"]),
        Case(
            name: "a binding that conflicts with the method's own additional binding",
            rule: http(#"get: "/v1/{name}" additional_bindings {get: "/v1/{key}"}"#),
            expected: [
                #"additional_bindings[0] GET "/v1/{key}" of bad.v1.S.M matches the same requests as the binding "#
                    + #"GET "/v1/{name}" of bad.v1.S.M"#
            ]),
    ]

    @Test("each rule that cannot work names file, method and reason", arguments: cases)
    func generationError(_ testCase: Case) async throws {
        let error = try await RESTContract.error(services: RESTContract.method(testCase.rule))
        #expect(error.contains("bad.proto:"), "no file in: \(error)")
        #expect(error.contains("bad.v1.S.M"), "no method in: \(error)")
        for part in testCase.expected {
            #expect(error.contains(part), "\(part) missing from: \(error)")
        }
    }

    @Test("two methods of one service that match the same requests are an error naming both")
    func conflictInService() async throws {
        let services = """
            service S {
              rpc A(Req) returns (Res) { option (google.api.http) = {get: "/v1/things/{name}"}; }
              rpc B(Req) returns (Res) { option (google.api.http) = {get: "/v1/things/{id=*}"}; }
            }
            """
        let error = try await RESTContract.error(services: services)
        #expect(error.contains("bad.proto:"))
        #expect(error.contains(#"GET "/v1/things/{id=*}" of bad.v1.S.B matches the same requests as"#))
        #expect(error.contains(#"GET "/v1/things/{name}" of bad.v1.S.A"#))
    }

    @Test("bindings of two services of one file that match the same requests are an error naming both")
    func conflictAcrossServices() async throws {
        let services = """
            service S { rpc A(Req) returns (Res) { option (google.api.http) = {post: "/v1/{name=a/*}:go" body: "*"}; } }
            service T { rpc B(Req) returns (Res) { option (google.api.http) = {post: "/v1/a/{key}:go" body: "*"}; } }
            """
        let error = try await RESTContract.error(services: services)
        #expect(error.contains("bad.v1.T.B matches the same requests as"))
        #expect(error.contains("of bad.v1.S.A"))
    }

    @Test("every conflict is reported, not just the first")
    func everyConflict() async throws {
        let services = """
            service S {
              rpc A(Req) returns (Res) { option (google.api.http) = {get: "/v1/{name}"}; }
              rpc B(Req) returns (Res) { option (google.api.http) = {get: "/v1/{key}"}; }
              rpc C(Req) returns (Res) { option (google.api.http) = {delete: "/v1/x/{name}"}; }
              rpc D(Req) returns (Res) { option (google.api.http) = {delete: "/v1/x/{key}"}; }
            }
            """
        let error = try await RESTContract.error(services: services)
        #expect(error.contains("of bad.v1.S.B matches the same requests as"))
        #expect(error.contains("of bad.v1.S.D matches the same requests as"))
    }

    @Test("every rule error of a file is reported, not just the first")
    func everyError() async throws {
        let services = """
            service S {
              rpc A(Req) returns (Res) { option (google.api.http) = {get: "/v1/{nope}"}; }
              rpc B(Req) returns (Res) { option (google.api.http) = {post: "/v1/b" body: "nope"}; }
            }
            """
        let error = try await RESTContract.error(services: services)
        #expect(error.contains("bad.v1.S.A: error: google.api.http: GET \"/v1/{nope}\""))
        #expect(error.contains("bad.v1.S.B: error: google.api.http: POST \"/v1/b\""))
    }
}
