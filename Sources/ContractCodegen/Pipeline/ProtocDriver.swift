internal import Foundation
public import ProtoRuntime

/// Runs the system `protoc` with `protoc-gen-room619` for one or more `.proto` files and writes
/// the outputs, touching a file only when its bytes change (so unchanged output does not make
/// SwiftPM recompile). This is what the build plugin calls.
public struct ProtocDriver: Sendable {
    /// Path of `protoc`.
    public var protocPath: String
    /// Path of the `protoc-gen-room619` executable.
    public var pluginPath: String
    /// Import paths (`-I`), searched in order; the generator's bundled contracts
    /// (`buf/validate/validate.proto`) come after them.
    public var importPaths: [String]
    /// Where generated files go.
    public var outputDirectory: String
    /// The generator parameter string (see ``GeneratorOptions``).
    public var parameter: String

    /// Creates a driver.
    public init(
        protocPath: String, pluginPath: String, importPaths: [String], outputDirectory: String, parameter: String
    ) {
        self.protocPath = protocPath
        self.pluginPath = pluginPath
        self.importPaths = importPaths
        self.outputDirectory = outputDirectory
        self.parameter = parameter
    }

    /// Why a protoc run failed.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong, with protoc's own message.
        public var description: String
    }

    /// Generates code for `protoFiles` (paths relative to an import path).
    public func run(protoFiles: [String]) throws(Failure) {
        let fileManager = FileManager.default
        let staging = outputDirectory + "/.staging-\(getpid())"
        do {
            try? fileManager.removeItem(atPath: staging)
            try fileManager.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            throw Failure(description: "cannot create \(staging): \(error)")
        }
        defer { try? fileManager.removeItem(atPath: staging) }

        var arguments = ["--plugin=protoc-gen-room619=\(pluginPath)", "--room619_out=\(staging)"]
        if !parameter.isEmpty { arguments.append("--room619_opt=\(parameter)") }
        arguments += (importPaths + [try Self.bundledImportPath()]).map { "--proto_path=\($0)" }
        arguments += protoFiles
        try Self.runProtoc(protocPath, arguments: arguments)
        try copyChanged(from: staging)
    }

    /// Runs protoc to parse `protoFiles` and returns the request protoc would send a plugin
    /// (descriptors with imports and source info), so a tool can generate in-process.
    public static func makeRequest(
        protocPath: String, importPaths: [String], protoFiles: [String], parameter: String
    ) throws(Failure) -> Google_Protobuf_Compiler_CodeGeneratorRequest {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent(
            "room619-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).pb")
        defer { try? FileManager.default.removeItem(at: output) }
        try runProtoc(
            protocPath,
            arguments: ["--include_imports", "--include_source_info", "--descriptor_set_out=\(output.path)"]
                + (importPaths + [try bundledImportPath()]).map { "--proto_path=\($0)" } + protoFiles)
        let set: Google_Protobuf_FileDescriptorSet
        do {
            var options = BinaryDecodingOptions()
            options.extensions = CodeGenerator.optionExtensions
            options.maxMessageSize = Int(Int32.max)
            set = try Google_Protobuf_FileDescriptorSet(
                serializedBytes: [UInt8](Data(contentsOf: output)), options: options)
        } catch {
            throw Failure(description: "cannot read protoc's descriptor set: \(error)")
        }
        var request = Google_Protobuf_Compiler_CodeGeneratorRequest()
        request.fileToGenerate = protoFiles
        request.parameter = parameter
        request.protoFile = set.file
        return request
    }

    /// Runs protoc and waits; a failure carries protoc's own error output.
    private static func runProtoc(_ protocPath: String, arguments: [String]) throws(Failure) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: protocPath)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw Failure(
                description:
                    "cannot run \(protocPath): \(error). Run ./setup.sh (or apt-get install protobuf-compiler).")
        }
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "protoc failed (exit \(process.terminationStatus)):\n\(stderr)")
        }
    }

    private func copyChanged(from staging: String) throws(Failure) {
        let fileManager = FileManager.default
        guard let enumerator = fileManager.enumerator(atPath: staging) else { return }
        while let relative = enumerator.nextObject() as? String {
            let source = staging + "/" + relative
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: source, isDirectory: &isDirectory), !isDirectory.boolValue else {
                continue
            }
            let target = outputDirectory + "/" + relative
            let fresh = fileManager.contents(atPath: source)
            if let fresh, fileManager.contents(atPath: target) == fresh { continue }
            do {
                let directory = (target as NSString).deletingLastPathComponent
                try fileManager.createDirectory(atPath: directory, withIntermediateDirectories: true)
                try? fileManager.removeItem(atPath: target)
                try fileManager.moveItem(atPath: source, toPath: target)
            } catch {
                throw Failure(description: "cannot write \(target): \(error)")
            }
        }
    }
}
