internal import ProtoRuntime
internal import Synchronization

/// Calls an ``RPCServer`` in the same process, without sockets or HTTP/2: the same generated
/// clients, interceptors, deadlines and status semantics, with messages handed over as typed
/// values, never encoded or decoded. Services of one process call each other through it, and
/// tests run fast on it.
///
/// ```swift
/// let server = RPCServer(services: [InteropTestService()])
/// let client = RPCClient(transport: InProcessTransport(server: server))
/// let reply = try await Grpc_Testing_TestService.Client(client: client).emptyCall(Grpc_Testing_Empty())
/// ```
public struct InProcessTransport: RPCClientTransport {
    public let server: RPCServer

    public init(server: RPCServer) {
        self.server = server
    }

    public nonisolated(nonsending) func openStream(
        _ request: RPCClientStreamRequest
    ) async throws(RPCStatus) -> any RPCClientStream {
        let requests = InProcessQueue<InProcessRequestPart>()
        let responses = InProcessQueue<InProcessResponsePart>()
        let io = InProcessServerIO(requests: requests, responses: responses)
        let server = self.server
        let task = Task {
            await server.serve(
                io: io, path: request.method.path, metadata: request.metadata, deadline: request.deadline,
                peer: "in-process", requestEncoding: .identity, acceptedEncodings: [.identity])
        }
        let stream = InProcessClientStream(
            requests: requests, responses: responses, serverTask: task, maxSendMessageSize: request.maxSendMessageSize)
        if let deadline = request.deadline { stream.startDeadlineTimer(deadline) }
        return stream
    }
}

enum InProcessRequestPart: Sendable {
    case message(RPCOutgoingMessage)
    case end
}

enum InProcessResponsePart: Sendable {
    case headers(Metadata)
    case message(RPCOutgoingMessage)
    case status(RPCStatus, Metadata)
}

/// How messages cross in process: as the values themselves.
enum InProcessCoding {
    /// `message` as the other side will get it. Nothing is encoded, unless a size limit was
    /// configured below the protocol's own (2 GiB): honouring it takes one encode to measure.
    static func prepare<M: Message>(_ message: M, limit: Int, what: String) throws(RPCStatus) -> RPCOutgoingMessage {
        if limit < Int(Int32.max) { _ = try RPCBinaryCodec.encode(message, what: what, limit: limit) }
        return .value(message)
    }

    /// A message from the other side, as an `M`.
    static func receive<M: Message>(
        _ message: RPCOutgoingMessage, as type: M.Type, what: String
    ) throws(RPCStatus)
        -> M
    {
        switch message {
        case .value(let value): try RPCBinaryCodec.convert(value, to: M.self, what: what)
        case .encoded(let bytes): try RPCBinaryCodec.decode(M.self, from: bytes, what: what)
        }
    }
}

/// An unbounded hand-over queue between the two sides of an in-process call; one reader.
final class InProcessQueue<Element: Sendable>: Sendable {
    private struct State {
        var items: [Element] = []
        var head = 0
        var failure: RPCStatus?
        var waiter: CheckedContinuation<Element, any Error>?

        /// The next item, or the failure once the items are gone; `nil` when the reader must wait.
        mutating func takeReady() -> Result<Element, RPCStatus>? {
            if head < items.count {
                let item = items[head]
                head += 1
                if head == items.count {
                    items.removeAll(keepingCapacity: true)
                    head = 0
                }
                return .success(item)
            }
            if let failure { return .failure(failure) }
            return nil
        }
    }
    private let state = Mutex(State())

    func push(_ item: Element) throws(RPCStatus) {
        let waiter = try state.withLock { state throws(RPCStatus) -> CheckedContinuation<Element, any Error>? in
            if let failure = state.failure { throw failure }
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.items.append(item)
            return nil
        }
        waiter?.resume(returning: item)
    }

