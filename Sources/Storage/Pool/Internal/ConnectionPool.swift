internal import Dispatch
internal import Foundation
internal import Synchronization

/// A bounded pool of connections, each owned by its own dedicated thread.
///
/// The blocking C calls of libsqlite3 and libpq run only on these threads, never on the event
/// loops or the Swift cooperative pool. A caller hands a job to an idle worker (or queues it) and
/// suspends on a continuation until the worker ran it: one thread hop per transaction. A queued
/// job fails with ``StorageError/Kind/poolExhausted`` after the acquire timeout, or with
/// ``StorageError/Kind/cancelled`` when its task is cancelled; a job that started runs to the end.
///
/// A worker opens its connection on its first job and again after the connection broke
/// (``WorkerContext``), so a database that was down recovers by itself.
final class ConnectionPool: Sendable {
    private let label: String
    private let configuration: SQLPoolConfiguration
    private let counters: StorageCounters
    private let open: @Sendable () throws(StorageError) -> any DriverConnection
    private let state: Mutex<State>
    private let wakeups: [DispatchSemaphore]
    private let nextID = Atomic<UInt64>(0)

    /// Starts `size` worker threads named after `label`; connections open on first use.
    init(
        label: String, size: Int, configuration: SQLPoolConfiguration, counters: StorageCounters,
        open: @escaping @Sendable () throws(StorageError) -> any DriverConnection
    ) {
        precondition(size >= 1, "a pool needs at least one connection (validated by the configuration)")
        self.label = label
        self.configuration = configuration
        self.counters = counters
        self.open = open
        self.state = Mutex(State(workers: size))
        self.wakeups = (0..<size).map { _ in DispatchSemaphore(value: 0) }
        for index in 0..<size {
            let thread = Thread { [self] in work(index) }
            thread.name = "\(label)-\(index)"
            thread.start()
        }
    }

    /// The number of connections.
    var size: Int { wakeups.count }

    /// Runs `job` on a worker's connection and returns its result.
    func run<Value: Sendable>(
        _ job: @escaping @Sendable (WorkerContext) -> Result<Value, StorageError>
    ) async throws(StorageError) -> Value {
        let id = nextID.add(1, ordering: .relaxed).newValue
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<Value, StorageError>, Never>) in
                guard !Task.isCancelled else {
                    continuation.resume(returning: .failure(Self.cancelled))
                    return
                }
                submit(
                    Job(
                        run: { context in
                            let result = job(context)
                            return { continuation.resume(returning: result) }
                        },
                        fail: { error in continuation.resume(returning: .failure(error)) }), id: id)
            }
        } onCancel: {
            if let job = state.withLock({ $0.remove(id: id) }) { job.fail(Self.cancelled) }
        }
        return try result.get()
    }

    /// Refuses new jobs, fails the queued ones, and returns once every worker finished its job,
    /// closed its connection and ended.
    func close() async {
        shutDown()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            if !state.withLock({ $0.awaitExit(continuation) }) { continuation.resume() }
        }
    }

    /// Starts closing without waiting (a database deinitialized without `close()`).
    func shutDown() {
        let (failed, wake) = state.withLock { $0.close() }
        for worker in wake { wakeups[worker].signal() }
        for job in failed { job.fail(StorageError(kind: .closed, message: "the database was closed")) }
    }

    private func submit(_ job: Job, id: UInt64) {
        switch state.withLock({ $0.submit(job, id: id, maxWaiting: configuration.maxWaiting) }) {
        case .wake(let worker):
            wakeups[worker].signal()
        case .queued:
            let deadline = DispatchTime.now() + .nanoseconds(Int(configuration.acquireTimeout.totalNanoseconds))
            DispatchQueue.global().asyncAfter(deadline: deadline) { [self] in expire(id) }
        case .refuse(let error):
            if error.kind == .poolExhausted { StorageCounters.increment(counters.poolExhaustions) }
            job.fail(error)
        }
    }

    private func expire(_ id: UInt64) {
        guard let job = state.withLock({ $0.remove(id: id) }) else { return }
        StorageCounters.increment(counters.poolExhaustions)
        job.fail(
            StorageError(
                kind: .poolExhausted,
                message: "no \(label) connection became free within "
                    + "\(configuration.acquireTimeout.totalNanoseconds / 1_000_000) ms "
                    + "(all \(size) busy)"))
    }

    /// A worker thread's life: wait for a job, run it, take the next, until the pool closes.
    private func work(_ index: Int) {
        let context = WorkerContext(open: open, counters: counters)
        var next = State.Next.wait
        loop: while true {
            switch next {
            case .job(let job):
                let complete = job.run(context)
                context.finishJob()
                next = state.withLock { $0.next(worker: index) }
                complete()
            case .wait:
                wakeups[index].wait()
                switch state.withLock({ $0.take(worker: index) }) {
                case .job(let job): next = .job(job)
                case .exit: next = .exit
                case .empty: next = .wait
                }
            case .exit:
                break loop
            }
        }
        context.close()
        for waiter in state.withLock({ $0.workerExited() }) { waiter.resume() }
    }

    private static let cancelled = StorageError(
        kind: .cancelled, message: "the task was cancelled while it waited for a connection")
}
