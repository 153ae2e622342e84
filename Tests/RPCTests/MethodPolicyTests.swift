import InteropContracts
import InteropServices
import Synchronization
import Testing
import Transport

@testable import RPC
@testable import RPCHTTP2

/// Holds every call for longer than a test's patience (woken early when the call is cancelled),
/// so only a deadline ends it in time.
struct Sleepy: RPCServerInterceptor {
    func intercept(_ context: RPCServerContext, next: @Sendable (RPCServerContext) async throws -> Void) async throws {
        try await Task.sleep(for: testPatience * 2)
        try await next(context)
    }
}

/// Records the deadline of every stream the client opens, then opens it on `base`.
struct DeadlineRecordingTransport: RPCClientTransport {
    let base: any RPCClientTransport
    let deadlines = Locked<[ContinuousClock.Instant?]>([])
    func openStream(_ request: RPCClientStreamRequest) async throws(RPCStatus) -> any RPCClientStream {
        deadlines.withLock { $0.append(request.deadline) }
        return try await base.openStream(request)
    }
}

@Suite("per-method policies: precedence, timeouts, retries, wait-for-ready, size limits")
struct MethodPolicyTests {
    typealias TestService = Grpc_Testing_TestService

    static let fast = RPCRetryPolicy(
        maxAttempts: 2, initialBackoff: .milliseconds(1), maxBackoff: .milliseconds(5),
        retryableStatusCodes: [.unavailable])

    static func retries(_ attempts: Int) -> RPCRetryPolicy {
        var policy = fast
        policy.maxAttempts = attempts
        return policy
    }

    /// Default 2 attempts, TestService 3, its EmptyCall 4.
    static let layered: RPCMethodPolicies = {
        var policies = RPCMethodPolicies(defaults: RPCMethodPolicy(retryPolicy: retries(2)))
        policies[service: TestService.descriptor] = RPCMethodPolicy(retryPolicy: retries(3))
        policies[method: TestService.Method.emptyCall] = RPCMethodPolicy(retryPolicy: retries(4))
        return policies
    }()

