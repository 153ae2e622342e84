// room619: the platform's command-line tool: Swift and OpenAPI documents from contracts, and new service
// packages; `run` and `serve` start the platform.
internal import ContractCodegen
internal import Foundation
internal import Platform
internal import ProtoRuntime

let usage = """
    usage: room619 <command> [options]

    commands:
      run [flags]                       the platform: the user and product services, REST and gRPC on one port
                                        (PORT, default 8080), SQLite in ./room619-data (--data-dir) or
                                        PostgreSQL (DATABASE_URL); see docs/getting-started.md
      serve user|product [flags]        one service per process (same flags and variables as run)
      seed --products N [flags]         fill the product catalogue (the database run would use)
      generate [options] FILE.proto…   print (or write) the Swift generated for the contracts
          -I, --proto-path DIR          where imports resolve (repeatable; default: Protos)
          --access internal|public|package   access of generated declarations (default: internal)
          --out DIR                     write FILE.pb.swift files under DIR instead of printing
          --protoc PATH                 the protoc to use (default: $PROTOC_PATH, then PATH)
      openapi [options] FILE.proto…    print (or write) the OpenAPI 3.1 documents of the contracts' routes,
                                        one per proto package with google.api.http rules
          -I, --proto-path DIR          where imports resolve (repeatable; default: Protos)
          --out DIR                     write PACKAGE.openapi.json files under DIR instead of printing
          --protoc PATH                 the protoc to use (default: $PROTOC_PATH, then PATH)
      new service NAME [options]        write a service package: a contract, its service on an embedded
                                        database, a main.swift on the host, and a test
          --out DIR                     where (default: ./NAME)
          --room619 PATH                the room619 checkout to depend on (default: the one this
                                        executable was built in)
      version                           print the version
      help                              print this help

    FILE paths are relative to a proto path. Unknown --name=value flags are ignored.
    """

struct CommandError: Error, CustomStringConvertible {
    var description: String
}

