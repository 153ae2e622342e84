extension ConnectionPool {
    /// A unit of work for a worker thread: runs on the worker's connection, or fails without
    /// running (timeout, cancellation, close). Exactly one of the two is called, once.
    ///
    /// `run` returns how to hand its result to the caller, which the worker calls only once it
    /// is back in the pool: a caller that goes on with another call then finds it idle instead
    /// of queueing behind a worker that is about to be free.
    struct Job: Sendable {
        let run: @Sendable (WorkerContext) -> @Sendable () -> Void
        let fail: @Sendable (StorageError) -> Void
    }

    /// The pool's state: which workers are idle, what each was handed, and who waits.
    ///
    /// Every transition happens under the pool's lock and returns what to do after it is
    /// released (wake a worker, fail a job), per STYLE.md §6.
    struct State {
        enum Slot {
            case empty
            case job(Job)
            case exit
        }

        enum Submission {
            case wake(Int)
            case queued
            case refuse(StorageError)
        }

        enum Next {
            case job(Job)
            case wait
            case exit
        }

        private(set) var slots: [Slot]
        private var idle: [Int]
        private var order: [UInt64] = []
        private var orderHead = 0
        private var waiting: [UInt64: Job] = [:]
        private(set) var isClosed = false
        private var liveWorkers: Int
        private var closeWaiters: [CheckedContinuation<Void, Never>] = []

        init(workers: Int) {
            slots = Array(repeating: .empty, count: workers)
            // Popped from the end: worker 0 is used first, so a quiet pool keeps reusing the same
            // warm connection.
            idle = Array((0..<workers).reversed())
            liveWorkers = workers
        }

        /// A new job: straight to an idle worker, or into the queue.
        mutating func submit(_ job: Job, id: UInt64, maxWaiting: Int) -> Submission {
            guard !isClosed else { return .refuse(StorageError(kind: .closed, message: "the database is closed")) }
            if let worker = idle.popLast() {
                slots[worker] = .job(job)
                return .wake(worker)
            }
            guard waiting.count < maxWaiting else {
                return .refuse(
                    StorageError(
                        kind: .poolExhausted,
                        message: "all \(slots.count) connections are busy and \(waiting.count) callers already wait"))
            }
            waiting[id] = job
            order.append(id)
            return .queued
        }

        /// What a worker that woke up was handed.
        mutating func take(worker: Int) -> Slot {
            let slot = slots[worker]
            slots[worker] = .empty
            return slot
        }

        /// What a worker that finished a job does next: the oldest waiting job, or wait, or exit.
        mutating func next(worker: Int) -> Next {
            if isClosed { return .exit }
            while orderHead < order.count {
                let id = order[orderHead]
                orderHead += 1
                if let job = waiting.removeValue(forKey: id) {
                    compact()
                    return .job(job)
                }
            }
            compact()
            idle.append(worker)
            return .wait
        }

        /// Takes a job out of the queue (it timed out or its task was cancelled), if it is still
        /// there.
        mutating func remove(id: UInt64) -> Job? {
            let job = waiting.removeValue(forKey: id)
            if waiting.isEmpty {
                // Only stale ids are left in the order (timed out, cancelled): forget them.
                order.removeAll(keepingCapacity: true)
                orderHead = 0
            }
            return job
        }

        /// Closes the pool: returns the queued jobs to fail and the idle workers to wake (they
        /// find `exit` in their slot).
        mutating func close() -> (failed: [Job], wake: [Int]) {
            guard !isClosed else { return ([], []) }
            isClosed = true
            let failed = order[orderHead...].compactMap { waiting[$0] }
            waiting = [:]
            order = []
            orderHead = 0
            let wake = idle
            idle = []
            for worker in wake { slots[worker] = .exit }
            return (failed, wake)
        }

        /// A worker ended; when it was the last, the callers of `close()` may go on.
        mutating func workerExited() -> [CheckedContinuation<Void, Never>] {
            liveWorkers -= 1
            guard liveWorkers == 0 else { return [] }
            defer { closeWaiters = [] }
            return closeWaiters
        }

        /// Registers a caller of `close()`; false when every worker already ended.
        mutating func awaitExit(_ continuation: CheckedContinuation<Void, Never>) -> Bool {
            guard liveWorkers > 0 else { return false }
            closeWaiters.append(continuation)
            return true
        }

        /// Drops the consumed prefix of the queue's order once it is large.
        private mutating func compact() {
            if orderHead == order.count {
                order.removeAll(keepingCapacity: true)
                orderHead = 0
            } else if orderHead > 1024 && orderHead * 2 > order.count {
                order.removeFirst(orderHead)
                orderHead = 0
            }
        }
    }
}
