import Foundation

/// `curl -s` as a real client sees it: the status and the body (for tests that check what a
/// server answers a client we did not write).
///
/// curl runs on a thread of its own and the caller awaits it, so a test never blocks one of the
/// cooperative pool's few threads while a server answers (on a two-core machine that starves
/// every other test's tasks, and their timeouts fire late).
public func curl(
    _ url: String, method: String = "GET", body: String? = nil, headers: [String] = []
) async throws -> (status: Int, body: String) {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread {
            continuation.resume(with: Result { try blockingCurl(url, method: method, body: body, headers: headers) })
        }
    }
}

private func blockingCurl(
    _ url: String, method: String, body: String?, headers: [String]
) throws -> (status: Int, body: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    var arguments = ["-s", "-m", "10", "-X", method, "-w", "\n%{http_code}"]
    for header in headers { arguments += ["-H", header] }
    if let body { arguments += ["-H", "content-type: application/json", "--data-binary", body] }
    process.arguments = arguments + [url]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
}
