internal import CTransport
internal import Dispatch
internal import Glibc
internal import Synchronization

/// Something registered with an event loop for readiness events. Called on the loop's thread.
protocol Selectable: AnyObject {
    /// The descriptor is readable (or the peer closed its side: a read returns 0).
    func readable()
    /// The descriptor is writable.
    func writable()
    /// Error or hang-up: the descriptor is dead.
    func failed()
}

/// One thread running `epoll_wait`: it owns its connections, runs the work handed to it, fires
/// timers, and serves as a Swift `TaskExecutor`, so request handlers started with it as their
/// executor preference run on the thread that owns their connection, without a thread hop.
///
/// Everything registered with a loop is touched only on its thread; other threads talk to it
/// through ``execute(_:)``, which wakes it through an eventfd.
public final class EventLoop: TaskExecutor, @unchecked Sendable {
    /// One thing to run on the loop: a closure, or a job of a task that prefers this executor
    /// (kept apart so enqueueing a job allocates no closure context).
    private enum Work: Sendable {
        case closure(@Sendable () -> Void)
        case job(UnownedJob)
    }

    /// Work handed in from other threads (and the wake-up flag), under one lock.
    private struct Inbox {
        var work: [Work] = []
        var isSleeping = false
    }

    private let epoll: Int32
    private let wakeFD: Int32
    private let inbox = Mutex(Inbox())
    /// Work queued from the loop's own thread: no lock, no wake-up.
    private var localWork: [Work] = []
    /// The batch being run (its storage is reused from round to round).
    private var running: [Work] = []
    private var registrations: [(any Selectable)?] = []
    private var freeSlots: [Int] = []
    private var timers = TimerHeap()
    private let stopped = Atomic<Bool>(false)
    private var thread: pthread_t?
    /// A name for logs and thread names (`loop-0`).
    public let name: String
    /// Request handler tasks kept between requests (touched only on this thread).
    let handlerWorkers = HandlerWorkers()

    /// Creates a loop; it runs once ``start()`` is called.
    init(name: String) throws(SystemError) {
        self.name = name
        let epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epoll >= 0 else { throw SystemError.last("epoll_create1") }
        let wakeFD = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        guard wakeFD >= 0 else {
            close(epoll)
            throw SystemError.last("eventfd")
        }
        self.epoll = epoll
        self.wakeFD = wakeFD
        // Slot index `UInt64.max` marks the wake-up descriptor.
        _ = ct_epoll_add(epoll, wakeFD, CT_EPOLLIN, UInt64.max)
    }

    deinit {
        close(wakeFD)
        close(epoll)
    }

    /// Whether the caller runs on this loop's thread.
    public var inEventLoop: Bool {
        guard let thread else { return false }
        return pthread_equal(thread, pthread_self()) != 0
    }

    // MARK: Running work

    /// Runs `work` on the loop's thread, soon; from the loop itself, after the current event.
    public func execute(_ work: @escaping @Sendable () -> Void) {
        add(.closure(work))
    }

    private func add(_ work: Work) {
        if inEventLoop {
            localWork.append(work)
            return
        }
        let wake = inbox.withLock { inbox in
            inbox.work.append(work)
            let wake = inbox.isSleeping
            inbox.isSleeping = false
            return wake
        }
        if wake {
            var one: UInt64 = 1
            _ = write(wakeFD, &one, 8)
        }
    }

