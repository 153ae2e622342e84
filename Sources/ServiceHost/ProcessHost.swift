internal import Dispatch
public import RPC
internal import RPCHTTP2
public import StandardServices
internal import Synchronization
public import Transport

/// Runs one server process: the listener, its RPC services or HTTP handler, health, and the
/// long-lived ``Service``s next to them, from start to an ordered graceful shutdown.
///
/// Beside the handler, every host answers `GET /health/live` (200 while the process runs) and
/// `GET /health/ready` (200 when its ``HostConfiguration/Health-swift.struct/readinessChecks``
/// pass, 503 otherwise or while stopping; gRPC health reports the same), and serves the
/// configured ``HTTPEndpoint``s.
///
/// The host owns the process edge (ARCHITECTURE.md, "Processes"): it binds the configured
/// address, prints `listening on HOST:PORT`, and stops on SIGTERM or SIGINT (or
/// ``beginGracefulShutdown()``) in this order:
///
/// 1. health reports `NOT_SERVING` for every service and for `""`, and `GET /health/ready`
///    answers 503;
/// 2. the listener closes and every connection is told to take no new requests (HTTP/2
///    GOAWAY; a stream that comes later is refused, which gRPC clients see as `UNAVAILABLE`);
///    calls in flight finish, up to the grace period;
/// 3. each ``Service`` is asked to stop, and the host waits for its ``Service/run()`` to return
///    (services still running at the end of the grace period are cancelled);
/// 4. the event loops stop, and ``run()`` returns.
///
/// A service that throws, or returns before it was asked to stop, is reported on stderr and
/// shuts the rest down the same way; ``run()`` then throws ``HostError/Code/serviceFailed``.
///
/// ```swift
/// let configuration = try HostConfiguration.fromProcess()
/// let host = ProcessHost(rpcServices: [OrderAPI(store: store)], services: [outboxRelay], configuration: configuration)
/// try await host.run()
/// ```
///
/// An executable can hand the whole job over: `await ProcessHost.serve(rpcServices: [OrderAPI()])`.
public final class ProcessHost: Sendable {
    /// How the host listens, runs and stops.
    public let configuration: HostConfiguration
    /// The health service the host registered (or the one among the RPC services): every hosted
    /// RPC service and `""` are `SERVING` once the host listens, `NOT_SERVING` once it stops.
    /// `nil` for a host of a plain HTTP handler.
    public let health: HealthService?
    /// The RPC server, with health (and reflection if configured) added; `nil` for a host of a
    /// plain HTTP handler. In-process clients can call it directly.
    public let rpcServer: RPCServer?
    /// The long-lived services run next to the listener.
    public let services: [any Service]

    private let handler: any HTTPHandler
    private let readiness: Readiness
    private let shutdownSignal = GracefulShutdownSignal()
    private let boundAddress = OneShot<SocketAddress>()
    private let hasStarted = Atomic<Bool>(false)

    /// A host serving `rpcServices` over gRPC (HTTP/2), with a health service and, if configured,
    /// reflection.
    ///
    /// - Parameters:
    ///   - rpcServices: The RPC services. A ``StandardServices/HealthService`` among them is the
    ///     one the host uses; otherwise the host adds its own.
    ///   - services: Long-lived services to run next to the listener.
    ///   - configuration: How to listen, run and stop.
    public convenience init(
        rpcServices: [any RPCService], services: [any Service] = [], configuration: HostConfiguration = .defaults
    ) {
        let (server, health, names) = Self.makeRPCServer(rpcServices, configuration: configuration)
        self.init(
            handler: RPCHTTPHandler(server), rpcServer: server, health: health, servingNames: names,
            services: services, configuration: configuration)
    }

    /// A host serving `rpcServices` (with health and, if configured, reflection) through the
    /// HTTP handler `makeHandler` builds from the RPC server: the way to serve gRPC and REST on
    /// one port (`GatewayHandler`, target `Gateway`), or to put any handler in front of the calls.
    ///
    /// ```swift
    /// let host = try ProcessHost(rpcServices: [Library()]) { try GatewayHandler(server: $0) }
    /// ```
    ///
    /// - Throws: What `makeHandler` throws.
    public convenience init(
        rpcServices: [any RPCService], services: [any Service] = [], configuration: HostConfiguration = .defaults,
        handler makeHandler: (RPCServer) throws -> any HTTPHandler
    ) throws {
        let (server, health, names) = Self.makeRPCServer(rpcServices, configuration: configuration)
        self.init(
            handler: try makeHandler(server), rpcServer: server, health: health, servingNames: names,
            services: services, configuration: configuration)
    }

