internal import CTransport
internal import Synchronization

/// A fixed set of event loops, one per CPU the process may run on by default.
public final class EventLoopGroup: Sendable {
    /// The loops.
    public let loops: [EventLoop]
    private let nextIndex = Atomic<Int>(0)

    /// The default loop count: the CPUs in the process's affinity mask (so `taskset -c 0` means
    /// one loop). The library reads no environment; a process's edge (`ServiceHost`) lets the
    /// operator choose another count.
    public static var defaultLoopCount: Int { max(1, Int(ct_affinity_cpu_count())) }

    /// Starts `count` loops (default ``defaultLoopCount``).
    public init(loopCount count: Int = EventLoopGroup.defaultLoopCount) throws(SystemError) {
        var loops: [EventLoop] = []
        for index in 0..<max(1, count) {
            let loop = try EventLoop(name: "room619-loop-\(index)")
            try loop.start()
            loops.append(loop)
        }
        self.loops = loops
    }

    /// The next loop, round robin.
    public func next() -> EventLoop {
        let index = nextIndex.wrappingAdd(1, ordering: .relaxed).oldValue
        return loops[index % loops.count]
    }

    /// Stops every loop and waits for their threads (call from outside the loops).
    public func shutdown() {
        for loop in loops { loop.stop() }
        for loop in loops { loop.join() }
    }
}
