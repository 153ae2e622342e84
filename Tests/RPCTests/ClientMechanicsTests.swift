import Bytes
import InteropContracts
import InteropServices
import Synchronization
import Testing
import Transport

@testable import RPC
@testable import RPCHTTP2

/// Fails the first `failures` calls with `code`, then lets calls through; counts attempts.
final class FailFirst: RPCServerInterceptor {
    let failures: Int
    let code: RPCStatus.Code
    let attempts = Mutex(0)
    init(_ failures: Int, with code: RPCStatus.Code) {
        self.failures = failures
        self.code = code
    }
    func intercept(_ context: RPCServerContext, next: @Sendable (RPCServerContext) async throws -> Void) async throws {
        let attempt = attempts.withLock {
            $0 += 1
            return $0
        }
        if attempt <= failures { throw RPCStatus(code, "attempt \(attempt) fails") }
        try await next(context)
    }
}

/// A value behind a lock, shareable between tasks.
final class Locked<Value: Sendable>: Sendable {
    let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    func withLock<R: Sendable>(_ body: (inout Value) -> R) -> R { mutex.withLock { body(&$0) } }
}

/// Records the order interceptors run in and the metadata they see.
final class Recorder: RPCServerInterceptor {
    let name: String
    let log: Locked<[String]>
    init(_ name: String, log: Locked<[String]>) {
        self.name = name
        self.log = log
    }
    func intercept(_ context: RPCServerContext, next: @Sendable (RPCServerContext) async throws -> Void) async throws {
        log.withLock { $0.append("\(name):\(context.metadata["x-step"] ?? "-")") }
        var context = context
        context.metadata.remove("x-step")
        context.metadata.add("x-step", name)
        try await next(context)
    }
}

struct AddHeader: RPCClientInterceptor {
    func intercept<Result: Sendable>(
        _ call: RPCClientCallInfo, next: (RPCClientCallInfo) async throws -> Result
    ) async throws -> Result {
        var call = call
        call.options.metadata.add("x-step", "client")
        return try await next(call)
    }
}

@Suite("gRPC client mechanics: retries, interceptors, deadlines, limits, channels")
struct ClientMechanicsTests {
    static func client(
        _ server: RPCServer, configuration: RPCClient.Configuration = .init()
    ) -> Grpc_Testing_TestService.Client {
        Grpc_Testing_TestService.Client(
            client: RPCClient(transport: InProcessTransport(server: server), configuration: configuration))
    }

    static func server(_ interceptors: [any RPCServerInterceptor]) -> RPCServer {
        var configuration = RPCServer.Configuration()
        configuration.interceptors = interceptors
        return RPCServer(services: [InteropTestService()], configuration: configuration)
    }

    @Test("a retryable status is retried up to maxAttempts with backoff; others are not")
    func retries() async throws {
        let policy = RPCRetryPolicy(
            maxAttempts: 3, initialBackoff: .milliseconds(5), maxBackoff: .milliseconds(20),
            retryableStatusCodes: [.unavailable])
        var configuration = RPCClient.Configuration()
        configuration.methodPolicies.defaults.retryPolicy = policy

        let twice = FailFirst(2, with: .unavailable)
        _ = try await Self.client(Self.server([twice]), configuration: configuration).emptyCall(Grpc_Testing_Empty())
        #expect(twice.attempts.withLock { $0 } == 3)

        let thrice = FailFirst(3, with: .unavailable)
        await #expect(throws: RPCStatus(.unavailable, "attempt 3 fails")) {
            try await Self.client(Self.server([thrice]), configuration: configuration).emptyCall(Grpc_Testing_Empty())
        }
        #expect(thrice.attempts.withLock { $0 } == 3)

