internal import Dispatch
internal import Foundation
internal import Synchronization

/// A few dedicated threads for blocking work (Argon2 hashes take tens of milliseconds and
/// tens of MiB): callers await on the cooperative pool while a pool thread hashes, so neither
/// the event loops nor the cooperative threads are ever held. The queue is bounded; past it,
/// work is refused at once (``AuthError/Code/overloaded``) instead of growing latency without
/// bound.
final class HashingThreadPool: Sendable {
    /// The state the threads share. Threads hold it, not the pool, so the pool's `deinit`
    /// can stop them.
    private final class Shared: Sendable {
        struct Queue {
            var jobs: [@Sendable () -> Void] = []
            var head = 0
            var isStopping = false
            var pending: Int { jobs.count - head }
        }

        let queue = Mutex(Queue())
        /// Counts queued jobs (and one wake-up per thread at shutdown).
        let available = DispatchSemaphore(value: 0)
    }

    private let shared = Shared()
    /// The number of threads.
    let threadCount: Int
    /// The most jobs waiting for a thread.
    let maxQueuedJobs: Int

    init(threadCount: Int, maxQueuedJobs: Int, name: String) {
        precondition(threadCount > 0 && maxQueuedJobs > 0, "a pool needs threads and room for jobs")
        self.threadCount = threadCount
        self.maxQueuedJobs = maxQueuedJobs
        let shared = self.shared
        for index in 0..<threadCount {
            let thread = Thread { Self.work(shared) }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    deinit {
        shared.queue.withLock { $0.isStopping = true }
        for _ in 0..<threadCount { shared.available.signal() }
    }

    private static func work(_ shared: Shared) {
        while true {
            shared.available.wait()
            let job = shared.queue.withLock { queue -> (@Sendable () -> Void)? in
                guard queue.pending > 0 else { return nil }
                let job = queue.jobs[queue.head]
                queue.head += 1
                if queue.head > 64 && queue.head * 2 > queue.jobs.count {
                    queue.jobs.removeFirst(queue.head)
                    queue.head = 0
                }
                return job
            }
            guard let job else {
                if shared.queue.withLock({ $0.isStopping }) { return }
                continue
            }
            job()
        }
    }

    /// Runs `body` on a pool thread and returns its result. A task cancelled while its job
    /// waits gets ``AuthError/Code/cancelled`` (the job is skipped).
    func run<R: Sendable>(_ body: @escaping @Sendable () -> Result<R, AuthError>) async throws(AuthError) -> R {
        let isCancelled = Atomic<Bool>(false)
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<R, AuthError>, Never>) in
                let job: @Sendable () -> Void = {
                    if isCancelled.load(ordering: .relaxed) {
                        continuation.resume(returning: .failure(AuthError(.cancelled, "cancelled while queued")))
                    } else {
                        continuation.resume(returning: body())
                    }
                }
                let accepted = shared.queue.withLock { queue -> Bool in
                    guard !queue.isStopping, queue.pending < maxQueuedJobs else { return false }
                    queue.jobs.append(job)
                    return true
                }
                if accepted {
                    shared.available.signal()
                } else {
                    continuation.resume(
                        returning: .failure(
                            AuthError(.overloaded, "the password hashing queue is full (\(maxQueuedJobs) waiting)")))
                }
            }
        } onCancel: {
            isCancelled.store(true, ordering: .relaxed)
        }
        return try result.get()
    }
}
