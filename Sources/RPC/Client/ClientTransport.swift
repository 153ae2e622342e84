public import ProtoRuntime

/// What a client call asks a transport for.
public struct RPCClientStreamRequest: Sendable {
    /// The method called.
    public var method: RPCMethodDescriptor
    /// Request metadata.
    public var metadata: Metadata
    /// When the call must be over (sent as `grpc-timeout`).
    public var deadline: ContinuousClock.Instant?
    /// The encoding of request messages.
    public var compression: GRPCCompression
    /// The largest response message accepted.
    public var maxReceiveMessageSize: Int
    /// The largest request message sent.
    public var maxSendMessageSize = Int(Int32.max)
    /// Wait for a connection rather than fail fast (``RPCCallOptions/waitForReady``).
    public var waitForReady = false
}

/// Carries client calls: ``RPCChannel`` over HTTP/2, ``InProcessTransport`` without sockets.
public protocol RPCClientTransport: Sendable {
    /// Opens the stream of one call attempt.
    /// - Throws: ``RPCStatus``, `UNAVAILABLE` when no connection can be had.
    nonisolated(nonsending) func openStream(
        _ request: RPCClientStreamRequest
    ) async throws(RPCStatus) -> any RPCClientStream
}

/// One call attempt's stream, from the client's side. Messages cross it typed; encoding,
/// framing and compression are the transport's business (the in-process transport hands the
/// values over as they are). One task sends and one task receives.
public protocol RPCClientStream: Sendable {
    /// A request message in the form this transport sends (encoded, or the value itself),
    /// within the request's size limit.
    /// - Throws: ``RPCStatus``: `RESOURCE_EXHAUSTED` over the limit, `INTERNAL` when it does
    ///   not encode.
    func prepare<M: Message>(_ message: M) throws(RPCStatus) -> RPCOutgoingMessage
    /// Sends a prepared request message, compressed with the request's encoding when `compressed`.
    nonisolated(nonsending) func send(_ message: RPCOutgoingMessage, compressed: Bool) async throws(RPCStatus)
    /// Ends the requests (half-close).
    nonisolated(nonsending) func finishSending() async throws(RPCStatus)
    /// The response headers' metadata.
    /// - Throws: the call's status when it ended without headers (a trailers-only response, a
    ///   reset, a lost connection).
    nonisolated(nonsending) func receiveHeaders() async throws(RPCStatus) -> Metadata
    /// The next response message, as an `M`, or `nil` when the server has sent its status.
    /// - Throws: ``RPCStatus`` for bad framing or encoding, or a lost stream.
    nonisolated(nonsending) func receiveMessage<M: Message>(_ type: M.Type) async throws(RPCStatus) -> M?
    /// The status and trailing metadata, once ``receiveMessage()`` has returned `nil`.
    nonisolated(nonsending) func receiveStatus() async -> (status: RPCStatus, trailers: Metadata)
    /// Abandons the call (RST_STREAM CANCEL); pending and later operations fail with `CANCELLED`.
    func cancel()
}
