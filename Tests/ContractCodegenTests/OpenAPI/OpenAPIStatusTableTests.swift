import ContractCodegen
import Foundation
import HTTPRouting
import Testing

/// The one gRPC → HTTP status table (`GRPCHTTPStatus` in HTTPRouting, which the gateway answers
/// with and the generator documents in OpenAPI) against the mapping upstream's
/// `google/rpc/code.proto` documents (from googleapis-common-protos in `.venv`).
@Suite("gRPC → HTTP status table")
struct OpenAPIStatusTableTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test("all codes agree with the HTTP Mapping lines of upstream's code.proto")
    func upstream() throws {
        let site = Self.root.appendingPathComponent(".venv/lib")
        let pythons = try FileManager.default.contentsOfDirectory(atPath: site.path).filter { $0.hasPrefix("python") }
        let url = try #require(
            pythons.map { site.appendingPathComponent("\($0)/site-packages/google/rpc/code.proto") }
                .first { FileManager.default.fileExists(atPath: $0.path) },
            "googleapis-common-protos is not installed: run ./setup.sh")
        let text = try String(contentsOf: url, encoding: .utf8)
        var pending: Int?
        var checked = 0
        for line in text.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if line.hasPrefix("// HTTP Mapping:") {
                pending = Int(line.dropFirst(16).trimmingCharacters(in: .whitespaces).prefix(3))
            } else if let status = pending, let equals = line.firstIndex(of: "="), !line.hasPrefix("//") {
                let name = line[..<equals].trimmingCharacters(in: .whitespaces)
                let code = try #require(Google_Rpc_Code(protoName: name), "\(name)")
                #expect(GRPCHTTPStatus.httpStatus(forCode: Int(code.rawValue)) == status, "\(name)")
                checked += 1
                pending = nil
            }
        }
        #expect(checked == 17)
    }
}
