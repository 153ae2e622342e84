import ContractCodegen
import Foundation
import ProtoRuntime
import Testing

/// Rules that cannot work fail the build, with the file, the message and field, and the rule.
@Suite("Validation rules: generation errors")
struct ValidationDiagnosticsTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var field: String
        var expected: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "a rule of the wrong type", field: "int32 n = 1 [(buf.validate.field).string.min_len = 1];",
            expected: ["bad.proto", "bad.v1.M.n", "rule string", "does not apply to a field of type int32"]),
        Case(
            name: "string rules on a repeated field",
            field: "repeated string s = 1 [(buf.validate.field).string.min_len = 1];",
            expected: ["bad.v1.M.s", "rule string", "does not apply to a repeated field", "repeated.items"]),
        Case(
            name: "min_len above max_len",
            field: "string s = 1 [(buf.validate.field).string = {min_len: 5, max_len: 2}];",
            expected: ["bad.v1.M.s", "rule string.min_len", "min_len 5 is greater than max_len 2"]),
        Case(
            name: "min_items above max_items",
            field: "repeated int32 r = 1 [(buf.validate.field).repeated = {min_items: 3, max_items: 1}];",
            expected: ["bad.v1.M.r", "repeated.min_items", "min_items 3 is greater than max_items 1"]),
        Case(
            name: "an empty integer range", field: "int32 n = 1 [(buf.validate.field).int32 = {gt: 5, lt: 6}];",
            expected: ["bad.v1.M.n", "rule int32.gt_lt", "is empty"]),
        Case(
            name: "an empty range with equal exclusive bounds",
            field: "double d = 1 [(buf.validate.field).double = {gt: 1, lte: 1}];",
            expected: ["bad.v1.M.d", "rule double.gt_lte", "is empty"]),
        Case(
            name: "unique on message items",
            field: "repeated Other o = 1 [(buf.validate.field).repeated.unique = true];",
            expected: ["bad.v1.M.o", "repeated.unique", "not messages"]),
        Case(
            name: "a pattern that is not RE2", field: "string s = 1 [(buf.validate.field).string.pattern = \"(a\"];",
            expected: ["bad.v1.M.s", "rule string.pattern", "is not a valid RE2 pattern"]),
        Case(
            name: "a backreference (RE2 has none)",
            field: "string s = 1 [(buf.validate.field).string.pattern = \"(a)\\\\1\"];",
            expected: ["bad.v1.M.s", "string.pattern", "is not a valid RE2 pattern"]),
        Case(
            name: "len contradicting min_len",
            field: "string s = 1 [(buf.validate.field).string = {len: 2, min_len: 3}];",
            expected: ["bad.v1.M.s", "string.len", "contradicts"]),
        Case(
            name: "a non-positive within",
            field: "google.protobuf.Timestamp t = 1 [(buf.validate.field).timestamp.within = {seconds: 0}];",
            expected: ["bad.v1.M.t", "timestamp.within", "positive"]),
        Case(
            name: "map rules on a scalar", field: "int32 n = 1 [(buf.validate.field).map.min_pairs = 1];",
            expected: ["bad.v1.M.n", "rule map", "applies to repeated and map fields only"]),
    ]

    @Test("each impossible rule is a generation error naming file, field and rule", arguments: cases)
    func generationError(_ testCase: Case) async throws {
        let error = try await Self.generationError(field: testCase.field)
        for part in testCase.expected {
            #expect(error.contains(part), "\(part) missing from: \(error)")
        }
    }

    @Test("a message oneof rule naming a field the message lacks")
    func messageOneofUnknownField() async throws {
        let error = try await Self.generationError(
            field: "option (buf.validate.message).oneof = {fields: [\"a\", \"nope\"]};\n  string a = 1;")
        #expect(error.contains("bad.v1.M"))
        #expect(error.contains("names nope, which is not a field of this message"))
    }

    @Test("every error is reported, not just the first")
    func allErrors() async throws {
        let error = try await Self.generationError(
            field: """
                int32 n = 1 [(buf.validate.field).string.min_len = 1];
                  string s = 2 [(buf.validate.field).string = {min_len: 5, max_len: 2}];
                """)
        #expect(error.contains("bad.v1.M.n"))
        #expect(error.contains("bad.v1.M.s"))
    }

    /// Generates `bad.proto` holding message `M` with `field` (and an `Other` message), and
    /// returns the generator's error.
    static func generationError(field: String) async throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "room619-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = """
            syntax = "proto3";
            package bad.v1;
            import "buf/validate/validate.proto";
            import "google/protobuf/timestamp.proto";
            message Other { string x = 1; }
            message M {
              \(field)
            }
            """
        try Data(source.utf8).write(to: directory.appendingPathComponent("bad.proto"))
        var request = Google_Protobuf_Compiler_CodeGeneratorRequest()
        request.fileToGenerate = ["bad.proto"]
        request.protoFile =
            try await Protoc.descriptorSet("bad.proto", in: directory, extensions: CodeGenerator.optionExtensions).file
        let response = CodeGenerator.generate(request)
        #expect(response.file.count == 0, "the generator wrote files instead of failing")
        return try #require(response.error, "the generator reported no error")
    }
}
