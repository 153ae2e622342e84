import Foundation
import ProtoRuntime
import Testing

// Cross-checks against protobuf implementations we did not write: Google's (Python, from .venv)
// and libprotobuf-c (Debian's protoc-c). Each peer runs a small program under
// Tests/ContractsTests/CrossCheck/ that knows the same named cases as the Swift tests, and can
// check bytes against a case (exit status and a diff) or encode a case. This file holds the
// harness; the suites are CrossCheckPythonTests, CrossCheckProto2Tests and CrossCheckCTests.

/// A protobuf implementation we did not write, driven through its cross-check program.
struct CrossCheckPeer: Sendable {
    /// How failures name this peer.
    let name: String
    /// The program to run.
    let executable: URL
    /// Arguments before the command (`check` or `encode`).
    let leadingArguments: [String]
    /// Where inputs and outputs for the program go.
    let workDirectory: URL

    /// Records an issue unless the peer decodes each encoding to its own build of `caseName`.
    func expectDecodes(
        _ encodings: [UInt8]..., as caseName: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let files = encodings.map { _ in makeFileURL(caseName) }
        defer { for file in files { try? FileManager.default.removeItem(at: file) } }
        for (encoding, file) in zip(encodings, files) {
            try Data(encoding).write(to: file)
        }
        let outcome = try await CrossCheckProcess.run(
            executable, leadingArguments + ["check", caseName] + files.map(\.path), logDirectory: workDirectory)
        #expect(
            outcome.status == 0,
            "\(name) does not decode room619's bytes to case \(caseName):\n\(outcome.output)",
            sourceLocation: sourceLocation)
    }

    /// The peer's encoding of `caseName`.
    func encoding(of caseName: String) async throws -> [UInt8] {
        let file = makeFileURL(caseName)
        defer { try? FileManager.default.removeItem(at: file) }
        let outcome = try await CrossCheckProcess.run(
            executable, leadingArguments + ["encode", caseName, file.path], logDirectory: workDirectory)
        guard outcome.status == 0 else {
            throw CrossCheckError("\(name) could not encode case \(caseName):\n\(outcome.output)")
        }
        return [UInt8](try Data(contentsOf: file))
    }

    private func makeFileURL(_ caseName: String) -> URL {
        workDirectory.appending(path: "\(caseName)-\(UUID().uuidString).bin")
    }
}

