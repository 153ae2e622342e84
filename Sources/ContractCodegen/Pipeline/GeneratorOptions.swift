internal import FoundationEssentials

/// Options from the protoc parameter string (`--room619_opt=access=public,module=UserContracts`).
///
/// - `access`: `internal` (default), `public` or `package` — access of generated declarations.
/// - `module`: the Swift module the output compiles into; types of files mapped to it are not
///   qualified or imported.
/// - `module_map`: path of a JSON file mapping `.proto` files to the Swift modules that hold
///   their generated code: `{"mappings": [{"module": "UserContracts", "protoFiles": ["user/v1/user.proto"]}]}`.
///   The well-known types and descriptors always map to `ProtoRuntime`.
/// - `file_naming`: `full_path` (default; `user/v1/user.pb.swift`) or `path_to_underscores`
///   (`user_v1_user.pb.swift`, what the build plugin uses so file names are unique in a target).
/// - `rpc_files`: `when_services` (default: a `.rpc.swift` file for each `.proto` that declares a
///   service) or `always` (one for every `.proto`, empty of code when it declares none: what the
///   build plugin uses, since it must name its outputs before the generator reads the file).
package struct GeneratorOptions: Sendable, Hashable {
    /// Access of generated declarations.
    package enum Access: String, Sendable, Hashable { case `internal`, `public`, `package` }
    /// How output files are named.
    package enum FileNaming: String, Sendable, Hashable {
        case fullPath = "full_path", pathToUnderscores = "path_to_underscores"
    }

    /// `access=`.
    package var access: Access = .internal
    /// `module=`: the module being generated.
    package var module: String?
    /// `file_naming=`.
    package var fileNaming: FileNaming = .fullPath
    /// `.proto` path → Swift module.
    package var moduleOfFile: [String: String] = [:]
    /// `rpc_files=always`: write a services file for every `.proto`.
    package var alwaysWriteServicesFile = false

    /// The defaults.
    package init() {}

    /// Parses a protoc parameter string.
    package init(parameter: String) throws(CodegenError) {
        for item in parameter.split(separator: ",") where !item.isEmpty {
            // Keep empty pieces so "=" or "key=" cannot leave the pair without a key.
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let key = pair.first?.trimmed() ?? ""
            let value = pair.count > 1 ? pair[1].trimmed() : ""
            switch key {
            case "access", "visibility":
                guard let access = Access(rawValue: value.lowercased()) else {
                    throw Self.bad("access=\(value)", fix: "use access=internal, public or package")
                }
                self.access = access
            case "module":
                module = value
            case "file_naming", "FileNaming":
                guard let naming = FileNaming(rawValue: value) else {
                    throw Self.bad("file_naming=\(value)", fix: "use file_naming=full_path or path_to_underscores")
                }
                fileNaming = naming
            case "module_map", "ProtoPathModuleMappings":
                try loadModuleMap(path: value)
            case "rpc_files":
                guard value == "always" || value == "when_services" else {
                    throw Self.bad("rpc_files=\(value)", fix: "use rpc_files=when_services or always")
                }
                alwaysWriteServicesFile = value == "always"
            default:
                throw Self.bad(
                    "unknown option '\(key)'", fix: "known options: access, module, module_map, file_naming, rpc_files")
            }
        }
    }

    private static func bad(_ what: String, fix: String) -> CodegenError {
        CodegenError(diagnostics: [Diagnostic(.error, "bad generator option: \(what)", at: "--room619_opt", fix: fix)])
    }

    struct ModuleMap: Decodable {
        struct Mapping: Decodable {
            var module: String
            var protoFiles: [String]
        }
        var mappings: [Mapping]
    }

    private mutating func loadModuleMap(path: String) throws(CodegenError) {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let map = try JSONDecoder().decode(ModuleMap.self, from: data)
            for mapping in map.mappings {
                for file in mapping.protoFiles { moduleOfFile[file] = mapping.module }
            }
        } catch {
            throw Self.bad(
                "module_map \(path) could not be read: \(error)", fix: "pass a JSON file of {\"mappings\": [...]}")
        }
    }

    /// The module that holds the generated code for `protoFile`, or `nil` for the current one.
    func module(of protoFile: String) -> String? {
        let mapped: String?
        if protoFile.hasPrefix("google/protobuf/") {
            mapped = "ProtoRuntime"
        } else {
            mapped = moduleOfFile[protoFile]
        }
        guard let mapped, mapped != module else { return nil }
        return mapped
    }
}
