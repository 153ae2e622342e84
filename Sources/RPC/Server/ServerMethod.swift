internal import Bytes
public import ProtoRuntime

/// The request messages of a client-streaming or bidirectional call, decoded as they arrive.
///
/// ```swift
/// for try await request in requests { total += request.payload.body.count }
/// ```
/// - Throws: ``RPCStatus``: `INTERNAL` for a message that does not decode, `CANCELLED` when
///   the client went away, `RESOURCE_EXHAUSTED` for one over the size limit.
public struct RPCRequestStream<Element: Message>: AsyncSequence, Sendable {
    let io: any RPCServerStreamIO

    public struct AsyncIterator: AsyncIteratorProtocol {
        let io: any RPCServerStreamIO
        public mutating func next() async throws -> Element? {
            guard let bytes = try await io.receive() else { return nil }
            return try decodeMessage(Element.self, from: bytes, what: "request")
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(io: io) }
}

/// Sends the response messages of a server-streaming or bidirectional call. The first write
/// sends the response headers; writes wait while the client is not reading.
public struct RPCResponseWriter<Element: Message>: Sendable {
    let call: ServerCall

    /// Sends one message; with `compressed: false` it goes uncompressed even when the response
    /// is compressed (a per-message choice the protocol allows).
    /// - Throws: ``RPCStatus`` once the call is over (deadline, cancellation) or too large.
    public func write(_ message: Element, compressed: Bool = true) async throws {
        try await call.write(encodeMessage(message, what: "response"), compressed: compressed)
    }

    /// Sends each message of `messages` in order.
    public func write(contentsOf messages: some Sequence<Element>) async throws {
        for message in messages { try await write(message) }
    }
}

func encodeMessage<M: Message>(_ message: M, what: String) throws(RPCStatus) -> ByteBuffer {
    do {
        return try message.serializedBuffer()
    } catch {
        throw RPCStatus(.internal, "could not encode the \(what) \(M.protoMessageName): \(error)")
    }
}

func decodeMessage<M: Message>(_ type: M.Type, from bytes: ByteBuffer, what: String) throws(RPCStatus) -> M {
    do {
        return try M(decoding: bytes)
    } catch {
        throw RPCStatus(.internal, "could not decode the \(what) as \(M.protoMessageName): \(error)")
    }
}

/// One method a server can run: its descriptor and the generated glue that decodes requests,
/// calls the handler and encodes responses. Generated `…Service` protocols build these;
/// ``RPCServer`` routes to them by path.
public struct RPCServerMethod: Sendable {
    /// The method.
    public let descriptor: RPCMethodDescriptor
    let run: @Sendable (ServerCall, RPCServerContext) async throws -> Void

    init(
        _ descriptor: RPCMethodDescriptor, run: @escaping @Sendable (ServerCall, RPCServerContext) async throws -> Void
    ) {
        self.descriptor = descriptor
        self.run = run
    }

    /// The one request of a unary or server-streaming call (exactly one must arrive).
    static func singleRequest<In: Message>(_ type: In.Type, _ call: ServerCall) async throws(RPCStatus) -> In {
        guard let bytes = try await call.io.receive() else {
            throw RPCStatus(.internal, "the client sent no request message for a method that takes one")
        }
        guard try await call.io.receive() == nil else {
            throw RPCStatus(.internal, "the client sent more than one request message for a method that takes one")
        }
        return try decodeMessage(In.self, from: bytes, what: "request")
    }

    /// A unary method.
    public static func unary<In: Message, Out: Message>(
        _ descriptor: RPCMethodDescriptor, _ handler: @escaping @Sendable (In, RPCServerContext) async throws -> Out
    ) -> RPCServerMethod {
        RPCServerMethod(descriptor) { call, context in
            let request = try await singleRequest(In.self, call)
            let response = try await handler(request, context)
            try await call.finishUnary(encodeMessage(response, what: "response"))
        }
    }

    /// A server-streaming method.
    public static func serverStreaming<In: Message, Out: Message>(
        _ descriptor: RPCMethodDescriptor,
        _ handler: @escaping @Sendable (In, RPCResponseWriter<Out>, RPCServerContext) async throws -> Void
    ) -> RPCServerMethod {
        RPCServerMethod(descriptor) { call, context in
            let request = try await singleRequest(In.self, call)
            try await handler(request, RPCResponseWriter(call: call), context)
        }
    }

    /// A client-streaming method.
    public static func clientStreaming<In: Message, Out: Message>(
        _ descriptor: RPCMethodDescriptor,
        _ handler: @escaping @Sendable (RPCRequestStream<In>, RPCServerContext) async throws -> Out
    ) -> RPCServerMethod {
        RPCServerMethod(descriptor) { call, context in
            let response = try await handler(RPCRequestStream(io: call.io), context)
            try await call.finishUnary(encodeMessage(response, what: "response"))
        }
    }

    /// A bidirectional-streaming method.
    public static func bidirectionalStreaming<In: Message, Out: Message>(
        _ descriptor: RPCMethodDescriptor,
        _ handler:
            @escaping @Sendable (RPCRequestStream<In>, RPCResponseWriter<Out>, RPCServerContext) async throws -> Void
    ) -> RPCServerMethod {
        RPCServerMethod(descriptor) { call, context in
            try await handler(RPCRequestStream(io: call.io), RPCResponseWriter(call: call), context)
        }
    }
}

/// A service implementation the server can host. Generated service protocols conform and
/// supply ``methods``; an implementation only writes the handlers.
public protocol RPCService: Sendable {
    /// The service's name and methods.
    static var serviceDescriptor: RPCServiceDescriptor { get }
    /// The methods, bound to this implementation.
    var methods: [RPCServerMethod] { get }
}

/// Server interceptors run in order around every call, before the handler: each may read or
/// change the request metadata (through the context it passes on), end the call by throwing an
/// ``RPCStatus``, or observe how it ends.
///
/// ```swift
/// struct RequireToken: RPCServerInterceptor {
///     func intercept(
///         _ context: RPCServerContext, next: @Sendable (RPCServerContext) async throws -> Void
///     ) async throws {
///         guard context.metadata["authorization"] != nil else { throw RPCStatus(.unauthenticated, "no token") }
///         try await next(context)
///     }
/// }
/// ```
public protocol RPCServerInterceptor: Sendable {
    func intercept(
        _ context: RPCServerContext, next: @Sendable (RPCServerContext) async throws -> Void
    ) async throws
}
