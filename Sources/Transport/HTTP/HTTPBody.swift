public import Bytes
internal import Synchronization

/// A body as it arrives — a request body on the server, a response body on the client: an
/// `AsyncSequence` of chunks that share the connection's buffers. The connection stops reading
/// (and, on HTTP/2, stops opening the stream's window) while more than a bounded amount waits
/// unconsumed, so a reader that is slow slows the peer instead of growing memory.
///
/// ```swift
/// let body = try await request.body.collect(upTo: 1 << 20)
/// ```
///
/// Trailers that end the body (HTTP/2, gRPC) are in ``trailers`` once the sequence has ended.
public final class HTTPBody: AsyncSequence, Sendable {
    public typealias Element = ByteBuffer

    struct State {
        var chunks: [ByteBuffer] = []
        var head = 0
        var bufferedBytes = 0
        var isFinished = false
        var error: (any Error)?
        var trailers: HTTPHeaders?
        var waiter: CheckedContinuation<ByteBuffer?, any Error>?
        var startedReading = false
        /// Whether ``append(_:)`` told the producer to pause; it resumes once the consumer drains
        /// the buffer to ``resumeThreshold``.
        var producerPaused = false

        /// Takes the next buffered chunk; `resume` says whether the producer should read again.
        mutating func takeChunk() -> (chunk: ByteBuffer, resume: Bool) {
            let chunk = chunks[head]
            head += 1
            if head == chunks.count {
                chunks.removeAll(keepingCapacity: true)
                head = 0
            }
            bufferedBytes -= chunk.readableBytes
            let resume = producerPaused && bufferedBytes <= HTTPBody.resumeThreshold
            if resume { producerPaused = false }
            return (chunk, resume)
        }
    }

    let state: Mutex<State>
    /// Called (from the consumer's thread) when buffered bytes drop below ``resumeThreshold``
    /// after the producer paused, and on the first read (for `100-continue`).
    let onDemand: (@Sendable () -> Void)?

    /// Buffered bytes above which the producer pauses.
    static let pauseThreshold = 1 << 20
    static let resumeThreshold = 256 << 10

    init(onDemand: (@Sendable () -> Void)?) {
        state = Mutex(State())
        self.onDemand = onDemand
    }

    /// A body that is complete already (all of it arrived with the head).
    init(complete chunk: ByteBuffer?) {
        var initial = State()
        if let chunk, chunk.readableBytes > 0 {
            initial.chunks = [chunk]
            initial.bufferedBytes = chunk.readableBytes
        }
        initial.isFinished = true
        state = Mutex(initial)
        onDemand = nil
    }

    /// An empty, complete body.
    public static func empty() -> HTTPBody { HTTPBody(complete: nil) }

    // MARK: Producer (the connection)

    /// Adds a chunk; returns whether the producer should pause.
    func append(_ chunk: ByteBuffer) -> Bool {
        let (waiter, pause) = state.withLock { state -> (CheckedContinuation<ByteBuffer?, any Error>?, Bool) in
            if let waiter = state.waiter {
                state.waiter = nil
                return (waiter, false)
            }
            state.chunks.append(chunk)
            state.bufferedBytes += chunk.readableBytes
            if state.bufferedBytes > Self.pauseThreshold { state.producerPaused = true }
            return (nil, state.producerPaused)
        }
        waiter?.resume(returning: chunk)
        return pause
    }

    /// Marks the end (or the failure) of the body, with the trailers that ended it, if any.
    func finish(error: (any Error)? = nil, trailers: HTTPHeaders? = nil) {
        let waiter = state.withLock { state -> CheckedContinuation<ByteBuffer?, any Error>? in
            guard !state.isFinished else { return nil }
            state.isFinished = true
            state.error = error
            state.trailers = trailers
            let waiter = state.waiter
            state.waiter = nil
            return waiter
        }
        if let error { waiter?.resume(throwing: error) } else { waiter?.resume(returning: nil) }
    }

    /// Whether every byte has arrived.
    var isComplete: Bool { state.withLock { $0.isFinished && $0.error == nil } }

    /// The trailers that ended the body, once it has ended; `nil` before that or when it had none.
    public var trailers: HTTPHeaders? { state.withLock { $0.isFinished ? $0.trailers : nil } }

    // MARK: Consumer (the handler)

    /// The next chunk, or `nil` at the end.
    /// - Throws: why the body failed: ``HTTPError`` on the server (connection closed, too large,
    ///   malformed), ``HTTPClientError`` on the client (stream reset, timeout, connection closed);
    ///   `CancellationError` when the reading task is cancelled while it waits.
    public nonisolated(nonsending) func next() async throws -> ByteBuffer? {
        enum Step {
            case chunk(ByteBuffer, resume: Bool)
            case end
            case failed(any Error)
            case wait
        }
        var firstRead = false
        let step = state.withLock { state -> Step in
            if !state.startedReading {
                state.startedReading = true
                firstRead = true
            }
            if state.head < state.chunks.count {
                // Resume once drained to the low mark, however many reads that takes (checking
                // only the read that crossed the high mark left an upload paused forever).
                let (chunk, resume) = state.takeChunk()
                return .chunk(chunk, resume: resume)
            }
            if state.isFinished {
                if let error = state.error { return .failed(error) }
                return .end
            }
            return .wait
        }
        if firstRead { onDemand?() }
        switch step {
        case .chunk(let chunk, let resume):
            if resume { onDemand?() }
            return chunk
        case .end:
            return nil
        case .failed(let error):
            throw error
        case .wait:
            // A cancelled reader stops waiting (a gRPC handler past its deadline, a client call
            // that was cancelled); the body stays readable for a later `next()`.
            var resume = false
            let chunk = try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    let immediate = state.withLock { state -> Result<ByteBuffer?, any Error>? in
                        if state.head < state.chunks.count {
                            let (chunk, resumeProducer) = state.takeChunk()
                            resume = resumeProducer
                            return .success(chunk)
                        }
                        if state.isFinished { return state.error.map { .failure($0) } ?? .success(nil) }
                        if Task.isCancelled { return .failure(CancellationError()) }
                        state.waiter = continuation
                        return nil
                    }
                    if let immediate { continuation.resume(with: immediate) }
                }
            } onCancel: {
                let waiter = state.withLock { state -> CheckedContinuation<ByteBuffer?, any Error>? in
                    defer { state.waiter = nil }
                    return state.waiter
                }
                waiter?.resume(throwing: CancellationError())
            }
            if resume { onDemand?() }
            return chunk
        }
    }

    /// The whole body in one buffer.
    /// - Throws: ``HTTPError`` `tooLarge` past `maxBytes`, or what ``next()`` throws.
    public func collect(upTo maxBytes: Int) async throws -> ByteBuffer {
        var result: ByteBuffer?
        while let chunk = try await next() {
            if var collected = result {
                result = nil  // keep `collected` uniquely referenced while appending
                guard collected.readableBytes + chunk.readableBytes <= maxBytes else {
                    throw HTTPError(.tooLarge, "body exceeds \(maxBytes) bytes")
                }
                collected.writeBuffer(chunk)
                result = collected
            } else {
                guard chunk.readableBytes <= maxBytes else {
                    throw HTTPError(.tooLarge, "body exceeds \(maxBytes) bytes")
                }
                result = chunk
            }
        }
        return result ?? ByteBuffer()
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let body: HTTPBody
        public mutating func next() async throws -> ByteBuffer? { try await body.next() }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(body: self) }
}