    /// Fails the reader now and every later push and pop.
    func fail(_ status: RPCStatus) {
        let waiter = state.withLock { state -> CheckedContinuation<Element, any Error>? in
            guard state.failure == nil else { return nil }
            state.failure = status
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(throwing: status)
    }

    nonisolated(nonsending) func pop() async throws(RPCStatus) -> Element {
        // Most pops find their item (or the failure) already there: take it without setting up
        // a continuation and a cancellation handler, which cost two hops each.
        if let ready = state.withLock({ $0.takeReady() }) { return try ready.get() }
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    let ready = state.withLock { state -> Result<Element, RPCStatus>? in
                        if let ready = state.takeReady() { return ready }
                        if Task.isCancelled { return .failure(RPCStatus(.cancelled, "the call was cancelled")) }
                        state.waiter = continuation
                        return nil
                    }
                    if let ready { continuation.resume(with: ready) }
                }
            } onCancel: {
                let waiter = state.withLock { state -> CheckedContinuation<Element, any Error>? in
                    defer { state.waiter = nil }
                    return state.waiter
                }
                waiter?.resume(throwing: RPCStatus(.cancelled, "the call was cancelled"))
            }
        } catch {
            throw RPCStatus(from: error)
        }
    }
}

final class InProcessServerIO: RPCServerStreamIO {
    let requests: InProcessQueue<InProcessRequestPart>
    let responses: InProcessQueue<InProcessResponsePart>

    init(requests: InProcessQueue<InProcessRequestPart>, responses: InProcessQueue<InProcessResponsePart>) {
        self.requests = requests
        self.responses = responses
    }

    var lastMessageWasCompressed: Bool { false }

    nonisolated(nonsending) func receive<M: Message>(_ type: M.Type) async throws(RPCStatus) -> M? {
        switch try await requests.pop() {
        case .message(let message): try InProcessCoding.receive(message, as: M.self, what: "request")
        case .end: nil
        }
    }

    func prepare<M: Message>(_ message: M, limit: Int) throws(RPCStatus) -> RPCOutgoingMessage {
        try InProcessCoding.prepare(message, limit: limit, what: "response")
    }

    nonisolated(nonsending) func sendHeaders(_ metadata: Metadata, encoding: GRPCCompression) async throws {
        try responses.push(.headers(metadata))
    }

    nonisolated(nonsending) func sendMessage(_ message: RPCOutgoingMessage, compressed: Bool) async throws {
        try responses.push(.message(message))
    }

    nonisolated(nonsending) func sendStatus(_ status: RPCStatus, trailers: Metadata, trailersOnly: Bool) async throws {
        // As over the wire, the client gets the status without the server's cause.
        try responses.push(.status(status.withoutCause, trailers))
        // Requests the handler never read are dropped with the call.
        requests.fail(RPCStatus(.cancelled, "the call has ended"))
    }

    nonisolated(nonsending) func sendUnaryResponse(
        headers: Metadata, encoding: GRPCCompression, message: RPCOutgoingMessage, compressed: Bool,
        trailers: Metadata
    ) async throws {
        try responses.push(.headers(headers))
        try responses.push(.message(message))
        try await sendStatus(.ok, trailers: trailers, trailersOnly: false)
    }
}

final class InProcessClientStream: RPCClientStream {
    let requests: InProcessQueue<InProcessRequestPart>
    let responses: InProcessQueue<InProcessResponsePart>
    let serverTask: Task<Void, Never>
    let maxSendMessageSize: Int
    private struct State {
        /// How the call ended, once it has.
        var ended: (status: RPCStatus, trailers: Metadata)?
        /// Why this side ended it (cancelled, deadline), if it did.
        var endedHere: RPCStatus?
        var deadlineTimer: Task<Void, Never>?
    }
    private let state = Mutex(State())

    init(
        requests: InProcessQueue<InProcessRequestPart>, responses: InProcessQueue<InProcessResponsePart>,
        serverTask: Task<Void, Never>, maxSendMessageSize: Int
    ) {
        self.requests = requests
        self.responses = responses
        self.serverTask = serverTask
        self.maxSendMessageSize = maxSendMessageSize
    }

