public import ProtoRuntime
internal import Synchronization

/// Client interceptors run in order around every call made through an ``RPCClient``: each may
/// change the call's options (metadata, deadline), fail it by throwing, or observe how it ends.
/// `next` runs the rest of the chain and the call itself, and returns when the call is over.
/// The message hooks see each request message before it is sent and each response message
/// before the caller gets it, and may fail the call by throwing.
///
/// ```swift
/// struct AddToken: RPCClientInterceptor {
///     func intercept<Result: Sendable>(
///         _ call: RPCClientCallInfo, next: (RPCClientCallInfo) async throws -> Result
///     ) async throws -> Result {
///         var call = call
///         call.options.metadata.add("authorization", "Bearer …")
///         return try await next(call)
///     }
/// }
/// ```
public protocol RPCClientInterceptor: Sendable {
    /// Runs around the call; `next` runs the rest of the chain and the call.
    func intercept<Result: Sendable>(
        _ call: RPCClientCallInfo, next: (RPCClientCallInfo) async throws -> Result
    ) async throws -> Result
    /// Sees each request message before it is sent. By default nothing.
    func interceptRequest(_ request: any Message, call: RPCClientCallInfo) async throws
    /// Sees each response message before the caller does. By default nothing.
    func interceptResponse(_ response: any Message, call: RPCClientCallInfo) async throws
}

extension RPCClientInterceptor {
    public func intercept<Result: Sendable>(
        _ call: RPCClientCallInfo, next: (RPCClientCallInfo) async throws -> Result
    ) async throws -> Result {
        try await next(call)
    }

    public func interceptRequest(_ request: any Message, call: RPCClientCallInfo) async throws {}

    public func interceptResponse(_ response: any Message, call: RPCClientCallInfo) async throws {}
}

/// A call as client interceptors see it.
public struct RPCClientCallInfo: Sendable {
    /// The method called.
    public let method: RPCMethodDescriptor
    /// Its options; an interceptor may change them for the rest of the chain.
    public var options: RPCCallOptions
}

/// Makes calls over a transport: the four call shapes, interceptors, retries, deadlines and
/// call events. Generated clients are thin typed wrappers over it.
///
/// ```swift
/// let channel = try RPCChannel(target: .hostPort("127.0.0.1", 50051))
/// let client = RPCClient(transport: channel)
/// let reply = try await Grpc_Testing_TestService.Client(client: client).emptyCall(Grpc_Testing_Empty())
/// ```
public struct RPCClient: Sendable {
    /// Defaults for every call.
    public struct Configuration: Sendable {
        /// The encoding of request messages when a call does not choose.
        public var compression: GRPCCompression = .identity
        /// Timeout, retry policy, wait-for-ready and message size limits per method, with
        /// defaults for every method and overrides per service (``RPCMethodPolicies``); a call's
        /// options override them. Default: no timeout, no retries, fail fast, 4 MiB responses.
        public var methodPolicies = RPCMethodPolicies()
        /// Call events (telemetry).
        public var observer: (any RPCObserver)?

        public init() {}
    }

    public let transport: any RPCClientTransport
    public let configuration: Configuration
    public let interceptors: [any RPCClientInterceptor]

    public init(
        transport: any RPCClientTransport, configuration: Configuration = Configuration(),
        interceptors: [any RPCClientInterceptor] = []
    ) {
        self.transport = transport
        self.configuration = configuration
        self.interceptors = interceptors
    }

    // MARK: Call shapes

    /// A unary call.
    public func unary<Request: Message, Response: Message>(
        _ method: RPCMethodDescriptor, _ request: Request, options: RPCCallOptions = RPCCallOptions()
    ) async throws -> Response {
        try await call(method, options: options, request: request) { _, receive in
            try await Self.unaryResponse(Response.self, from: receive).message
        }
    }

    /// A unary call, with the response's metadata.
    public func unary<Request: Message, Response: Message, Result: Sendable>(
        _ method: RPCMethodDescriptor, _ request: Request, options: RPCCallOptions = RPCCallOptions(),
        onResponse: (RPCClientResponse<Response>) async throws -> Result
    ) async throws -> Result {
        try await call(method, options: options, request: request) { _, receive in
            try await onResponse(Self.unaryResponse(Response.self, from: receive))
        }
    }

