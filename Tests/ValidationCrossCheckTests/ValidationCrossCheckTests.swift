import ProtoRuntime
import Testing
import Validation

/// The generated validators of the test contracts against protovalidate 2.1.0: for every message
/// of the corpus (hand-picked edge cases, every field's boundary values, and at least 10,000
/// seeded random messages), the same verdict and the same (path, rule id, for_key) triples in the
/// same order. See Tests/Validation/crosscheck/README.md.
@Suite("Cross-check: generated validators against protovalidate", .timeLimit(.minutes(5)))
struct ValidationCrossCheckTests {
    /// At least this many random messages must be compared, so a silently short corpus fails.
    static let minimumRandomCases = 10_000

    @Test("each part of the corpus gets protovalidate's answers", arguments: ["hand", "edge", "random"])
    func part(_ part: String) async throws {
        let corpus = try await Self.corpus()
        let cases = corpus.cases.filter { $0.part == part }
        var mismatches: [String] = []
        for testCase in cases {
            if let mismatch = Self.compare(testCase, now: corpus.header.now) { mismatches.append(mismatch) }
        }
        #expect(!cases.isEmpty, "the corpus has no \(part) cases")
        for mismatch in mismatches.prefix(20) {
            Issue.record("\(mismatch)\n(seed \(corpus.header.seed), now \(corpus.header.now))")
        }
        #expect(
            mismatches.isEmpty,
            """
            \(mismatches.count) of \(cases.count) \(part) cases differ from protovalidate (the first 20 above); \
            replay with VALIDATION_CROSSCHECK_SEED=\(corpus.header.seed)
            """)
    }

    @Test("the corpus covers every compiled type and at least 10,000 random messages")
    func completeness() async throws {
        let corpus = try await Self.corpus()
        let compiled = Set(GeneratedValidators.checks.keys)
        #expect(Set(corpus.header.types) == compiled, "types of the contracts and of GeneratedValidators differ")
        #expect(corpus.header.skipped.isEmpty)
        let random = corpus.cases.filter { $0.part == "random" }
        #expect(random.count >= Self.minimumRandomCases)
        #expect(random.allSatisfy { compiled.contains($0.type) })
        #expect(corpus.header.counts["random"] == random.count)
        #expect(corpus.header.counts.values.reduce(0, +) == corpus.cases.count)
        #expect(corpus.header.protovalidate == "2.1.0")
        // Both verdicts occur, or the corpus is not testing much.
        let verdicts = Set(corpus.cases.map(\.verdict))
        #expect(verdicts.isSuperset(of: ["valid", "invalid", "error"]))
    }

    static func corpus() async throws -> CrossCheckCorpus {
        try await CrossCheckOracle.shared.corpus(skipping: [])
    }

    /// A report of how the generated validator's answer differs from the oracle's, or nil.
    static func compare(_ testCase: CrossCheckCorpus.Case, now seconds: Int64) -> String? {
        guard let check = GeneratedValidators.checks[testCase.type] else {
            return report(testCase, swift: "no generated validator for \(testCase.type)")
        }
        let now = Google_Protobuf_Timestamp(seconds: seconds, nanos: 0)
        let verdict: GeneratedVerdict
        do {
            verdict = try check(testCase.bytes, now)
        } catch {
            return report(testCase, swift: "cannot decode: \(error)")
        }
        if testCase.verdict == "error" {
            guard let first = verdict.runtimeErrors.first else {
                return report(testCase, swift: "no runtime error; violations \(verdict.violations)")
            }
            if let rule = testCase.errorRule, first.ruleID != rule {
                return report(testCase, swift: "runtime error \(first)")
            }
            return nil
        }
        if !verdict.runtimeErrors.isEmpty || verdict.violations != testCase.violations {
            let errors = verdict.runtimeErrors.isEmpty ? "" : "; runtime errors \(verdict.runtimeErrors)"
            let kind = verdict.violations.isEmpty && verdict.runtimeErrors.isEmpty ? "valid" : "invalid"
            return report(testCase, swift: "\(kind) \(verdict.violations)\(errors)")
        }
        return nil
    }

    private static func report(_ testCase: CrossCheckCorpus.Case, swift: String) -> String {
        let oracle =
            testCase.verdict == "error"
            ? "error \(testCase.errorRule ?? "-"): \(testCase.error ?? "")"
            : "\(testCase.verdict) \(testCase.violations)"
        return """
            \(testCase.name) (\(testCase.type))
              message:       \(testCase.text)
              protovalidate: \(oracle)
              room619:       \(swift)
            """
    }
}
