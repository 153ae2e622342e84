import Foundation
import Glibc
import ProtoRuntime
import Testing
import Validation

/// Every compiled rule on `test.v1.User` (`celFixtureUserRules`, emitted by the CEL compiler) is
/// evaluated on the same messages by our Swift and by protovalidate 2.x, the reference
/// implementation (its CEL runs in Rust): hand-picked edge cases plus random messages drawn near
/// each rule's boundaries. Both must pass, fail, or fail to evaluate alike, and a string rule's
/// message must match.
///
/// Set `CEL_CROSSCHECK_SEED` to replay a run; the seed is printed.
@Suite("CEL cross-check against protovalidate")
struct CELCrossCheckTests {
    static let randomCount = 300

    /// Rules where protovalidate is known to answer differently, and why. Empty: none today.
    static let knownDifferences: [String: String] = [:]

    @Test("compiled rules agree with protovalidate on edge cases and random messages")
    func agree() throws {
        let seed =
            ProcessInfo.processInfo.environment["CEL_CROSSCHECK_SEED"].flatMap { UInt64($0) }
            ?? UInt64.random(in: 0...UInt64.max)
        print("CEL cross-check seed: \(seed)")
        var generator = CELUserGenerator(seed: seed, now: Self.realNow())
        let users =
            CELUserGenerator.edgeCases(now: generator.now) + (0..<Self.randomCount).map { _ in generator.next() }
        let oracle = try Self.askOracle(users: users)
        var compared = 0
        for rule in celFixtureUserRules where Self.knownDifferences[rule.name] == nil {
            let expected = try #require(oracle[rule.name], "protovalidate gave no answer for \(rule.name)")
            try #require(expected.count == users.count)
            for (index, user) in users.enumerated() {
                let ours = rule.evaluate(user, generator.now)
                #expect(
                    Self.agree(ours, expected[index]),
                    "\(rule.name) `\(rule.expression)` on user #\(index) \(CELUserJSON.text(user)): ours \(ours), protovalidate \(expected[index])"
                )
                compared += 1
            }
        }
        #expect(compared == celFixtureUserRules.count * users.count)
    }

    /// Same verdict; same message when ours carries one (a string rule).
    static func agree(_ ours: CELOutcome, _ theirs: OracleAnswer) -> Bool {
        switch (ours, theirs.verdict) {
        case (.pass, "pass"), (.error, "error"): return true
        case (.violation(let message), "violation"): return message.isEmpty || message == theirs.message
        default: return false
        }
    }

    struct OracleAnswer: Decodable, CustomStringConvertible {
        var verdict: String
        var message: String
        var description: String { verdict == "pass" ? "pass" : "\(verdict)(\(message))" }
    }

    /// The instant both sides take as `now` (protovalidate reads the real clock).
    static func realNow() -> Google_Protobuf_Timestamp {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Google_Protobuf_Timestamp(seconds: Int64(spec.tv_sec), nanos: 0)
    }

    /// protovalidate's answers, by rule name, one per user.
    static func askOracle(users: [FixtureUser]) throws -> [String: [OracleAnswer]] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let python = root.appendingPathComponent(".venv/bin/python")
        try #require(
            FileManager.default.isExecutableFile(atPath: python.path),
            "\(python.path) is missing: run ./setup.sh to create the Python environment")
        let request: [String: Any] = [
            "cases": celFixtureUserRules.map { ["name": $0.name, "expression": $0.expression] },
            "users": users.map(CELUserJSON.object),
        ]
        let input = try JSONSerialization.data(withJSONObject: request)
        let process = Process()
        process.executableURL = python
        process.arguments = ["-c", CELOracleScript.source]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "the protovalidate script failed")
        struct Response: Decodable { var results: [String: [OracleAnswer]] }
        return try JSONDecoder().decode(Response.self, from: output).results
    }
}
