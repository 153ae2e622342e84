import Foundation
import PeerProcess
import Testing

/// protovalidate's verdicts on the format corpus, from `Tests/Validation/formats/oracle.py`.
///
/// The program runs once per test process (with `.venv`'s Python, where `./setup.sh` installs the
/// pinned protovalidate); the tests share its answer.
struct FormatOracle: Sendable {
    /// One value and the fields (check names) protovalidate rejected it for.
    struct Case: Sendable {
        var value: [UInt8]
        var rejected: Set<String>
    }

    /// The seed of the generated cases.
    var seed: UInt64
    /// Every field of `StringFormats`, in declaration order.
    var stringFields: [String]
    /// Every field of `BytesFormats`, in declaration order.
    var bytesFields: [String]
    var stringCases: [Case]
    var bytesCases: [Case]

    /// The shared answer: the seed comes from `ROOM619_FORMAT_SEED` if set, else at random (printed).
    static let shared = Task<FormatOracle, any Error> {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["ROOM619_FORMAT_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 0..<(1 << 32))
        let generated = environment["ROOM619_FORMAT_GENERATED"].flatMap(Int.init) ?? 20_000
        print(
            "format cross-check: seed \(seed), \(generated) generated cases (ROOM619_FORMAT_SEED=\(seed) repeats them)")
        return try await run(seed: seed, generated: generated)
    }

    static let repositoryRoot = URL(filePath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    private static func run(seed: UInt64, generated: Int) async throws -> FormatOracle {
        let python = repositoryRoot.appending(path: ".venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw OracleError("\(python.path) is missing: run ./setup.sh to create the Python environment")
        }
        let script = repositoryRoot.appending(path: "Tests/Validation/formats/oracle.py")
        let work = FileManager.default.temporaryDirectory.appending(path: "room619-formats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let output = work.appending(path: "verdicts.tsv")
        let log = work.appending(path: "oracle.log")
        let status = try await PeerProcess.run(
            python, [script.path, "--out", output.path, "--seed", String(seed), "--generated", String(generated)],
            log: log)
        guard status == 0 else {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw OracleError("oracle.py failed (status \(status); run ./setup.sh to install protovalidate):\n\(text)")
        }
        return try parse(try String(contentsOf: output, encoding: .utf8), seed: seed)
    }

    static func parse(_ text: String, seed: UInt64) throws -> FormatOracle {
        var oracle = FormatOracle(seed: seed, stringFields: [], bytesFields: [], stringCases: [], bytesCases: [])
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count == 3 else { throw OracleError("unreadable oracle line: \(line)") }
            if columns[0] == "F" {
                let fields = columns[2].split(separator: ",").map(String.init)
                if columns[1] == "S" { oracle.stringFields = fields } else { oracle.bytesFields = fields }
                continue
            }
            guard let value = bytes(hex: columns[1]) else { throw OracleError("bad hex in oracle line: \(line)") }
            let rejected = columns[2] == "-" ? [] : Set(columns[2].split(separator: ",").map(String.init))
            let oracleCase = Case(value: value, rejected: rejected)
            if columns[0] == "S" { oracle.stringCases.append(oracleCase) } else { oracle.bytesCases.append(oracleCase) }
        }
        return oracle
    }

    private static func bytes(hex: String) -> [UInt8]? {
        if hex == "-" { return [] }
        let digits = Array(hex.utf8)
        guard digits.count.isMultiple(of: 2) else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = hexValue(digits[index]), let low = hexValue(digits[index + 1]) else { return nil }
            result.append(high << 4 | low)
        }
        return result
    }

    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}

/// The oracle could not be run or read.
struct OracleError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
