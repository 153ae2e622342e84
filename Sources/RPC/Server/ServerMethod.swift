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
    let call: ServerCall
    let context: RPCServerContext

    @usableFromInline
    init(call: ServerCall, context: RPCServerContext) {
        self.call = call
        self.context = context
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let call: ServerCall
        let context: RPCServerContext
        public mutating func next() async throws -> Element? {
            try await call.receive(Element.self, context: context)
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(call: call, context: context) }
}

/// Sends the response messages of a server-streaming or bidirectional call. The first write
/// sends the response headers; writes wait while the client is not reading.
public struct RPCResponseWriter<Element: Message>: Sendable {
    let call: ServerCall
    let context: RPCServerContext

    @usableFromInline
    init(call: ServerCall, context: RPCServerContext) {
        self.call = call
        self.context = context
    }

    /// Sends one message; with `compressed: false` it goes uncompressed even when the response
    /// is compressed (a per-message choice the protocol allows).
    /// - Throws: ``RPCStatus`` once the call is over (deadline, cancellation) or too large.
    public nonisolated(nonsending) func write(_ message: Element, compressed: Bool = true) async throws {
        try await call.write(message, compressed: compressed, context: context)
    }

    /// Sends each message of `messages` in order.
    public nonisolated(nonsending) func write(contentsOf messages: some Sequence<Element>) async throws {
        for message in messages { try await write(message) }
    }
}

/// One method a server can run: its descriptor and the generated glue that takes typed requests
/// from the call, runs the handler and gives the call typed responses. Generated `…Service`
/// protocols build these; ``RPCServer`` routes to them by path. The glue never sees bytes:
/// which codec (if any) turns them into messages is the transport's business.
///
/// The call shapes (``unary(_:_:)`` and the others) are `@inlinable`: the glue is compiled into
/// the generated service code and specialized there for its message types, so a call does not
/// pay for generic code working on messages of unknown type (metadata lookups, value-witness
/// copies, task-stack allocations for each message-typed local).
public struct RPCServerMethod: Sendable {
    /// The method.
    public let descriptor: RPCMethodDescriptor
    let run: nonisolated(nonsending) @Sendable (ServerCall, RPCServerContext) async throws -> Void

    @usableFromInline
    init(
        _ descriptor: RPCMethodDescriptor,
        run: nonisolated(nonsending) @escaping @Sendable (ServerCall, RPCServerContext) async throws -> Void
    ) {
        self.descriptor = descriptor
        self.run = run
    }

    /// The one request of a unary or server-streaming call (exactly one must arrive).
    @inlinable
    static nonisolated(nonsending) func singleRequest<In: Message>(
        _ type: In.Type, _ call: ServerCall, _ context: RPCServerContext
    ) async throws -> In {
        guard let request = try await call.io.receive(In.self) else {
            throw RPCStatus(.internal, "the client sent no request message for a method that takes one")
        }
        // Only whether a second message came matters, so it is read as the empty message (any
        // message decodes as one, into unknown fields). A second `In` here would hold its room in
        // this frame for the whole call, and `== nil` on an `In?` inlines the message's
        // field-by-field equality: 5 KiB of frame for a 336-byte message, a task-stack slab of
        // its own per call.
        if !call.io.deliversOneMessage {
            guard case .none = try await call.io.receive(Google_Protobuf_Empty.self) else {
                throw RPCStatus(.internal, "the client sent more than one request message for a method that takes one")
            }
        }
        if call.checksRequests { try await call.interceptRequest(request, context: context) }
        return request
    }

    /// A unary method.
    @inlinable
    public static func unary<In: Message, Out: Message>(
        _ descriptor: RPCMethodDescriptor,
        _ handler: nonisolated(nonsending) @escaping @Sendable (In, RPCServerContext) async throws -> Out
    ) -> RPCServerMethod {
        RPCServerMethod(descriptor) { call, context in
            let request = try await singleRequest(In.self, call, context)
            let response = try await handler(request, context)
            try await call.finishUnary(response, context: context)
        }
    }

    /// A server-streaming method.
    @inlinable
    public static func serverStreaming<In: Message, Out: Message>(
        _ descriptor: RPCMethodDescriptor,
        _ handler:
            nonisolated(nonsending) @escaping @Sendable (In, RPCResponseWriter<Out>, RPCServerContext) async throws ->
            Void
    ) -> RPCServerMethod {
        RPCServerMethod(descriptor) { call, context in
            let request = try await singleRequest(In.self, call, context)
            try await handler(request, RPCResponseWriter(call: call, context: context), context)
        }
    }

    /// A client-streaming method.
    @inlinable
    public static func clientStreaming<In: Message, Out: Message>(
        _ descriptor: RPCMethodDescriptor,
        _ handler:
            nonisolated(nonsending) @escaping @Sendable (RPCRequestStream<In>, RPCServerContext) async throws -> Out
    ) -> RPCServerMethod {
        RPCServerMethod(descriptor) { call, context in
            let response = try await handler(RPCRequestStream(call: call, context: context), context)
            try await call.finishUnary(response, context: context)
        }
    }

    /// A bidirectional-streaming method.
    @inlinable
    public static func bidirectionalStreaming<In: Message, Out: Message>(
        _ descriptor: RPCMethodDescriptor,
        _ handler:
            nonisolated(nonsending) @escaping @Sendable (RPCRequestStream<In>, RPCResponseWriter<Out>, RPCServerContext)
            async throws -> Void
    ) -> RPCServerMethod {
        RPCServerMethod(descriptor) { call, context in
            try await handler(
                RPCRequestStream(call: call, context: context), RPCResponseWriter(call: call, context: context), context
            )
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
/// change the request metadata and put typed values into the context (through the context it
/// passes on), end the call by throwing an ``RPCStatus``, or observe how it ends. Its message
/// hooks see every request message before the handler does and every response message before
/// it is sent, with the context the handler got, and may end the call by throwing.
///
/// ```swift
/// struct RequireToken: RPCServerInterceptor {
///     func intercept(
///         _ context: RPCServerContext, next: @Sendable (RPCServerContext) async throws -> Void
///     ) async throws {
///         guard let token = context.metadata["authorization"] else { throw RPCStatus(.unauthenticated, "no token") }
///         var context = context
///         context[PrincipalKey.self] = try Principal(token: token)
///         try await next(context)
///     }
///
///     func interceptRequest(_ request: any Message, context: RPCServerContext) async throws {
///         if let order = request as? Order_V1_CreateOrderRequest, order.items.isEmpty {
///             throw RPCStatus(.invalidArgument, "an order needs items")
///         }
///     }
/// }
/// ```
public protocol RPCServerInterceptor: Sendable {
    /// Runs around the call; `next` runs the rest of the chain and the handler.
    func intercept(
        _ context: RPCServerContext, next: @Sendable (RPCServerContext) async throws -> Void
    ) async throws
    /// Sees each request message before the handler does. By default nothing.
    func interceptRequest(_ request: any Message, context: RPCServerContext) async throws
    /// Sees each response message before it is sent. By default nothing.
    func interceptResponse(_ response: any Message, context: RPCServerContext) async throws
}

extension RPCServerInterceptor {
    public func intercept(
        _ context: RPCServerContext, next: @Sendable (RPCServerContext) async throws -> Void
    ) async throws {
        try await next(context)
    }

    public func interceptRequest(_ request: any Message, context: RPCServerContext) async throws {}

    public func interceptResponse(_ response: any Message, context: RPCServerContext) async throws {}
}