    /// The client's side of the deadline (the server enforces its own from the same instant); the
    /// timer goes when the call ends, so a long deadline leaves no task behind.
    func startDeadlineTimer(_ deadline: ContinuousClock.Instant) {
        let timer = Task { [weak self] in
            guard (try? await Task.sleep(until: deadline, clock: .continuous)) != nil else { return }
            self?.fail(RPCStatus(.deadlineExceeded, "the deadline passed"))
        }
        let alreadyEnded = state.withLock { state in
            state.deadlineTimer = timer
            return state.ended != nil
        }
        if alreadyEnded { timer.cancel() }
    }

    /// Ends the call on the client's side with `status` (deadline, cancellation).
    func fail(_ status: RPCStatus) {
        let (first, timer) = state.withLock { state in
            state.endedHere = state.endedHere ?? status
            guard state.ended == nil else { return (false, Task<Void, Never>?.none) }
            state.ended = (status, Metadata())
            return (true, state.deadlineTimer)
        }
        guard first else { return }
        timer?.cancel()
        responses.fail(status)
        requests.fail(status)
        serverTask.cancel()
    }

    /// A request the server will not read: if this side ended the call (cancelled, deadline),
    /// that status; otherwise the server ended it first, and its status, read as usual, decides
    /// the call, so the request is dropped without an error (as over HTTP/2).
    private func send(_ part: InProcessRequestPart) throws(RPCStatus) {
        do {
            try requests.push(part)
        } catch {
            if let status = state.withLock({ $0.endedHere }) { throw status }
        }
    }

    func prepare<M: Message>(_ message: M) throws(RPCStatus) -> RPCOutgoingMessage {
        try InProcessCoding.prepare(message, limit: maxSendMessageSize, what: "request")
    }

    nonisolated(nonsending) func send(_ message: RPCOutgoingMessage, compressed: Bool) async throws(RPCStatus) {
        try send(.message(message))
    }

    nonisolated(nonsending) func finishSending() async throws(RPCStatus) {
        try send(.end)
    }

    private func record(_ status: RPCStatus, _ trailers: Metadata) {
        let timer = state.withLock { state in
            if state.ended == nil { state.ended = (status, trailers) }
            return state.deadlineTimer
        }
        timer?.cancel()
    }

    /// The next response part; a failure (cancellation) ends the call with it.
    private nonisolated(nonsending) func nextPart() async throws(RPCStatus) -> InProcessResponsePart {
        do {
            return try await responses.pop()
        } catch {
            fail(error)
            throw state.withLock { $0.ended?.status } ?? error
        }
    }

    nonisolated(nonsending) func receiveHeaders() async throws(RPCStatus) -> Metadata {
        switch try await nextPart() {
        case .headers(let metadata):
            return metadata
        case .message:
            throw RPCStatus(.internal, "a message arrived before the headers")
        case .status(let status, let trailers):
            record(status, trailers)
            if status.code != .ok { throw status }
            return trailers
        }
    }

    nonisolated(nonsending) func receiveMessage<M: Message>(_ type: M.Type) async throws(RPCStatus) -> M? {
        if state.withLock({ $0.ended != nil }) { return nil }
        switch try await nextPart() {
        case .message(let message):
            return try InProcessCoding.receive(message, as: M.self, what: "response")
        case .headers:
            throw RPCStatus(.internal, "headers arrived twice")
        case .status(let status, let trailers):
            record(status, trailers)
            return nil
        }
    }

    nonisolated(nonsending) func receiveStatus() async -> (status: RPCStatus, trailers: Metadata) {
        state.withLock { $0.ended } ?? (RPCStatus(.internal, "the call has not ended"), Metadata())
    }

    func cancel() { fail(RPCStatus(.cancelled, "the call was cancelled")) }
}
