public import ProtoRuntime

/// Turns a protoc `CodeGeneratorRequest` into Swift source files.
///
/// The protoc plugin `protoc-gen-room619` and the SwiftPM build plugin are thin shells over this:
///
/// ```swift
/// let request = try Google_Protobuf_Compiler_CodeGeneratorRequest(decoding: stdinBytes)
/// let response = CodeGenerator.generate(request)
/// ```
public enum CodeGenerator {
    /// Custom options the generator reads from descriptors: protovalidate's `buf.validate` rules,
    /// `google.api.http`, `google.api.field_behavior` and room619's own HTTP options. Registered
    /// here, they decode into typed extension values on the options messages; anything else stays
    /// in the options' unknown fields.
    public static let optionExtensions = Buf_Validate_Validate_Extensions.registry
        .merging(Google_Api_Annotations_Extensions.registry)
        .merging(Google_Api_FieldBehavior_Extensions.registry)
        .merging(Room619_Api_V1_Options_Extensions.registry)

    /// Decodes the request protoc sends, with ``optionExtensions`` registered.
    public static func decodeRequest(
        _ buffer: ByteBuffer, extensions: ExtensionRegistry = optionExtensions
    ) throws(ProtoDecodingError) -> Google_Protobuf_Compiler_CodeGeneratorRequest {
        var options = BinaryDecodingOptions()
        options.extensions = extensions
        options.maxMessageSize = Int(Int32.max)  // requests for large contract sets are big; protoc is trusted
        return try Google_Protobuf_Compiler_CodeGeneratorRequest(decoding: buffer, options: options)
    }

    /// The protoc features this generator supports: proto3 `optional` (FEATURE_PROTO3_OPTIONAL).
    static let supportedFeatures: UInt64 = 1

    /// Generates one `.pb.swift` file (messages, enums, extensions) per file to generate, and a
    /// `.rpc.swift` file (services) for each that declares services; on errors the response carries
    /// every diagnostic in `error` and no files.
    public static func generate(
        _ request: Google_Protobuf_Compiler_CodeGeneratorRequest
    ) -> Google_Protobuf_Compiler_CodeGeneratorResponse {
        var response = Google_Protobuf_Compiler_CodeGeneratorResponse()
        response.supportedFeatures = supportedFeatures
        do {
            response.file = try generateFiles(request)
        } catch {
            response.error = error.description
        }
        return response
    }

    static func generateFiles(
        _ request: Google_Protobuf_Compiler_CodeGeneratorRequest
    ) throws(CodegenError) -> [Google_Protobuf_Compiler_CodeGeneratorResponse.File] {
        let options = try GeneratorOptions(parameter: request.parameter ?? "")
        let symbols = SymbolTable(files: request.protoFile, options: options)
        var byName: [String: FileProto] = [:]
        for file in request.protoFile { byName[file.name ?? ""] = file }
        var diagnostics: [Diagnostic] = []
        var files: [Google_Protobuf_Compiler_CodeGeneratorResponse.File] = []
        for name in request.fileToGenerate {
            guard let file = request.protoFile.first(where: { $0.name == name }) else {
                diagnostics.append(Diagnostic(.error, "protoc sent no descriptor for this file", at: name))
                continue
            }
            if let syntax = file.syntax, syntax != "proto2", syntax != "proto3" {
                diagnostics.append(
                    Diagnostic(.error, "syntax \"\(syntax)\" is not supported", at: name, fix: "use proto2 or proto3"))
                continue
            }
            let renderer = FileRenderer(file: file, symbols: symbols, options: options, files: byName)
            let (text, fileDiagnostics) = renderer.render()
            diagnostics += fileDiagnostics
            var output = Google_Protobuf_Compiler_CodeGeneratorResponse.File()
            output.name = FileRenderer.outputName(for: name, naming: options.fileNaming)
            output.content = text
            files.append(output)
            // Services go to a file of their own, so a target of messages only never imports RPC.
            if !file.service.isEmpty || options.alwaysWriteServicesFile {
                let (services, serviceDiagnostics) = renderer.renderServices()
                diagnostics += serviceDiagnostics
                var servicesOutput = Google_Protobuf_Compiler_CodeGeneratorResponse.File()
                servicesOutput.name = FileRenderer.outputName(for: name, naming: options.fileNaming, kind: .services)
                servicesOutput.content = services
                files.append(servicesOutput)
            }
        }
        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else { throw CodegenError(diagnostics: errors) }
        return files
    }
}
