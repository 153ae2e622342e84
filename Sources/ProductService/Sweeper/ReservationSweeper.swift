// The background service that marks lapsed reservation holds EXPIRED, so their units return to
// the available stock for good and the reservations show their final state.
public import ServiceHost
public import Storage
internal import Synchronization

/// Marks HELD reservations whose `expires_at` passed EXPIRED every
/// ``ProductServiceConfiguration/Reservations/sweepInterval``, giving their units back; a
/// ``ServiceHost/Service`` the host runs beside the listener and stops gracefully.
///
/// ```swift
/// let sweeper = products.makeSweeper()
/// let host = ProcessHost(rpcServices: [products], services: [sweeper])
/// ```
///
/// Correctness does not wait for it: stock levels and new reservations already count lapsed
/// holds as free, and a commit after expiry is refused whether or not a sweep ran. The sweep makes
/// it final. Each batch is one transaction of conditional updates (`WHERE state = HELD`), so
/// sweepers of several replicas may run at once: a hold expires exactly once. A failed sweep
/// (the database away) is counted in ``statistics`` and tried again at the next interval; it
/// does not stop the process.
public final class ReservationSweeper: Service {
    /// What the sweeper has done so far.
    public struct Statistics: Sendable, Hashable {
        /// Sweeps run, failed or not.
        public var sweeps = 0
        /// Reservations marked EXPIRED.
        public var expired = 0
        /// Sweeps that failed.
        public var failures = 0
        /// The last failure, if any.
        public var lastFailure: ProductError?
    }

    private let repository: any ProductRepository
    private let clock: ProductClock
    private let configuration: ProductServiceConfiguration.Reservations
    private let shutdown = GracefulShutdownSignal()
    private let state = Mutex(Statistics())

    /// A sweeper of the reservations in `database` (the product service's, migrated).
    public convenience init(
        database: any SQLDatabase, clock: ProductClock = .system,
        configuration: ProductServiceConfiguration.Reservations = .init()
    ) {
        self.init(repository: SQLProductRepository(database: database), clock: clock, configuration: configuration)
    }

    init(
        repository: any ProductRepository, clock: ProductClock, configuration: ProductServiceConfiguration.Reservations
    ) {
        self.repository = repository
        self.clock = clock
        self.configuration = configuration
    }

    /// `reservation-sweeper`.
    public var name: String { "reservation-sweeper" }

    /// What the sweeper has done so far.
    public var statistics: Statistics { state.withLock { $0 } }

    /// Sweeps every interval until ``beginGracefulShutdown()`` or cancellation.
    public func run() async throws {
        while await !shutdown.wait(atMost: configuration.sweepInterval), !Task.isCancelled {
            do {
                try await sweep()
            } catch {
                state.withLock {
                    $0.failures += 1
                    $0.lastFailure = error
                }
            }
        }
    }

    /// Stops ``run()`` at once, or after the batch in hand.
    public func beginGracefulShutdown() {
        shutdown.trigger()
    }

    /// Expires every hold lapsed by now, batch by batch, and returns how many.
    ///
    /// - Throws: ``ProductError`` when the database fails; the batches before stay done.
    @discardableResult
    public func sweep() async throws(ProductError) -> Int {
        let batch = max(1, configuration.sweepBatchSize)
        var total = 0
        defer {
            state.withLock {
                $0.sweeps += 1
                $0.expired += total
            }
        }
        while true {
            let count = try await repository.expireLapsedReservations(at: clock.now(), limit: batch)
            total += count
            if count < batch || shutdown.isTriggered || Task.isCancelled { return total }
        }
    }
}
