internal import CTransport
internal import Glibc
internal import Synchronization

/// A fixed set of event loops, one per CPU the process may run on by default.
public final class EventLoopGroup: Sendable {
    /// The loops.
    public let loops: [EventLoop]
    private let nextIndex = Atomic<Int>(0)

    /// The environment variable that overrides the loop count.
    public static let loopCountVariable = "ROOM619_EVENT_LOOPS"

    /// The default loop count: `ROOM619_EVENT_LOOPS` if set to a positive number, else the CPUs
    /// in the process's affinity mask (so `taskset -c 0` means one loop).
    public static var defaultLoopCount: Int {
        if let text = Environment.value(loopCountVariable), let count = Int(text), count > 0 { return count }
        return max(1, Int(ct_affinity_cpu_count()))
    }

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

/// Reads the process environment.
enum Environment {
    static func value(_ name: String) -> String? {
        guard let pointer = getenv(name) else { return nil }
        return String(cString: pointer)
    }
}
