import ServiceHost
import Testing

@Suite("The graceful shutdown signal", .timeLimit(.minutes(1)))
struct GracefulShutdownSignalTests {
    @Test("waiters wake when it is triggered; later waits return at once")
    func trigger() async {
        let signal = GracefulShutdownSignal()
        #expect(!signal.isTriggered)
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<3 { group.addTask { await signal.wait() } }
            signal.trigger()
            await group.waitForAll()
        }
        #expect(signal.isTriggered)
        await signal.wait()
        #expect(await signal.wait(atMost: .seconds(3600)))
    }

    @Test("wait(atMost:) returns false when the time passes first")
    func timeout() async {
        let signal = GracefulShutdownSignal()
        #expect(await !signal.wait(atMost: .milliseconds(20)))
    }

    @Test("a cancelled waiter returns without the signal")
    func cancelled() async {
        let signal = GracefulShutdownSignal()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await signal.wait() }
            group.cancelAll()
            await group.waitForAll()
        }
        #expect(!signal.isTriggered)
    }
}
