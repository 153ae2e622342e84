internal import Bytes
internal import GoogleContracts
internal import ProtoRuntime
internal import RPC
internal import Synchronization
internal import Transport

/// The REST side of one call: hands the call engine typed requests decoded from JSON (or a
/// `google.api.HttpBody`), and writes its responses as proto3 JSON: one body for a unary
/// response, NDJSON lines or Server-Sent Events for a stream, and every error as a
/// `google.rpc.Status` body with its HTTP status.
final class GatewayStreamIO: RPCServerStreamIO {
    /// Where request messages come from.
    enum Requests: Sendable {
        /// One message, already assembled (unary and server-streaming calls).
        case single(ComposedRequest)
        /// NDJSON lines of the body, each composed with the bound fields (client and bidi streams).
        case lines(NDJSONRequestReader, RequestBinder.RequestFields, contentType: String?)
    }

    /// How responses are written.
    enum Output: Sendable, Equatable {
        /// One response (unary and client-streaming calls).
        case single
        /// `application/x-ndjson`: `{"result":…}` per line, `{"error":…}` last on failure.
        case ndjson
        /// `text/event-stream`: `data: …` per message, an `event: error` on failure.
        case serverSentEvents
    }

    private struct State {
        var delivered = false
        var initial = Metadata()
        var headWritten = false
        var pending: RPCOutgoingMessage?
        var location: String?
        /// An HTTP status decided while receiving (413 for an oversize NDJSON line).
        var failureStatus: Int?
    }

    let plan: RoutePlan
    let context: GatewayContext
    let writer: HTTPResponseWriter
    let output: Output
    let requests: Requests
    private let state = Mutex(State())

    init(plan: RoutePlan, context: GatewayContext, writer: HTTPResponseWriter, output: Output, requests: Requests) {
        self.plan = plan
        self.context = context
        self.writer = writer
        self.output = output
        self.requests = requests
    }

    var lastMessageWasCompressed: Bool { false }

    /// A unary or server-streaming REST call has exactly one request: the engine need not ask
    /// for a second (an async call and an executor check saved per call).
    var deliversOneMessage: Bool {
        if case .single = requests { return true }
        return false
    }

    // MARK: Requests

    nonisolated(nonsending) func receive<M: Message>(_ type: M.Type) async throws(RPCStatus) -> M? {
        // Both paths live in functions of their own: an async function's frame holds every local
        // of what it inlines, and the single-message path (every unary call) awaits nothing.
        switch requests {
        case .single(let request): return try receiveSingle(request, as: M.self)
        case .lines(let reader, let fields, let contentType):
            return try await receiveLine(reader, fields: fields, contentType: contentType, as: M.self)
        }
    }

    @inline(never)
    private func receiveSingle<M: Message>(_ request: ComposedRequest, as type: M.Type) throws(RPCStatus) -> M? {
        let first = state.withLock { state -> Bool in
            defer { state.delivered = true }
            return !state.delivered
        }
        guard first else { return nil }
        return try request.decode(M.self, options: context.decodingOptions)
    }

    @inline(never)
    private nonisolated(nonsending) func receiveLine<M: Message>(
        _ reader: NDJSONRequestReader, fields: RequestBinder.RequestFields, contentType: String?, as type: M.Type
    ) async throws(RPCStatus) -> M? {
        do {
            guard let line = try await reader.nextLine() else { return nil }
            let request = try ComposedRequest.compose(
                plan: plan, fields: fields, body: line, contentType: contentType, schemas: context.schemas,
                options: context.decodingOptions)
            return try request.decode(M.self, options: context.decodingOptions)
        } catch let failure as HTTPFailure {
            state.withLock { $0.failureStatus = failure.httpStatus }
            throw failure.status
        } catch let status as RPCStatus {
            throw status
        } catch {
            throw RPCStatus(.internal, "\(error)")
        }
    }

    // MARK: Responses

    func prepare<M: Message>(_ message: M, limit: Int) throws(RPCStatus) -> RPCOutgoingMessage {
        if plan.responseIsHTTPBody, message is Google_Api_HttpBody { return .value(message) }
        var json = ByteBuffer()
        do {
            try message.encodeJSON(into: &json, options: context.encodingOptions)
        } catch {
            throw RPCStatus(.internal, "the response could not be written as JSON: \(error.message)", cause: error)
        }
        if let location = plan.location {
            let value = location.render(from: json)
            state.withLock { $0.location = value }
        }
        if let field = plan.responseBody {
            json = JSONInspection.member(field, of: json) ?? ByteBuffer(string: Self.emptyJSON(for: field))
        }
        guard json.readableBytes <= limit else {
            throw RPCStatus(.resourceExhausted, "the response of \(json.readableBytes) bytes exceeds \(limit)")
        }
        return .encoded(json)
    }

    /// The JSON of a field at its default, for a `response_body` field the encoding left out.
    static func emptyJSON(for field: FieldSchema) -> String {
        if field.isMap { return "{}" }
        if field.isRepeated { return "[]" }
        switch field.kind {
        case .scalar(.bool): return "false"
        case .scalar(.string), .scalar(.bytes): return "\"\""
        case .scalar(let scalar): return scalar.is64Bit ? "\"0\"" : "0"
        case .enumeration: return "0"
        case .message: return "null"
        }
    }

