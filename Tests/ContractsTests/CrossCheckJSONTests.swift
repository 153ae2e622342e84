import Foundation
import ProtoRuntime
import Testing

/// proto3 JSON against Google's `json_format` (Python): each side reads what the other writes,
/// both write the same JSON value, both read the same text to the same message, and both reject
/// (or refuse to write) the same things. The cases are in `CrossCheckJSONCases.swift`,
/// `CrossCheckJSONReadCases.swift` and `CrossCheckJSONRejectCases.swift`; one Python process
/// answers them all (`CrossCheck/python/json_check.py`).
///
/// JSON texts are compared as parsed JSON values, not bytes: Python writes `1.0` where we write
/// `1`, orders map keys as it likes and escapes non-ASCII text. Messages are compared by their
/// deterministic binary encoding, so the sign of zero and NaN count.
@Suite("Cross-check: proto3 JSON against Google's json_format (Python)", .timeLimit(.minutes(2)))
struct CrossCheckJSONTests {
    @Test(
        "Python reads Swift's JSON and writes the same JSON; Swift reads Python's",
        arguments: try JSONMessageCase.all(), JSONPrintOptions.all)
    func messageBothWays(_ testCase: JSONMessageCase, _ options: JSONPrintOptions) async throws {
        let swiftJSON = try testCase.message.jsonString(options: options.encoding)
        let answer = try await JSONCrossCheck.shared.answer(to: testCase.requestID(options))
        #expect(answer.problems.isEmpty, "\(answer.report)\nroom619 wrote: \(swiftJSON)")

        let expected = testCase.readsBackAs ?? testCase.message
        let pythonJSON = try #require(answer.pythonJSON, "Python wrote no JSON")
        try JSONCrossCheck.expectReads(pythonJSON, as: expected, writer: "Python")
        try JSONCrossCheck.expectReads(swiftJSON, as: expected, writer: "room619")
    }

    @Test("both read the same JSON text to the same message", arguments: try JSONReadCase.all())
    func bothRead(_ testCase: JSONReadCase) async throws {
        try JSONCrossCheck.expectReads(
            testCase.json, as: testCase.expected, options: testCase.decoding, writer: "the case")
        let answer = try await JSONCrossCheck.shared.answer(to: testCase.requestID)
        #expect(answer.problems.isEmpty, "\(answer.report)")
    }

    @Test("both reject the same JSON text; ours says what and where", arguments: JSONRejectCase.all)
    func bothReject(_ testCase: JSONRejectCase) async throws {
        let error = #expect(throws: JSONDecodingError.self, "room619 accepts \(testCase.json)") {
            _ = try testCase.type.init(jsonString: testCase.json, options: testCase.decoding)
        }
        if let error {
            #expect(error.code == testCase.code, "\(error)")
            #expect(error.pathDescription == testCase.path, "\(error)")
        }
        let answer = try await JSONCrossCheck.shared.answer(to: testCase.requestID)
        #expect(answer.problems.isEmpty, "\(answer.report)")
    }

    @Test("both refuse to write values JSON cannot express", arguments: try JSONUnwritableCase.all())
    func bothRefuseToWrite(_ testCase: JSONUnwritableCase) async throws {
        let error = #expect(throws: ProtoEncodingError.self) {
            _ = try testCase.message.jsonString(options: JSONPrintOptions.plain.encoding)
        }
        #expect(error?.code == .invalidValue, "\(String(describing: error))")
        let answer = try await JSONCrossCheck.shared.answer(to: testCase.requestID)
        #expect(answer.problems.isEmpty, "\(answer.report)")
    }

    @Test("every case has its own name")
    func caseNamesAreUnique() throws {
        let ids = try JSONCrossCheck.requests().map(\.id)
        let duplicates = Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys
        #expect(duplicates.isEmpty, "\(duplicates.sorted())")
    }
}

/// The encoding switches a message case runs under, each with the `json_format` flags that mean
/// the same: `preserving_proto_field_name`, `always_print_fields_with_no_presence`.
struct JSONPrintOptions: Sendable, CustomTestStringConvertible {
    let name: String
    var preserveProtoFieldNames = false
    var emitDefaultValues = false

    static let plain = JSONPrintOptions(name: "default options")
    static let all: [JSONPrintOptions] = [
        plain,
        JSONPrintOptions(name: "proto field names", preserveProtoFieldNames: true),
        JSONPrintOptions(name: "default values", emitDefaultValues: true),
        JSONPrintOptions(
            name: "proto field names, default values", preserveProtoFieldNames: true, emitDefaultValues: true),
    ]

    var testDescription: String { name }

    var encoding: JSONEncodingOptions {
        var options = JSONEncodingOptions()
        options.preserveProtoFieldNames = preserveProtoFieldNames
        options.emitDefaultValues = emitDefaultValues
        options.typeRegistry = JSONCrossCheck.registry
        return options
    }

    var python: JSONCrossCheck.Options {
        JSONCrossCheck.Options(preserveProtoFieldNames: preserveProtoFieldNames, emitDefaultValues: emitDefaultValues)
    }
}

