internal import Synchronization

/// A result set once, awaited by any number of tasks (each may give up by being cancelled).
final class OneShot<Value: Sendable>: Sendable {
    private struct State {
        var result: Result<Value, HostError>?
        var waiters: [UInt64: CheckedContinuation<Value, any Error>] = [:]
        var nextID: UInt64 = 0
    }
    private let state = Mutex(State())

    var isComplete: Bool { state.withLock { $0.result != nil } }

    /// Sets the result and resumes the waiters; only the first call counts.
    func complete(_ result: Result<Value, HostError>) {
        let waiters = state.withLock { state -> [CheckedContinuation<Value, any Error>] in
            guard state.result == nil else { return [] }
            state.result = result
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume(with: result.mapError { $0 }) }
    }

    /// The result once set.
    ///
    /// - Throws: The failure it was completed with, or `CancellationError` if the calling task is
    ///   cancelled first.
    func value() async throws -> Value {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let ready = state.withLock { state -> Result<Value, any Error>? in
                    if let result = state.result { return result.mapError { $0 } }
                    // Checked under the lock: a cancellation handler that ran before this point
                    // found no waiter to resume.
                    if Task.isCancelled { return .failure(CancellationError()) }
                    state.waiters[id] = continuation
                    return nil
                }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume(throwing: CancellationError())
        }
    }
}
