import CurlSupport
import Foundation
import InteropContracts
import RPC
import ServiceHost
import StandardServices
import Synchronization
import Testing

/// A readiness check the test turns on and off, or makes hang.
final class Switch: Sendable {
    enum Mode { case pass, fail, hang }
    private let mode = Mutex(Mode.pass)
    func set(_ new: Mode) { mode.withLock { $0 = new } }

    var check: ReadinessCheck {
        ReadinessCheck(name: "database") { [self] in
            switch mode.withLock({ $0 }) {
            case .pass: return
            case .fail: throw TestFailure(message: "the database does not answer")
            case .hang: try await Task.sleep(for: .seconds(3600))
            }
        }
    }
}

@Suite("Liveness, readiness and plain endpoints", .timeLimit(.minutes(2)))
struct ReadinessTests {
    @Test("/health/ready and gRPC health follow the readiness checks; /health/live stays 200")
    func readinessFollowsChecks() async throws {
        let database = Switch()
        let configuration = HostConfiguration.forTests {
            $0.health.readinessChecks = [database.check]
            $0.health.interval = .milliseconds(50)
            $0.health.checkTimeout = .milliseconds(200)
        }
        let host = ProcessHost(rpcServices: [SlowTestService(delay: .zero)], configuration: configuration)
        let health = try #require(host.health)
        let (_, ended) = try await withRunningHost(host) { address in
            let base = "http://\(address)"
            let r1 = try await curl(base + "/health/live")
            #expect(r1.status == 200 && r1.body == #"{"status":"live"}"#, "\(r1)")
            let r2 = try await curl(base + "/health/ready")
            #expect(r2.status == 200 && r2.body == #"{"status":"ready"}"#, "\(r2)")
            #expect(health.status(of: "") == .serving)
            database.set(.fail)
            try await eventually("health says NOT_SERVING") {
                health.status(of: "grpc.testing.TestService") == .notServing
            }
            let r3 = try await curl(base + "/health/ready")
            #expect(r3.status == 503 && r3.body == #"{"status":"not ready","failing":["database"]}"#, "\(r3)")
            #expect(try await curl(base + "/health/live").status == 200)
            // A check that hangs fails on time; it does not hold readiness where it was.
            database.set(.pass)
            try await eventually("ready again") { health.status(of: "") == .serving }
            database.set(.hang)
            try await eventually("a hanging check counts as failing") { health.status(of: "") == .notServing }
            #expect(try await curl(base + "/health/ready").status == 503)
            database.set(.pass)
            try await eventually("ready after the hang") { try await curl(base + "/health/ready").status == 200 }
            // gRPC calls still reach the services on the same port.
            try await withClient(address) { (client: RPCClient) async throws in
                let checks = Grpc_Health_V1_Health.Client(client: client)
                #expect(try await checks.check(.init(service: "")).status == .serving)
            }
        }
        #expect(ended == nil)
        // After the shutdown nothing flips health back to SERVING.
        try await Task.sleep(for: .milliseconds(200))
        #expect(health.status(of: "") == .notServing)
    }

    @Test("a host starts not ready when a check fails from the start; configured endpoints answer")
    func notReadyAtStartAndEndpoints() async throws {
        let database = Switch()
        database.set(.fail)
        let configuration = HostConfiguration.forTests {
            $0.health.readinessChecks = [database.check]
            $0.endpoints = [
                HTTPEndpoint(path: "/.well-known/jwks.json") {
                    HTTPEndpoint.Response(
                        status: 200, contentType: "application/json", body: #"{"keys":[]}"#,
                        headers: [("cache-control", "max-age=300")])
                }
            ]
        }
        let host = ProcessHost(rpcServices: [SlowTestService(delay: .zero)], configuration: configuration)
        let (_, ended) = try await withRunningHost(host) { address in
            let base = "http://\(address)"
            #expect(try await curl(base + "/health/ready").status == 503)
            #expect(host.health?.status(of: "") == .notServing)
            let r4 = try await curl(base + "/.well-known/jwks.json")
            #expect(r4.status == 200 && r4.body == #"{"keys":[]}"#, "\(r4)")
            #expect(try await curl(base + "/.well-known/jwks.json?x=1").status == 200)
            #expect(try await curl(base + "/.well-known/jwks.json", method: "POST").status != 200)
        }
        #expect(ended == nil)
    }
}
