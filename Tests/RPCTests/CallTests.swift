import Bytes
import InteropContracts
import InteropServices
import RPC
import RPCHTTP2
import StandardServices
import Synchronization
import Testing
import Transport

/// A server on a loopback port for the length of `body`.
func withLoopbackServer<Result>(
    _ rpc: RPCServer, _ body: (SocketAddress, EventLoopGroup) async throws -> Result
) async throws -> Result {
    let group = try EventLoopGroup(loopCount: 1)
    let server = HTTPServer(
        configuration: .init(host: "127.0.0.1", port: 0), handler: RPCHTTPHandler(rpc), group: group)
    let address = try await server.start()
    do {
        let result = try await body(address, group)
        await server.shutdown(gracePeriod: .seconds(1))
        group.shutdown()
        return result
    } catch {
        await server.shutdown(gracePeriod: .seconds(1))
        group.shutdown()
        throw error
    }
}

/// How long a test waits for something that should happen soon. Only a failing test waits this
/// long, so it is generous: in a parallel test run on a loaded machine a step that takes
/// milliseconds alone can be late by several seconds.
let testPatience: Duration = .seconds(30)

/// Counts call events, to check every start has its finish.
final class CountingObserver: RPCObserver {
    let counts = Mutex((started: 0, finished: 0, codes: [RPCStatus.Code]()))
    func callStarted(_ method: RPCMethodDescriptor, side: RPCCallSide, peer: String) -> (any RPCCallObservation)? {
        counts.withLock { $0.started += 1 }
        return Call(observer: self)
    }

    /// One call's handle: counts its end.
    struct Call: RPCCallObservation {
        let observer: CountingObserver
        func callFinished(status: RPCStatus, duration: Duration) {
            observer.counts.withLock {
                $0.finished += 1
                $0.codes.append(status.code)
            }
        }
    }
}

@Suite("gRPC calls between our client and server")
struct CallTests {
    static let plainCases = InteropCase.allCases.filter { !$0.rawValue.contains("compressed") }

    @Test("the interop cases pass in process (no sockets)", arguments: plainCases)
    func inProcess(_ testCase: InteropCase) async throws {
        let observer = CountingObserver()
        var configuration = RPCServer.Configuration()
        configuration.observer = observer
        let server = RPCServer(services: [InteropTestService()], configuration: configuration)
        try await testCase.run(RPCClient(transport: InProcessTransport(server: server)))
        // The server may still be finishing a cancelled call.
        for _ in 0..<100 where observer.counts.withLock({ $0.started != $0.finished }) {
            try await Task.sleep(for: .milliseconds(10))
        }
        observer.counts.withLock { #expect($0.started == $0.finished) }
    }

    @Test("every interop case, compression included, passes over HTTP/2 on loopback")
    func overHTTP2() async throws {
        try await withLoopbackServer(RPCServer(services: [InteropTestService()])) { address, group in
            let channel = try RPCChannel(target: "ipv4:\(address)", group: group)
            defer { channel.close() }
            let client = RPCClient(transport: channel)
            for testCase in InteropCase.allCases {
                do {
                    try await testCase.run(client)
                } catch {
                    Issue.record("\(testCase.rawValue): \(error)")
                }
            }
            // And with gzip-compressed requests.
            for testCase in [InteropCase.largeUnary, .clientStreaming, .pingPong] {
                try await testCase.run(client, compression: .gzip)
            }
        }
    }

    @Test("cancelling the calling task resets the stream: the client sees CANCELLED, the handler stops")
    func cancelWhileWaiting() async throws {
        let observer = CountingObserver()
        var configuration = RPCServer.Configuration()
        configuration.observer = observer
        try await withLoopbackServer(RPCServer(services: [InteropTestService()], configuration: configuration)) {
            address, group in
            let channel = try RPCChannel(target: "ipv4:\(address)", group: group)
            defer { channel.close() }
            let test = Grpc_Testing_TestService.Client(client: RPCClient(transport: channel))
            var request = Grpc_Testing_StreamingOutputCallRequest()
            var slow = Grpc_Testing_ResponseParameters()
            slow.intervalUs = 120_000_000  // the server sleeps 2 minutes before its first response
            slow.size = 1
            request.responseParameters = [slow]
            let call = Task {
                try await test.streamingOutputCall(request) { responses in
                    for try await _ in responses {}
                }
            }
            try await Task.sleep(for: .milliseconds(200))
            let started = ContinuousClock.now
            call.cancel()
            await #expect(throws: RPCStatus.self) { try await call.value }
            #expect(started.duration(to: .now) < testPatience)
            let patience = ContinuousClock.now + testPatience
            while observer.counts.withLock({ $0.finished == 0 }) && ContinuousClock.now < patience {
                try await Task.sleep(for: .milliseconds(10))
            }
            observer.counts.withLock { #expect($0.codes == [.cancelled]) }
        }
    }

    @Test("a server that answers before the requests end: later requests are dropped and the call succeeds")
    func serverAnswersFirst() async throws {
        /// FullDuplexCall that answers once and ends the call without reading a request.
        struct AnswersFirst: RPCService {
            static var serviceDescriptor: RPCServiceDescriptor { Grpc_Testing_TestService.descriptor }
            var methods: [RPCServerMethod] {
                [
                    .bidirectionalStreaming(Grpc_Testing_TestService.Method.fullDuplexCall) {
                        (
                            _: RPCRequestStream<Grpc_Testing_StreamingOutputCallRequest>,
                            responses: RPCResponseWriter<Grpc_Testing_StreamingOutputCallResponse>, _
                        ) in
                        try await responses.write(Grpc_Testing_StreamingOutputCallResponse())
                    }
                ]
            }
        }
        let server = RPCServer(services: [AnswersFirst()])
        let check: @Sendable (Grpc_Testing_TestService.Client) async throws -> Void = { test in
            let count = try await test.fullDuplexCall { call in
                var count = 0
                for try await _ in call.responses { count += 1 }
                // The call is over on the server's side (over HTTP/2 it reset the stream with
                // NO_ERROR): what is sent now is not needed, and is no error.
                try await call.requests.write(Grpc_Testing_StreamingOutputCallRequest())
                try await call.requests.finish()
                return count
            }
            #expect(count == 1)
        }
        for overHTTP2 in [false, true] {
            try await withClient(server, overHTTP2: overHTTP2) { client in
                try await check(Grpc_Testing_TestService.Client(client: client))
            }
        }
    }

    @Test("the standard health service answers Check per service")
    func health() async throws {
        let health = HealthService()
        health.setStatus(.serving, for: "")
        health.setStatus(.notServing, for: "a.B")
        let client = Grpc_Health_V1_Health.Client(
            client: RPCClient(transport: InProcessTransport(server: RPCServer(services: [health]))))
        var request = Grpc_Health_V1_HealthCheckRequest()
        #expect(try await client.check(request).status == .serving)
        request.service = "a.B"
        #expect(try await client.check(request).status == .notServing)
        request.service = "nope"
        await #expect(throws: RPCStatus(.notFound, "unknown service nope")) { try await client.check(request) }
        // Watch: the current status, then each change.
        request.service = "a.B"
        let seen = try await client.watch(request) { responses in
            var seen: [Grpc_Health_V1_HealthCheckResponse.ServingStatus] = []
            for try await response in responses {
                seen.append(response.status)
                if seen.count == 1 { health.setStatus(.serving, for: "a.B") }
                if seen.count == 2 { break }
            }
            return seen
        }
        #expect(seen == [.notServing, .serving])
    }
}
