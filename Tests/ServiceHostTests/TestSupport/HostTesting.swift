import RPC
import RPCHTTP2
import ServiceHost
import Testing
import Transport

/// How long a test waits for something that should happen soon. Only a failing test waits this
/// long, so it is generous: in a parallel test run on a loaded machine a step that takes
/// milliseconds alone can be late by several seconds.
let testPatience: Duration = .seconds(30)

extension HostConfiguration {
    /// A host for a test: one loop, no signal handling, no `listening on` line, a 10 s grace period.
    static func forTests(configure: (inout HostConfiguration) -> Void = { _ in }) -> HostConfiguration {
        .defaults {
            $0.eventLoopCount = 1
            $0.shutdown.signals = []
            $0.shutdown.gracePeriod = .seconds(10)
            $0.isAddressAnnounced = false
            configure(&$0)
        }
    }
}

/// Runs `host` while `body` runs with its address, then asks it to stop and waits until
/// ``ProcessHost/run()`` returns.
///
/// - Returns: What `body` returned, and the error `run()` threw (`nil`: it returned normally).
func withRunningHost<Result: Sendable>(
    _ host: ProcessHost, _ body: (SocketAddress) async throws -> Result
) async throws -> (Result, HostError?) {
    try await withThrowingTaskGroup(of: HostError?.self) { group in
        group.addTask {
            do throws(HostError) {
                try await host.run()
                return nil
            } catch {
                return error
            }
        }
        let outcome: Swift.Result<Result, any Error>
        do {
            outcome = .success(try await body(try await host.listeningAddress()))
        } catch {
            outcome = .failure(error)
        }
        host.beginGracefulShutdown()  // does nothing if the body already did
        let ended = try await group.next() ?? nil
        return (try outcome.get(), ended)
    }
}

/// A gRPC client of `address` for the length of `body`.
func withClient<Result>(_ address: SocketAddress, _ body: (RPCClient) async throws -> Result) async throws -> Result {
    let loops = try EventLoopGroup(loopCount: 1)
    defer { loops.shutdown() }
    let channel = try RPCChannel(target: "ipv4:\(address)", group: loops)
    defer { channel.close() }
    return try await body(RPCClient(transport: channel))
}

/// The status a call ended with.
func statusCode(of call: () async throws -> Void) async -> RPCStatus.Code {
    do {
        try await call()
        return .ok
    } catch let status as RPCStatus {
        return status.code
    } catch {
        Issue.record("a call threw \(error), not an RPCStatus")
        return .unknown
    }
}

struct TimedOut: Error {}

/// Waits until `condition` holds, checking every 10 ms for up to ``testPatience``.
func eventually(_ what: String, _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + testPatience
    while try await !condition() {
        guard ContinuousClock.now < deadline else {
            Issue.record("waited \(testPatience) for \(what)")
            throw TimedOut()
        }
        try await Task.sleep(for: .milliseconds(10))
    }
}
