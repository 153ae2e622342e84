import ContractCodegen
import Foundation
import Testing

/// The generator's copy of the gRPC → HTTP status table must agree with the gateway's
/// (`Sources/Gateway/Errors/HTTPStatusMapping.swift`, read as text: the generator cannot link
/// the gateway) and with the mapping upstream's `google/rpc/code.proto` documents (from
/// googleapis-common-protos in `.venv`).
@Suite("OpenAPI status table")
struct OpenAPIStatusTableTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `case .notFound: 404` lines of the gateway's `httpStatus(for:)`.
    static func gatewayTable() throws -> [String: Int] {
        let source = try String(
            contentsOf: root.appendingPathComponent("Sources/Gateway/Errors/HTTPStatusMapping.swift"), encoding: .utf8)
        guard let start = source.range(of: "func httpStatus(for code"),
            let end = source.range(of: "func code(forHTTPStatus", range: start.upperBound..<source.endIndex)
        else { return [:] }
        var table: [String: Int] = [:]
        for line in source[start.upperBound..<end.lowerBound].split(separator: "\n") {
            let parts = line.trimmingCharacters(in: .whitespaces).split(separator: ":")
            guard parts.count == 2, parts[0].hasPrefix("case ."),
                let status = Int(parts[1].trimmingCharacters(in: .whitespaces))
            else { continue }
            table[String(parts[0].dropFirst(6)).replacingOccurrences(of: "`", with: "")] = status
        }
        return table
    }

    @Test("all 17 codes agree with the gateway's HTTPStatusMapping")
    func gateway() throws {
        let gateway = try Self.gatewayTable()
        #expect(gateway.count == 17)
        for code in Google_Rpc_Code.allCases {
            let name = "\(code)".replacingOccurrences(of: "`", with: "")
            #expect(HTTPStatusTable.httpStatus(for: code) == gateway[name], "\(name)")
        }
    }

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
                #expect(HTTPStatusTable.httpStatus(for: code) == status, "\(name)")
                checked += 1
                pending = nil
            }
        }
        #expect(checked == 17)
    }
}
