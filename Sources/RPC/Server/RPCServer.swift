internal import Bytes
internal import Synchronization

/// Serves gRPC services: route by `:path`, deadlines, interceptors, status, with no sockets of
/// its own. `RPCHTTPHandler` (target `RPCHTTP2`) serves it over the transport's HTTP/2 server;
/// the in-process transport calls it directly.
///
/// ```swift
/// let rpc = RPCServer(services: [Greeter()])
/// let server = HTTPServer(
///     configuration: .init(host: "127.0.0.1", port: 50051), handler: RPCHTTPHandler(rpc), group: group)
/// _ = try await server.start()
/// ```
public final class RPCServer: Sendable {
    /// Limits and hooks of a server.
    public struct Configuration: Sendable {
        /// The largest request message accepted (after decompression); larger is
        /// `RESOURCE_EXHAUSTED`. Default 4 MiB, as in gRPC's implementations.
        public var maxReceiveMessageSize = 4 * 1024 * 1024
        /// The largest response message sent; larger ends the call with `RESOURCE_EXHAUSTED`.
        public var maxSendMessageSize = Int(Int32.max)
        /// Run in order around every call.
        public var interceptors: [any RPCServerInterceptor] = []
        /// Call events (telemetry).
        public var observer: (any RPCObserver)?
        /// The encoding of response messages when the client accepts it (handlers can choose
        /// per call with ``RPCServerContext/setResponseCompression(_:)``).
        public var responseCompression: GRPCCompression = .identity
        /// Whether each request message is checked against its contract's `buf.validate` rules
        /// before the handler runs; a message that breaks them ends the call with
        /// `INVALID_ARGUMENT` and a `google.rpc.BadRequest` listing every violation. On by default.
        public var validatesRequests = true

        public init() {}
    }

    public let configuration: Configuration
    /// The services hosted.
    public let services: [RPCServiceDescriptor]
    private let routes: [String: RPCServerMethod]

    public init(services: [any RPCService], configuration: Configuration = Configuration()) {
        self.configuration = configuration
        var routes: [String: RPCServerMethod] = [:]
        var descriptors: [RPCServiceDescriptor] = []
        for service in services {
            descriptors.append(type(of: service).serviceDescriptor)
            for method in service.methods { routes[method.descriptor.path] = method }
        }
        self.routes = routes
        self.services = descriptors
    }

    // MARK: Calls

    /// Runs one call over `io`: routing, deadline, interceptors, handler, status. The transports
    /// (HTTP/2, in-process, the gateway) call it once per call.
    package nonisolated(nonsending) func serve(
        io: any RPCServerStreamIO, path: String, metadata: Metadata, deadline: ContinuousClock.Instant?, peer: String,
        requestEncoding: GRPCCompression, acceptedEncodings: Set<GRPCCompression>
    ) async {
        let responseMetadata = ServerResponseMetadata()
        if configuration.responseCompression != .identity {
            responseMetadata.state.withLock { $0.compression = configuration.responseCompression }
        }
        let call = ServerCall(
            io: io, response: responseMetadata, acceptedEncodings: acceptedEncodings,
            maxSendMessageSize: configuration.maxSendMessageSize, interceptors: configuration.interceptors,
            validatesRequests: configuration.validatesRequests)
        guard let method = routes[path] else {
            await call.finish(unimplemented(path))
            return
        }
        let context = RPCServerContext(
            method: method.descriptor, metadata: metadata, deadline: deadline, peer: peer,
            requestEncoding: requestEncoding, response: responseMetadata, stream: io)
        let observation = configuration.observer?.callStarted(method.descriptor, side: .server, peer: peer)
        // The clock is read only when an observer follows the call.
        let started = observation == nil ? nil : ContinuousClock.now
        let status: RPCStatus
        if let deadline {
            status = await invoke(method, call: call, context: context, deadline: deadline)
        } else {
            status = await invoke(method, call: call, context: context)
        }
        if let observation, let started {
            observation.callFinished(status: call.status ?? status, duration: started.duration(to: .now))
        }
    }

    /// The status for a path no method serves: which of service or method is missing.
    private func unimplemented(_ path: String) -> RPCStatus {
        if let (service, name) = RPCMethodDescriptor.split(path: path),
            services.contains(where: { $0.name == String(service) })
        {
            return RPCStatus(.unimplemented, "method \(name) of service \(service) is not implemented")
        }
        return RPCStatus(.unimplemented, "no service serves \(path)")
    }

    /// Runs a call that has a deadline: the handler races a timer that ends the call with
    /// `DEADLINE_EXCEEDED`. Kept out of ``serve(io:path:metadata:deadline:peer:requestEncoding:acceptedEncodings:)``
    /// so the task group's state does not make every call's frame larger (never inlined: the
    /// optimizer would otherwise fold it, and its frame, back into `serve`).
    @inline(never)
    private nonisolated(nonsending) func invoke(
        _ method: RPCServerMethod, call: ServerCall, context: RPCServerContext, deadline: ContinuousClock.Instant
    ) async -> RPCStatus {
        guard ContinuousClock.now < deadline else {
            // Expired on arrival (`grpc-timeout: 1n`): the handler does not run.
            let status = RPCStatus(.deadlineExceeded, "the deadline had passed when the call arrived")
            await call.finish(status)
            return status
        }
        return await withTaskGroup(of: RPCStatus?.self) { group in
            group.addTask { await self.invoke(method, call: call, context: context) }
            group.addTask {
                do {
                    try await Task.sleep(until: deadline, clock: .continuous)
                } catch {
                    return nil  // the handler finished first
                }
                let status = RPCStatus(.deadlineExceeded, "the deadline passed")
                await call.finish(status)
                return status
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? RPCStatus(.internal, "the call ended without a status")
        }
    }

    private nonisolated(nonsending) func invoke(
        _ method: RPCServerMethod, call: ServerCall, context: RPCServerContext
    ) async -> RPCStatus {
        var status = RPCStatus.ok
        do {
            // Binding the task-local deadline costs a task-local record and two executor hops
            // per call; when it already holds this deadline (none, on the server's own tasks),
            // binding it again would change nothing.
            if RPCServerContext.currentDeadline == context.deadline {
                try await run(method, call: call, context: context)
            } else {
                try await RPCServerContext.$currentDeadline.withValue(context.deadline) {
                    try await run(method, call: call, context: context)
                }
            }
        } catch {
            status = RPCStatus(from: error)
            if status.code == .cancelled, let deadline = context.deadline, ContinuousClock.now >= deadline {
                status = RPCStatus(.deadlineExceeded, "the deadline passed")
            }
        }
        await call.finish(status)
        return call.status ?? status
    }

    /// The interceptors around the method, or the method alone when there are none.
    private nonisolated(nonsending) func run(
        _ method: RPCServerMethod, call: ServerCall, context: RPCServerContext
    ) async throws {
        if configuration.interceptors.isEmpty {
            try await method.run(call, context)
        } else {
            try await chain(from: 0, method: method, call: call)(context)
        }
    }

    private func chain(
        from index: Int, method: RPCServerMethod, call: ServerCall
    ) -> @Sendable (RPCServerContext) async throws -> Void {
        guard index < configuration.interceptors.count else {
            return { context in try await method.run(call, context) }
        }
        let interceptor = configuration.interceptors[index]
        let next = chain(from: index + 1, method: method, call: call)
        return { context in try await interceptor.intercept(context, next: next) }
    }
}
