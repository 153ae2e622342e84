public import ProtoRuntime
internal import Synchronization

/// A unary response with its metadata.
public struct RPCClientResponse<Message: ProtoRuntime.Message>: Sendable {
    /// The response message.
    public var message: Message
    /// The metadata of the response headers.
    public var initialMetadata: Metadata
    /// The metadata of the trailers.
    public var trailingMetadata: Metadata
}

/// The state of one call's receiving side, shared by the response stream and the call.
final class ClientReceiveState: Sendable {
    let stream: any RPCClientStream
    let hooks: ClientMessageHooks?
    struct State {
        var headers: Metadata?
        var trailers: Metadata?
        var status: RPCStatus?
    }
    let state = Mutex(State())

    init(stream: any RPCClientStream, hooks: ClientMessageHooks?) {
        self.stream = stream
        self.hooks = hooks
    }

    /// The response headers (awaited once).
    nonisolated(nonsending) func headers() async throws(RPCStatus) -> Metadata {
        if let headers = state.withLock({ $0.headers }) { return headers }
        if let status = state.withLock({ $0.status }) { throw status }
        do {
            let headers = try await stream.receiveHeaders()
            state.withLock { $0.headers = headers }
            return headers
        } catch {
            let (status, trailers) = await stream.receiveStatus()
            state.withLock {
                $0.status = status
                $0.trailers = trailers
            }
            throw status.code == .ok ? error : status
        }
    }

    /// The next message, after the interceptors' response hooks; at the end, throws a non-OK
    /// status.
    nonisolated(nonsending) func next<M: Message>(_ type: M.Type) async throws -> M? {
        guard let message = try await nextMessage(M.self) else { return nil }
        try await hooks?.response(message)
        return message
    }

    private nonisolated(nonsending) func nextMessage<M: Message>(_ type: M.Type) async throws(RPCStatus) -> M? {
        if let status = state.withLock({ $0.status }) {
            if status.code == .ok { return nil }
            throw status
        }
        _ = try await headers()
        if let message = try await stream.receiveMessage(M.self) { return message }
        let (status, trailers) = await stream.receiveStatus()
        state.withLock {
            $0.status = status
            $0.trailers = trailers
        }
        if status.code == .ok { return nil }
        throw status
    }
}

/// The responses of a server-streaming or bidirectional call, decoded as they arrive. The
/// sequence ends when the server sends an OK status, and throws its ``RPCStatus`` otherwise.
///
/// ```swift
/// for try await response in responses { print(response.payload.body.count) }
/// ```
public struct RPCResponseStream<Element: Message>: AsyncSequence, Sendable {
    let receive: ClientReceiveState

    /// The metadata of the response headers (waits for them).
    public nonisolated(nonsending) func initialMetadata() async throws -> Metadata { try await receive.headers() }

    /// The trailers' metadata, once the sequence has ended.
    public var trailingMetadata: Metadata { receive.state.withLock { $0.trailers ?? Metadata() } }

    /// The status, once the sequence has ended.
    public var status: RPCStatus? { receive.state.withLock { $0.status } }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let receive: ClientReceiveState
        public mutating func next() async throws -> Element? {
            try await receive.next(Element.self)
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(receive: receive) }
}

/// Sends the requests of a client-streaming or bidirectional call.
public struct RPCRequestWriter<Element: Message>: Sendable {
    let stream: any RPCClientStream
    let hooks: ClientMessageHooks?
    /// ``RPCCallOptions/validatesRequests`` of the call.
    let validates: Bool

    /// Sends one message (waits while the server is not reading); with `compressed: false` it
    /// goes uncompressed even when the call compresses its requests.
    /// - Throws: `INVALID_ARGUMENT` when the message breaks its validation rules (nothing is
    ///   sent), or the call's status when it is over.
    public nonisolated(nonsending) func write(_ message: Element, compressed: Bool = true) async throws {
        if validates { try RPCStatus.validate(message) }
        try await hooks?.request(message)
        try await stream.send(stream.prepare(message), compressed: compressed)
    }

    /// Ends the requests; the server sees the end of its request stream.
    public nonisolated(nonsending) func finish() async throws { try await stream.finishSending() }
}

/// Both directions of a bidirectional call.
public struct RPCBidirectionalCall<Request: Message, Response: Message>: Sendable {
    /// Sends requests; call ``RPCRequestWriter/finish()`` when done (the call does it when the
    /// body returns).
    public let requests: RPCRequestWriter<Request>
    /// The responses.
    public let responses: RPCResponseStream<Response>
}
