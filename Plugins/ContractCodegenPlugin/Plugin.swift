// The room619 build-tool plugin: for a target holding `.proto` files (or naming them in a
// `contracts.json`), runs the system protoc with protoc-gen-room619, one build command per
// `.proto`, so editing one contract regenerates only its Swift file.
import Foundation
import PackagePlugin

@main
struct ContractCodegenPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        guard let contracts = try Contracts(target: target) else { return [] }
        let protoc = try findProtoc()
        let generator = try context.tool(named: "protoc-gen-room619").url

        // Contracts of the targets this one depends on: their protos resolve imports, and the
        // module map tells the generator which Swift module holds each imported file's types.
        let dependencies = try dependencyContracts(of: target)
        let moduleMap = context.pluginWorkDirectoryURL.appending(path: "module-map.json")
        try writeModuleMap(dependencies, to: moduleMap)

        var importPaths: [URL] = []
        for path in [contracts.root] + dependencies.map(\.root) + Self.systemImportPaths
        where !importPaths.contains(where: { $0.standardizedFileURL.path() == path.standardizedFileURL.path() }) {
            importPaths.append(path)
        }
        let outputDirectory = context.pluginWorkDirectoryURL.appending(path: "Generated")
        let parameter = [
            "access=\(contracts.access)", "module=\(target.name)", "file_naming=path_to_underscores",
            "module_map=\(moduleMap.path())", "rpc_files=always",
        ].joined(separator: ",")

        let allFiles = contracts.files + dependencies.flatMap { dep in dep.files.map { (dep.root, $0) } }.map(\.1)
        return contracts.files.map { file in
            // Messages in x.pb.swift, services in x.rpc.swift (written for every file, since the
            // outputs must be named before the generator reads the file; see `rpc_files`).
            let base = outputDirectory.appending(path: file.replacingOccurrences(of: "/", with: "_"))
                .deletingPathExtension()
            let outputs = [base.appendingPathExtension("pb.swift"), base.appendingPathExtension("rpc.swift")]
            var inputs = [contracts.root.appending(path: file), generator, moduleMap]
            inputs += contracts.importClosure(of: file, known: Set(allFiles), roots: importPaths)
            if let config = contracts.configFile { inputs.append(config) }
            return .buildCommand(
                displayName: "Generating Swift for \(file)",
                executable: generator,
                arguments: [
                    "--driver", "--protoc=\(protoc.path())", "--out=\(outputDirectory.path())", "--opt=\(parameter)",
                ]
                    + importPaths.flatMap { ["-I", $0.path()] } + [file],
                inputFiles: inputs,
                outputFiles: outputs)
        }
    }

    static let systemImportPaths = ["/usr/include", "/usr/share/grpc-proto"].map { URL(fileURLWithPath: $0) }

    /// `PROTOC_PATH`, else `protoc` on `PATH`.
    func findProtoc() throws -> URL {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["PROTOC_PATH"], !path.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: path) else {
                throw PluginError(
                    "PROTOC_PATH=\(path) is not an executable file: run ./setup.sh, or point PROTOC_PATH at protoc")
            }
            return URL(fileURLWithPath: path)
        }
        for directory in (environment["PATH"] ?? "/usr/bin:/usr/local/bin").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appending(path: "protoc")
            if FileManager.default.isExecutableFile(atPath: candidate.path()) { return candidate }
        }
        throw PluginError(
            "protoc was not found on PATH (or in PROTOC_PATH): run ./setup.sh, or apt-get install protobuf-compiler libprotobuf-dev"
        )
    }

    func dependencyContracts(of target: SourceModuleTarget) throws -> [Contracts] {
        var seen: Set<String> = [target.id]
        var result: [Contracts] = []
        var stack: [Target] = target.dependencies.flatMap(Self.targets)
        while let next = stack.popLast() {
            guard seen.insert(next.id).inserted else { continue }
            if let module = next as? SourceModuleTarget, let contracts = try Contracts(target: module) {
                result.append(contracts)
            }
            stack += next.dependencies.flatMap(Self.targets)
        }
        return result.sorted { $0.moduleName < $1.moduleName }
    }

    static func targets(_ dependency: TargetDependency) -> [Target] {
        switch dependency {
        case .target(let target): [target]
        case .product(let product): product.targets
        @unknown default: []
        }
    }

    func writeModuleMap(_ dependencies: [Contracts], to url: URL) throws {
        struct Mapping: Encodable {
            var module: String
            var protoFiles: [String]
        }
        struct Map: Encodable { var mappings: [Mapping] }
        let map = Map(mappings: dependencies.map { Mapping(module: $0.moduleName, protoFiles: $0.files) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let data = try encoder.encode(map)
        // Write only on change, so commands that take the map as input are not rerun needlessly.
        if (try? Data(contentsOf: url)) != data { try data.write(to: url) }
    }
}

/// A target's contracts: where its `.proto` files live and which ones it generates.
///
/// Without `contracts.json`, every `.proto` under the target directory, named relative to it.
/// With one: `{"protoRoot": "../../Protos", "files": ["user/v1/user.proto"], "access": "public"}`,
/// where `protoRoot` is relative to the target directory (or absolute, for system contracts), `files` default to every `.proto`
/// under the root, and `access` (default `internal`) sets the generated declarations' access.
struct Contracts {
    var moduleName: String
    var root: URL
    var files: [String]
    var access: String
    var configFile: URL?

    struct Config: Decodable {
        var protoRoot: String?
        var files: [String]?
        var access: String?
    }

    init?(target: SourceModuleTarget) throws {
        let directory = target.directoryURL
        let configURL = directory.appending(path: "contracts.json")
        var config = Config()
        if FileManager.default.fileExists(atPath: configURL.path()) {
            do {
                config = try JSONDecoder().decode(Config.self, from: Data(contentsOf: configURL))
            } catch {
                throw PluginError("\(configURL.path()): \(error)")
            }
            configFile = configURL
        }
        moduleName = target.name
        root =
            config.protoRoot.map { path in
                // Absolute: contracts the system provides (`/usr/share/grpc-proto`).
                path.hasPrefix("/") ? URL(fileURLWithPath: path) : directory.appending(path: path).standardizedFileURL
            } ?? directory
        access = config.access ?? "internal"
        guard ["internal", "public", "package"].contains(access) else {
            throw PluginError("\(configURL.path()): access must be internal, public or package, not \(access)")
        }
        files = try config.files ?? Self.protoFiles(under: root)
        for file in files where !FileManager.default.fileExists(atPath: root.appending(path: file).path()) {
            throw PluginError("\(configURL.path()): \(file) does not exist under \(root.path())")
        }
        if files.isEmpty { return nil }
    }

    static func protoFiles(under root: URL) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root.path()) else { return [] }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.hasSuffix(".proto") && !relative.hasPrefix(".build") { files.append(relative) }
        }
        return files.sorted()
    }

    /// The `.proto` files `file` imports, directly or not, among `known`, as paths under `roots`.
    func importClosure(of file: String, known: Set<String>, roots: [URL]) -> [URL] {
        var seen: Set<String> = [file]
        var queue = [file]
        var result: [URL] = []
        while let next = queue.popLast() {
            guard
                let url = roots.map({ $0.appending(path: next) }).first(where: {
                    FileManager.default.fileExists(atPath: $0.path())
                }),
                let text = try? String(contentsOf: url, encoding: .utf8)
            else { continue }
            if next != file { result.append(url) }
            for imported in Self.imports(in: text) where known.contains(imported) && seen.insert(imported).inserted {
                queue.append(imported)
            }
        }
        return result
    }

    /// The paths in `import "…";` lines (a light scan: enough to declare build inputs).
    static func imports(in text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("import ") else { return nil }
            let parts = trimmed.split(separator: "\"")
            return parts.count >= 2 ? String(parts[1]) : nil
        }
    }
}

struct PluginError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = "room619 contracts: " + description }
}