    @Test(
        "the most specific entry applies: method, then service, then defaults",
        arguments: [
            (TestService.Method.emptyCall, 4), (TestService.Method.unaryCall, 3),
            (Grpc_Testing_UnimplementedService.Method.unimplementedCall, 2),
        ])
    func lookup(method: RPCMethodDescriptor, attempts: Int) {
        #expect(Self.layered.policy(for: method).retryPolicy?.maxAttempts == attempts)
        let client = RPCClient(
            transport: InProcessTransport(server: RPCServer(services: [])),
            configuration: {
                var configuration = RPCClient.Configuration()
                configuration.methodPolicies = Self.layered
                return configuration
            }())
        #expect(client.retryPolicy(for: method, options: RPCCallOptions()).maxAttempts == attempts)
        #expect(
            client.retryPolicy(for: method, options: RPCCallOptions(retryPolicy: RPCRetryPolicy.none)).maxAttempts == 1)
    }

    @Test("entries apply whole: a method's entry without a timeout does not inherit its service's")
    func wholeEntries() {
        var policies = RPCMethodPolicies(defaults: RPCMethodPolicy(timeout: .seconds(9)))
        policies[service: "grpc.testing.TestService"] = RPCMethodPolicy(timeout: .seconds(5))
        policies[method: TestService.Method.unaryCall] = RPCMethodPolicy(waitForReady: true)
        #expect(policies.policy(for: TestService.Method.unaryCall) == RPCMethodPolicy(waitForReady: true))
        #expect(policies.policy(for: TestService.Method.emptyCall).timeout == .seconds(5))
        #expect(policies[service: TestService.descriptor] == RPCMethodPolicy(timeout: .seconds(5)))
        policies[service: TestService.descriptor] = nil
        #expect(policies.policy(for: TestService.Method.emptyCall).timeout == .seconds(9))
    }

    @Test("call options override a policy field by field; timeouts combine, the earliest deadline wins")
    func callOptionsOverride() {
        let policy = RPCMethodPolicy(
            timeout: .seconds(2), retryPolicy: Self.retries(3), waitForReady: true, maxRequestMessageBytes: 10,
            maxResponseMessageBytes: 20)
        let now = ContinuousClock.now
        #expect(policy.deadline(for: RPCCallOptions(), now: now) == now + .seconds(2))
        #expect(policy.deadline(for: RPCCallOptions(timeout: .seconds(1)), now: now) == now + .seconds(1))
        #expect(policy.deadline(for: RPCCallOptions(timeout: .seconds(5)), now: now) == now + .seconds(2))
        #expect(
            policy.deadline(for: RPCCallOptions(deadline: now + .milliseconds(5)), now: now) == now + .milliseconds(5))
        #expect(RPCMethodPolicy().deadline(for: RPCCallOptions(), now: now) == nil)

        #expect(policy.retryPolicy(for: RPCCallOptions()) == Self.retries(3))
        #expect(policy.retryPolicy(for: RPCCallOptions(retryPolicy: RPCRetryPolicy.none)) == .none)
        #expect(RPCMethodPolicy().retryPolicy(for: RPCCallOptions()) == .none)

        #expect(policy.waitForReady(for: RPCCallOptions()))
        #expect(!policy.waitForReady(for: RPCCallOptions(waitForReady: false)))
        #expect(!RPCMethodPolicy().waitForReady(for: RPCCallOptions()))

        var options = RPCCallOptions()
        #expect(policy.maxRequestMessageBytes(for: options) == 10)
        #expect(policy.maxResponseMessageBytes(for: options) == 20)
        options.maxSendMessageSize = 100
        options.maxReceiveMessageSize = 200
        #expect(policy.maxRequestMessageBytes(for: options) == 100)
        #expect(policy.maxResponseMessageBytes(for: options) == 200)
        #expect(RPCMethodPolicy().maxResponseMessageBytes(for: RPCCallOptions()) == 4 * 1024 * 1024)
        #expect(RPCMethodPolicy().maxRequestMessageBytes(for: RPCCallOptions()) == Int(Int32.max))
    }

    @Test("calls retry as their method's policy says: call > method > service > default")
    func retryPrecedence() async throws {
        var configuration = RPCClient.Configuration()
        configuration.methodPolicies = Self.layered
        func attempts(
            _ options: RPCCallOptions = RPCCallOptions(), call: (TestService.Client) async throws -> Void
        )
            async -> Int
        {
            let failing = FailFirst(Int.max, with: .unavailable)
            let server = RPCServer(
                services: [InteropTestService()],
                configuration: {
                    var configuration = RPCServer.Configuration()
                    configuration.interceptors = [failing]
                    return configuration
                }())
            let client = TestService.Client(
                client: RPCClient(transport: InProcessTransport(server: server), configuration: configuration))
            await #expect(throws: RPCStatus.self) { try await call(client) }
            return failing.attempts.withLock { $0 }
        }
        #expect(await attempts { _ = try await $0.emptyCall(Grpc_Testing_Empty()) } == 4)
        #expect(await attempts { _ = try await $0.unaryCall(Grpc_Testing_SimpleRequest()) } == 3)
        let once = RPCCallOptions(retryPolicy: RPCRetryPolicy.none)
        #expect(await attempts { _ = try await $0.emptyCall(Grpc_Testing_Empty(), options: once) } == 1)
        configuration.methodPolicies[method: TestService.Method.emptyCall] = nil
        configuration.methodPolicies[service: TestService.descriptor] = nil
        #expect(await attempts { _ = try await $0.emptyCall(Grpc_Testing_Empty()) } == 2)
    }

    @Test("a policy's timeout ends a slow call with DEADLINE_EXCEEDED, in process and over HTTP/2")
    func policyTimeout() async throws {
        var configuration = RPCClient.Configuration()
        configuration.methodPolicies[method: TestService.Method.emptyCall] = RPCMethodPolicy(
            timeout: .milliseconds(200))
        configuration.methodPolicies[method: TestService.Method.unaryCall] = RPCMethodPolicy(timeout: .seconds(600))
        var serverConfiguration = RPCServer.Configuration()
        serverConfiguration.interceptors = [Sleepy()]
        let server = RPCServer(services: [InteropTestService()], configuration: serverConfiguration)

        let transport = DeadlineRecordingTransport(base: InProcessTransport(server: server))
        let local = TestService.Client(client: RPCClient(transport: transport, configuration: configuration))
        let started = ContinuousClock.now
        let error = await #expect(throws: RPCStatus.self) {
            try await local.emptyCall(Grpc_Testing_Empty(), options: RPCCallOptions(timeout: .seconds(600)))
        }
        #expect(error?.code == .deadlineExceeded)
        let elapsed = ContinuousClock.now - started
        #expect(elapsed >= .milliseconds(200) && elapsed < testPatience, "\(elapsed)")
        // The call's shorter timeout wins over its policy's.
        let shorter = ContinuousClock.now
        let early = await #expect(throws: RPCStatus.self) {
            try await local.unaryCall(
                Grpc_Testing_SimpleRequest(), options: RPCCallOptions(timeout: .milliseconds(200)))
        }
        #expect(early?.code == .deadlineExceeded)
        #expect(ContinuousClock.now - shorter < testPatience)
        let deadlines = transport.deadlines.withLock { $0 }.compactMap { $0 }
        #expect(deadlines.count == 2 && deadlines.allSatisfy { $0 < started + .seconds(300) }, "\(deadlines)")

        try await withLoopbackServer(server) { address, group in
            let channel = try RPCChannel(target: "ipv4:\(address)", group: group)
            defer { channel.close() }
            let remote = TestService.Client(client: RPCClient(transport: channel, configuration: configuration))
            let remoteError = await #expect(throws: RPCStatus.self) { try await remote.emptyCall(Grpc_Testing_Empty()) }
            #expect(remoteError?.code == .deadlineExceeded)
        }
    }

    @Test("a policy's wait-for-ready makes a call wait; the call's own option overrides it")
    func policyWaitForReady() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { group.shutdown() }
        var configuration = RPCClient.Configuration()
        configuration.methodPolicies.defaults = RPCMethodPolicy(timeout: .milliseconds(300), waitForReady: true)
        let channel = try RPCChannel(target: "ipv4:127.0.0.1:1", group: group)
        defer { channel.close() }
        let test = TestService.Client(client: RPCClient(transport: channel, configuration: configuration))
        let waited = await #expect(throws: RPCStatus.self) { try await test.emptyCall(Grpc_Testing_Empty()) }
        #expect(waited?.code == .deadlineExceeded)
        let fast = await #expect(throws: RPCStatus.self) {
            try await test.emptyCall(Grpc_Testing_Empty(), options: RPCCallOptions(waitForReady: false))
        }
        #expect(fast?.code == .unavailable)
    }

    @Test("a policy's message size limits hold unless the call sets its own")
    func policySizes() async throws {
        var configuration = RPCClient.Configuration()
        configuration.methodPolicies[service: TestService.descriptor] = RPCMethodPolicy(
            maxRequestMessageBytes: 1_000, maxResponseMessageBytes: 4_000)
        try await withLoopbackServer(RPCServer(services: [InteropTestService()])) { address, group in
            let channel = try RPCChannel(target: "ipv4:\(address)", group: group)
            defer { channel.close() }
            let test = TestService.Client(client: RPCClient(transport: channel, configuration: configuration))
            var large = Grpc_Testing_SimpleRequest()
            large.payload = InteropTestService.payload(size: 2_000)
            let tooLarge = await #expect(throws: RPCStatus.self) { try await test.unaryCall(large) }
            #expect(tooLarge?.code == .resourceExhausted)
            var options = RPCCallOptions()
            options.maxSendMessageSize = 10_000
            _ = try await test.unaryCall(large, options: options)

            var bigAnswer = Grpc_Testing_SimpleRequest()
            bigAnswer.responseSize = 5_000
            let tooLargeAnswer = await #expect(throws: RPCStatus.self) { try await test.unaryCall(bigAnswer) }
            #expect(tooLargeAnswer?.code == .resourceExhausted)
            options.maxReceiveMessageSize = 10_000
            _ = try await test.unaryCall(bigAnswer, options: options)
        }
    }
}
