import Foundation

/// What one curl run printed.
struct CurlResult: Sendable {
    /// curl's exit status (0: the transfer worked).
    var exitCode: Int32
    var stdout: String
    var stderr: String

    /// The status code when run with `-w '\n%{http_code}'`: the last line.
    var statusCode: Int? { stdout.split(separator: "\n").last.flatMap { Int($0) } }
    /// The body when run with `-w '\n%{http_code}'`: everything before the last line.
    var body: String {
        guard let newline = stdout.lastIndex(of: "\n") else { return "" }
        return String(stdout[..<newline])
    }
}

/// Runs /usr/bin/curl, a client we did not write, with a hard time limit.
enum Curl {
    /// Runs `curl -q -sS --noproxy '*' --max-time … <arguments> -w '\n%{http_code}'`; output goes
    /// through files so no pipe can fill up and stall it.
    static func run(_ arguments: [String], seconds: Int = 30) async throws -> CurlResult {
        let directory = FileManager.default.temporaryDirectory
        let stdoutURL = directory.appending(path: "room619-gw-curl-\(UUID().uuidString).out")
        let stderrURL = directory.appending(path: "room619-gw-curl-\(UUID().uuidString).err")
        defer {
            try? FileManager.default.removeItem(at: stdoutURL)
            try? FileManager.default.removeItem(at: stderrURL)
        }
        for url in [stdoutURL, stderrURL] {
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        }
        let stdoutHandle = try FileHandle(forWritingTo: stdoutURL)
        defer { try? stdoutHandle.close() }
        let stderrHandle = try FileHandle(forWritingTo: stderrURL)
        defer { try? stderrHandle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        process.arguments =
            ["-q", "-sS", "--noproxy", "*", "--max-time", "\(seconds)"] + arguments + ["-w", "\n%{http_code}"]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdoutHandle
        process.standardError = stderrHandle
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do {
                try process.run()
            } catch {
                continuation.resume(throwing: error)
            }
        }
        return CurlResult(
            exitCode: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: stdoutURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self))
    }
}
