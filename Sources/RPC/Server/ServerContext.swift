internal import Synchronization

/// What a handler knows about its call, and how it shapes the response's metadata.
///
/// ```swift
/// func unaryCall(_ request: SimpleRequest, context: RPCServerContext) async throws -> SimpleResponse {
///     if let id = context.metadata["x-request-id"] { context.addInitialMetadata("x-request-id", id) }
///     ...
/// }
/// ```
///
/// Interceptors get the same value and may change ``metadata`` or store typed ``values``
/// (subscript it with an ``RPCContextKey``) before passing it on; the handler gets what the last
/// interceptor passed.
public struct RPCServerContext: Sendable {
    /// The method called.
    public var method: RPCMethodDescriptor
    /// The request metadata (custom headers; the protocol's own are not in it).
    public var metadata: Metadata
    /// When the call must be over (from the client's `grpc-timeout`), or `nil`.
    public var deadline: ContinuousClock.Instant?
    /// The client's address, `127.0.0.1:50312` (or `in-process`).
    public var peer: String
    /// The encoding the client compressed its messages with.
    public var requestEncoding: GRPCCompression
    /// Typed values that interceptors stored for the handler: the principal, the span, the logger.
    public var values = RPCContextValues()

    let response: ServerResponseMetadata
    let stream: any RPCServerStreamIO

    init(
        method: RPCMethodDescriptor, metadata: Metadata, deadline: ContinuousClock.Instant?, peer: String,
        requestEncoding: GRPCCompression, response: ServerResponseMetadata, stream: any RPCServerStreamIO
    ) {
        self.stream = stream
        self.method = method
        self.metadata = metadata
        self.deadline = deadline
        self.peer = peer
        self.requestEncoding = requestEncoding
        self.response = response
    }

    /// The value stored under `key` in ``values``.
    public subscript<Key: RPCContextKey>(key: Key.Type) -> Key.Value? {
        get { values[key] }
        set { values[key] = newValue }
    }

    /// The time left before the deadline.
    public var timeRemaining: Duration? { deadline.map { ContinuousClock.now.duration(to: $0) } }

    /// Whether the request message read last arrived compressed (its compressed flag).
    public var lastRequestWasCompressed: Bool { stream.lastMessageWasCompressed }

    /// Whether the call is over for the client: cancelled, reset, or past its deadline.
    public var isCancelled: Bool { Task.isCancelled }

    /// Adds response metadata sent with the response headers (ignored once they are sent).
    public func addInitialMetadata(_ key: String, _ value: String) {
        response.state.withLock { $0.initial.add(key, value) }
    }

    /// Adds binary response metadata sent with the response headers.
    public func addInitialMetadata(_ key: String, bytes: [UInt8]) {
        response.state.withLock { $0.initial.add(key, bytes: bytes) }
    }

    /// Adds metadata sent in the trailers, with the status.
    public func addTrailingMetadata(_ key: String, _ value: String) {
        response.state.withLock { $0.trailing.add(key, value) }
    }

    /// Adds binary metadata sent in the trailers.
    public func addTrailingMetadata(_ key: String, bytes: [UInt8]) {
        response.state.withLock { $0.trailing.add(key, bytes: bytes) }
    }

    /// Compresses response messages with `encoding` when the client accepts it (it says so in
    /// `grpc-accept-encoding`); takes effect if set before the first response message.
    public func setResponseCompression(_ encoding: GRPCCompression) {
        response.state.withLock { $0.compression = encoding }
    }

    /// The deadline of the server call the current task serves: generated clients carry it into
    /// the calls a handler makes, so a downstream call never outlives its caller's deadline.
    @TaskLocal public static var currentDeadline: ContinuousClock.Instant?
}

/// Response metadata a handler sets through its context, read when headers and trailers go out.
final class ServerResponseMetadata: Sendable {
    struct State {
        var initial = Metadata()
        var trailing = Metadata()
        var compression: GRPCCompression = .identity
    }
    let state = Mutex(State())
}
