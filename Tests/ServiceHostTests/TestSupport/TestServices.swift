import InteropContracts
import RPC
import ServiceHost
import Synchronization
import Transport

/// grpc.testing.TestService's UnaryCall, which sleeps `delay` before it answers, and EmptyCall;
/// counts the UnaryCalls that reached it.
final class SlowTestService: RPCService {
    static var serviceDescriptor: RPCServiceDescriptor { Grpc_Testing_TestService.descriptor }
    let delay: Duration
    private let startedCount = Atomic<Int>(0)

    init(delay: Duration) { self.delay = delay }

    /// How many UnaryCalls reached the handler.
    var started: Int { startedCount.load(ordering: .relaxed) }

    var methods: [RPCServerMethod] {
        [
            .unary(Grpc_Testing_TestService.Method.unaryCall) {
                [self] (_: Grpc_Testing_SimpleRequest, _) -> Grpc_Testing_SimpleResponse in
                startedCount.add(1, ordering: .relaxed)
                try await Task.sleep(for: delay)
                return Grpc_Testing_SimpleResponse()
            },
            .unary(Grpc_Testing_TestService.Method.emptyCall) { (_: Grpc_Testing_Empty, _) in Grpc_Testing_Empty() },
        ]
    }
}

/// A service that works until it is asked to stop; records that its `run()` returned.
final class StoppableService: Service {
    let shutdown = GracefulShutdownSignal()
    private let returned = Atomic<Bool>(false)

    /// Whether `run()` returned.
    var hasReturned: Bool { returned.load(ordering: .relaxed) }

    func run() async throws {
        await shutdown.wait()
        returned.store(true, ordering: .relaxed)
    }

    func beginGracefulShutdown() { shutdown.trigger() }
}

/// A service that fails with `error` after `delay`.
struct FailingService: Service {
    let error: TestFailure
    let delay: Duration

    func run() async throws {
        try await Task.sleep(for: delay)
        throw error
    }

    func beginGracefulShutdown() {}
}

/// A service whose `run()` returns at once, without being asked to stop.
struct QuittingService: Service {
    func run() async throws {}
    func beginGracefulShutdown() {}
}

/// A service that ignores the request to stop and ends only when cancelled.
final class StubbornService: Service {
    private let cancelled = Atomic<Bool>(false)

    /// Whether `run()` saw its task cancelled.
    var wasCancelled: Bool { cancelled.load(ordering: .relaxed) }

    func run() async throws {
        do {
            try await Task.sleep(for: .seconds(3600))
        } catch {
            cancelled.store(true, ordering: .relaxed)
            throw error
        }
    }

    func beginGracefulShutdown() {}
}

struct TestFailure: Error, Hashable {
    let message: String
}

/// Counts call events, to check the host hands its RPC observer to the server.
final class CountingCallObserver: RPCObserver {
    let counts = Mutex((started: 0, finished: 0))

    func callStarted(_ method: RPCMethodDescriptor, side: RPCCallSide, peer: String) -> (any RPCCallObservation)? {
        counts.withLock { $0.started += 1 }
        return Call(observer: self)
    }

    /// One call's handle: counts its end.
    struct Call: RPCCallObservation {
        let observer: CountingCallObserver
        func callFinished(status: RPCStatus, duration: Duration) {
            observer.counts.withLock { $0.finished += 1 }
        }
    }
}

/// Counts connections, to check the host hands its transport observer to the HTTP server.
final class CountingConnectionObserver: TransportObserver {
    private let openedCount = Atomic<Int>(0)

    /// How many connections opened.
    var opened: Int { openedCount.load(ordering: .relaxed) }

    func connectionOpened(_ connection: ConnectionInfo) { openedCount.add(1, ordering: .relaxed) }
}