    /// The one response of a unary call, with its metadata.
    private static nonisolated(nonsending) func unaryResponse<Response: Message>(
        _ type: Response.Type, from receive: ClientReceiveState
    ) async throws -> RPCClientResponse<Response> {
        let headers = try await receive.headers()
        guard let message = try await receive.next(Response.self) else {
            throw RPCStatus(.internal, "the server ended a unary call without a response message")
        }
        guard case .none = try await receive.next(Response.self) else {
            throw RPCStatus(.internal, "the server sent more than one response message for a unary call")
        }
        let trailers = receive.state.withLock { $0.trailers ?? Metadata() }
        return RPCClientResponse(message: message, initialMetadata: headers, trailingMetadata: trailers)
    }

    /// A server-streaming call: `onResponse` reads the responses; the call is cancelled if it
    /// returns before they end.
    public func serverStreaming<Request: Message, Response: Message, Result: Sendable>(
        _ method: RPCMethodDescriptor, _ request: Request, options: RPCCallOptions = RPCCallOptions(),
        onResponse: (RPCResponseStream<Response>) async throws -> Result
    ) async throws -> Result {
        try await call(method, options: options, request: request) { _, receive in
            try await onResponse(RPCResponseStream(receive: receive))
        }
    }

    /// A client-streaming call: `requests` writes the requests (the call ends them when it
    /// returns), then the response arrives.
    public func clientStreaming<Request: Message, Response: Message>(
        _ method: RPCMethodDescriptor, options: RPCCallOptions = RPCCallOptions(),
        requests: @Sendable (RPCRequestWriter<Request>) async throws -> Void
    ) async throws -> Response {
        try await call(method, options: options, request: Request?.none) { stream, receive in
            try await requests(
                RPCRequestWriter<Request>(stream: stream, hooks: receive.hooks, validates: options.validatesRequests))
            try await stream.finishSending()
            guard let message = try await receive.next(Response.self) else {
                throw RPCStatus(.internal, "the server ended a client-streaming call without a response message")
            }
            guard case .none = try await receive.next(Response.self) else {
                throw RPCStatus(.internal, "the server sent more than one response message for a client-streaming call")
            }
            return message
        }
    }

    /// A bidirectional call: `body` writes requests and reads responses, in any order; when it
    /// returns, the requests are ended, and the call is cancelled if responses remain.
    public func bidirectionalStreaming<Request: Message, Response: Message, Result: Sendable>(
        _ method: RPCMethodDescriptor, options: RPCCallOptions = RPCCallOptions(),
        _ body: (RPCBidirectionalCall<Request, Response>) async throws -> Result
    ) async throws -> Result {
        try await call(method, options: options, request: Request?.none) { stream, receive in
            let call = RPCBidirectionalCall<Request, Response>(
                requests: RPCRequestWriter(stream: stream, hooks: receive.hooks, validates: options.validatesRequests),
                responses: RPCResponseStream(receive: receive))
            let result = try await body(call)
            try? await stream.finishSending()
            return result
        }
    }

    // MARK: Engine

    func retryPolicy(for method: RPCMethodDescriptor, options: RPCCallOptions) -> RPCRetryPolicy {
        configuration.methodPolicies.policy(for: method).retryPolicy(for: options)
    }

    /// Runs a call: interceptors, then the call's stream. With `request` (unary and
    /// server-streaming) the request is sent before `body` runs. With a retry policy the stream
    /// retries (``RetryingClientStream``) until the call commits; `body` runs once.
    func call<Request: Message, Result>(
        _ method: RPCMethodDescriptor, options: RPCCallOptions, request: Request?,
        _ body: (any RPCClientStream, ClientReceiveState) async throws -> Result
    ) async throws -> Result {
        let info = RPCClientCallInfo(method: method, options: options)
        // Without interceptors the chain is the call itself: no closure for them to wrap.
        guard !interceptors.isEmpty else { return try await observed(method, info, request: request, body) }
        return try await intercepted(from: 0, info) { info in
            try await observed(method, info, request: request, body)
        }
    }

