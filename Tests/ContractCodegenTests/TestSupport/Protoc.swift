import Foundation
import ProtoRuntime

/// Runs the system protoc to get descriptors of test `.proto` files.
enum Protoc {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Golden")

    /// The `FileDescriptorSet` (with imports and source info) of `file` under `directory`.
    static func descriptorSet(
        _ file: String, in directory: URL = goldenDirectory, extensions: ExtensionRegistry = ExtensionRegistry()
    ) throws -> Google_Protobuf_FileDescriptorSet {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("room619-\(UUID().uuidString).pb")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "protoc", "--include_imports", "--include_source_info", "--descriptor_set_out=\(output.path)",
            "-I", directory.path, "-I", "/usr/include", file,
        ]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "protoc failed (is it installed? run ./setup.sh): \(message)")
        }
        var options = BinaryDecodingOptions()
        options.extensions = extensions
        return try Google_Protobuf_FileDescriptorSet(
            serializedBytes: [UInt8](Data(contentsOf: output)), options: options)
    }

    /// A CodeGeneratorRequest for `file`, as protoc would send it.
    static func request(_ file: String, parameter: String = "") throws -> Google_Protobuf_Compiler_CodeGeneratorRequest
    {
        var request = Google_Protobuf_Compiler_CodeGeneratorRequest()
        request.fileToGenerate = [file]
        request.parameter = parameter
        request.protoFile = try descriptorSet(file).file
        return request
    }
}
