internal import Bytes
public import InteropContracts
public import RPC

/// `grpc.testing.TestService` as the interop test descriptions' server
/// (grpc/grpc `doc/interop-test-descriptions.md`, "Server"): payloads of the requested sizes,
/// echoed status and metadata, compression on request, and the compression feature probe.
public struct InteropTestService: Grpc_Testing_TestService.ServiceProtocol {
    public init() {}

    /// Initial metadata the server echoes back.
    static let echoInitial = "x-grpc-test-echo-initial"
    /// Trailing (binary) metadata the server echoes back in the trailers.
    static let echoTrailing = "x-grpc-test-echo-trailing-bin"

    /// A payload of `size` zero bytes, as the interop cases expect.
    public static func payload(size: Int32) -> Grpc_Testing_Payload {
        var payload = Grpc_Testing_Payload()
        payload.type = .compressable
        var body = ByteBuffer(capacity: Int(max(size, 0)))
        body.writeRepeating(0, count: Int(max(size, 0)))
        payload.body = body
        return payload
    }

    /// Copies the echo metadata of the request into the response.
    static func echoMetadata(_ context: RPCServerContext) {
        if let initial = context.metadata[echoInitial] { context.addInitialMetadata(echoInitial, initial) }
        for value in context.metadata.values(of: echoTrailing) {
            if case .bytes(let bytes) = value { context.addTrailingMetadata(echoTrailing, bytes: bytes) }
        }
    }

    /// The feature probe of the client compression cases: a request that expects to have
    /// arrived compressed, but did not, is `INVALID_ARGUMENT`.
    static func checkCompression(_ expect: Grpc_Testing_BoolValue?, _ context: RPCServerContext) throws {
        guard expect?.value == true, !context.lastRequestWasCompressed else { return }
        throw RPCStatus(.invalidArgument, "the request was expected to be compressed, but it was not")
    }

    static func check(_ status: Grpc_Testing_EchoStatus?) throws {
        guard let status, status.code != 0 else { return }
        throw RPCStatus(RPCStatus.Code(wireValue: Int(status.code)), status.message)
    }

    public func emptyCall(_ request: Grpc_Testing_Empty, context: RPCServerContext) async throws -> Grpc_Testing_Empty {
        Self.echoMetadata(context)
        return Grpc_Testing_Empty()
    }

    public func unaryCall(
        _ request: Grpc_Testing_SimpleRequest, context: RPCServerContext
    ) async throws -> Grpc_Testing_SimpleResponse {
        Self.echoMetadata(context)
        try Self.checkCompression(request.expectCompressed, context)
        try Self.check(request.responseStatus)
        if request.responseCompressed?.value == true { context.setResponseCompression(.gzip) }
        var response = Grpc_Testing_SimpleResponse()
        response.payload = Self.payload(size: request.responseSize)
        return response
    }

    public func cacheableUnaryCall(
        _ request: Grpc_Testing_SimpleRequest, context: RPCServerContext
    ) async throws -> Grpc_Testing_SimpleResponse {
        context.addInitialMetadata("cache-control", "max-age=60, public")
        return try await unaryCall(request, context: context)
    }

    public func streamingOutputCall(
        _ request: Grpc_Testing_StreamingOutputCallRequest,
        responses: RPCResponseWriter<Grpc_Testing_StreamingOutputCallResponse>, context: RPCServerContext
    ) async throws {
        Self.echoMetadata(context)
        try await respond(to: request, responses: responses, context: context)
    }

    public func streamingInputCall(
        _ requests: RPCRequestStream<Grpc_Testing_StreamingInputCallRequest>, context: RPCServerContext
    ) async throws -> Grpc_Testing_StreamingInputCallResponse {
        Self.echoMetadata(context)
        var total = 0
        for try await request in requests {
            try Self.checkCompression(request.expectCompressed, context)
            total += request.payload?.body.readableBytes ?? 0
        }
        var response = Grpc_Testing_StreamingInputCallResponse()
        response.aggregatedPayloadSize = Int32(clamping: total)
        return response
    }

    public func fullDuplexCall(
        _ requests: RPCRequestStream<Grpc_Testing_StreamingOutputCallRequest>,
        responses: RPCResponseWriter<Grpc_Testing_StreamingOutputCallResponse>, context: RPCServerContext
    ) async throws {
        Self.echoMetadata(context)
        for try await request in requests {
            try await respond(to: request, responses: responses, context: context)
        }
    }

    public func halfDuplexCall(
        _ requests: RPCRequestStream<Grpc_Testing_StreamingOutputCallRequest>,
        responses: RPCResponseWriter<Grpc_Testing_StreamingOutputCallResponse>, context: RPCServerContext
    ) async throws {
        Self.echoMetadata(context)
        var buffered: [Grpc_Testing_StreamingOutputCallRequest] = []
        for try await request in requests { buffered.append(request) }
        for request in buffered { try await respond(to: request, responses: responses, context: context) }
    }

    public func unimplementedCall(
        _ request: Grpc_Testing_Empty, context: RPCServerContext
    ) async throws -> Grpc_Testing_Empty {
        throw RPCStatus(.unimplemented, "UnimplementedCall is not implemented, on purpose")
    }

    /// Sends the responses `request` asks for, then fails with its `response_status`, if any.
    private func respond(
        to request: Grpc_Testing_StreamingOutputCallRequest,
        responses: RPCResponseWriter<Grpc_Testing_StreamingOutputCallResponse>, context: RPCServerContext
    ) async throws {
        if request.responseParameters.contains(where: { $0.compressed?.value == true }) {
            context.setResponseCompression(.gzip)
        }
        for parameters in request.responseParameters {
            if parameters.intervalUs > 0 { try await Task.sleep(for: .microseconds(Int(parameters.intervalUs))) }
            var response = Grpc_Testing_StreamingOutputCallResponse()
            response.payload = Self.payload(size: parameters.size)
            try await responses.write(response, compressed: parameters.compressed?.value == true)
        }
        try Self.check(request.responseStatus)
    }
}
