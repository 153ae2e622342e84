import ContractCodegen
import Foundation
import ProtoRuntime
import Testing

/// `Golden/access.proto` declares each kind of access; the generated services file must match
/// the committed `access.rpc.swift` byte for byte, and only declarations other than the default
/// add an `access:` argument. Regenerate with `scripts/update-golden.sh` and review the diff.
@Suite("Method access: golden files")
struct MethodAccessGoldenTests {
    @Test("access.proto generates the committed messages and services files")
    func golden() async throws {
        let response = CodeGenerator.generate(try await Protoc.request("access.proto", parameter: "access=public"))
        #expect(response.error == nil, "\(response.error ?? "")")
        #expect(response.file.map { $0.name ?? "" } == ["access.pb.swift", "access.rpc.swift"])
        for file in response.file {
            let content = try #require(file.content)
            let goldenURL = Protoc.goldenDirectory.appendingPathComponent(try #require(file.name))
            if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
                try Data(content.utf8).write(to: goldenURL)
            }
            let golden = try String(contentsOf: goldenURL, encoding: .utf8)
            #expect(
                content == golden,
                "generated code differs from \(goldenURL.lastPathComponent); run scripts/update-golden.sh and review")
        }
    }

    @Test(
        "each method descriptor carries its declared access, the default none",
        arguments: [
            ("read", "kind: .unary)"),
            ("peek", "kind: .unary, access: .public)"),
            ("seal", #"kind: .unary, access: .authenticated(roles: ["admin", "vault-keeper_2"]))"#),
            ("reserve", "kind: .unary, access: .internal)"),
            ("touch", "kind: .unary)"),
            ("stream", "kind: .serverStreaming)"),
        ])
    func descriptorArgument(method: String, ending: String) async throws {
        let response = CodeGenerator.generate(try await Protoc.request("access.proto", parameter: "access=public"))
        let services = try #require(response.file.last?.content)
        let line = try #require(
            services.split(separator: "\n").first { $0.contains("static let \(method) = RPC.RPCMethodDescriptor(") })
        #expect(line.hasSuffix(ending), "\(line)")
    }

    @Test("an internal method has no route; the others keep theirs")
    func internalHasNoRoute() async throws {
        let response = CodeGenerator.generate(try await Protoc.request("access.proto", parameter: "access=public"))
        let services = try #require(response.file.last?.content)
        let routed = services.split(separator: "\n").compactMap { line -> String? in
            let text = line.trimmingCharacters(in: .whitespaces)
            guard text.hasPrefix("method: Method.") else { return nil }
            return String(text.dropFirst("method: Method.".count).prefix { $0 != "," })
        }
        #expect(routed == ["read", "peek", "seal", "touch"])
    }

    @Test("contracts without access declarations generate no access argument")
    func unchangedWithoutDeclarations() async throws {
        for input in ["service.proto", "rest.proto"] {
            let response = CodeGenerator.generate(try await Protoc.request(input, parameter: "access=public"))
            let services = try #require(response.file.last?.content)
            #expect(services.contains("RPC.RPCMethodDescriptor("))
            #expect(!services.contains("access: ."), "\(input)")
        }
    }
}
