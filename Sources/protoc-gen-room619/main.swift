// protoc-gen-room619: the protoc plugin (CodeGeneratorRequest on stdin, CodeGeneratorResponse
// on stdout), and, with `--driver`, the runner the SwiftPM build plugin calls.
internal import ContractCodegen
internal import Glibc
internal import ProtoRuntime

/// Reads all of standard input.
func readStandardInput() -> ByteBuffer {
    var buffer = ByteBuffer(capacity: 1 << 16)
    while true {
        let count = buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 1 << 16) { region in
            let n = read(0, region.baseAddress, region.count)
            return n > 0 ? n : 0
        }
        if count == 0 { break }
    }
    return buffer
}

func writeStandardOutput(_ buffer: ByteBuffer) -> Bool {
    buffer.withUnsafeReadableBytes { raw in
        var offset = 0
        while offset < raw.count {
            let n = write(1, raw.baseAddress.map { $0 + offset }, raw.count - offset)
            if n <= 0 { return false }
            offset += n
        }
        return true
    }
}

func fail(_ message: String) -> Never {
    let line = Array("protoc-gen-room619: \(message)\n".utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(1)
}

/// `--driver --protoc=P --out=DIR --opt=PARAM -I DIR… FILE…` (what the build plugin runs).
func runDriver(_ arguments: [String]) {
    var protoc = "protoc"
    var out = "."
    var parameter = ""
    var importPaths: [String] = []
    var files: [String] = []
    var iterator = arguments.makeIterator()
    while let argument = iterator.next() {
        if argument.hasPrefix("--protoc=") {
            protoc = String(argument.dropFirst(9))
        } else if argument.hasPrefix("--out=") {
            out = String(argument.dropFirst(6))
        } else if argument.hasPrefix("--opt=") {
            parameter = String(argument.dropFirst(6))
        } else if argument == "-I", let path = iterator.next() {
            importPaths.append(path)
        } else if argument.hasPrefix("-I") {
            importPaths.append(String(argument.dropFirst(2)))
        } else {
            files.append(argument)
        }
    }
    var selfPath = [CChar](repeating: 0, count: 4096)
    let length = readlink("/proc/self/exe", &selfPath, selfPath.count - 1)
    let plugin =
        length > 0
        ? String(decoding: selfPath[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
    let driver = ProtocDriver(
        protocPath: protoc, pluginPath: plugin, importPaths: importPaths, outputDirectory: out, parameter: parameter)
    do {
        try driver.run(protoFiles: files)
    } catch {
        fail(error.description)
    }
}

/// Plugin mode: CodeGeneratorRequest on stdin, CodeGeneratorResponse on stdout.
func runPlugin() {
    let request: Google_Protobuf_Compiler_CodeGeneratorRequest
    do {
        request = try CodeGenerator.decodeRequest(readStandardInput())
    } catch {
        fail("cannot decode the CodeGeneratorRequest from protoc: \(error)")
    }
    let response = CodeGenerator.generate(request)
    do {
        guard writeStandardOutput(try response.serializedBuffer()) else { fail("cannot write to standard output") }
    } catch {
        fail("cannot encode the response: \(error)")
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--driver" {
    runDriver(Array(arguments.dropFirst()))
} else if arguments.contains("--version") {
    print("protoc-gen-room619 1")
} else {
    runPlugin()
}