/// Prepares each peer once per test run (code generation, compiling), however many tests ask at once.
actor CrossCheckPeers {
    /// The peers every cross-check test shares.
    static let shared = CrossCheckPeers()

    /// This run's generated code and programs, removed when the test process exits.
    private static let workDirectory: URL = {
        let directory = FileManager.default.temporaryDirectory
            .appending(path: "room619-crosscheck-\(UUID().uuidString)")
        atexit { try? FileManager.default.removeItem(at: CrossCheckPeers.workDirectory) }
        return directory
    }()

    private var pythonTask: Task<CrossCheckPeer, any Error>?
    private var cTask: Task<CrossCheckPeer, any Error>?

    /// Google's protobuf, with `_pb2` modules generated from the test contracts.
    func python() async throws -> CrossCheckPeer {
        let directory = Self.workDirectory.appending(path: "python")
        let task = pythonTask ?? Task { try await Self.makePythonPeer(in: directory) }
        pythonTask = task
        return try await task.value
    }

    /// libprotobuf-c, with the C driver compiled against protoc-c's code for `c_subset.proto`.
    func c() async throws -> CrossCheckPeer {
        let directory = Self.workDirectory.appending(path: "c")
        let task = cTask ?? Task { try await Self.makeCPeer(in: directory) }
        cTask = task
        return try await task.value
    }

    private static func makePythonPeer(in directory: URL) async throws -> CrossCheckPeer {
        let python = CrossCheckPaths.repositoryRoot.appending(path: ".venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw CrossCheckError("\(python.path) is missing: run ./setup.sh to create the Python environment")
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let script = CrossCheckPaths.crossCheckDirectory.appending(path: "python/crosscheck.py")
        let generated = directory.appending(path: "generated")
        let outcome = try await CrossCheckProcess.run(
            python, [script.path, "generate", CrossCheckPaths.protoRoot.path, generated.path],
            logDirectory: directory)
        guard outcome.status == 0 else {
            throw CrossCheckError(
                "generating the _pb2 modules failed (run ./setup.sh to install grpcio-tools and protobuf):\n"
                    + outcome.output)
        }
        return CrossCheckPeer(
            name: "Google's protobuf (Python)", executable: python,
            leadingArguments: [script.path, "--generated", generated.path], workDirectory: directory)
    }

    private static func makeCPeer(in directory: URL) async throws -> CrossCheckPeer {
        guard let protocC = CrossCheckPaths.executable(named: "protoc-c") else {
            throw CrossCheckError(
                "protoc-c is not on PATH: run ./setup.sh (it installs protobuf-c-compiler and libprotobuf-c-dev)")
        }
        guard let compiler = CrossCheckPaths.executable(named: "cc") ?? CrossCheckPaths.executable(named: "gcc") else {
            throw CrossCheckError("no C compiler (cc) on PATH: run ./setup.sh (it installs gcc)")
        }
        let generated = directory.appending(path: "generated")
        try FileManager.default.createDirectory(at: generated, withIntermediateDirectories: true)
        let proto = CrossCheckPaths.protoRoot.appending(path: "room619/testing/v1/c_subset.proto")
        let generation = try await CrossCheckProcess.run(
            protocC, ["--c_out=\(generated.path)", "-I", CrossCheckPaths.protoRoot.path, proto.path],
            logDirectory: directory)
        guard generation.status == 0 else {
            throw CrossCheckError("protoc-c failed on \(proto.path) (run ./setup.sh):\n\(generation.output)")
        }
        let driver = directory.appending(path: "crosscheck-c")
        let compilation = try await CrossCheckProcess.run(
            compiler,
            [
                "-std=c11", "-Wall", "-Wextra", "-Werror", "-I", generated.path, "-o", driver.path,
                CrossCheckPaths.crossCheckDirectory.appending(path: "c/crosscheck.c").path,
                generated.appending(path: "room619/testing/v1/c_subset.pb-c.c").path, "-lprotobuf-c",
            ],
            logDirectory: directory)
        guard compilation.status == 0 else {
            throw CrossCheckError(
                "compiling the libprotobuf-c driver failed (run ./setup.sh to install libprotobuf-c-dev):\n"
                    + compilation.output)
        }
        return CrossCheckPeer(
            name: "libprotobuf-c", executable: driver, leadingArguments: [], workDirectory: directory)
    }
}

/// Paths of the repository, found from this file's location.
enum CrossCheckPaths {
    /// The repository root (this file is `Tests/ContractsTests/CrossCheckTests.swift`).
    static let repositoryRoot = URL(filePath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The test contracts.
    static let protoRoot = repositoryRoot.appending(path: "Tests/ContractsTests/Protos")
    /// The peers' cross-check programs.
    static let crossCheckDirectory = repositoryRoot.appending(path: "Tests/ContractsTests/CrossCheck")

    /// The first executable called `name` on `PATH`.
    static func executable(named name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":")
            .map { URL(filePath: String($0)).appending(path: name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}

/// Runs programs without blocking the caller's thread while they run.
enum CrossCheckProcess {
    /// The exit status and the interleaved standard output and error of a finished program.
    struct Outcome: Sendable {
        var status: Int32
        var output: String
    }

    /// Runs `executable` to completion; its output goes through a file in `logDirectory`, so no
    /// pipe can fill up and stall it.
    static func run(_ executable: URL, _ arguments: [String], logDirectory: URL) async throws -> Outcome {
        let log = logDirectory.appending(path: "process-\(UUID().uuidString).log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
            throw CrossCheckError("cannot create \(log.path)")
        }
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = handle
        process.standardError = handle
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do {
                try process.run()
            } catch {
                continuation.resume(throwing: CrossCheckError("cannot run \(executable.path): \(error)"))
            }
        }
        var output = String(decoding: try Data(contentsOf: log), as: UTF8.self)
        if process.terminationReason == .uncaughtSignal {
            output += "\n(\(executable.lastPathComponent) was killed by signal \(process.terminationStatus))"
        }
        return Outcome(status: process.terminationStatus, output: output)
    }
}

/// A cross-check that could not run (a missing tool, a failed build), with how to fix it.
struct CrossCheckError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// Helpers the cross-check suites share.
enum CrossCheck {
    /// The encoding every cross-check compares: map entries in key order.
    static let deterministic = BinaryEncodingOptions(deterministic: true)

    /// Lowercase hex, a space between bytes, so failing byte comparisons read well.
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined(separator: " ")
    }
}
