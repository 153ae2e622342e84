import ContractCodegen
import Foundation
import ProtoRuntime
import Testing

/// The generator's output for `Golden/rest.proto` (every shape of `google.api.http` rule and
/// room619 HTTP option) must match the committed `rest.pb.swift` and `rest.rpc.swift` byte for
/// byte. Regenerate with `scripts/update-golden.sh` (or `UPDATE_GOLDEN=1`) and review the diff.
@Suite("REST routes: golden files")
struct RESTGoldenTests {
    @Test("rest.proto generates the committed messages and services files, route table included")
    func golden() async throws {
        let response = CodeGenerator.generate(try await Protoc.request("rest.proto", parameter: "access=public"))
        #expect(response.error == nil, "\(response.error ?? "")")
        #expect(response.file.map { $0.name ?? "" } == ["rest.pb.swift", "rest.rpc.swift"])
        for file in response.file {
            let content = try #require(file.content)
            let goldenURL = Protoc.goldenDirectory.appendingPathComponent(try #require(file.name))
            if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
                try Data(content.utf8).write(to: goldenURL)
            }
            let golden = try String(contentsOf: goldenURL, encoding: .utf8)
            #expect(
                content == golden,
                "generated code differs from \(goldenURL.lastPathComponent); run scripts/update-golden.sh and review")
        }
    }

    @Test("the same input gives the same route table")
    func deterministic() async throws {
        let request = try await Protoc.request("rest.proto", parameter: "access=public")
        #expect(CodeGenerator.generate(request) == CodeGenerator.generate(request))
    }

    @Test("each binding is one RPCHTTPRoute, in contract order, the rule before its additional bindings")
    func routeOrder() async throws {
        let response = CodeGenerator.generate(try await Protoc.request("rest.proto", parameter: "access=public"))
        let services = try #require(response.file.last?.content)
        let methods = services.split(separator: "\n").compactMap { line -> String? in
            let text = line.trimmingCharacters(in: .whitespaces)
            guard text.hasPrefix("method: Method.") else { return nil }
            return String(text.dropFirst("method: Method.".count).prefix { $0 != "," })
        }
        #expect(
            methods == [
                "getBook", "getBook", "listBooks", "createBook", "updateBook", "updateBook", "deleteBook",
                "archiveBook", "headBook", "getBookTitle", "listAllBooks", "batchCreateBooks", "watchBooks",
                "uploadBooks", "readFile", "listEvents", "getShelf",
            ])
        // A service without rules, and the method without one, add nothing.
        #expect(!services.contains("method: Method.`internal`"))
    }

    @Test("services without google.api.http rules emit no route table")
    func noRoutes() async throws {
        let response = CodeGenerator.generate(try await Protoc.request("service.proto", parameter: "access=public"))
        let services = try #require(response.file.last?.content)
        #expect(!services.contains("httpRoutes"))
    }
}
