public import Bytes

/// A response's head and its body, from ``HTTP2ClientStream/response()``.
public struct HTTPClientStreamResponse: Sendable {
    /// The status code.
    public var status: Int
    /// Header fields (for gRPC's trailers-only responses, also `grpc-status`).
    public var headers: HTTPHeaders
    /// The body as it arrives; its ``HTTPBody/trailers`` once it ends.
    public var body: HTTPBody
    /// Gives up on the rest of the exchange (HTTP/2: resets the stream; HTTP/1.1: closes the
    /// connection, which cannot be reused mid-body).
    public let abort: @Sendable () -> Void
}

/// One request/response exchange on an ``HTTP2ClientConnection``: write the request body (with
/// backpressure), finish it, read the response head and body, or cancel.
///
/// `@unchecked Sendable`: its state is confined to the connection's loop; methods hop there.
public final class HTTP2ClientStream: @unchecked Sendable {
    /// The stream ID (odd), once the HEADERS went out.
    public internal(set) var id: UInt32 = 0
    private weak var owner: HTTP2ClientConnection?
    let loop: EventLoop
    var send = HTTP2SendQueue()
    var body: HTTPBody?
    var bodyPaused = false
    /// The server ended its side (END_STREAM).
    var remoteClosed = false
    private var response: Result<HTTPClientStreamResponse, HTTPClientError>?
    private var responseWaiter: CheckedContinuation<Result<HTTPClientStreamResponse, HTTPClientError>, Never>?
    private var failure: HTTPClientError?
    private var deadline: TimerHeap.Handle?

    init(owner: HTTP2ClientConnection) {
        self.owner = owner
        self.loop = owner.connection.loop
    }

    /// Waits for the response head (interim 1xx heads are skipped).
    /// - Throws: ``HTTPClientError``: `streamReset`, `refused`, `connectionClosed`, `cancelled`,
    ///   `requestTimeout`, `malformedResponse`.
    public func response() async throws(HTTPClientError) -> HTTPClientStreamResponse {
        let result = await withCheckedContinuation {
            (waiter: CheckedContinuation<Result<HTTPClientStreamResponse, HTTPClientError>, Never>) in
            loop.execute { [self] in
                if let response {
                    waiter.resume(returning: response)
                } else if responseWaiter != nil {
                    waiter.resume(
                        returning: .failure(
                            HTTPClientError(code: .invalidState, message: "response() is awaited already")))
                } else {
                    responseWaiter = waiter
                }
            }
        }
        return try result.get()
    }

    /// Sends a request body chunk; waits while the server's window or the socket is full.
    public func write(_ chunk: ByteBuffer) async throws(HTTPClientError) {
        try await onLoop { (owner) throws(HTTPClientError) in try owner.send(chunk, on: self) }
    }

    /// Ends the request body, with trailers if given.
    public func finish(trailers: HTTPHeaders? = nil) async throws(HTTPClientError) {
        try await onLoop { (owner) throws(HTTPClientError) in try owner.finish(self, trailers: trailers) }
    }

    /// Resets the stream (RST_STREAM CANCEL); pending reads and writes fail with `cancelled`.
    public func cancel() {
        cancel(with: HTTPClientError(code: .cancelled, message: "the stream was cancelled"))
    }

    /// Fails the stream with `requestTimeout` unless it has closed within `timeout`.
    public func setTimeout(_ timeout: Duration) {
        loop.execute { [self] in
            if let deadline { loop.cancel(deadline) }
            deadline = loop.schedule(after: timeout) { [weak self] in
                guard let self else { return }
                deadline = nil
                cancel(with: HTTPClientError(code: .requestTimeout, message: "no complete response within \(timeout)"))
            }
        }
    }

    func cancel(with error: HTTPClientError) {
        loop.execute { [self] in
            guard failure == nil else { return }
            if let owner { owner.reset(self, code: .cancel, error: error) } else { fail(error) }
        }
    }

    private func onLoop(
        _ work: @escaping @Sendable (HTTP2ClientConnection) throws(HTTPClientError) -> Void
    ) async throws(HTTPClientError) {
        let result = await withCheckedContinuation {
            (waiter: CheckedContinuation<Result<Bool, HTTPClientError>, Never>) in
            loop.execute { [self] in
                guard let owner else {
                    waiter.resume(returning: .failure(writeAfterCloseError))
                    return
                }
                do throws(HTTPClientError) {
                    try work(owner)
                    waiter.resume(returning: .success(!owner.canWrite(self)))
                } catch {
                    waiter.resume(returning: .failure(error))
                }
            }
        }
        guard try result.get() else { return }
        do {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                loop.execute { [self] in
                    if let failure {
                        continuation.resume(throwing: failure)
                    } else if let owner, !owner.canWrite(self) {
                        send.writers.append(continuation)
                    } else {
                        continuation.resume()
                    }
                }
            }
        } catch let error as HTTPClientError {
            throw error
        } catch {
            throw HTTPClientError(code: .connectionClosed, message: "\(error)")
        }
    }

    // MARK: On the loop

    /// Why a write fails once the stream has left its connection.
    private var writeAfterCloseError: HTTPClientError {
        if let failure { return failure }
        if send.finished { return HTTPClientError(code: .invalidState, message: "the request is finished") }
        if remoteClosed {
            return HTTPClientError(code: .requestNotNeeded, message: "the server finished the response first")
        }
        return HTTPClientError(code: .invalidState, message: "the stream has closed")
    }

    func checkWritable() throws(HTTPClientError) {
        if let failure { throw failure }
        guard !send.finished else { throw HTTPClientError(code: .invalidState, message: "the request is finished") }
    }

    func deliver(_ head: HTTPClientStreamResponse) {
        response = .success(head)
        if let waiter = responseWaiter {
            responseWaiter = nil
            waiter.resume(returning: .success(head))
        }
    }

    /// The stream failed: everything waiting on it fails with `error`.
    func fail(_ error: HTTPClientError) {
        guard failure == nil else { return }
        failure = error
        if response == nil { response = .failure(error) }
        if let waiter = responseWaiter {
            responseWaiter = nil
            waiter.resume(returning: .failure(error))
        }
        body?.finish(error: error)
        body = nil
        send.abort(error)
        closed()
    }

    /// The stream left the connection: its deadline no longer matters.
    func closed() {
        if let deadline {
            loop.cancel(deadline)
            self.deadline = nil
        }
        owner = nil
    }
}
