package import ProtoRuntime

/// Turns contracts with `google.api.http` rules into OpenAPI 3.1 documents: one per proto
/// package that has routes, named `<package>.openapi.json` (`user.v1.openapi.json`).
///
/// `room619 openapi` and `scripts/generate-openapi.sh` are thin shells over it:
///
/// ```swift
/// let request = try ProtocDriver.makeRequest(
///     protocPath: "/usr/bin/protoc", importPaths: ["Protos"], protoFiles: ["user/v1/user.proto"], parameter: "")
/// for document in try OpenAPIGenerator.generate(request) {
///     print(document.fileName, document.content.count)
/// }
/// ```
///
/// The routes (and each method's `access`) are planned and checked exactly as for the generated
/// code (``CodeGenerator``), so a rule that fails the build fails here with the same diagnostics.
/// The output is deterministic: the same contracts give the same bytes (sorted keys, two-space
/// indent, a trailing newline).
package enum OpenAPIGenerator {
    /// One generated document.
    package struct Document: Sendable, Hashable {
        /// The proto package it describes: `user.v1`.
        package var package: String
        /// `user.v1.openapi.json`.
        package var fileName: String { package + ".openapi.json" }
        /// The JSON text.
        package var content: String
    }

    /// The documents for the request's files to generate, sorted by package; packages without
    /// routes give none.
    ///
    /// - Throws: ``CodegenError`` with every diagnostic when a rule cannot work.
    package static func generate(
        _ request: Google_Protobuf_Compiler_CodeGeneratorRequest
    ) throws(CodegenError) -> [Document] {
        let options = try GeneratorOptions(parameter: "")
        let symbols = SymbolTable(files: request.protoFile, options: options)
        var routesByPackage: [String: [HTTPRoutePlan]] = [:]
        var access = MethodAccessPlanner.Table()
        var diagnostics: [Diagnostic] = []
        for name in request.fileToGenerate {
            guard let file = request.protoFile.first(where: { $0.name == name }) else {
                diagnostics.append(Diagnostic(.error, "protoc sent no descriptor for this file", at: name))
                continue
            }
            let declared = MethodAccessPlanner.plan(file: file)
            diagnostics += declared.diagnostics
            access.byMethod.merge(declared.table.byMethod) { first, _ in first }
            let planned = HTTPRoutePlanner.plan(file: file, symbols: symbols)
            diagnostics += planned.diagnostics.filter { $0.severity == .error }
            if !planned.routes.isEmpty { routesByPackage[file.package ?? "", default: []] += planned.routes }
        }
        guard diagnostics.isEmpty else { throw CodegenError(diagnostics: diagnostics) }
        let index = OpenAPITypeIndex(files: request.protoFile)
        return routesByPackage.keys.sorted().map { package in
            var builder = OpenAPIDocumentBuilder(package: package, index: index)
            for route in routesByPackage[package] ?? [] {
                builder.add(route, access: access.access(service: route.serviceName, method: route.methodName))
            }
            return Document(package: package, content: builder.document().rendered())
        }
    }
}
