import ContractCodegen
import Foundation
import ProtoRuntime
import Testing

/// The generator's output for the inputs in `Golden/` must match the committed `.pb.swift`
/// files byte for byte. After an intended change, regenerate them with
/// `scripts/update-golden.sh` and review the diff.
@Suite("Generator golden files")
struct GoldenTests {
    static let inputs = ["naming.proto", "proto2.proto", "service.proto", "validation.proto"]

    @Test("output matches the golden files (messages in .pb.swift, services in .rpc.swift)", arguments: inputs)
    func golden(_ input: String) async throws {
        let response = CodeGenerator.generate(try await Protoc.request(input, parameter: "access=public"))
        #expect(response.error == nil)
        let base = String(input.dropLast(".proto".count))
        let expected = [base + ".pb.swift"] + (input == "service.proto" ? [base + ".rpc.swift"] : [])
        #expect(response.file.map { $0.name ?? "" } == expected)
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

    @Test("rpc_files=always writes a services file for a file without services, saying so")
    func alwaysServicesFile() async throws {
        let response = CodeGenerator.generate(
            try await Protoc.request("naming.proto", parameter: "access=public,rpc_files=always"))
        #expect(response.file.map { $0.name ?? "" } == ["naming.pb.swift", "naming.rpc.swift"])
        let services = try #require(response.file.last?.content)
        #expect(services.contains("which declares no services"))
        #expect(!services.contains("import"))
    }

    @Test("the same input gives the same bytes", arguments: inputs)
    func deterministic(_ input: String) async throws {
        let request = try await Protoc.request(input, parameter: "access=public")
        let first = CodeGenerator.generate(request)
        let second = CodeGenerator.generate(request)
        #expect(first == second)
        #expect(first.supportedFeatures == 1)
    }
}

@Suite("Generator options and diagnostics")
struct GeneratorDiagnosticsTests {
    @Test("fields that map to the same Swift name are an error naming both")
    func nameClash() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "room619-clash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("syntax = \"proto2\";\nmessage M { optional int32 foo_bar = 1; optional int32 fooBar = 2; }\n".utf8)
            .write(to: directory.appendingPathComponent("clash.proto"))
        var request = Google_Protobuf_Compiler_CodeGeneratorRequest()
        request.fileToGenerate = ["clash.proto"]
        request.protoFile = try await Protoc.descriptorSet("clash.proto", in: directory).file
        let response = CodeGenerator.generate(request)
        #expect(response.file.isEmpty)
        let error = try #require(response.error)
        #expect(error.contains("'foo_bar' and 'fooBar' both become the Swift property 'fooBar'"))
        #expect(error.contains("clash.proto"))
    }

    @Test("enum values with different numbers that map to one Swift name are an error")
    func enumNameClash() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "room619-enum-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("syntax = \"proto2\";\nenum E { FOO_BAR = 1; FOO__BAR = 2; }\n".utf8)
            .write(to: directory.appendingPathComponent("enum_clash.proto"))
        var request = Google_Protobuf_Compiler_CodeGeneratorRequest()
        request.fileToGenerate = ["enum_clash.proto"]
        request.protoFile = try await Protoc.descriptorSet("enum_clash.proto", in: directory).file
        let response = CodeGenerator.generate(request)
        #expect(response.file.isEmpty)
        #expect(response.error?.contains("'FOO_BAR' and 'FOO__BAR' both become the Swift case 'fooBar'") == true)
    }

    @Test(
        "unknown or malformed options are reported with the fix",
        arguments: [
            ("colour=red", "known options"), ("access=private", "access=internal, public or package"),
            ("=", "unknown option ''"),
            ("module_map=/nonexistent.json", "could not be read"),
        ])
    func badOptions(parameter: String, expected: String) async throws {
        let response = CodeGenerator.generate(try await Protoc.request("naming.proto", parameter: parameter))
        #expect(response.error?.contains(expected) == true)
    }

    @Test("types from mapped modules are imported and qualified")
    func moduleMapping() async throws {
        let map = FileManager.default.temporaryDirectory.appendingPathComponent("room619-map-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: map) }
        try Data(#"{"mappings": [{"module": "AddressKit", "protoFiles": ["naming.proto"]}]}"#.utf8).write(to: map)
        // Generating proto2.proto does not reference naming.proto, so use the WKT mapping and an explicit module.
        let response = CodeGenerator.generate(
            try await Protoc.request(
                "naming.proto", parameter: "access=package,module=ShopContracts,module_map=\(map.path)"))
        let content = try #require(response.file.first?.content)
        #expect(content.contains("package import ProtoRuntime"))
        #expect(content.contains("ProtoRuntime.Google_Protobuf_Timestamp"))
        #expect(content.contains("package struct Acme_Shop_V1_ShopItem"))
        // The file itself is mapped to AddressKit, which is not the module being generated,
        // so its own types are referenced through that module.
        #expect(content.contains("AddressKit.Acme_Shop_V1_Address"))
    }

    @Test("file naming can flatten paths so names are unique in one target")
    func fileNaming() async throws {
        let response = CodeGenerator.generate(
            try await Protoc.request("naming.proto", parameter: "file_naming=path_to_underscores"))
        #expect(response.file.first?.name == "naming.pb.swift")
    }

    @Test("custom options are readable through the extension registry")
    func customOptions() async throws {
        let note = ExtensionField<Google_Protobuf_FieldOptions, OptionalExtension<ProtoString>>(
            fieldNumber: 50001, fullName: "acme.legacy.note")
        let withRegistry = try await Protoc.descriptorSet("proto2.proto", extensions: ExtensionRegistry([note]))
        let file = try #require(withRegistry.file.first { $0.name == "proto2.proto" })
        let annotated = try #require(file.messageType.first { $0.name == "Annotated" })
        let options = try #require(annotated.field.first?.options)
        #expect(options[extension: note] == "primary key")

        // Without the registry the option survives as an unknown field and decodes later.
        let opaque = try await Protoc.descriptorSet("proto2.proto")
        let opaqueOptions = try #require(
            opaque.file.first { $0.name == "proto2.proto" }?.messageType.first { $0.name == "Annotated" }?.field.first?
                .options)
        #expect(opaqueOptions[extension: note] == nil)
        var decodeOptions = BinaryDecodingOptions()
        decodeOptions.extensions = ExtensionRegistry([note])
        let reread = try Google_Protobuf_FieldOptions(
            decoding: opaqueOptions.serializedBuffer(), options: decodeOptions)
        #expect(reread[extension: note] == "primary key")
    }
}
