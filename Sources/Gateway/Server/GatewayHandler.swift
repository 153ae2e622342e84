internal import Bytes
internal import HTTPRouting
public import RPC
internal import RPCHTTP2
public import Transport

/// Serves gRPC and REST on one listener: requests whose `content-type` is `application/grpc…`
/// go to the gRPC handler; every other request is routed by the services' `google.api.http`
/// routes and transcoded into a call of the same ``RPC/RPCServer``, through the same
/// interceptors and `buf.validate` validation.
///
/// ```swift
/// let rpc = RPCServer(services: [LibraryService()])
/// let handler = try GatewayHandler(server: rpc)
/// let server = HTTPServer(configuration: .init(host: "127.0.0.1", port: 8080), handler: handler, group: group)
/// _ = try await server.start()
/// // curl localhost:8080/v1/shelves/1/books/2
/// ```
///
/// Everything that can be worked out from the routes is, once, here: the router (a segment
/// trie), each route's request fields, body and response shape. Per request the handler routes,
/// binds path and query into JSON members, checks the content type, reads the body within
/// ``GatewayConfiguration/maxBodyBytes``, and hands the call engine a stream adapter that decodes
/// the request with the generated JSON codec. A request the gateway refuses never reaches an
/// interceptor or a handler.
public struct GatewayHandler: HTTPHandler {
    let context: GatewayContext
    let grpc: RPCHTTPHandler

    /// A handler for `server`'s calls, with the REST routes of `services`.
    ///
    /// - Parameters:
    ///   - server: The RPC server whose methods the routes call.
    ///   - services: The services whose ``RPC/RPCServiceDescriptor/httpRoutes`` and descriptors
    ///     to serve; `nil` for the server's own.
    ///   - configuration: JSON switches, limits and header forwarding.
    /// - Throws: ``GatewayError`` for a route that cannot work with the descriptors.
    public init(
        server: RPCServer, services: [RPCServiceDescriptor]? = nil, configuration: GatewayConfiguration = .defaults
    ) throws(GatewayError) {
        context = try GatewayContext(
            server: server, services: services ?? server.services, configuration: configuration)
        grpc = RPCHTTPHandler(server)
    }

    /// The number of REST routes served.
    public var routeCount: Int { context.plans.count }

    public nonisolated(nonsending) func handle(_ request: HTTPRequest, _ response: HTTPResponseWriter) async throws {
        if let contentType = request.head.headers["content-type"], Self.isGRPC(contentType) {
            try await grpc.handle(request, response)
            return
        }
        let call: PreparedCall
        do {
            call = try await prepare(request, response)
        } catch {
            await drain(request.body)
            try await context.respond(with: error, writer: response)
            return
        }
        await context.server.serve(
            io: call.io, path: call.io.plan.methodPath, metadata: call.metadata, deadline: call.deadline,
            peer: request.connection.peerDescription, requestEncoding: .identity,
            acceptedEncodings: Self.identityOnly)
    }

    /// REST responses are never gRPC-compressed (a set built once, not per call).
    private static let identityOnly: Set<GRPCCompression> = [.identity]

    /// Reads and drops what is left of a refused request's body (within the body limit), so the
    /// refusal goes out after the request is whole: an HTTP/2 client still sending DATA after an
    /// early END_STREAM sees its stream reset (curl reports a framing error), and an HTTP/1.1
    /// connection stays usable for the next request.
    private func drain(_ body: HTTPBody) async {
        var budget = context.configuration.maxBodyBytes
        while budget >= 0, let chunk = try? await body.next() { budget -= chunk.readableBytes }
    }

    /// Whether `contentType` starts with `application/grpc`, ASCII case-insensitively, without
    /// allocating (it runs for every request that has a body).
    static func isGRPC(_ contentType: String) -> Bool {
        let prefix = "application/grpc".utf8
        var bytes = contentType.utf8.makeIterator()
        for expected in prefix {
            guard let byte = bytes.next(), byte | 0x20 == expected | 0x20 else { return false }
        }
        return true
    }

    /// A call ready to run.
    struct PreparedCall {
        var io: GatewayStreamIO
        var metadata: Metadata
        var deadline: ContinuousClock.Instant?
    }

    /// What the request's head decided: everything but the body.
    struct RoutedRequest {
        var plan: RoutePlan
        var fields: RequestBinder.RequestFields
        var contentType: String?
        var deadline: ContinuousClock.Instant?
        var output: GatewayStreamIO.Output
        /// Whether the body is read whole before the call (unary and server-streaming calls
        /// whose rule has a body).
        var readsBody: Bool
    }

    /// Routes, binds and reads the request; every refusal is an ``HTTPFailure``.
    ///
    /// The work is in two synchronous functions around the one await (reading a body): an async
    /// function's frame is allocated on the task's stack and holds every local of what it
    /// inlines, so routing and binding here would make every call's frame kilobytes larger.
    nonisolated(nonsending) func prepare(
        _ request: HTTPRequest, _ response: HTTPResponseWriter
    ) async throws(HTTPFailure) -> PreparedCall {
        let routed = try route(request.head)
        let body = routed.readsBody ? try await readBody(request.body) : ByteBuffer()
        return try call(for: routed, request: request, body: body, response: response)
    }