/// Asks `json_check.py` about every case at once, the first time any test needs an answer.
actor JSONCrossCheck {
    /// The batch every JSON cross-check test shares.
    static let shared = JSONCrossCheck()

    /// The message types an `Any` in the cases may hold.
    static let registry = MessageTypeRegistry.wellKnownTypes
        .merging(Room619_Testing_V1_AllTypes_Types.registry)
        .merging(Room619_Testing_V1_JSONTypes_Types.registry)
        .merging(Room619_Testing_V1_Proto2Types_Types.registry)

    /// How the cases decode: with ``registry`` and the proto2 test extensions.
    static func decoding(ignoreUnknownFields: Bool = false) -> JSONDecodingOptions {
        var options = JSONDecodingOptions()
        options.typeRegistry = registry
        options.extensions = Room619_Testing_V1_Proto2Types_Extensions.registry
        options.ignoreUnknownFields = ignoreUnknownFields
        return options
    }

    /// `json_format`'s switches for one request.
    struct Options: Codable, Sendable {
        var preserveProtoFieldNames = false
        var emitDefaultValues = false
        var ignoreUnknownFields = false
    }

    /// One question for `json_check.py` (its docstring describes each `op`).
    struct Request: Codable, Sendable {
        var id: String
        var op: String
        var type: String
        var options = Options()
        var binary: String?
        var swiftJSON: String?
        var readsBackAs: String?
        var json: String?
        var expected: String?
    }

    /// What `json_check.py` found.
    struct Answer: Codable, Sendable {
        var problems: [String]
        var pythonJSON: String?
        var error: String?

        /// The problems, and Python's error, for a failure message.
        var report: String {
            (problems + (error.map { ["(Python's error: \($0))"] } ?? [])).joined(separator: "\n")
        }
    }

    private var answers: Task<[String: Answer], any Error>?

    /// The answer to the request with this id.
    func answer(to id: String) async throws -> Answer {
        let task = answers ?? Task { try await Self.ask(try Self.requests()) }
        answers = task
        guard let answer = try await task.value[id] else { throw CrossCheckError("json_check.py did not answer \(id)") }
        return answer
    }

    /// Every case's request. A message room619 cannot write goes without `swiftJSON`; its test
    /// reports the error.
    static func requests() throws -> [Request] {
        var requests: [Request] = []
        for testCase in try JSONMessageCase.all() {
            for options in JSONPrintOptions.all {
                requests.append(try testCase.request(options))
            }
        }
        requests += try JSONReadCase.all().map { try $0.request() }
        requests += JSONRejectCase.all.map(\.request)
        requests += try JSONUnwritableCase.all().map { try $0.request() }
        return requests
    }

    /// This run's generated code and files, removed when the test process exits.
    private static let workDirectory: URL = {
        let directory = FileManager.default.temporaryDirectory
            .appending(path: "room619-jsoncheck-\(UUID().uuidString)")
        atexit { try? FileManager.default.removeItem(at: JSONCrossCheck.workDirectory) }
        return directory
    }()

    private static func ask(_ requests: [Request]) async throws -> [String: Answer] {
        let python = CrossCheckPaths.repositoryRoot.appending(path: ".venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw CrossCheckError("\(python.path) is missing: run ./setup.sh to create the Python environment")
        }
        let directory = workDirectory
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let script = CrossCheckPaths.crossCheckDirectory.appending(path: "python/json_check.py")
        let generated = directory.appending(path: "generated")
        let generation = try await CrossCheckProcess.run(
            python, [script.path, "generate", CrossCheckPaths.protoRoot.path, generated.path], logDirectory: directory)
        guard generation.status == 0 else {
            throw CrossCheckError(
                "generating the _pb2 modules failed (run ./setup.sh to install grpcio-tools and protobuf):\n"
                    + generation.output)
        }
        let requestFile = directory.appending(path: "requests.json")
        let answerFile = directory.appending(path: "answers.json")
        try JSONEncoder().encode(requests).write(to: requestFile)
        let outcome = try await CrossCheckProcess.run(
            python, [script.path, "--generated", generated.path, "batch", requestFile.path, answerFile.path],
            logDirectory: directory)
        guard outcome.status == 0 else { throw CrossCheckError("json_check.py batch failed:\n\(outcome.output)") }
        return try JSONDecoder().decode([String: Answer].self, from: Data(contentsOf: answerFile))
    }

    // MARK: Comparing

    /// Records an issue unless `json` reads as `expected`, compared by deterministic binary
    /// encoding (which tells `-0.0` from `0` and matches NaN).
    static func expectReads<M: Message>(
        _ json: String, as expected: M, options: JSONDecodingOptions = decoding(), writer: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let decoded: M
        do {
            decoded = try M(jsonString: json, options: options)
        } catch {
            Issue.record(
                "room619 cannot read the JSON \(writer) wrote: \(error)\n\(json)", sourceLocation: sourceLocation)
            return
        }
        let got = try decoded.serializedBytes(options: CrossCheck.deterministic)
        let want = try expected.serializedBytes(options: CrossCheck.deterministic)
        #expect(
            CrossCheck.hex(got) == CrossCheck.hex(want),
            "room619 reads the JSON \(writer) wrote as \(decoded), not \(expected)\n\(json)",
            sourceLocation: sourceLocation)
    }

    /// Lowercase hex without spaces, as `json_check.py` reads binary encodings.
    static func hex(_ message: some Message) throws -> String {
        try message.serializedBytes(options: CrossCheck.deterministic).map { String(format: "%02x", $0) }.joined()
    }
}
