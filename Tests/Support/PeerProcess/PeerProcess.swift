// What the Swift tests that drive a Python peer (the protovalidate and RE2 oracles, the format
// cross-check) share: running a program to completion without blocking a thread.
public import Foundation

/// Runs peer programs for tests.
public enum PeerProcess {
    /// A program that could not be started.
    public struct LaunchError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs `executable` with `arguments` until it exits and returns its status; standard output
    /// and error go to `log` (a file, so no pipe can fill up and stall the program).
    public static func run(_ executable: URL, _ arguments: [String], log: URL) async throws -> Int32 {
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else {
            throw LaunchError(description: "cannot create \(log.path)")
        }
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
                continuation.resume(throwing: LaunchError(description: "cannot run \(executable.path): \(error)"))
            }
        }
        return process.terminationStatus
    }
}
