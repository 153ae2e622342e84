/// One request for a handler task: the handler, the request, and the exchange that answers it.
struct HandlerJob: Sendable {
    let handler: any HTTPHandler
    let request: HTTPRequest
    let sink: any HTTPResponseSink

    /// Runs the handler, then tells the exchange on its loop how the handler ended.
    nonisolated(nonsending) func run(on loop: EventLoop) async {
        var failure: (any Error)?
        do {
            try await handler.handle(request, HTTPResponseWriter(sink: sink))
        } catch {
            failure = error
        }
        let error = failure
        let sink = self.sink
        if loop.inEventLoop {
            sink.handlerReturned(error: error)
        } else {
            loop.execute { sink.handlerReturned(error: error) }
        }
    }
}

/// The handler tasks of one event loop, kept between requests.
///
/// A task per request costs its creation and, because a handler's async frames are allocated on
/// the task's own stack, a fresh 1 KB slab from `malloc` for each level of a deep handler
/// (gateway, RPC server, call, generated glue): about ten allocations per request. A task that
/// goes back to the pool when its handler returns keeps its slabs, so the next request on the
/// loop runs on stack that is already there. A worker leaves the pool for good when it was
/// cancelled (its connection went away mid-request), when its handler finished off the loop,
/// or when the pool already holds ``limit`` idle workers.
///
/// Touched only on the loop's thread (`@unchecked Sendable` for the tasks that carry it).
final class HandlerWorkers: @unchecked Sendable {
    /// A handler task, running a request or waiting for the next one.
    final class Worker: @unchecked Sendable {
        fileprivate var task: Task<Void, Never>?
        fileprivate var next: UnsafeContinuation<HandlerJob?, Never>?

        /// Cancels the request the worker runs (the exchange calls this only while it does).
        func cancel() { task?.cancel() }
    }

    /// Idle workers kept per loop; more than this many finish instead of waiting.
    static let limit = 128

    private var idle: [Worker] = []
    private var closed = false

    /// Runs `job` on an idle worker, or on a new one. Call on `loop`'s thread.
    func start(_ job: HandlerJob, on loop: EventLoop) -> Worker {
        while let worker = idle.popLast() {
            guard let continuation = worker.next else { continue }
            worker.next = nil
            continuation.resume(returning: job)
            return worker
        }
        let worker = Worker()
        worker.task = Task(executorPreference: loop) { await Self.work(worker, first: job, loop: loop) }
        return worker
    }

    private static nonisolated(nonsending) func work(_ worker: Worker, first: HandlerJob, loop: EventLoop) async {
        var job = first
        while true {
            await job.run(on: loop)
            guard loop.inEventLoop, !Task.isCancelled, let next = await loop.handlerWorkers.park(worker) else { break }
            job = next
        }
        if loop.inEventLoop { worker.task = nil }
    }

    /// Waits in the pool for the next job; `nil` when the pool is full or the loop is stopping.
    private nonisolated(nonsending) func park(_ worker: Worker) async -> HandlerJob? {
        guard !closed, idle.count < Self.limit else { return nil }
        return await withUnsafeContinuation { continuation in
            worker.next = continuation
            idle.append(worker)
        }
    }

    /// Ends every idle worker (the loop is stopping). Call on the loop's thread.
    func close() {
        closed = true
        let waiting = idle
        idle.removeAll()
        for worker in waiting {
            worker.next?.resume(returning: nil)
            worker.next = nil
        }
    }
}