    nonisolated(nonsending) func sendHeaders(_ metadata: Metadata, encoding: GRPCCompression) async throws {
        state.withLock { $0.initial = metadata }
    }

    nonisolated(nonsending) func sendMessage(_ message: RPCOutgoingMessage, compressed: Bool) async throws {
        guard output != .single else {
            state.withLock { $0.pending = message }
            return
        }
        let head = state.withLock { state -> HTTPHeaders? in
            guard !state.headWritten else { return nil }
            state.headWritten = true
            return streamHeaders(initial: state.initial, first: message)
        }
        if let head { try await writer.writeHead(HTTPResponseHead(status: 200, headers: head)) }
        try await writer.write(StreamFraming.frame(message, output: output))
    }

    private func streamHeaders(initial: Metadata, first: RPCOutgoingMessage) -> HTTPHeaders {
        var headers = HTTPHeaders()
        if case .value(let value) = first, let body = value as? Google_Api_HttpBody {
            headers.add(
                name: "content-type", value: body.contentType.isEmpty ? "application/octet-stream" : body.contentType)
        } else if output == .serverSentEvents {
            headers.add(name: "content-type", value: "text/event-stream")
            headers.add(name: "cache-control", value: "no-cache")
        } else {
            headers.add(name: "content-type", value: "application/x-ndjson")
        }
        MetadataHeaders.write(initial, prefix: MetadataHeaders.metadataPrefix, into: &headers)
        return headers
    }

    nonisolated(nonsending) func sendStatus(_ status: RPCStatus, trailers: Metadata, trailersOnly: Bool) async throws {
        let (headWritten, pending, initial, failureStatus) = state.withLock {
            ($0.headWritten, $0.pending, $0.initial, $0.failureStatus)
        }
        if status.code == .ok, output == .single, let pending {
            return try await sendUnaryResponse(
                headers: initial, encoding: .identity, message: pending, compressed: false, trailers: trailers)
        }
        var failure = HTTPFailure(status)
        if let failureStatus { failure.httpStatus = failureStatus }
        if headWritten {
            if status.code != .ok {
                try await writer.write(StreamFraming.errorFrame(failure, output: output, context: context))
            }
            var trailerFields = HTTPHeaders()
            MetadataHeaders.write(trailers, prefix: MetadataHeaders.trailerPrefix, into: &trailerFields)
            try await writer.finish(trailers: trailerFields.count > 0 ? trailerFields : nil)
            return
        }
        var headers = HTTPHeaders()
        MetadataHeaders.write(initial, prefix: MetadataHeaders.metadataPrefix, into: &headers)
        MetadataHeaders.write(trailers, prefix: MetadataHeaders.trailerPrefix, into: &headers)
        if status.code == .ok {
            // A stream that ended without a message: an empty stream body.
            headers.add(
                name: "content-type", value: output == .serverSentEvents ? "text/event-stream" : "application/x-ndjson")
            try await writer.respond(status: 200, headers: headers)
            return
        }
        try await context.respond(with: failure, extraHeaders: headers, writer: writer)
    }

    nonisolated(nonsending) func sendUnaryResponse(
        headers: Metadata, encoding: GRPCCompression, message: RPCOutgoingMessage, compressed: Bool,
        trailers: Metadata
    ) async throws {
        var fields = HTTPHeaders()
        let body: ByteBuffer
        switch message {
        case .value(let value as Google_Api_HttpBody):
            fields.add(
                name: "content-type", value: value.contentType.isEmpty ? "application/octet-stream" : value.contentType)
            body = value.data
        case .value:
            throw RPCStatus(.internal, "a response was not encoded")
        case .encoded(let json):
            fields.add(name: "content-type", value: "application/json")
            body = json
        }
        MetadataHeaders.write(headers, prefix: MetadataHeaders.metadataPrefix, into: &fields)
        MetadataHeaders.write(trailers, prefix: MetadataHeaders.trailerPrefix, into: &fields)
        if let location = state.withLock({ $0.location }) { fields.add(name: "location", value: location) }
        let status = plan.route.successStatus
        if status == 204 {
            fields.remove(name: "content-type")
            try await writer.respond(status: 204, headers: fields)
        } else {
            try await writer.respond(status: status, headers: fields, body: body)
        }
    }

    // MARK: Errors

    /// `INVALID_ARGUMENT` with a `BadRequest` naming the JSON path of a decoding error.
    static func status(for error: JSONDecodingError) -> RPCStatus {
        let field = error.pathDescription
        let message =
            error.path.isEmpty
            ? "the body is not valid: \(error.message)" : "invalid value for \(field): \(error.message)"
        return RPCStatus.invalidArgument(message, fieldViolations: [(field, error.message)], cause: error)
    }

    /// The 400 for a body that does not read as JSON.
    static func failure(for error: JSONDecodingError) -> HTTPFailure {
        HTTPFailure(status(for: error))
    }
}