func findProtoc(_ explicit: String?) throws -> String {
    if let explicit { return explicit }
    let environment = ProcessInfo.processInfo.environment
    if let path = environment["PROTOC_PATH"], !path.isEmpty { return path }
    for directory in (environment["PATH"] ?? "/usr/bin").split(separator: ":") {
        let candidate = "\(directory)/protoc"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    throw CommandError(
        description: "protoc not found: run ./setup.sh (or apt-get install protobuf-compiler libprotobuf-dev)")
}

func generate(_ arguments: [String]) throws {
    var protoPaths: [String] = []
    var access = "internal"
    var out: String?
    var protoc: String?
    var files: [String] = []
    var remaining = arguments[...]
    func value(_ flag: String) throws -> String {
        guard let next = remaining.popFirst() else { throw CommandError(description: "\(flag) needs a value") }
        return next
    }
    while let argument = remaining.popFirst() {
        switch argument {
        case "-I", "--proto-path": protoPaths.append(try value(argument))
        case "--access": access = try value(argument)
        case "--out": out = try value(argument)
        case "--protoc": protoc = try value(argument)
        default:
            if argument.hasPrefix("--access=") {
                access = String(argument.dropFirst(9))
            } else if argument.hasPrefix("--out=") {
                out = String(argument.dropFirst(6))
            } else if argument.hasPrefix("--proto-path=") {
                protoPaths.append(String(argument.dropFirst(13)))
            } else if argument.hasPrefix("-I") {
                protoPaths.append(String(argument.dropFirst(2)))
            } else if argument.hasPrefix("--") {
                continue  // unknown flags are accepted and ignored (process conventions)
            } else {
                files.append(argument)
            }
        }
    }
    guard !files.isEmpty else { throw CommandError(description: "generate: name at least one .proto file\n\n\(usage)") }
    if protoPaths.isEmpty { protoPaths = ["Protos"] }
    let request = try ProtocDriver.makeRequest(
        protocPath: try findProtoc(protoc), importPaths: protoPaths + ["/usr/include", "/usr/share/grpc-proto"],
        protoFiles: files, parameter: "access=\(access)")
    let response = CodeGenerator.generate(request)
    if let error = response.error { throw CommandError(description: error) }
    for file in response.file {
        let name = file.name ?? "output.pb.swift"
        let content = file.content ?? ""
        if let out {
            let url = URL(fileURLWithPath: out).appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(content.utf8).write(to: url)
            print("wrote \(url.path)")
        } else {
            print("// ===== \(name) =====")
            print(content)
        }
    }
}

/// `room619 openapi`: the OpenAPI documents of the named contracts, printed or written to `--out`.
func openAPI(_ arguments: [String]) throws {
    var protoPaths: [String] = []
    var out: String?
    var protoc: String?
    var files: [String] = []
    var remaining = arguments[...]
    while let argument = remaining.popFirst() {
        switch argument {
        case "-I", "--proto-path", "--out", "--protoc":
            guard let value = remaining.popFirst() else { throw CommandError(description: "\(argument) needs a value") }
            if argument == "--out" {
                out = value
            } else if argument == "--protoc" {
                protoc = value
            } else {
                protoPaths.append(value)
            }
        default:
            if argument.hasPrefix("--out=") {
                out = String(argument.dropFirst(6))
            } else if argument.hasPrefix("--proto-path=") {
                protoPaths.append(String(argument.dropFirst(13)))
            } else if argument.hasPrefix("-I") {
                protoPaths.append(String(argument.dropFirst(2)))
            } else if argument.hasPrefix("--") {
                continue  // unknown flags are accepted and ignored, as for `generate`
            } else {
                files.append(argument)
            }
        }
    }
    guard !files.isEmpty else { throw CommandError(description: "openapi: name at least one .proto file\n\n\(usage)") }
    if protoPaths.isEmpty { protoPaths = ["Protos"] }
    let request = try ProtocDriver.makeRequest(
        protocPath: try findProtoc(protoc), importPaths: protoPaths + ["/usr/include", "/usr/share/grpc-proto"],
        protoFiles: files, parameter: "")
    for document in try OpenAPIGenerator.generate(request) {
        guard let out else {
            print("// ===== \(document.fileName) =====")
            print(document.content, terminator: "")
            continue
        }
        let url = URL(fileURLWithPath: out).appendingPathComponent(document.fileName)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if FileManager.default.contents(atPath: url.path) != Data(document.content.utf8) {
            try Data(document.content.utf8).write(to: url)
        }
        print("wrote \(url.path)")
    }
}

func main() async -> Int32 {
    let arguments = Array(CommandLine.arguments.dropFirst())
    let environment = ProcessInfo.processInfo.environment
    do {
        switch arguments.first {
        case "run":
            return await PlatformCommand.run(
                arguments: Array(arguments.dropFirst()), environment: environment, modules: PlatformModule.all)
        case "serve":
            let names = arguments.dropFirst().prefix { !$0.hasPrefix("-") }
            let modules = PlatformModule.all.filter { names.contains($0.name) }
            guard !names.isEmpty, modules.count == names.count else {
                throw CommandError(description: "usage: room619 serve user|product [flags]")
            }
            return await PlatformCommand.run(
                arguments: Array(arguments.dropFirst(1 + names.count)), environment: environment, modules: modules)
        case "seed":
            return await SeedCommand.run(arguments: Array(arguments.dropFirst()), environment: environment)
        case "generate": try generate(Array(arguments.dropFirst()))
        case "openapi": try openAPI(Array(arguments.dropFirst()))
        case "new": try newService(Array(arguments.dropFirst()))
        case "version", "--version": print("room619 0.1.0")
        case "help", "--help", "-h", nil: print(usage)
        case let command?: throw CommandError(description: "unknown command '\(command)'\n\n\(usage)")
        }
        return 0
    } catch {
        FileHandle.standardError.write(Data("room619: \(error)\n".utf8))
        return 1
    }
}

exit(await main())