    /// Routes the request and binds its path, query and headers.
    @inline(never)
    func route(_ head: HTTPRequestHead) throws(HTTPFailure) -> RoutedRequest {
        let matched: MatchedRoute<Int>
        do {
            switch try context.router.match(method: head.method, path: head.path) {
            case .matched(let match): matched = match
            case .notFound: throw HTTPFailure.notFound
            case .methodNotAllowed(let allowed): throw HTTPFailure.methodNotAllowed(allowed: allowed)
            }
        } catch let error as RequestPathError {
            throw HTTPFailure(error)
        } catch let failure as HTTPFailure {
            throw failure
        } catch {
            throw HTTPFailure(httpStatus: 400, message: "\(error)")
        }
        let plan = context.plans[matched.route]
        var query: [QueryParameter] = []
        if let text = Self.query(of: head.target) {
            do throws(QueryStringError) {
                query = try context.queryParser.parse(text)
            } catch {
                throw HTTPFailure(error)
            }
        }
        let headers = head.headers
        let binder = RequestBinder(
            plan: plan, schemas: context.schemas,
            ignoresUnknownParameters: context.configuration.query.ignoresUnknownParameters)
        let fields = try binder.bind(path: matched.bindings, query: query) { headers[$0] }
        let deadline = try deadline(headers["grpc-timeout"])
        let contentType = headers["content-type"]
        try checkContentType(contentType, plan: plan)
        let kind = plan.route.method.kind
        let output: GatewayStreamIO.Output
        if !kind.serverStreams {
            output = .single
        } else if headers.values(of: "accept").contains(where: { Self.acceptsEventStream($0) }) {
            output = .serverSentEvents
        } else {
            output = .ndjson
        }
        return RoutedRequest(
            plan: plan, fields: fields, contentType: contentType, deadline: deadline, output: output,
            readsBody: !kind.clientStreams && plan.body != .none)
    }

    /// The call of a routed request whose body (if it is read whole) is `body`.
    @inline(never)
    func call(
        for routed: RoutedRequest, request: HTTPRequest, body: ByteBuffer, response: HTTPResponseWriter
    ) throws(HTTPFailure) -> PreparedCall {
        let plan = routed.plan
        let requests: GatewayStreamIO.Requests
        if plan.route.method.kind.clientStreams {
            let reader = NDJSONRequestReader(body: request.body, maxLineBytes: context.configuration.maxBodyBytes)
            requests = .lines(reader, routed.fields, contentType: routed.contentType)
        } else {
            requests = .single(
                try ComposedRequest.compose(
                    plan: plan, fields: routed.fields, body: body, contentType: routed.contentType,
                    schemas: context.schemas, options: context.decodingOptions))
        }
        let io = GatewayStreamIO(
            plan: plan, context: context, writer: response, output: routed.output, requests: requests)
        let metadata = MetadataHeaders.metadata(
            from: request.head.headers, forwarded: context.configuration.headers.forwarded)
        return PreparedCall(io: io, metadata: metadata, deadline: routed.deadline)
    }

    /// Whether an `Accept` value names `text/event-stream` (ASCII case-insensitively).
    static func acceptsEventStream(_ accept: String) -> Bool {
        accept.lowercased().contains("text/event-stream")
    }

    /// The query of a request target (after the first `?`), or `nil`.
    static func query(of target: String) -> Substring? {
        guard let question = target.utf8.firstIndex(of: UInt8(ascii: "?")) else { return nil }
        return target[target.index(after: question)...]
    }

    private func deadline(_ header: String?) throws(HTTPFailure) -> ContinuousClock.Instant? {
        guard let header else { return context.configuration.defaultTimeout.map { .now.advanced(by: $0) } }
        guard let timeout = GRPCTimeout.parse(header) else {
            throw HTTPFailure(
                httpStatus: 400, message: "grpc-timeout \"\(header)\" is not a gRPC timeout (such as 5S or 200m)")
        }
        return .now.advanced(by: timeout)
    }

    private func readBody(_ body: HTTPBody) async throws(HTTPFailure) -> ByteBuffer {
        do {
            return try await body.collect(upTo: context.configuration.maxBodyBytes)
        } catch let error as HTTPError where error.code == .tooLarge {
            throw HTTPFailure(
                httpStatus: 413, message: "the request body exceeds \(context.configuration.maxBodyBytes) bytes")
        } catch {
            throw HTTPFailure(httpStatus: 400, message: "the request body could not be read")
        }
    }

    /// 415 unless the body is JSON: `application/json`, `…+json`, NDJSON for request streams,
    /// no content type, or curl's default `application/x-www-form-urlencoded` (read as JSON, as
    /// grpc-gateway reads any body it has no marshaler for). HttpBody routes take any type.
    private func checkContentType(_ contentType: String?, plan: RoutePlan) throws(HTTPFailure) {
        guard plan.body != .none, !plan.requestIsHTTPBody, !plan.bodyFieldIsHTTPBody, let contentType,
            contentType != "application/json"
        else { return }
        let media =
            contentType.split(separator: ";", maxSplits: 1).first.map {
                $0.trimmingCharacters(in: " \t").lowercased()
            } ?? ""
        switch media {
        case "application/json", "application/x-www-form-urlencoded", "application/x-ndjson", "text/json", "":
            return
        default:
            guard media.hasSuffix("+json") else {
                throw HTTPFailure(
                    httpStatus: 415,
                    message: "content-type \"\(media)\" is not JSON: send application/json")
            }
        }
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> Substring {
        var result = self
        while let first = result.first, set.contains(first) { result = result.dropFirst() }
        while let last = result.last, set.contains(last) { result = result.dropLast() }
        return result
    }
}
