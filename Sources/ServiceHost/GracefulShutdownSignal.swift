internal import Synchronization

/// A one-way switch from "running" to "stopping" that tasks can wait on: the usual way for a
/// ``Service`` to learn that ``Service/beginGracefulShutdown()`` was called.
///
/// ```swift
/// let shutdown = GracefulShutdownSignal()
/// // in run():
/// while await !shutdown.wait(atMost: .seconds(5)) { try await relayBatch() }
/// // in beginGracefulShutdown():
/// shutdown.trigger()
/// ```
public final class GracefulShutdownSignal: Sendable {
    private let latch = OneShot<Void>()

    /// A signal that has not been triggered.
    public init() {}

    /// Whether ``trigger()`` was called.
    public var isTriggered: Bool { latch.isComplete }

    /// Switches to "stopping" and wakes every waiter; later calls do nothing.
    public func trigger() { latch.complete(.success(())) }

    /// Returns once the signal is triggered, or at once when the calling task is cancelled.
    public func wait() async {
        try? await latch.value()
    }

    /// Waits until the signal is triggered or `duration` passes, whichever is first.
    ///
    /// - Returns: Whether the signal is triggered (`false`: the time passed, or the task was
    ///   cancelled first).
    public func wait(atMost duration: Duration) async -> Bool {
        guard !isTriggered else { return true }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.wait() }
            group.addTask { try? await Task.sleep(for: duration) }
            _ = await group.next()
            group.cancelAll()
        }
        return isTriggered
    }
}
