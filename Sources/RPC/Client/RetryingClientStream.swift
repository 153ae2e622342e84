internal import ProtoRuntime
internal import Synchronization

/// An async mutual exclusion: sends of one call go out one at a time, and a retry's replay
/// cannot interleave with them.
final class AsyncGate: Sendable {
    private struct State {
        var locked = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }
    private let state = Mutex(State())

    func lock() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let acquired = state.withLock { state -> Bool in
                guard state.locked else {
                    state.locked = true
                    return true
                }
                state.waiters.append(continuation)
                return false
            }
            if acquired { continuation.resume() }
        }
    }

    func unlock() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiters.isEmpty else {
                state.locked = false
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.resume()
    }
}

/// A call's stream that retries per gRPC's retry policy (gRFC A6): until the call commits —
/// response headers arrive, or the requests sent outgrow the replay buffer — a retryable
/// failure opens a new attempt after a backoff and replays the requests sent so far. Streaming
/// calls retry as unary ones do; the caller never sees the attempts.
final class RetryingClientStream: RPCClientStream {
    typealias Open = @Sendable () async throws(RPCStatus) -> any RPCClientStream

    let open: Open
    let policy: RPCRetryPolicy
    let deadline: ContinuousClock.Instant?
    /// The most request bytes kept for replay; past it the call commits (gRPC's per-RPC buffer).
    let bufferLimit: Int
    /// The most request messages kept for replay. In process messages are kept as values, with
    /// no encoded size to count, so the buffer is bounded by their number instead.
    static let bufferedMessageLimit = 1024

    private struct State {
        var current: any RPCClientStream
        var sent: [(message: RPCOutgoingMessage, compressed: Bool)] = []
        var sentBytes = 0
        var finished = false
        var committed = false
        var attempt = 1
    }
    private let state: Mutex<State>
    private let sendGate = AsyncGate()

    private init(
        first: any RPCClientStream, attempt: Int, open: @escaping Open, policy: RPCRetryPolicy,
        deadline: ContinuousClock.Instant?, bufferLimit: Int
    ) {
        var initial = State(current: first)
        initial.attempt = attempt
        state = Mutex(initial)
        self.open = open
        self.policy = policy
        self.deadline = deadline
        self.bufferLimit = bufferLimit
    }

    /// Opens the first attempt, retrying a retryable failure to open.
    static func start(
        open: @escaping Open, policy: RPCRetryPolicy, deadline: ContinuousClock.Instant?, bufferLimit: Int = 256 << 10
    ) async throws(RPCStatus) -> RetryingClientStream {
        var attempt = 1
        while true {
            do {
                let first = try await open()
                return RetryingClientStream(
                    first: first, attempt: attempt, open: open, policy: policy, deadline: deadline,
                    bufferLimit: bufferLimit)
            } catch {
                try await backOff(after: error, attempt: attempt, policy: policy, deadline: deadline)
                attempt += 1
            }
        }
    }

    /// Waits before attempt `attempt + 1`, or throws `status` when it may not be retried.
    private static func backOff(
        after status: RPCStatus, attempt: Int, policy: RPCRetryPolicy, deadline: ContinuousClock.Instant?
    ) async throws(RPCStatus) {
        guard attempt < policy.maxAttempts, policy.retryableStatusCodes.contains(status.code) else { throw status }
        let wait = policy.backoff(beforeRetry: attempt)
        if let deadline, ContinuousClock.now.advanced(by: wait) >= deadline { throw status }
        do {
            try await Task.sleep(for: wait)
        } catch {
            throw RPCStatus(.cancelled, "the call was cancelled while waiting to retry")
        }
    }

    private var current: any RPCClientStream { state.withLock { $0.current } }

    private func commit() {
        state.withLock { state in
            state.committed = true
            state.sent = []
            state.sentBytes = 0
        }
    }

    func prepare<M: Message>(_ message: M) throws(RPCStatus) -> RPCOutgoingMessage {
        try current.prepare(message)
    }

    nonisolated(nonsending) func send(_ message: RPCOutgoingMessage, compressed: Bool) async throws(RPCStatus) {
        await sendGate.lock()
        defer { sendGate.unlock() }
        let (stream, committed) = state.withLock { state in
            if !state.committed {
                state.sent.append((message, compressed))
                state.sentBytes += message.encodedSize ?? 0
                if state.sentBytes > bufferLimit || state.sent.count > Self.bufferedMessageLimit {
                    state.committed = true
                    state.sent = []
                    state.sentBytes = 0
                }
            }
            return (state.current, state.committed)
        }
        do {
            try await stream.send(message, compressed: compressed)
        } catch {
            // Uncommitted, the message is kept: the failure shows on the receiving side, which
            // retries and replays it.
            if committed { throw error }
        }
    }

    nonisolated(nonsending) func finishSending() async throws(RPCStatus) {
        await sendGate.lock()
        defer { sendGate.unlock() }
        let (stream, committed) = state.withLock { state in
            state.finished = true
            return (state.current, state.committed)
        }
        do {
            try await stream.finishSending()
        } catch {
            if committed { throw error }
        }
    }

    nonisolated(nonsending) func receiveHeaders() async throws(RPCStatus) -> Metadata {
        while true {
            let stream = current
            do {
                let headers = try await stream.receiveHeaders()
                commit()
                return headers
            } catch {
                let (committed, attempt) = state.withLock { ($0.committed, $0.attempt) }
                guard !committed else { throw error }
                do {
                    try await Self.backOff(after: error, attempt: attempt, policy: policy, deadline: deadline)
                    try await replace(stream)
                } catch let final {
                    commit()
                    throw final
                }
            }
        }
    }

    /// A new attempt in place of `failed`, with the requests sent so far replayed.
    private nonisolated(nonsending) func replace(_ failed: any RPCClientStream) async throws(RPCStatus) {
        state.withLock { $0.attempt += 1 }
        let next = try await open()
        await sendGate.lock()
        defer { sendGate.unlock() }
        let (sent, finished) = state.withLock { state in
            state.current = next
            return (state.sent, state.finished)
        }
        failed.cancel()
        // A replay that fails means this attempt failed too: its headers will say so, and the
        // loop in receiveHeaders decides whether to try again.
        for (message, compressed) in sent {
            do {
                try await next.send(message, compressed: compressed)
            } catch {
                return
            }
        }
        if finished { try? await next.finishSending() }
    }

    nonisolated(nonsending) func receiveMessage<M: Message>(_ type: M.Type) async throws(RPCStatus) -> M? {
        try await current.receiveMessage(M.self)
    }

    nonisolated(nonsending) func receiveStatus() async -> (status: RPCStatus, trailers: Metadata) {
        await current.receiveStatus()
    }

    func cancel() { current.cancel() }
}
