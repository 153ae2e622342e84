internal import Bytes
internal import Synchronization
public import Transport

/// Serves gRPC services: route by `:path`, deadlines, interceptors, status. As an `HTTPHandler`
/// it runs on the transport's HTTP/2 server; the in-process transport calls it directly.
///
/// ```swift
/// let rpc = RPCServer(services: [Greeter()])
/// let server = HTTPServer(configuration: .init(host: "127.0.0.1", port: 50051), handler: rpc, group: group)
/// _ = try await server.start()
/// ```
public final class RPCServer: HTTPHandler {
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

    // MARK: HTTP/2

    public func handle(_ request: HTTPRequest, _ response: HTTPResponseWriter) async throws {
        let headers = request.head.headers
        guard request.head.method == "POST" else {
            try await response.respond(
                status: 405, headers: ["allow": "POST", "content-type": "text/plain"],
                body: .init(string: "gRPC requests use POST\n"))
            return
        }
        guard let contentType = headers["content-type"], Self.isGRPC(contentType: contentType) else {
            // The spec: a content-type that does not start with application/grpc gets 415.
            try await response.respond(
                status: 415, headers: ["content-type": "text/plain"],
                body: .init(string: "content-type must be application/grpc (or application/grpc+proto)\n"))
            return
        }
        var requestEncoding = GRPCCompression.identity
        var refusal: RPCStatus?
        switch headers["grpc-encoding"] {
        case nil, "identity":
            break
        case "gzip":
            requestEncoding = .gzip
        case let other?:
            refusal = RPCStatus(
                .unimplemented,
                "grpc-encoding \"\(other)\" is not supported (supported: \(GRPCCompression.acceptEncoding))")
        }
        var deadline: ContinuousClock.Instant?
        if let timeout = headers["grpc-timeout"] {
            if let duration = GRPCTimeout.parse(timeout) {
                deadline = .now.advanced(by: duration)
            } else {
                refusal = RPCStatus(.internal, "malformed grpc-timeout \"\(timeout)\"")
            }
        }
        let io = HTTP2ServerStreamIO(
            body: request.body, writer: response, requestEncoding: requestEncoding,
            maxReceiveMessageSize: configuration.maxReceiveMessageSize)
        if let refusal {
            try? await io.sendStatus(refusal, trailers: Metadata(), trailersOnly: true)
            return
        }
        let peer = request.connection.peer?.description ?? "unknown"
        await serve(
            io: io, path: String(request.head.path), metadata: Metadata(headers: headers), deadline: deadline,
            peer: peer, requestEncoding: requestEncoding,
            acceptedEncodings: Self.acceptedEncodings(headers["grpc-accept-encoding"]))
    }

    /// `application/grpc`, `application/grpc+proto` and `application/grpc;…`: protobuf payloads.
    /// Other subtypes (`+json`) name codecs this server does not speak.
    static func isGRPC(contentType: String) -> Bool {
        let value = contentType.lowercased()
        guard value.hasPrefix("application/grpc") else { return false }
        let rest = value.dropFirst("application/grpc".count)
        return rest.isEmpty || rest.hasPrefix("+proto") || rest.hasPrefix(";")
    }

    static func acceptedEncodings(_ header: String?) -> Set<GRPCCompression> {
        var result: Set<GRPCCompression> = [.identity]
        for item in (header ?? "").split(separator: ",") {
            let name = item.trimmingCharacters(in: " \t")
            if let encoding = GRPCCompression(rawValue: String(name)) { result.insert(encoding) }
        }
        return result
    }

    // MARK: Calls

    /// Runs one call over `io`: routing, deadline, interceptors, handler, status.
    func serve(
        io: any RPCServerStreamIO, path: String, metadata: Metadata, deadline: ContinuousClock.Instant?, peer: String,
        requestEncoding: GRPCCompression, acceptedEncodings: Set<GRPCCompression>
    ) async {
        let responseMetadata = ServerResponseMetadata()
        if configuration.responseCompression != .identity {
            responseMetadata.state.withLock { $0.compression = configuration.responseCompression }
        }
        let call = ServerCall(
            io: io, response: responseMetadata, acceptedEncodings: acceptedEncodings,
            maxSendMessageSize: configuration.maxSendMessageSize)
        guard let method = routes[path] else {
            let status: RPCStatus
            if let (service, name) = RPCMethodDescriptor.split(path: path),
                services.contains(where: { $0.name == String(service) })
            {
                status = RPCStatus(.unimplemented, "method \(name) of service \(service) is not implemented")
            } else {
                status = RPCStatus(.unimplemented, "no service serves \(path)")
            }
            await call.finish(status)
            return
        }
        let context = RPCServerContext(
            method: method.descriptor, metadata: metadata, deadline: deadline, peer: peer,
            requestEncoding: requestEncoding, response: responseMetadata, stream: io)
        let started = ContinuousClock.now
        configuration.observer?.callStarted(method.descriptor, side: .server, peer: peer)
        let status: RPCStatus
        if let deadline, ContinuousClock.now >= deadline {
            // Expired on arrival (`grpc-timeout: 1n`): the handler does not run.
            status = RPCStatus(.deadlineExceeded, "the deadline had passed when the call arrived")
            await call.finish(status)
        } else if let deadline {
            status = await withTaskGroup(of: RPCStatus?.self) { group in
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
        } else {
            status = await invoke(method, call: call, context: context)
        }
        configuration.observer?.callFinished(
            method.descriptor, side: .server, status: call.status ?? status, duration: started.duration(to: .now))
    }

    private func invoke(_ method: RPCServerMethod, call: ServerCall, context: RPCServerContext) async -> RPCStatus {
        var status = RPCStatus.ok
        do {
            try await RPCServerContext.$currentDeadline.withValue(context.deadline) {
                if configuration.interceptors.isEmpty {
                    try await method.run(call, context)
                } else {
                    try await chain(from: 0, method: method, call: call)(context)
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

extension Substring {
    func trimmingCharacters(in set: String) -> Substring {
        var result = self
        while let first = result.first, set.contains(first) { result = result.dropFirst() }
        while let last = result.last, set.contains(last) { result = result.dropLast() }
        return result
    }
}