        let notRetryable = FailFirst(1, with: .internal)
        await #expect(throws: RPCStatus.self) {
            try await Self.client(Self.server([notRetryable]), configuration: configuration).emptyCall(
                Grpc_Testing_Empty())
        }
        #expect(notRetryable.attempts.withLock { $0 } == 1)

        let noPolicy = FailFirst(1, with: .unavailable)
        await #expect(throws: RPCStatus.self) {
            try await Self.client(Self.server([noPolicy])).emptyCall(Grpc_Testing_Empty())
        }
        #expect(noPolicy.attempts.withLock { $0 } == 1)
    }

    @Test("streaming calls retry too: the requests sent so far are replayed on the new attempt")
    func streamingRetries() async throws {
        var configuration = RPCClient.Configuration()
        configuration.methodPolicies.defaults.retryPolicy = RPCRetryPolicy(
            maxAttempts: 3, initialBackoff: .milliseconds(5), maxBackoff: .milliseconds(20),
            retryableStatusCodes: [.unavailable])
        // In process, and over HTTP/2 where the failed attempts are trailers-only answers.
        let inProcessFailures = FailFirst(2, with: .unavailable)
        let inProcess = RPCClient(
            transport: InProcessTransport(server: Self.server([inProcessFailures])), configuration: configuration)
        try await InteropCase.clientStreaming.run(inProcess)
        #expect(inProcessFailures.attempts.withLock { $0 } == 3)

        let failures = FailFirst(2, with: .unavailable)
        try await withLoopbackServer(Self.server([failures])) { address, group in
            let channel = try RPCChannel(target: "ipv4:\(address)", group: group)
            defer { channel.close() }
            let client = RPCClient(transport: channel, configuration: configuration)
            try await InteropCase.clientStreaming.run(client)
            #expect(failures.attempts.withLock { $0 } == 3)
            try await InteropCase.pingPong.run(client)  // no failures left: one attempt
            #expect(failures.attempts.withLock { $0 } == 4)
        }
        // Bidirectional: the first request is replayed, the conversation goes on.
        let pingPongFailures = FailFirst(1, with: .unavailable)
        let bidi = RPCClient(
            transport: InProcessTransport(server: Self.server([pingPongFailures])), configuration: configuration)
        try await InteropCase.pingPong.run(bidi)
        #expect(pingPongFailures.attempts.withLock { $0 } == 2)
    }

    @Test("backoff bounds grow by the multiplier up to the maximum; waits are jittered below them")
    func backoff() {
        let policy = RPCRetryPolicy(
            maxAttempts: 5, initialBackoff: .milliseconds(100), maxBackoff: .milliseconds(300), backoffMultiplier: 2)
        #expect(policy.backoff(beforeRetry: 1, random: 0.999_999) <= .milliseconds(100))
        #expect(policy.backoff(beforeRetry: 2, random: 0.999_999) > .milliseconds(199))
        #expect(policy.backoff(beforeRetry: 4, random: 0.999_999) <= .milliseconds(300))
        #expect(policy.backoff(beforeRetry: 3, random: 0) == .zero)
        #expect(RPCRetryPolicy(maxAttempts: 9).maxAttempts == 5)
    }

    @Test("server interceptors run in order and can change metadata; a client interceptor adds it")
    func interceptors() async throws {
        let log = Locked<[String]>([])
        let server = Self.server([Recorder("first", log: log), Recorder("second", log: log)])
        let client = Grpc_Testing_TestService.Client(
            client: RPCClient(transport: InProcessTransport(server: server), interceptors: [AddHeader()]))
        _ = try await client.emptyCall(Grpc_Testing_Empty())
        #expect(log.withLock { $0 } == ["first:client", "second:first"])
    }

    @Test("an interceptor that throws rejects the call before the handler")
    func rejection() async throws {
        let rejected = FailFirst(Int.max, with: .unauthenticated)
        await #expect(throws: RPCStatus(.unauthenticated, "attempt 1 fails")) {
            try await Self.client(Self.server([rejected])).emptyCall(Grpc_Testing_Empty())
        }
    }

    @Test("a handler's deadline travels into the calls it makes")
    func deadlinePropagation() async throws {
        let seen = Locked<ContinuousClock.Instant?>(nil)
        let downstream = Self.client(Self.server([CaptureDeadline(seen: seen)]))
        struct CallDownstream: RPCServerInterceptor {
            let downstream: Grpc_Testing_TestService.Client
            func intercept(
                _ context: RPCServerContext, next: @Sendable (RPCServerContext) async throws -> Void
            ) async throws {
                _ = try await downstream.emptyCall(Grpc_Testing_Empty())  // no timeout of its own
                try await next(context)
            }
        }
        let upstream = Self.client(Self.server([CallDownstream(downstream: downstream)]))
        let start = ContinuousClock.now
        _ = try await upstream.emptyCall(Grpc_Testing_Empty(), options: RPCCallOptions(timeout: .seconds(60)))
        let end = ContinuousClock.now
        // The caller's deadline, not a fresh one and not none: 60 s after some instant of the call.
        let deadline = try #require(seen.withLock { $0 })
        #expect(deadline >= start + .seconds(60) && deadline <= end + .seconds(60), "\(deadline)")
    }

    @Test("messages over the limits are RESOURCE_EXHAUSTED, on either side")
    func limits() async throws {
        var serverConfiguration = RPCServer.Configuration()
        serverConfiguration.maxReceiveMessageSize = 1_000
        let server = RPCServer(services: [InteropTestService()], configuration: serverConfiguration)
        var request = Grpc_Testing_SimpleRequest()
        request.payload = InteropTestService.payload(size: 2_000)
        try await withLoopbackServer(server) { address, group in
            let channel = try RPCChannel(target: "ipv4:\(address)", group: group)
            defer { channel.close() }
            let test = Grpc_Testing_TestService.Client(client: RPCClient(transport: channel))
            let error = await #expect(throws: RPCStatus.self) { try await test.unaryCall(request) }
            #expect(error?.code == .resourceExhausted)
            // The response is too large for the client.
            var small = Grpc_Testing_SimpleRequest()
            small.responseSize = 5_000
            var options = RPCCallOptions()
            options.maxReceiveMessageSize = 4_000
            let tooLarge = await #expect(throws: RPCStatus.self) { try await test.unaryCall(small, options: options) }
            #expect(tooLarge?.code == .resourceExhausted)
            // The connection still serves.
            _ = try await test.emptyCall(Grpc_Testing_Empty())
        }
        // A response over the server's send limit ends the call instead of going out.
        var sendLimited = RPCServer.Configuration()
        sendLimited.maxSendMessageSize = 1_000
        let client = Self.client(RPCServer(services: [InteropTestService()], configuration: sendLimited))
        var large = Grpc_Testing_SimpleRequest()
        large.responseSize = 2_000
        let tooLargeToSend = await #expect(throws: RPCStatus.self) { try await client.unaryCall(large) }
        #expect(tooLargeToSend?.code == .resourceExhausted)
        large.responseSize = 500
        _ = try await client.unaryCall(large)
    }

    @Test("a target nobody listens on is UNAVAILABLE; a bad target is INVALID_ARGUMENT")
    func unavailable() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let channel = try RPCChannel(target: "ipv4:127.0.0.1:1", group: group)
        let test = Grpc_Testing_TestService.Client(client: RPCClient(transport: channel))
        let error = await #expect(throws: RPCStatus.self) { try await test.emptyCall(Grpc_Testing_Empty()) }
        #expect(error?.code == .unavailable)
        #expect(throws: RPCStatus.self) { try RPCChannel(target: "no-port", group: group) }
        let dns = try RPCChannel(target: "dns:///localhost:1", group: group)
        let viaDNS = await #expect(throws: RPCStatus.self) {
            try await Grpc_Testing_TestService.Client(client: RPCClient(transport: dns)).emptyCall(Grpc_Testing_Empty())
        }
        #expect(viaDNS?.code == .unavailable)
    }

    @Test("wait-for-ready: a call waits for a server that starts later, until its deadline or cancellation")
    func waitForReady() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        // A port nobody listens on (for now): bind one, note it, close it.
        let probe = HTTPServer(
            configuration: .init(host: "127.0.0.1", port: 0), handler: RPCHTTPHandler(RPCServer(services: [])),
            group: group)
        let address = try await probe.start()
        await probe.shutdown(gracePeriod: .zero)
        var configuration = RPCChannel.Configuration()
        configuration.initialBackoff = .milliseconds(50)
        configuration.maxBackoff = .milliseconds(200)
        let channel = try RPCChannel(target: "ipv4:\(address)", configuration: configuration, group: group)
        defer { channel.close() }
        let test = Grpc_Testing_TestService.Client(client: RPCClient(transport: channel))
        let empty = Grpc_Testing_Empty()

        let fast = await #expect(throws: RPCStatus.self) { try await test.emptyCall(empty) }
        #expect(fast?.code == .unavailable, "without it, the call fails fast")

        let started = ContinuousClock.now
        let late = await #expect(throws: RPCStatus.self) {
            try await test.emptyCall(empty, options: RPCCallOptions(timeout: .milliseconds(300), waitForReady: true))
        }
        #expect(late?.code == .deadlineExceeded)
        #expect(ContinuousClock.now - started >= .milliseconds(300))

        let abandoned = Task { try await test.emptyCall(empty, options: RPCCallOptions(waitForReady: true)) }
        try await Task.sleep(for: .milliseconds(100))
        abandoned.cancel()
        let cancelled = await #expect(throws: RPCStatus.self) { try await abandoned.value }
        #expect(cancelled?.code == .cancelled)

        let call = Task {
            try await test.emptyCall(empty, options: RPCCallOptions(timeout: testPatience, waitForReady: true))
        }
        try await Task.sleep(for: .milliseconds(200))
        let server = HTTPServer(
            configuration: .init(host: "127.0.0.1", port: address.port),
            handler: RPCHTTPHandler(RPCServer(services: [InteropTestService()])), group: group)
        _ = try await server.start()
        _ = try await call.value
        await server.shutdown(gracePeriod: .seconds(1))
    }

    @Test("targets: host:port and dns:/// resolve by name, ipv4:/ipv6: lists are static; malformed ones are refused")
    func targets() async throws {
        let (dns, authority) = try RPCChannel.parse(target: "dns:///localhost:50051")
        #expect(authority == "localhost:50051")
        #expect(try await dns.resolve().contains(SocketAddress(host: "127.0.0.1", port: 50051)))
        #expect(try RPCChannel.parse(target: "example.internal:80").1 == "example.internal:80")
        let (list, _) = try RPCChannel.parse(target: "ipv4:10.0.0.1:50051,10.0.0.2:50052")
        #expect(
            try await list.resolve() == [
                SocketAddress(host: "10.0.0.1", port: 50051), SocketAddress(host: "10.0.0.2", port: 50052),
            ])
        let (v6, v6Authority) = try RPCChannel.parse(target: "ipv6:[::1]:50051")
        #expect(try await v6.resolve() == [SocketAddress(host: "::1", port: 50051)])
        #expect(v6Authority == "[::1]:50051")
        for bad in ["no-port", "host:", "host:0", "host:70000", "ipv6:[::1]", "dns:///:80"] {
            #expect(throws: RPCStatus.self, "\(bad)") { try RPCChannel.parse(target: bad) }
        }
    }

    @Test("connection backoff: 1 s, then ×1.6 each failure, capped at 120 s, within ±20 %")
    func connectionBackoff() throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        let channel = try RPCChannel(target: "ipv4:127.0.0.1:1", group: group)
        for (failures, expected) in [(1, 1.0), (2, 1.6), (3, 2.56), (30, 120.0)] {
            let wait = channel.backoff(afterFailures: failures)
            let seconds = Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18
            #expect(seconds >= expected * 0.8 - 1e-6 && seconds <= expected * 1.2 + 1e-6, "\(failures): \(seconds)")
        }
    }

    @Test("round_robin spreads calls over every address; pick_first keeps to the first")
    func loadBalancing() async throws {
        let first = FailFirst(0, with: .ok)
        let second = FailFirst(0, with: .ok)
        try await withLoopbackServer(Self.server([first])) { a, group in
            try await withLoopbackServer(Self.server([second])) { b, _ in
                var configuration = RPCChannel.Configuration()
                configuration.loadBalancing = .roundRobin
                let roundRobin = try RPCChannel(target: "ipv4:\(a),\(b)", configuration: configuration, group: group)
                defer { roundRobin.close() }
                let test = Grpc_Testing_TestService.Client(client: RPCClient(transport: roundRobin))
                // The other address connects in the background: call until it takes calls too (a
                // parallel test run on a busy machine can take seconds), then count 20 more.
                let patience = ContinuousClock.now + .seconds(30)
                while second.attempts.withLock({ $0 }) == 0 || first.attempts.withLock({ $0 }) == 0,
                    ContinuousClock.now < patience
                {
                    _ = try await test.emptyCall(Grpc_Testing_Empty())
                    try await Task.sleep(for: .milliseconds(10))
                }
                let (x0, y0) = (first.attempts.withLock { $0 }, second.attempts.withLock { $0 })
                for _ in 0..<20 { _ = try await test.emptyCall(Grpc_Testing_Empty()) }
                let (x, y) = (first.attempts.withLock { $0 } - x0, second.attempts.withLock { $0 } - y0)
                #expect(x >= 8 && y >= 8, "round_robin: \(x) and \(y)")

                let pickFirst = try RPCChannel(target: "ipv4:\(b),\(a)", group: group)
                defer { pickFirst.close() }
                let sticky = Grpc_Testing_TestService.Client(client: RPCClient(transport: pickFirst))
                for _ in 0..<10 { _ = try await sticky.emptyCall(Grpc_Testing_Empty()) }
                #expect(second.attempts.withLock { $0 } == y0 + y + 10)
            }
        }
    }
}

/// Records the deadline a call arrives with.
struct CaptureDeadline: RPCServerInterceptor {
    let seen: Locked<ContinuousClock.Instant?>
    func intercept(_ context: RPCServerContext, next: @Sendable (RPCServerContext) async throws -> Void) async throws {
        seen.withLock { $0 = context.deadline }
        try await next(context)
    }
}
