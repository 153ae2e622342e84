internal import StandardServices
internal import Synchronization

/// The host's readiness: runs the checks, keeps gRPC health in step with them (every serving
/// name `SERVING` only while all pass), and answers `/health/ready` from the same state, so the
/// two never disagree.
final class Readiness: Sendable {
    private struct State {
        var failing: [String] = []
        var hasPassed = false
        var isShuttingDown = false
    }

    let checks: [ReadinessCheck]
    let timeout: Duration
    private let health: HealthService?
    private let servingNames: [String]
    private let state = Mutex(State())

    init(checks: [ReadinessCheck], timeout: Duration, health: HealthService?, servingNames: [String]) {
        self.checks = checks
        self.timeout = timeout
        self.health = health
        self.servingNames = servingNames
    }

    /// Whether the process takes traffic, and the names of the failing checks.
    var status: (ready: Bool, failing: [String]) {
        state.withLock { state in
            (state.hasPassed && state.failing.isEmpty && !state.isShuttingDown, state.failing)
        }
    }

    /// Runs every check once (concurrently, each within ``timeout``) and publishes the result.
    func evaluate() async {
        let failing = await withTaskGroup(of: String?.self) { group in
            for check in checks {
                group.addTask { await Self.passes(check, within: self.timeout) ? nil : check.name }
            }
            var failing: [String] = []
            for await name in group { if let name { failing.append(name) } }
            return failing.sorted()
        }
        let publish = state.withLock { state -> Bool in
            state.failing = failing
            state.hasPassed = true
            return !state.isShuttingDown
        }
        guard publish else { return }
        for name in servingNames { health?.setStatus(failing.isEmpty ? .serving : .notServing, for: name) }
    }

    /// The process is stopping: not ready from now on, whatever the checks say.
    func enterShutdown() {
        state.withLock { $0.isShuttingDown = true }
        health?.enterShutdown()
    }

    /// Re-evaluates every `interval` until `shutdown` fires.
    func monitor(every interval: Duration, until shutdown: GracefulShutdownSignal) async {
        guard !checks.isEmpty else { return }
        while await !shutdown.wait(atMost: interval) {
            await evaluate()
        }
    }

    /// Whether `check` returns within `timeout`. The check runs in a task of its own, so one that
    /// hangs (a database that stopped answering) fails the check on time instead of holding the
    /// monitor; it is cancelled and left to end on its own.
    private static func passes(_ check: ReadinessCheck, within timeout: Duration) async -> Bool {
        let outcome = OneShot<Bool>()
        let run = Task {
            do {
                try await check.check()
                outcome.complete(.success(true))
            } catch {
                outcome.complete(.success(false))
            }
        }
        let timer = Task {
            try? await Task.sleep(for: timeout)
            outcome.complete(.success(false))
        }
        let passed = (try? await outcome.value()) ?? false
        run.cancel()
        timer.cancel()
        return passed
    }
}
