internal import Bytes
public import ProtoRuntime
internal import Synchronization

/// The transport side of one server call: HTTP/2 (`RPCHTTPHandler`), the in-process transport,
/// or the gateway. The call engine works on typed messages; how they are carried is the
/// transport's business: gRPC frames, compresses and encodes them as protobuf binary, the
/// gateway speaks JSON, and the in-process transport hands the values over untouched.
@usableFromInline
package protocol RPCServerStreamIO: Sendable {
    /// The next request message, as an `M`, or `nil` when the client has sent them all.
    /// - Throws: ``RPCStatus`` for bad framing, size or encoding, `CANCELLED` when the client
    ///   went away.
    nonisolated(nonsending) func receive<M: Message>(_ type: M.Type) async throws(RPCStatus) -> M?
    /// Whether the message ``receive(_:)`` returned last had the compressed flag.
    var lastMessageWasCompressed: Bool { get }
    /// Whether this transport can only ever deliver one request message (the gateway's unary
    /// REST call), so a unary method need not ask for a second one to refuse it. `false` unless
    /// a transport says otherwise.
    var deliversOneMessage: Bool { get }
    /// A response message in the form this transport sends, within `limit` bytes once encoded.
    /// - Throws: ``RPCStatus``: `RESOURCE_EXHAUSTED` over the limit, `INTERNAL` when it does
    ///   not encode.
    func prepare<M: Message>(_ message: M, limit: Int) throws(RPCStatus) -> RPCOutgoingMessage
    /// Sends the response headers.
    nonisolated(nonsending) func sendHeaders(_ metadata: Metadata, encoding: GRPCCompression) async throws
    /// Sends one response message, compressed with the headers' encoding when `compressed`.
    nonisolated(nonsending) func sendMessage(_ message: RPCOutgoingMessage, compressed: Bool) async throws
    /// Ends the call: trailers after headers, or a trailers-only response when none were sent.
    nonisolated(nonsending) func sendStatus(_ status: RPCStatus, trailers: Metadata, trailersOnly: Bool) async throws
    /// Headers, one message and the OK trailers at once (a unary response).
    nonisolated(nonsending) func sendUnaryResponse(
        headers: Metadata, encoding: GRPCCompression, message: RPCOutgoingMessage, compressed: Bool,
        trailers: Metadata
    ) async throws
}

extension RPCServerStreamIO {
    @usableFromInline
    package var deliversOneMessage: Bool { false }
}

/// The response side of a server call: orders headers, messages and status, and lets a deadline
/// end the call while the handler is still writing.
///
/// A deadline (or the engine, when the handler returns) calls ``finish(_:)``; a handler's
/// ``write(_:compressed:)`` may be in flight at that moment. The status then waits until the
/// write returns, so trailers never overtake a message or the headers, and every later write
/// fails with the status that ended the call.
@usableFromInline
final class ServerCall: Sendable {
    @usableFromInline let io: any RPCServerStreamIO
    let response: ServerResponseMetadata
    /// What the client's `grpc-accept-encoding` allows.
    let acceptedEncodings: Set<GRPCCompression>
    @usableFromInline let maxSendMessageSize: Int
    /// The server's interceptors, whose message hooks see each request and response.
    let interceptors: [any RPCServerInterceptor]
    /// Whether requests are checked against their `buf.validate` rules before the handler.
    let validatesRequests: Bool
    /// Whether there are interceptors, whose message hooks must see the messages (without
    /// them, no message is handed to a hook, so none is boxed as `any Message`).
    @usableFromInline let hasMessageHooks: Bool
    /// Whether a request message must go through ``interceptRequest(_:context:)``: the
    /// interceptors' hooks, validation, or both.
    @usableFromInline let checksRequests: Bool

    private struct Output {
        var headersSent = false
        var finished = false
        var writing = false
        var encoding: GRPCCompression = .identity
        /// A status that arrived while a write was in flight.
        var pending: RPCStatus?
        var endedWith: RPCStatus?
    }
    private let output = Mutex(Output())

    init(
        io: any RPCServerStreamIO, response: ServerResponseMetadata, acceptedEncodings: Set<GRPCCompression>,
        maxSendMessageSize: Int, interceptors: [any RPCServerInterceptor] = [], validatesRequests: Bool = true
    ) {
        self.io = io
        self.interceptors = interceptors
        self.validatesRequests = validatesRequests
        self.hasMessageHooks = !interceptors.isEmpty
        self.checksRequests = !interceptors.isEmpty || validatesRequests
        self.response = response
        self.acceptedEncodings = acceptedEncodings
        self.maxSendMessageSize = maxSendMessageSize
    }

    /// The status the call ended with, once it has.
    var status: RPCStatus? { output.withLock { $0.endedWith } }

    private func negotiatedEncoding() -> GRPCCompression {
        let wanted = response.state.withLock { $0.compression }
        return acceptedEncodings.contains(wanted) ? wanted : .identity
    }

    /// The next request message, after the interceptors' request hooks.
    nonisolated(nonsending) func receive<M: Message>(_ type: M.Type, context: RPCServerContext) async throws -> M? {
        guard let message = try await io.receive(M.self) else { return nil }
        if checksRequests { try await interceptRequest(message, context: context) }
        return message
    }

