import ContractCodegen
import Foundation
import ProtoRuntime
import Testing

/// A throwaway contract `bad.proto` (package `bad.v1`) for the REST diagnostics tests: request
/// `Req` and response `Res` with a field of every kind a rule can name, and the caller's
/// services.
enum RESTContract {
    /// The fields of `Req`; a test appends its own (numbered from 20).
    static let requestFields = """
          string name = 1;
          int64 id = 2;
          repeated string tags = 3;
          map<string, string> labels = 4;
          Inner inner = 5;
          google.protobuf.Timestamp at = 6;
          repeated Inner inners = 7;
          string key = 8;
          int32 count = 9;
          google.protobuf.FieldMask mask = 10;
          google.protobuf.StringValue alias = 11;
          google.protobuf.Int64Value number = 12;
        """

    /// The whole `bad.proto`: `services` (and any extra declarations) after the messages.
    static func source(services: String, requestExtra: String = "", imports: String = "") -> String {
        """
        syntax = "proto3";
        package bad.v1;
        import "google/api/annotations.proto";
        import "google/protobuf/field_mask.proto";
        import "google/protobuf/timestamp.proto";
        import "google/protobuf/wrappers.proto";
        import "room619/api/v1/options.proto";
        \(imports)
        message Inner { string id = 1; int64 n = 2; repeated string tags = 3; }
        message Req {
        \(requestFields)
          \(requestExtra)
        }
        message Res { string name = 1; int64 id = 2; Inner inner = 3; repeated string tags = 4; }
        \(services)
        """
    }

    /// Generates `bad.proto` (and any `others`, name → text, in the same directory) and returns
    /// the generator's response.
    static func generate(
        services: String, requestExtra: String = "", imports: String = "", others: [String: String] = [:]
    ) async throws -> Google_Protobuf_Compiler_CodeGeneratorResponse {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "room619-rest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let text = source(services: services, requestExtra: requestExtra, imports: imports)
        try Data(text.utf8).write(to: directory.appendingPathComponent("bad.proto"))
        for (name, other) in others { try Data(other.utf8).write(to: directory.appendingPathComponent(name)) }
        var request = Google_Protobuf_Compiler_CodeGeneratorRequest()
        request.fileToGenerate = ["bad.proto"]
        request.parameter = "access=public"
        request.protoFile =
            try await Protoc.descriptorSet("bad.proto", in: directory, extensions: CodeGenerator.optionExtensions).file
        return CodeGenerator.generate(request)
    }

    /// The generator's error for a contract that must fail.
    static func error(services: String, requestExtra: String = "") async throws -> String {
        let response = try await generate(services: services, requestExtra: requestExtra)
        #expect(response.file.isEmpty, "the generator wrote files instead of failing")
        return try #require(response.error, "the generator reported no error")
    }

    /// `service S { rpc M(Req) returns (Res) { <options> } }`.
    static func method(_ options: String, name: String = "M", streams: String = "") -> String {
        "service S {\n  rpc \(name)(Req) returns (\(streams)Res) {\n    \(options)\n  }\n}"
    }

    /// The `httpRoutes:` part of a generated services file.
    static func routeTable(_ response: Google_Protobuf_Compiler_CodeGeneratorResponse) -> String {
        let services = response.file.first { $0.name?.hasSuffix(".rpc.swift") == true }?.content ?? ""
        guard let start = services.range(of: "httpRoutes: [") else { return "" }
        let rest = services[start.lowerBound...]
        let end = rest.range(of: "])")?.upperBound ?? rest.endIndex
        return String(rest[..<end])
    }
}