    /// The RPC server of `rpcServices` plus health (and reflection), the health service, and the
    /// names health reports (`""` first).
    private static func makeRPCServer(
        _ rpcServices: [any RPCService], configuration: HostConfiguration
    ) -> (RPCServer, HealthService, [String]) {
        let given = rpcServices.lazy.compactMap { $0 as? HealthService }.first
        let health = given ?? HealthService()
        var hosted = rpcServices
        if given == nil { hosted.append(health) }
        if configuration.isReflectionEnabled { hosted += ReflectionService(services: hosted).bothVersions }
        var rpcConfiguration = configuration.rpc
        if let observer = configuration.observers.rpc { rpcConfiguration.observer = observer }
        let server = RPCServer(services: hosted, configuration: rpcConfiguration)
        let names = rpcServices.filter { !($0 is HealthService) }.map { type(of: $0).serviceDescriptor.name }
        return (server, health, [""] + names)
    }

    /// A host serving every HTTP request (HTTP/1.1 and h2c) with `httpHandler`.
    ///
    /// - Parameters:
    ///   - httpHandler: Answers every request.
    ///   - services: Long-lived services to run next to the listener.
    ///   - configuration: How to listen, run and stop.
    public convenience init(
        httpHandler: any HTTPHandler, services: [any Service] = [], configuration: HostConfiguration = .defaults
    ) {
        self.init(
            handler: httpHandler, rpcServer: nil, health: nil, servingNames: [], services: services,
            configuration: configuration)
    }

    private init(
        handler: any HTTPHandler, rpcServer: RPCServer?, health: HealthService?, servingNames: [String],
        services: [any Service], configuration: HostConfiguration
    ) {
        let readiness = Readiness(
            checks: configuration.health.readinessChecks, timeout: configuration.health.checkTimeout, health: health,
            servingNames: servingNames)
        self.readiness = readiness
        self.handler = HostHTTPHandler(inner: handler, readiness: readiness, endpoints: configuration.endpoints)
        self.rpcServer = rpcServer
        self.health = health
        self.services = services
        self.configuration = configuration
    }

    /// Starts listening and the services, runs until a shutdown is requested (a signal,
    /// ``beginGracefulShutdown()``, a failing service) and returns when the shutdown is done.
    ///
    /// Cancelling the calling task stops the host at once: no grace period.
    ///
    /// - Throws: ``HostError``: `invalidConfiguration` or `startFailed` before listening,
    ///   `serviceFailed` (the first failure) after a shutdown a service caused,
    ///   `alreadyStarted` if called twice.
    public func run() async throws(HostError) {
        guard !hasStarted.exchange(true, ordering: .relaxed) else {
            throw HostError(.alreadyStarted, "run() was called more than once")
        }
        // Watch signals before listening, so one sent right after the announcement stops us
        // gracefully instead of killing the process.
        let signals = configuration.shutdown.signals
        let watcher =
            signals.isEmpty ? nil : SignalWatcher(signals: signals) { [shutdownSignal] in shutdownSignal.trigger() }
        defer { watcher?.stop() }
        let (server, loops) = try await start()
        let monitor = Task { [readiness, shutdownSignal, configuration] in
            await readiness.monitor(every: configuration.health.interval, until: shutdownSignal)
        }
        let failures = await superviseServices(stopping: server)
        monitor.cancel()
        await monitor.value
        await Self.stop(loops)
        if let failure = failures.first { throw failure }
    }

    /// Begins the graceful shutdown ``run()`` describes; returns at once. Calling it again, or
    /// before ``run()``, is harmless (a host asked to stop before it listens stops right after).
    public func beginGracefulShutdown() {
        shutdownSignal.trigger()
    }

    /// The address the host listens on (with the port the system chose for port 0), once it
    /// does.
    ///
    /// - Throws: The ``HostError`` that kept ``run()`` from listening; `CancellationError` if the
    ///   calling task is cancelled first.
    public func listeningAddress() async throws -> SocketAddress {
        try await boundAddress.value()
    }

    // MARK: Starting

    private func start() async throws(HostError) -> (HTTPServer, EventLoopGroup) {
        do throws(HostError) {
            try configuration.validate()
            let loops: EventLoopGroup
            do {
                loops = try EventLoopGroup(loopCount: configuration.eventLoopCount)
            } catch {
                throw HostError(
                    .startFailed, "could not start \(configuration.eventLoopCount) event loops", cause: error)
            }
            let server = HTTPServer(configuration: httpServerConfiguration, handler: handler, group: loops)
            let address: SocketAddress
            do {
                address = try await server.start()
            } catch {
                await Self.stop(loops)
                let listen = configuration.listen
                throw HostError(.startFailed, "could not listen on \(listen.host):\(listen.port)", cause: error)
            }
            // Ready (gRPC health SERVING, /health/ready 200) only once every check has passed.
            await readiness.evaluate()
            if configuration.isAddressAnnounced { ServerProcess.announce(address) }
            boundAddress.complete(.success(address))
            return (server, loops)
        } catch {
            boundAddress.complete(.failure(error))
            throw error
        }
    }