    /// Runs `work` on the loop and returns its result: inline when already there, otherwise after
    /// a hop to the loop's thread.
    public func submit<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        if inEventLoop { return work() }
        return await withCheckedContinuation { continuation in
            execute { continuation.resume(returning: work()) }
        }
    }

    /// `TaskExecutor`: jobs of tasks that prefer this executor run on the loop's thread.
    public func enqueue(_ job: consuming ExecutorJob) {
        add(.job(UnownedJob(job)))
    }

    // MARK: Timers

    /// Runs `work` on the loop after `delay`, unless the returned timer is cancelled first.
    /// Call on the loop's thread.
    @discardableResult
    func schedule(after delay: Duration, _ work: @escaping () -> Void) -> TimerHeap.Handle {
        timers.schedule(at: MonotonicClock.now() + delay.nanoseconds, work)
    }

    /// Cancels a timer (nothing if it fired already). Call on the loop's thread.
    func cancel(_ timer: TimerHeap.Handle) {
        timers.cancel(timer)
    }

    // MARK: Registrations

    /// Registers `selectable`'s descriptor for `events` (`CT_EPOLLIN` …); returns its slot.
    func register(fd: Int32, events: UInt32, _ selectable: any Selectable) throws(SystemError) -> Int {
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            registrations[slot] = selectable
        } else {
            slot = registrations.count
            registrations.append(selectable)
        }
        guard ct_epoll_add(epoll, fd, events, UInt64(slot)) == 0 else {
            registrations[slot] = nil
            freeSlots.append(slot)
            throw SystemError.last("epoll_ctl(ADD)")
        }
        return slot
    }

    /// Changes the events a registered descriptor waits for.
    func modify(fd: Int32, slot: Int, events: UInt32) {
        _ = ct_epoll_modify(epoll, fd, events, UInt64(slot))
    }

    /// Removes a registration (before the descriptor is closed).
    func deregister(fd: Int32, slot: Int) {
        _ = ct_epoll_remove(epoll, fd)
        guard slot < registrations.count else { return }
        registrations[slot] = nil
        freeSlots.append(slot)
    }

    // MARK: The loop

    /// Starts the loop's thread and returns once it runs.
    func start() throws(SystemError) {
        let started = DispatchSemaphore(value: 0)
        let context = Unmanaged.passRetained(StartContext(loop: self, started: started))
        var thread = pthread_t()
        let result = pthread_create(
            &thread, nil,
            { argument in
                guard let argument else { return nil }
                let context = Unmanaged<StartContext>.fromOpaque(argument).takeRetainedValue()
                context.loop.thread = pthread_self()
                context.started.signal()
                context.loop.run()
                return nil
            }, context.toOpaque())
        guard result == 0 else {
            context.release()
            throw SystemError(call: "pthread_create", code: result)
        }
        // `thread` is written once, by the new thread, before this wait returns; every later
        // read happens after it.
        started.wait()
    }

    private final class StartContext {
        let loop: EventLoop
        let started: DispatchSemaphore
        init(loop: EventLoop, started: DispatchSemaphore) {
            self.loop = loop
            self.started = started
        }
    }

    /// Asks the loop to stop after the current iteration; its thread then exits.
    func stop() {
        stopped.store(true, ordering: .releasing)
        execute {}
    }

    /// Waits for the loop's thread to exit.
    func join() {
        guard let thread, !inEventLoop else { return }
        pthread_join(thread, nil)
    }

    private func run() {
        setThreadName()
        var events = [UInt32](repeating: 0, count: 256)
        var data = [UInt64](repeating: 0, count: 256)
        while !stopped.load(ordering: .acquiring) {
            runWork()
            let timeout: Int32
            if !localWork.isEmpty {
                timeout = 0
            } else {
                let sleeping = inbox.withLock { inbox in
                    // Check `stopped` under the lock `stop()`'s wake-up goes through, or its
                    // wake-up could be consumed by `runWork` and the loop sleep forever.
                    if inbox.work.isEmpty && !stopped.load(ordering: .acquiring) {
                        inbox.isSleeping = true
                        return true
                    }
                    return false
                }
                timeout = sleeping ? timers.millisecondsUntilNext(now: MonotonicClock.now()) : 0
            }
            let count = events.withUnsafeMutableBufferPointer { events in
                data.withUnsafeMutableBufferPointer { data in
                    ct_epoll_wait(epoll, events.baseAddress, data.baseAddress, 256, timeout)
                }
            }
            inbox.withLock { $0.isSleeping = false }
            if count > 0 {
                for index in 0..<Int(count) {
                    dispatch(events: events[index], slot: data[index])
                }
            }
            let now = MonotonicClock.now()
            while let work = timers.popDue(now: now) { work() }
        }
        handlerWorkers.close()
        runWork()
    }

    private func dispatch(events: UInt32, slot: UInt64) {
        if slot == UInt64.max {
            var value: UInt64 = 0
            _ = read(wakeFD, &value, 8)
            return
        }
        let index = Int(slot)
        guard index < registrations.count, let selectable = registrations[index] else { return }
        if events & (CT_EPOLLERR | CT_EPOLLHUP) != 0 && events & CT_EPOLLIN == 0 {
            selectable.failed()
            return
        }
        if events & CT_EPOLLOUT != 0 { selectable.writable() }
        // The registration may have gone while writing.
        if events & (CT_EPOLLIN | CT_EPOLLRDHUP | CT_EPOLLHUP) != 0, index < registrations.count,
            let current = registrations[index], current === selectable
        {
            selectable.readable()
        }
    }

    private func runWork() {
        let executor = asUnownedTaskExecutor()
        // Bounded rounds, so work that keeps queueing work cannot starve I/O.
        for _ in 0..<16 {
            // Swapped, not copied: the arrays trade storage, so no round allocates.
            inbox.withLock { inbox in swap(&running, &inbox.work) }
            if !localWork.isEmpty {
                running.append(contentsOf: localWork)
                localWork.removeAll(keepingCapacity: true)
            }
            if running.isEmpty { return }
            for work in running {
                switch work {
                case .closure(let closure): closure()
                case .job(let job): job.runSynchronously(on: executor)
                }
            }
            running.removeAll(keepingCapacity: true)
        }
    }

    private func setThreadName() {
        name.withCString { ct_set_thread_name($0) }
    }
}

/// Nanoseconds from `CLOCK_MONOTONIC`.
enum MonotonicClock {
    static func now() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }
}

extension Duration {
    /// Whole nanoseconds, at least 0.
    var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        return UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
    }
}