    /// The interceptors' request hooks, in order, then the message's validation rules (last, as
    /// in the request flow: an interceptor that refuses a caller answers before validation does).
    @usableFromInline
    nonisolated(nonsending) func interceptRequest(_ message: some Message, context: RPCServerContext) async throws {
        for interceptor in interceptors { try await interceptor.interceptRequest(message, context: context) }
        if validatesRequests { try RPCStatus.validate(message) }
    }

    /// The interceptors' response hooks, in order.
    @usableFromInline
    nonisolated(nonsending) func interceptResponse(_ message: some Message, context: RPCServerContext) async throws {
        for interceptor in interceptors { try await interceptor.interceptResponse(message, context: context) }
    }

    /// `message` ready to send, after the interceptors' response hooks.
    private nonisolated(nonsending) func prepare<M: Message>(
        _ message: M, context: RPCServerContext
    ) async throws -> RPCOutgoingMessage {
        if hasMessageHooks { try await interceptResponse(message, context: context) }
        return try io.prepare(message, limit: maxSendMessageSize)
    }

    /// Sends a response message (and the headers first, if they have not gone out).
    nonisolated(nonsending) func write<M: Message>(
        _ message: M, compressed: Bool = true, context: RPCServerContext
    ) async throws {
        let prepared = try await prepare(message, context: context)
        try await write(prepared, compressed: compressed)
    }

    private nonisolated(nonsending) func write(_ message: RPCOutgoingMessage, compressed: Bool) async throws {
        let encoding = negotiatedEncoding()
        let headers = try output.withLock { output throws(RPCStatus) -> Metadata? in
            if let status = output.endedWith ?? output.pending { throw Self.callOver(status) }
            guard !output.writing else {
                throw RPCStatus(.internal, "two response writes at once: write one message at a time")
            }
            output.writing = true
            guard !output.headersSent else { return nil }
            output.headersSent = true
            output.encoding = encoding
            return response.state.withLock { $0.initial }
        }
        var failure: (any Error)?
        do {
            if let headers { try await io.sendHeaders(headers, encoding: encoding) }
            try await io.sendMessage(message, compressed: compressed && output.withLock { $0.encoding } != .identity)
        } catch {
            failure = error
        }
        let pending = output.withLock { output -> RPCStatus? in
            output.writing = false
            guard let pending = output.pending else { return nil }
            output.pending = nil
            output.finished = true
            output.endedWith = pending
            return pending
        }
        if let pending {
            await sendStatus(pending, trailersOnly: false)
            throw Self.callOver(pending)
        }
        if let failure { throw RPCStatus(.cancelled, "the response could not be sent: \(failure)") }
    }

    /// Sends headers, the one response message and an OK status together (unary responses),
    /// after the interceptors' response hooks.
    @inlinable
    nonisolated(nonsending) func finishUnary<M: Message>(_ reply: M, context: RPCServerContext) async throws {
        if hasMessageHooks { try await interceptResponse(reply, context: context) }
        try await finishUnary(prepared: io.prepare(reply, limit: maxSendMessageSize))
    }

    /// Sends headers, `message` and an OK status together (unary responses).
    @usableFromInline
    nonisolated(nonsending) func finishUnary(prepared message: RPCOutgoingMessage) async throws {
        let encoding = negotiatedEncoding()
        let claimed = try output.withLock { output throws(RPCStatus) -> Bool in
            if let status = output.endedWith ?? output.pending { throw Self.callOver(status) }
            guard !output.writing, !output.headersSent else { return false }
            output.headersSent = true
            output.finished = true
            output.endedWith = .ok
            output.encoding = encoding
            return true
        }
        guard claimed else {
            try await write(message, compressed: true)
            await finish(.ok)
            return
        }
        let (initial, trailing) = response.state.withLock { ($0.initial, $0.trailing) }
        do {
            try await io.sendUnaryResponse(
                headers: initial, encoding: encoding, message: message, compressed: encoding != .identity,
                trailers: trailing)
        } catch {
            throw RPCStatus(.cancelled, "the response could not be sent: \(error)")
        }
    }

    /// Ends the call with `status`, unless it has ended already. Called by the engine when the
    /// handler returns or throws, and when the deadline passes.
    nonisolated(nonsending) func finish(_ status: RPCStatus) async {
        let trailersOnly = output.withLock { output -> Bool? in
            guard !output.finished else { return nil }
            if output.writing {
                if output.pending == nil { output.pending = status }
                return nil
            }
            output.finished = true
            output.endedWith = status
            return !output.headersSent
        }
        guard let trailersOnly else { return }
        await sendStatus(status, trailersOnly: trailersOnly)
    }

    private nonisolated(nonsending) func sendStatus(_ status: RPCStatus, trailersOnly: Bool) async {
        let trailing = response.state.withLock { $0.trailing }
        // The client may be gone; there is no one left to tell.
        try? await io.sendStatus(status, trailers: trailing, trailersOnly: trailersOnly)
    }

    private static func callOver(_ status: RPCStatus) -> RPCStatus {
        status.code == .ok ? RPCStatus(.internal, "the response is already finished") : status
    }
}
