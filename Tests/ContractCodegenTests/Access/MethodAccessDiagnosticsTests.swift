import ContractCodegen
import Foundation
import ProtoRuntime
import Testing

/// An access declaration that cannot work fails the build, naming the file and line, the
/// service and method, and the reason; every valid one generates.
@Suite("Method access: declaration errors, and what is allowed")
struct MethodAccessDiagnosticsTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var options: String
        var expected: [String]
        var testDescription: String { name }
    }

    static func access(_ access: String, http: String? = nil) -> String {
        (http.map { "option (google.api.http) = {\($0)};\n    " } ?? "")
            + "option (room619.api.v1.method) = {access: {\(access)}};"
    }

    static let cases: [Case] = [
        Case(
            name: "public and roles", options: access(#"public: true roles: ["admin"]"#),
            expected: ["(room619.api.v1.method) access sets public and roles; at most one may be set"]),
        Case(
            name: "public and internal", options: access("public: true internal: true"),
            expected: ["access sets public and internal; at most one may be set"]),
        Case(
            name: "all three", options: access(#"public: true roles: ["admin"] internal: true"#),
            expected: ["access sets public, roles and internal; at most one may be set"]),
        Case(
            name: "roles and internal", options: access(#"roles: ["admin"] internal: true"#),
            expected: ["access sets roles and internal"]),
        Case(
            name: "an empty role", options: access(#"roles: ["admin", ""]"#),
            expected: ["access lists an empty role", #"name a role, such as "admin""#]),
        Case(
            name: "a duplicate role", options: access(#"roles: ["admin", "staff", "admin"]"#),
            expected: [#"access lists the role "admin" twice"#]),
        Case(
            name: "an upper-case role", options: access(#"roles: ["Admin"]"#),
            expected: [#"access role "Admin" is not a role name ([a-z][a-z0-9_-]{0,63})"#, "lower-case letters"]),
        Case(
            name: "a role starting with a digit", options: access(#"roles: ["1st"]"#),
            expected: [#"role "1st" is not a role name"#]),
        Case(
            name: "a role with a space", options: access(#"roles: ["shop admin"]"#),
            expected: [#"role "shop admin" is not a role name"#]),
        Case(
            name: "a role of 65 characters", options: access("roles: [\"\(String(repeating: "a", count: 65))\"]"),
            expected: ["is not a role name", "at most 64 characters"]),
        Case(
            name: "an enum-style role name", options: access(#"roles: ["ROLE_ADMIN"]"#),
            expected: [#"role "ROLE_ADMIN" is not a role name"#]),
        Case(
            name: "an internal method with an HTTP rule", options: access("internal: true", http: #"get: "/v1/x""#),
            expected: [
                "access is internal, but the method has a google.api.http rule",
                "internal methods are not routed from the REST edge: remove the google.api.http rule",
            ]),
    ]

    @Test("each declaration that cannot work names file, line, method and reason", arguments: cases)
    func generationError(_ testCase: Case) async throws {
        let error = try await RESTContract.error(services: RESTContract.method(testCase.options))
        #expect(error.contains("bad.proto:"), "no file in: \(error)")
        #expect(error.contains(": bad.v1.S.M: error: "), "no method in: \(error)")
        for part in testCase.expected {
            #expect(error.contains(part), "\(part) missing from: \(error)")
        }
    }

    @Test("the error names the method's line in the .proto file")
    func line() async throws {
        let error = try await RESTContract.error(
            services: RESTContract.method(Self.access("internal: true public: true")))
        let source = RESTContract.source(services: RESTContract.method(Self.access("internal: true public: true")))
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        let rpcLine = try #require(lines.firstIndex { $0.contains("rpc M(") }) + 1
        #expect(error.hasPrefix("bad.proto:\(rpcLine): bad.v1.S.M: error: "), "\(error)")
    }

    @Test("every problem of a method is reported, each once, in one failure")
    func everyProblem() async throws {
        let error = try await RESTContract.error(
            services: RESTContract.method(
                Self.access(#"internal: true roles: ["x", "x", "Y"]"#, http: #"get: "/v1/x""#)))
        for part in [
            "sets roles and internal", #"the role "x" twice"#, #"role "Y" is not"#,
            "but the method has a google.api.http rule",
        ] {
            #expect(error.components(separatedBy: part).count == 2, "\(part) not exactly once in: \(error)")
        }
    }

    static let allowed: [(String, String)] = [
        ("public: true", "access: .public)"),
        ("internal: true", "access: .internal)"),
        (#"roles: ["admin"]"#, #"access: .authenticated(roles: ["admin"]))"#),
        (#"roles: ["b", "a-1", "c_2"]"#, #"access: .authenticated(roles: ["b", "a-1", "c_2"]))"#),
        ("roles: [\"\(String(repeating: "z", count: 64))\"]", "roles: [\"\(String(repeating: "z", count: 64))\"]))"),
        ("", "kind: .unary)"),
        ("public: false internal: false", "kind: .unary)"),
    ]

    @Test("valid declarations generate their descriptor argument", arguments: allowed)
    func allowedDeclaration(declaration: String, ending: String) async throws {
        let response = try await RESTContract.generate(services: RESTContract.method(Self.access(declaration)))
        #expect(response.error == nil, "\(response.error ?? "")")
        let services = try #require(response.file.first { $0.name == "bad.rpc.swift" }?.content)
        let line = try #require(services.split(separator: "\n").first { $0.contains("static let m = ") })
        #expect(line.hasSuffix(ending), "\(line)")
    }

    @Test("a public or role-restricted method keeps its REST route")
    func routedAccess() async throws {
        for declaration in ["public: true", #"roles: ["admin"]"#] {
            let response = try await RESTContract.generate(
                services: RESTContract.method(Self.access(declaration, http: #"get: "/v1/{name}""#)))
            #expect(response.error == nil, "\(response.error ?? "")")
            #expect(RESTContract.routeTable(response).contains("method: Method.m,"))
        }
    }
}
