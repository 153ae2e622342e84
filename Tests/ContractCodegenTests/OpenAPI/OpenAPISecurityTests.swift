import ContractCodegen
import Foundation
import ProtoRuntime
import Testing

/// Who may call each operation, in OpenAPI: `components.securitySchemes.bearerAuth`, each
/// operation's `security`, and the 401 and 403 responses a token requirement brings, from
/// `Golden/access.proto` (a method of each access) and small contracts written here.
@Suite("OpenAPI security from method access")
struct OpenAPISecurityTests {
    /// The document of `Golden/access.proto`.
    static func accessDocument() async throws -> ParsedJSON {
        var request = CodeGeneratorRequest()
        request.fileToGenerate = ["access.proto"]
        request.protoFile = try await Protoc.descriptorSet("access.proto", extensions: CodeGenerator.optionExtensions)
            .file
        let documents = try OpenAPIGenerator.generate(request)
        #expect(documents.map(\.fileName) == ["golden.access.v1.openapi.json"])
        return try ParsedJSON(text: try #require(documents.first).content)
    }

    /// The documents of a throwaway `sec.proto` (package `sec.v1`) whose service is `service`.
    static func documents(service: String) async throws -> [OpenAPIGenerator.Document] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "room619-sec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let proto = """
            syntax = "proto3";
            package sec.v1;
            import "google/api/annotations.proto";
            import "room619/api/v1/options.proto";
            message R { string id = 1; }
            \(service)
            """
        try Data(proto.utf8).write(to: directory.appendingPathComponent("sec.proto"))
        var request = CodeGeneratorRequest()
        request.fileToGenerate = ["sec.proto"]
        request.protoFile = try await Protoc.descriptorSet(
            "sec.proto", in: directory, extensions: CodeGenerator.optionExtensions
        ).file
        return try OpenAPIGenerator.generate(request)
    }

    @Test("bearerAuth is an HTTP bearer scheme with JWT tokens")
    func scheme() async throws {
        let scheme = try await Self.accessDocument()["components"]["securitySchemes"]["bearerAuth"]
        #expect(scheme["type"].equals(#""http""#))
        #expect(scheme["scheme"].equals(#""bearer""#))
        #expect(scheme["bearerFormat"].equals(#""JWT""#))
        #expect((scheme["description"].value as? String)?.contains("Authorization: Bearer") == true)
    }

    @Test(
        "each operation's security and token responses follow its access",
        arguments: [
            ("/v1/items/{id}", "get", #"[{"bearerAuth": []}]"#, ["200", "401", "default"]),
            ("/v1/items/{id}:peek", "get", "[]", ["200", "default"]),
            (
                "/v1/items/{id}:seal", "post", #"[{"bearerAuth": ["admin", "vault-keeper_2"]}]"#,
                ["200", "401", "403", "default"]
            ),
            ("/v1/items/{id}:touch", "post", #"[{"bearerAuth": []}]"#, ["202", "401", "default"]),
        ])
    func operationSecurity(path: String, method: String, security: String, statuses: [String]) async throws {
        let operation = try await Self.accessDocument()["paths"][path][method]
        #expect(operation["security"].equals(security), "\(operation["security"].canonical)")
        let responses = try #require(operation["responses"].value as? [String: Any])
        #expect(responses.keys.sorted() == statuses)
        for status in ["401", "403"] where responses[status] != nil {
            #expect(
                operation["responses"][status]["content"]["application/json"]["schema"].equals(
                    ##"{"$ref": "#/components/schemas/google.rpc.Status"}"##))
        }
    }

    @Test("the 403 names the roles; the 401 says what a missing or bad token is")
    func responseWording() async throws {
        let responses = try await Self.accessDocument()["paths"]["/v1/items/{id}:seal"]["post"]["responses"]
        let forbidden = try #require(responses["403"]["description"].value as? String)
        #expect(forbidden == "`PERMISSION_DENIED`: the access token has none of the roles `admin`, `vault-keeper_2`.")
        let unauthenticated = try #require(responses["401"]["description"].value as? String)
        #expect(unauthenticated.hasPrefix("`UNAUTHENTICATED`: no access token"))
    }

    @Test("internal methods have no operation, and no path mentions them")
    func internalLeftOut() async throws {
        let document = try await Self.accessDocument()
        let paths = try #require(document["paths"].value as? [String: [String: Any]])
        let ids = paths.values.flatMap { $0.values }.compactMap { ($0 as? [String: Any])?["operationId"] as? String }
        #expect(ids.sorted() == ["Vault_Peek", "Vault_Read", "Vault_Seal", "Vault_Touch"])
        #expect(!document.canonical.contains("Reserve"))
    }

    @Test("a method's own declared 401 and 403 keep their wording")
    func declaredErrorsKept() async throws {
        let documents = try await Self.documents(
            service: """
                service S {
                  rpc Get(R) returns (R) {
                    option (google.api.http) = {get: "/v1/{id}"};
                    option (room619.api.v1.method) = {
                      access: {roles: ["admin"]}
                      errors: [{code: UNAUTHENTICATED, description: "sign in"}, {code: PERMISSION_DENIED, description: "admins"}]
                    };
                  }
                }
                """)
        let document = try ParsedJSON(text: try #require(documents.first).content)
        let responses = document["paths"]["/v1/{id}"]["get"]["responses"]
        #expect(responses["401"]["description"].equals(#""`UNAUTHENTICATED`: sign in""#))
        #expect(responses["403"]["description"].equals(#""`PERMISSION_DENIED`: admins""#))
    }

    @Test("a document whose operations are all public has no security scheme")
    func publicOnly() async throws {
        let documents = try await Self.documents(
            service: """
                service S {
                  rpc Get(R) returns (R) {
                    option (google.api.http) = {get: "/v1/{id}"};
                    option (room619.api.v1.method) = {access: {public: true}};
                  }
                  rpc Sync(R) returns (R) { option (room619.api.v1.method) = {access: {internal: true}}; }
                }
                """)
        let document = try ParsedJSON(text: try #require(documents.first).content)
        #expect(document["components"]["securitySchemes"].value == nil)
        #expect(document["paths"]["/v1/{id}"]["get"]["security"].equals("[]"))
    }

    @Test("an access declaration that cannot work fails the document with the generator's diagnostic")
    func badDeclaration() async throws {
        await #expect {
            _ = try await Self.documents(
                service: """
                    service S {
                      rpc Get(R) returns (R) {
                        option (google.api.http) = {get: "/v1/{id}"};
                        option (room619.api.v1.method) = {access: {internal: true}};
                      }
                    }
                    """)
        } throws: { error in
            let text = "\(error)"
            return text.contains("sec.proto:") && text.contains("sec.v1.S.Get")
                && text.contains("remove the google.api.http rule")
        }
    }
}
