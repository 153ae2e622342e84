import Foundation
import PeerProcess

/// The validation cross-check corpus and protovalidate's verdict on each message, as
/// `Tests/Validation/crosscheck/corpus.py` writes them (see the README there).
struct CrossCheckCorpus: Sendable {
    /// The first line of the corpus file.
    struct Header: Decodable, Sendable {
        /// The seed of the random part (`VALIDATION_CROSSCHECK_SEED` replays it).
        var seed: UInt64
        /// The corpus clock, in seconds since the epoch: clock-relative cases are an hour or more
        /// from their boundary relative to it, and the Swift side validates with it as `now`.
        var now: Int64
        /// Cases per part: `hand`, `edge`, `random`.
        var counts: [String: Int]
        /// The oracle's version.
        var protovalidate: String
        /// The message types the corpus covers.
        var types: [String]
        /// The types left out (`--skip-type`).
        var skipped: [String]
    }

    /// One message and the oracle's verdict on it.
    struct Case: Decodable, Sendable {
        /// `hand/…`, `edge/<Type>/<field>/<n>` or `random/<n>/<Type>`.
        var name: String
        /// The full protobuf name of the message type.
        var type: String
        /// The encoding both sides decode (base64; map entries in key order).
        var message: String
        /// The message in text format, for failure reports.
        var text: String
        /// `valid`, `invalid` or `error`.
        var verdict: String
        /// The oracle's violations, in its order.
        var violations: [Violation]
        /// The evaluation error the oracle raised instead of answering.
        var error: String?
        /// The rule that error names, when it names one.
        var errorRule: String?

        /// The part of the corpus the case belongs to.
        var part: String { String(name.prefix { $0 != "/" }) }

        /// The encoded message.
        var bytes: [UInt8] { Data(base64Encoded: message).map { [UInt8]($0) } ?? [] }
    }

    /// One violation as the oracle reports it.
    struct Violation: Decodable, Sendable, Hashable, CustomStringConvertible {
        /// The field path in protovalidate's text form.
        var path: String
        /// The rule id.
        var rule: String
        /// True when the violation is about a map key.
        var forKey: Bool

        var description: String { "(\(path.isEmpty ? "<message>" : path), \(rule)\(forKey ? ", key" : ""))" }
    }

    var header: Header
    var cases: [Case]

    /// Decodes a corpus file: the header line, then one case per line.
    init(contentsOf url: URL) throws {
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        guard let first = lines.first else { throw CrossCheckFailure("\(url.path) is empty") }
        let decoder = JSONDecoder()
        header = try decoder.decode(Header.self, from: Data(first.utf8))
        cases = try lines.dropFirst().map { try decoder.decode(Case.self, from: Data($0.utf8)) }
    }
}

/// The corpus of this test run, written once by the Python oracle and shared by every test.
actor CrossCheckOracle {
    /// The corpus every test shares.
    static let shared = CrossCheckOracle()

    private var task: Task<CrossCheckCorpus, any Error>?

    /// The corpus, written by `corpus.py` on first use without the `skipped` types (the seed comes
    /// from `VALIDATION_CROSSCHECK_SEED` when set, else it is random and printed).
    func corpus(skipping skipped: [String]) async throws -> CrossCheckCorpus {
        let task = self.task ?? Task { try await Self.writeCorpus(skipping: skipped) }
        self.task = task
        return try await task.value
    }

    private static func writeCorpus(skipping skipped: [String]) async throws -> CrossCheckCorpus {
        let python = CrossCheckPaths.repositoryRoot.appending(path: ".venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw CrossCheckFailure("\(python.path) is missing: run ./setup.sh to create the Python environment")
        }
        let directory = FileManager.default.temporaryDirectory
            .appending(path: "room619-validation-crosscheck-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = CrossCheckPaths.crossCheckDirectory.appending(path: "corpus.py")
        let out = directory.appending(path: "corpus.jsonl")
        let arguments =
            [script.path, "write", out.path, "--work-dir", directory.appending(path: "work").path]
            + skipped.sorted().flatMap { ["--skip-type", $0] }
        let log = directory.appending(path: "corpus.log")
        guard try await PeerProcess.run(python, arguments, log: log) == 0 else {
            let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw CrossCheckFailure("corpus.py failed (run ./setup.sh to install protovalidate):\n\(output)")
        }
        let corpus = try CrossCheckCorpus(contentsOf: out)
        let header = corpus.header
        print(
            "validation cross-check: seed \(header.seed) (replay: VALIDATION_CROSSCHECK_SEED=\(header.seed)), "
                + "now \(header.now), \(corpus.cases.count) cases \(header.counts)")
        return corpus
    }
}

/// Paths of the repository, found from this file's location.
enum CrossCheckPaths {
    /// The repository root (this file is `Tests/ValidationCrossCheckTests/CrossCheckCorpus.swift`).
    static let repositoryRoot = URL(filePath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The contracts, the corpus generator and the oracle.
    static let crossCheckDirectory = repositoryRoot.appending(path: "Tests/Validation/crosscheck")
}

/// A cross-check that could not run, with how to fix it.
struct CrossCheckFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
