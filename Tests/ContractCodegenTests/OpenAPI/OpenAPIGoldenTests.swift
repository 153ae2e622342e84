import ContractCodegen
import Foundation
import ProtoRuntime
import Testing

/// The OpenAPI document of `Tests/OpenAPI/golden/library/v1/library.proto` must match the
/// committed `library.v1.openapi.json` byte for byte. After an intended change, regenerate it
/// with `UPDATE_GOLDEN=1 swift test --filter OpenAPIGoldenTests` and review the diff.
@Suite("OpenAPI golden document")
struct OpenAPIGoldenTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("OpenAPI/golden")

    /// The generator's documents for the golden contract.
    static func documents() async throws -> [OpenAPIGenerator.Document] {
        var request = CodeGeneratorRequest()
        request.fileToGenerate = ["library/v1/library.proto"]
        request.protoFile = try await Protoc.descriptorSet(
            "library/v1/library.proto", in: directory, extensions: CodeGenerator.optionExtensions
        ).file
        return try OpenAPIGenerator.generate(request)
    }

    @Test("the library contract's document matches the golden file")
    func golden() async throws {
        let documents = try await Self.documents()
        #expect(documents.map(\.fileName) == ["library.v1.openapi.json"])
        let document = try #require(documents.first)
        let url = Self.directory.appendingPathComponent(document.fileName)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try Data(document.content.utf8).write(to: url)
        }
        let golden = try String(contentsOf: url, encoding: .utf8)
        #expect(document.content == golden, "run UPDATE_GOLDEN=1 swift test --filter OpenAPIGoldenTests and review")
    }

    @Test("the same contracts give the same bytes")
    func deterministic() async throws {
        let first = try await Self.documents()
        let second = try await Self.documents()
        #expect(first == second)
        #expect(first.first?.content.hasSuffix("}\n") == true)
    }

    @Test("a contract without routes gives no document")
    func noRoutes() async throws {
        var request = CodeGeneratorRequest()
        request.fileToGenerate = ["naming.proto"]
        request.protoFile = try await Protoc.descriptorSet("naming.proto", extensions: CodeGenerator.optionExtensions)
            .file
        #expect(try OpenAPIGenerator.generate(request).isEmpty)
    }

    @Test("a rule that cannot work fails with the planner's diagnostic")
    func badRule() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("room619-oa-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let proto = """
            syntax = "proto3";
            package bad.v1;
            import "google/api/annotations.proto";
            message R { string id = 1; }
            service S { rpc Get(R) returns (R) { option (google.api.http) = {get: "/v1/{missing}"}; } }
            """
        try Data(proto.utf8).write(to: directory.appendingPathComponent("bad.proto"))
        var request = CodeGeneratorRequest()
        request.fileToGenerate = ["bad.proto"]
        request.protoFile = try await Protoc.descriptorSet(
            "bad.proto", in: directory, extensions: CodeGenerator.optionExtensions
        ).file
        #expect {
            _ = try OpenAPIGenerator.generate(request)
        } throws: { error in
            "\(error)".contains("bad.proto") && "\(error)".contains("S.Get") && "\(error)".contains("missing")
        }
    }
}
