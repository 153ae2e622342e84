import Bytes
import InteropContracts
import RPC
import ServiceHost
import StandardServices
import Synchronization
import Testing
import Transport

@Suite("A process host: listener, health, services and graceful shutdown", .timeLimit(.minutes(2)))
struct ProcessHostTests {
    @Test("a shutdown with calls in flight: they finish OK, later calls fail UNAVAILABLE, health says NOT_SERVING")
    func gracefulShutdownWithCallsInFlight() async throws {
        let slow = SlowTestService(delay: .milliseconds(500))
        let background = StoppableService()
        let calls = CountingCallObserver()
        let connections = CountingConnectionObserver()
        let configuration = HostConfiguration.forTests {
            $0.observers.rpc = calls
            $0.observers.transport = connections
        }
        let host = ProcessHost(rpcServices: [slow], services: [background], configuration: configuration)
        let health = try #require(host.health)
        let (codes, ended) = try await withRunningHost(host) { address in
            try await withClient(address) { client in
                let test = Grpc_Testing_TestService.Client(client: client)
                let checks = Grpc_Health_V1_Health.Client(client: client)
                #expect(try await checks.check(.init(service: "")).status == .serving)
                #expect(try await checks.check(.init(service: "grpc.testing.TestService")).status == .serving)
                return try await withThrowingTaskGroup(of: RPCStatus.Code.self) { inFlight in
                    for _ in 0..<4 {
                        inFlight.addTask { await statusCode { _ = try await test.unaryCall(.init()) } }
                    }
                    try await eventually("the four calls reach their handler") {
                        slow.started == 4
                    }
                    host.beginGracefulShutdown()
                    try await eventually("health says NOT_SERVING") { health.status(of: "") == .notServing }
                    #expect(health.status(of: "grpc.testing.TestService") == .notServing)
                    // Until the host stops taking calls, each answer says NOT_SERVING; the first call
                    // it does not take fails UNAVAILABLE (GOAWAY, REFUSED_STREAM, the listener closed).
                    var refusal: RPCStatus.Code?
                    try await eventually("a call is refused") { () async throws -> Bool in
                        do {
                            let answer = try await checks.check(.init(service: ""))
                            #expect(answer.status == .notServing)
                            return false
                        } catch let status as RPCStatus {
                            refusal = status.code
                            return true
                        }
                    }
                    #expect(refusal == .unavailable)
                    #expect(await statusCode { _ = try await test.unaryCall(.init()) } == .unavailable)
                    #expect(await statusCode { _ = try await test.emptyCall(.init()) } == .unavailable)
                    #expect(slow.started == 4, "a call after the shutdown reached a handler")
                    var codes: [RPCStatus.Code] = []
                    for try await code in inFlight { codes.append(code) }
                    return codes
                }
            }
        }
        #expect(codes == [.ok, .ok, .ok, .ok], "the calls in flight")
        #expect(ended == nil, "run() threw \(String(describing: ended))")
        #expect(background.hasReturned, "the service's run() returned")
        // The observers were handed to the servers.
        calls.counts.withLock {
            #expect($0.started >= 6)
            #expect($0.started == $0.finished)
        }
        #expect(connections.opened >= 1)
    }

    @Test("a service that throws is reported and shuts the host down; the other services stop")
    func failingService() async throws {
        let failure = TestFailure(message: "the outbox table is gone")
        let other = StoppableService()
        let host = ProcessHost(
            rpcServices: [SlowTestService(delay: .zero)],
            services: [FailingService(error: failure, delay: .milliseconds(100)), other], configuration: .forTests())
        let error = try await runUntilItThrows(host)
        #expect(error.code == .serviceFailed)
        #expect(error.message.contains("FailingService"), "\(error)")
        #expect(error.cause as? TestFailure == failure)
        #expect(other.hasReturned)
        #expect(host.health?.status(of: "") == .notServing)
        _ = try await host.listeningAddress()  // it had started
    }

    @Test("a service whose run() returns before it is asked to stop shuts the host down")
    func quittingService() async throws {
        let other = StoppableService()
        let host = ProcessHost(
            rpcServices: [SlowTestService(delay: .zero)], services: [QuittingService(), other],
            configuration: .forTests())
        let error = try await runUntilItThrows(host)
        #expect(error.code == .serviceFailed)
        #expect(error.message.contains("QuittingService returned before"), "\(error)")
        #expect(other.hasReturned)
    }