    private var httpServerConfiguration: HTTPServer.Configuration {
        HTTPServer.Configuration(
            host: configuration.listen.host, port: configuration.listen.port, limits: configuration.http.limits,
            http2: configuration.http.http2, observer: configuration.observers.transport)
    }

    /// Stops the loops. `EventLoopGroup.shutdown()` joins their threads, a blocking call: it
    /// runs on a dispatch thread so that no thread of the cooperative pool waits on it.
    private static func stop(_ loops: EventLoopGroup) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                loops.shutdown()
                continuation.resume()
            }
        }
    }

    // MARK: Running and stopping

    /// What the supervising loop hears from its child tasks.
    private enum Event: Sendable {
        case shutdownRequested
        case serviceEnded(index: Int, error: (any Error)?)
        case deadlinePassed
    }

    /// Runs the services until a shutdown is requested, then performs it: health, the listener
    /// and its calls, the services. Returns the failures, in the order they happened.
    private func superviseServices(stopping server: HTTPServer) async -> [HostError] {
        await withTaskGroup(of: Event.self) { tasks in
            for (index, service) in services.enumerated() {
                tasks.addTask {
                    do {
                        try await service.run()
                        return .serviceEnded(index: index, error: nil)
                    } catch {
                        return .serviceEnded(index: index, error: error)
                    }
                }
            }
            tasks.addTask {
                await self.shutdownSignal.wait()
                return .shutdownRequested
            }
            var ledger = ServiceLedger(names: services.map(\.name))
            await serveUntilShutdown(&tasks, ledger: &ledger)
            // Cancelled (the task running the host): stop now, without a grace period.
            let grace = Task.isCancelled ? .zero : configuration.shutdown.gracePeriod
            let deadline = ContinuousClock.now + grace
            readiness.enterShutdown()
            await server.shutdown(gracePeriod: grace)
            await stopServices(&tasks, ledger: &ledger, deadline: deadline, grace: grace)
            return ledger.failures
        }
    }

    /// Waits for a shutdown request; a service that ends meanwhile is a failure, which requests one.
    private func serveUntilShutdown(_ tasks: inout TaskGroup<Event>, ledger: inout ServiceLedger) async {
        while let event = await tasks.next() {
            guard case .serviceEnded(let index, let error) = event else { return }  // shutdown requested
            if ledger.ended(index, error: error, isHostCancelled: Task.isCancelled) != nil {
                shutdownSignal.trigger()
            }
        }
    }

    /// Asks every service to stop and waits for them; cancels those still running at `deadline`.
    private func stopServices(
        _ tasks: inout TaskGroup<Event>, ledger: inout ServiceLedger, deadline: ContinuousClock.Instant,
        grace: Duration
    ) async {
        ledger.isStopping = true
        for service in services { service.beginGracefulShutdown() }
        if !ledger.haveAllEnded {
            tasks.addTask {
                try? await Task.sleep(until: deadline, clock: .continuous)
                return .deadlinePassed
            }
        }
        while !ledger.haveAllEnded, let event = await tasks.next() {
            switch event {
            case .serviceEnded(let index, let error):
                _ = ledger.ended(index, error: error, isHostCancelled: Task.isCancelled)
            case .deadlinePassed:
                ledger.cancelRunning(grace: grace)
                tasks.cancelAll()
            case .shutdownRequested:
                break
            }
        }
        tasks.cancelAll()  // the deadline timer, if it still sleeps
    }
}

/// Which services have ended and how; reports each failure on stderr as it is recorded.
private struct ServiceLedger {
    let names: [String]
    private var hasEnded: [Bool]
    private var wasCancelled = false
    var isStopping = false
    private(set) var failures: [HostError] = []

    init(names: [String]) {
        self.names = names
        hasEnded = names.map { _ in false }
    }

    var haveAllEnded: Bool { !hasEnded.contains(false) }

    /// Records that service `index` ended; returns the failure this is, if it is one.
    mutating func ended(_ index: Int, error: (any Error)?, isHostCancelled: Bool) -> HostError? {
        hasEnded[index] = true
        let name = names[index]
        let failure: HostError
        switch error {
        case nil where isStopping:
            return nil
        case nil:
            failure = HostError(.serviceFailed, "service \(name) returned before the host asked it to stop")
        case is CancellationError where wasCancelled || isHostCancelled:
            return nil
        case let error?:
            let when = isStopping ? "while stopping" : "while running"
            failure = HostError(.serviceFailed, "service \(name) failed \(when)", cause: error)
        }
        ServerProcess.report("\(failure)")
        failures.append(failure)
        return failure
    }

    /// The grace period passed: the services still running are about to be cancelled.
    mutating func cancelRunning(grace: Duration) {
        wasCancelled = true
        for (name, ended) in zip(names, hasEnded) where !ended {
            ServerProcess.report("service \(name) did not stop within the grace period (\(grace)); cancelling it")
        }
    }
}
