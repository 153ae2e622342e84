import Foundation

/// What one curl run printed.
struct CurlResult: Sendable {
    /// curl's exit status (0: every transfer worked; 7: could not connect; 28: timed out …).
    var exitCode: Int32
    var stdout: String
    var stderr: String
}

/// Runs the system's curl, a client we did not write, with a hard time limit.
enum Curl {
    /// Runs `curl -q -sS --noproxy '*' <arguments>`; output goes through files, so no pipe can
    /// fill up and stall it.
    /// - Parameter timeout: curl's `--max-time`; the process is killed a little after it.
    static func run(_ arguments: [String], timeout: Duration = testPatience) async throws -> CurlResult {
        let directory = FileManager.default.temporaryDirectory
        let stdoutURL = directory.appending(path: "room619-curl-\(UUID().uuidString).out")
        let stderrURL = directory.appending(path: "room619-curl-\(UUID().uuidString).err")
        defer {
            try? FileManager.default.removeItem(at: stdoutURL)
            try? FileManager.default.removeItem(at: stderrURL)
        }
        for url in [stdoutURL, stderrURL] {
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                throw CurlError("cannot create \(url.path)")
            }
        }
        let stdoutHandle = try FileHandle(forWritingTo: stdoutURL)
        defer { try? stdoutHandle.close() }
        let stderrHandle = try FileHandle(forWritingTo: stderrURL)
        defer { try? stderrHandle.close() }

        let seconds = timeout.components.seconds
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "-q", "-sS", "--noproxy", "*", "--max-time", "\(seconds)"] + arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdoutHandle
        process.standardError = stderrHandle
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do {
                try process.run()
            } catch {
                continuation.resume(throwing: CurlError("cannot run curl (is it installed?): \(error)"))
                return
            }
            // Belt and braces: curl's own --max-time should always end it first.
            DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(Int(seconds) + 2)) {
                if process.isRunning { process.terminate() }
            }
        }
        return CurlResult(
            exitCode: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: stdoutURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self))
    }
}

/// curl could not be run.
struct CurlError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// A file of `count` bytes, pattern `i % 251`, removed when `body` returns.
func withTemporaryFile<T>(
    size count: Int, _ body: (_ path: String, _ bytes: [UInt8]) async throws -> T
) async throws -> T {
    let url = FileManager.default.temporaryDirectory.appending(path: "room619-upload-\(UUID().uuidString).bin")
    let period = (0..<251).map { UInt8($0) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(count)
    while bytes.count < count { bytes += period.prefix(count - bytes.count) }
    try Data(bytes).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    return try await body(url.path, bytes)
}
