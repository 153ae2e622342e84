import Foundation
import PeerProcess
import Testing
import Validation

/// RE2Regex against Google's RE2 (PyPI google-re2 in .venv, driven through
/// `Tests/Validation/regex/re2_oracle.py`): the same accept/reject decision and error kind for
/// every pattern, and the same match verdict for every input.
///
/// The corpus is the hand-picked cases of `corpus.py` plus generated ones from a seed, which is
/// printed; set `RE2_CROSSCHECK_SEED` to replay a run and `RE2_CROSSCHECK_GENERATED` to change
/// how many are generated (default 3000).
///
/// One difference is expected and counted, not failed: RE2 rejects some valid patterns as
/// "pattern too large" because its byte-level program would pass its default 8 MiB memory
/// budget (`\pL{500}` compiles each `\pL` to hundreds of UTF-8 byte ranges). RE2Regex keeps a
/// class as one instruction and has its own limit, so it accepts them; the test checks that
/// they compile and stay within it.
@Suite("Cross-check: RE2Regex against Google's RE2 (Python google-re2)", .timeLimit(.minutes(5)))
struct RE2CrossCheckTests {
    @Test("every pattern and input gets RE2's verdict")
    func agreesWithRE2() async throws {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["RE2_CROSSCHECK_SEED"].flatMap(UInt32.init) ?? UInt32.random(in: 0...UInt32.max)
        let generated = environment["RE2_CROSSCHECK_GENERATED"].flatMap(Int.init) ?? 3000
        print("RE2 cross-check seed: \(seed) (replay with RE2_CROSSCHECK_SEED=\(seed))")
        let corpus = try await RE2Oracle.corpus(seed: seed, generated: generated)
        #expect(corpus.seed == seed)

        var disagreements: [String] = []
        var tooLargeForRE2 = 0
        var pairs = 0
        var fastPath = 0
        var byOrigin: [String: Int] = [:]
        for testCase in corpus.cases {
            byOrigin[testCase.origin, default: 0] += 1
            pairs += testCase.matches.count
            if testCase.error == nil, (try? RE2Regex(testCase.pattern))?.hasFastPath == true { fastPath += 1 }
            if testCase.isTooLargeForRE2Only {
                tooLargeForRE2 += 1
                continue
            }
            disagreements += try testCase.disagreements()
        }
        print(
            "RE2 cross-check (seed \(seed)): \(corpus.cases.count) patterns ("
                + byOrigin.sorted(by: { $0.key < $1.key }).map { "\($0.value) \($0.key)" }.joined(separator: ", ")
                + "); \(fastPath) on the fast path (checked on the Pike VM too); \(pairs) (pattern, input) pairs; "
                + "\(disagreements.count) disagreements; "
                + "\(tooLargeForRE2) accepted patterns RE2 finds too large for its memory budget")
        for disagreement in disagreements.prefix(40) {
            Issue.record("seed \(seed): \(disagreement)")
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements with RE2 (seed \(seed))")
        #expect(corpus.cases.count >= 400 + generated)
    }
}

/// One pattern of the oracle's corpus and RE2's verdicts.
struct RE2OracleCase: Decodable {
    struct Verdict: Decodable {
        /// RE2's error kind (its message up to ": "), as ``RE2SyntaxError/Code`` prints it.
        var kind: String
        var message: String
    }

    struct Input: Decodable {
        var text: String?
        var hex: String?
    }

    var pattern: String
    var origin: String
    var error: Verdict?
    var inputs: [Input]
    var matches: [Bool]

    /// Whether RE2 rejects the pattern only for its memory budget while RE2Regex compiles it.
    var isTooLargeForRE2Only: Bool {
        guard error?.kind == "pattern too large", let regex = try? RE2Regex(pattern) else { return false }
        return regex.instructionCount <= 100_000
    }

    /// Where RE2Regex answers differently, one line each.
    func disagreements() throws -> [String] {
        let regex: RE2Regex
        do {
            regex = try RE2Regex(pattern)
        } catch {
            guard let expected = self.error else {
                return ["\(describe) is valid RE2, but RE2Regex rejects it: \(error)"]
            }
            return RE2OracleCase.isSameKind(error.code, expected.kind)
                ? [] : ["\(describe): RE2 says \"\(expected.message)\", RE2Regex says \(error)"]
        }
        if let expected = self.error {
            return ["\(describe): RE2 rejects it (\(expected.message)), RE2Regex accepts it"]
        }
        var found: [String] = []
        for (input, expected) in zip(inputs, matches) {
            let actual: Bool
            let shown: String
            if let text = input.text {
                actual = regex.matches(text)
                shown = String(reflecting: text)
            } else {
                let bytes = try RE2OracleCase.bytes(fromHex: input.hex ?? "")
                actual = regex.matches(utf8: bytes)
                shown = "bytes " + (input.hex ?? "")
            }
            if actual != expected { found.append("\(describe) on \(shown): RE2 says \(expected), RE2Regex \(actual)") }
            // The Pike VM too, where the automaton answered above.
            if regex.hasFastPath {
                let bytes = try input.text.map { Array($0.utf8) } ?? RE2OracleCase.bytes(fromHex: input.hex ?? "")
                let pike = regex.matches(utf8: bytes, engine: .pikeVM)
                if pike != expected {
                    found.append("\(describe) on \(shown): RE2 says \(expected), its Pike VM \(pike)")
                }
            }
        }
        return found
    }

    private var describe: String { "\(origin) pattern \(String(reflecting: pattern))" }

    /// RE2 reports `\x{` at the very end of a pattern as invalid UTF-8 (it reads past the end);
    /// RE2Regex calls it an invalid escape. Every other kind must be the same.
    static func isSameKind(_ code: RE2SyntaxError.Code, _ kind: String) -> Bool {
        code.description == kind || (code == .invalidEscape && kind == "invalid UTF-8")
    }

    static func bytes(fromHex hex: String) throws -> [UInt8] {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { throw RE2OracleError("odd hex length: \(hex)") }
        return try stride(from: 0, to: digits.count, by: 2).map { index in
            guard let byte = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16) else {
                throw RE2OracleError("bad hex: \(hex)")
            }
            return byte
        }
    }
}

/// Runs `re2_oracle.py` with the .venv's Python.
enum RE2Oracle {
    struct Corpus: Decodable {
        var seed: UInt32
        var cases: [RE2OracleCase]
    }

    /// The repository root (this file is `Tests/ValidationTests/Regex/RE2CrossCheckTests.swift`).
    static let repositoryRoot = URL(filePath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func corpus(seed: UInt32, generated: Int) async throws -> Corpus {
        let python = repositoryRoot.appending(path: ".venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw RE2OracleError("\(python.path) is missing: run ./setup.sh to create the Python environment")
        }
        let directory = FileManager.default.temporaryDirectory.appending(path: "room619-re2-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = repositoryRoot.appending(path: "Tests/Validation/regex/re2_oracle.py")
        let output = directory.appending(path: "corpus.json")
        let log = directory.appending(path: "oracle.log")
        let status = try await PeerProcess.run(
            python, [script.path, "--seed", "\(seed)", "--generated", "\(generated)", output.path], log: log)
        let printed = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        print(printed.trimmingCharacters(in: .whitespacesAndNewlines))
        guard status == 0 else { throw RE2OracleError("re2_oracle.py failed (exit \(status)):\n\(printed)") }
        return try JSONDecoder().decode(Corpus.self, from: Data(contentsOf: output))
    }

}

/// The oracle could not run, with how to fix it.
struct RE2OracleError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