    @Test("a service that ignores the shutdown is cancelled at the end of the grace period")
    func stubbornService() async throws {
        let stubborn = StubbornService()
        let host = ProcessHost(
            httpHandler: NotFound(), services: [stubborn],
            configuration: .forTests { $0.shutdown.gracePeriod = .milliseconds(200) })
        let ((), ended) = try await withRunningHost(host) { _ in }
        #expect(ended == nil)
        #expect(stubborn.wasCancelled)
    }

    @Test("cancelling the task that runs the host stops it at once, services included")
    func cancelled() async throws {
        let stubborn = StubbornService()
        let host = ProcessHost(
            rpcServices: [SlowTestService(delay: .zero)], services: [stubborn],
            configuration: .forTests { $0.shutdown.gracePeriod = .seconds(3600) })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await host.run() }
            _ = try await host.listeningAddress()
            group.cancelAll()
            try await group.waitForAll()
        }
        #expect(stubborn.wasCancelled)
    }

    @Test("a plain HTTP handler is served, without health or an RPC server")
    func plainHTTP() async throws {
        let host = ProcessHost(httpHandler: NotFound(), configuration: .forTests())
        #expect(host.health == nil)
        #expect(host.rpcServer == nil)
        let (status, ended) = try await withRunningHost(host) { address in
            let loops = try EventLoopGroup(loopCount: 1)
            defer { loops.shutdown() }
            let client = HTTPClient(group: loops)
            defer { client.shutdown() }
            return try await client.execute(HTTPClientRequest(address: address, target: "/nothing")).status
        }
        #expect(status == 404)
        #expect(ended == nil)
    }

    @Test("reflection is served when configured, and a given health service is the one used")
    func reflectionAndGivenHealth() throws {
        let health = HealthService()
        let host = ProcessHost(
            rpcServices: [SlowTestService(delay: .zero), health],
            configuration: .forTests { $0.isReflectionEnabled = true })
        #expect(host.health === health)
        let names = try #require(host.rpcServer).services.map(\.name)
        #expect(
            names == [
                "grpc.testing.TestService", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection",
                "grpc.reflection.v1alpha.ServerReflection",
            ])
        let plain = ProcessHost(rpcServices: [SlowTestService(delay: .zero)], configuration: .forTests())
        #expect(
            try #require(plain.rpcServer).services.map(\.name) == ["grpc.testing.TestService", "grpc.health.v1.Health"])
    }

    @Test("a port in use fails the start, and the address is never known")
    func portInUse() async throws {
        let first = ProcessHost(httpHandler: NotFound(), configuration: .forTests())
        _ = try await withRunningHost(first) { address in
            let second = ProcessHost(
                httpHandler: NotFound(), configuration: .forTests { $0.listen.port = address.port })
            let error = try await runUntilItThrows(second)
            #expect(error.code == .startFailed)
            #expect(error.cause is SystemError)
            await #expect(throws: HostError.self) { try await second.listeningAddress() }
        }
    }

    @Test("run() twice is an error")
    func runTwice() async throws {
        let host = ProcessHost(httpHandler: NotFound(), configuration: .forTests())
        _ = try await withRunningHost(host) { _ in
            let error = try await runUntilItThrows(host)
            #expect(error.code == .alreadyStarted)
        }
    }

    @Test("a bad configuration set in code fails run() before listening")
    func badConfiguration() async throws {
        let host = ProcessHost(httpHandler: NotFound(), configuration: .forTests { $0.listen.port = -2 })
        let error = try await runUntilItThrows(host)
        #expect(error.code == .invalidConfiguration)
    }

    /// Runs `host`, which must end by itself with an error.
    private func runUntilItThrows(_ host: ProcessHost) async throws -> HostError {
        do {
            try await host.run()
        } catch {
            return error
        }
        Issue.record("run() returned without an error")
        throw TimedOut()
    }
}

/// Answers every request with 404.
struct NotFound: HTTPHandler {
    func handle(_ request: HTTPRequest, _ response: HTTPResponseWriter) async throws {
        try await response.respond(
            status: 404, headers: ["content-type": "text/plain"], body: ByteBuffer(string: "no\n"))
    }
}
