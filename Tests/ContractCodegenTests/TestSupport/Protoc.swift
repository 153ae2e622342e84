import ContractCodegen
import Foundation
import ProtoRuntime

typealias CodeGeneratorRequest = Google_Protobuf_Compiler_CodeGeneratorRequest

/// Runs the system protoc to get descriptors of test `.proto` files.
enum Protoc {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Golden")
    /// The repository's `Protos/`, for `buf/validate/validate.proto`.
    static let protosDirectory = goldenDirectory.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Protos")

    /// The `FileDescriptorSet` (with imports and source info) of `file` under `directory`. Waits
    /// for protoc without blocking a thread of the test run's cooperative pool.
    static func descriptorSet(
        _ file: String, in directory: URL = goldenDirectory, extensions: ExtensionRegistry = ExtensionRegistry()
    ) async throws -> Google_Protobuf_FileDescriptorSet {
        try await descriptorSetWithErrors(file, in: directory, extensions: extensions).get()
    }

    /// Like ``descriptorSet(_:in:extensions:)``, but a protoc failure is a value (its stderr).
    static func descriptorSetWithErrors(
        _ file: String, in directory: URL = goldenDirectory, extensions: ExtensionRegistry = ExtensionRegistry()
    ) async throws -> Result<Google_Protobuf_FileDescriptorSet, Failure> {
        let temporary = FileManager.default.temporaryDirectory
        let output = temporary.appendingPathComponent("room619-\(UUID().uuidString).pb")
        let errors = temporary.appendingPathComponent("room619-\(UUID().uuidString).err")
        defer {
            try? FileManager.default.removeItem(at: output)
            try? FileManager.default.removeItem(at: errors)
        }
        guard FileManager.default.createFile(atPath: errors.path, contents: nil) else {
            throw Failure(description: "cannot create \(errors.path)")
        }
        let errorHandle = try FileHandle(forWritingTo: errors)
        defer { try? errorHandle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "protoc", "--include_imports", "--include_source_info", "--descriptor_set_out=\(output.path)",
            "-I", directory.path, "-I", protosDirectory.path, "-I", "/usr/include", file,
        ]
        process.standardInput = FileHandle.nullDevice
        process.standardError = errorHandle
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do {
                try process.run()
            } catch {
                continuation.resume(throwing: Failure(description: "cannot run protoc (run ./setup.sh): \(error)"))
            }
        }
        guard process.terminationStatus == 0 else {
            let message = String(decoding: (try? Data(contentsOf: errors)) ?? Data(), as: UTF8.self)
            return .failure(Failure(description: "protoc failed (is it installed? run ./setup.sh): \(message)"))
        }
        var options = BinaryDecodingOptions()
        options.extensions = extensions
        return .success(
            try Google_Protobuf_FileDescriptorSet(serializedBytes: [UInt8](Data(contentsOf: output)), options: options))
    }

    /// A CodeGeneratorRequest for `file`, as protoc would send it.
    static func request(_ file: String, parameter: String = "") async throws -> CodeGeneratorRequest {
        var request = CodeGeneratorRequest()
        request.fileToGenerate = [file]
        request.parameter = parameter
        request.protoFile = try await descriptorSet(file, extensions: CodeGenerator.optionExtensions).file
        return request
    }
}