    /// Runs the call and tells the observer, if there is one, how it ended.
    private nonisolated(nonsending) func observed<Request: Message, Result>(
        _ method: RPCMethodDescriptor, _ info: RPCClientCallInfo, request: Request?,
        _ body: (any RPCClientStream, ClientReceiveState) async throws -> Result
    ) async throws -> Result {
        guard let observation = configuration.observer?.callStarted(method, side: .client, peer: "") else {
            return try await run(info, request: request, body)
        }
        let started = ContinuousClock.now
        do {
            let result = try await run(info, request: request, body)
            observation.callFinished(status: .ok, duration: started.duration(to: .now))
            return result
        } catch {
            observation.callFinished(status: RPCStatus(from: error), duration: started.duration(to: .now))
            throw error
        }
    }

    private func intercepted<Result>(
        from index: Int, _ info: RPCClientCallInfo,
        _ body: (RPCClientCallInfo) async throws -> Result
    ) async throws -> Result {
        guard index < interceptors.count else { return try await body(info) }
        let box = try await interceptors[index].intercept(info) { info in
            UncheckedBox(try await intercepted(from: index + 1, info, body))
        }
        return box.value
    }

    private nonisolated(nonsending) func run<Request: Message, Result>(
        _ info: RPCClientCallInfo, request: Request?,
        _ body: (any RPCClientStream, ClientReceiveState) async throws -> Result
    ) async throws -> Result {
        let options = info.options
        if options.validatesRequests, let request { try RPCStatus.validate(request) }
        let methodPolicy = configuration.methodPolicies.policy(for: info.method)
        let deadline = methodPolicy.deadline(for: options)
        let streamRequest = RPCClientStreamRequest(
            method: info.method, metadata: options.metadata, deadline: deadline,
            compression: options.compression ?? configuration.compression,
            maxReceiveMessageSize: methodPolicy.maxResponseMessageBytes(for: options),
            maxSendMessageSize: methodPolicy.maxRequestMessageBytes(for: options),
            waitForReady: methodPolicy.waitForReady(for: options))
        let hooks = interceptors.isEmpty ? nil : ClientMessageHooks(interceptors: interceptors, call: info)
        if let request, let hooks { try await hooks.request(request) }
        let policy = methodPolicy.retryPolicy(for: options)
        if let deadline, ContinuousClock.now >= deadline {
            throw RPCStatus(.deadlineExceeded, "the deadline passed before the call could start")
        }
        let transport = self.transport
        let stream: any RPCClientStream
        if policy.maxAttempts > 1 {
            stream = try await RetryingClientStream.start(
                open: { () async throws(RPCStatus) in try await transport.openStream(streamRequest) }, policy: policy,
                deadline: deadline)
        } else {
            stream = try await transport.openStream(streamRequest)
        }
        // A request over the size limit fails here, before anything of the call is sent.
        let prepared: RPCOutgoingMessage?
        do {
            prepared = try request.map { request throws(RPCStatus) in try stream.prepare(request) }
        } catch {
            stream.cancel()
            throw error
        }
        let receive = ClientReceiveState(stream: stream, hooks: hooks)
        // A caller that gives up (its task is cancelled) cancels the call, wherever it is:
        // the stream is reset, and every later operation of the call fails with CANCELLED.
        return try await withTaskCancellationHandler {
            do {
                if let prepared {
                    try await stream.send(prepared, compressed: true)
                    try await stream.finishSending()
                    // Committed once headers arrive (retries happen below, in the retrying stream).
                    _ = try await receive.headers()
                }
                let result = try await body(stream, receive)
                if receive.state.withLock({ $0.status == nil }) { stream.cancel() }
                return result
            } catch {
                stream.cancel()
                throw error
            }
        } onCancel: {
            stream.cancel()
        }
    }
}

/// The interceptors' message hooks of one call (absent when the client has no interceptors,
/// so a call without them never boxes a message).
struct ClientMessageHooks: Sendable {
    let interceptors: [any RPCClientInterceptor]
    let call: RPCClientCallInfo

    nonisolated(nonsending) func request(_ message: some Message) async throws {
        for interceptor in interceptors { try await interceptor.interceptRequest(message, call: call) }
    }

    nonisolated(nonsending) func response(_ message: some Message) async throws {
        for interceptor in interceptors { try await interceptor.interceptResponse(message, call: call) }
    }
}

/// Carries an interceptor chain's result through the generic `Sendable` requirement of
/// ``RPCClientInterceptor`` (results of user closures need not be `Sendable`; they never leave
/// the calling task).
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
