// grpc.testing.BenchmarkService (grpc/testing/benchmark_service.proto) for the gRPC benchmark of
// ../shared/peers: UnaryCall answers with a payload of the requested size; StreamingCall answers
// each request in turn (ping-pong). Process conventions of ServiceHost: HOST and PORT (or --host= /
// --port=), the `listening on HOST:PORT` line, SIGTERM to stop.
internal import Bytes
internal import InteropContracts
internal import RPC
internal import ServiceHost

struct BenchmarkService: Grpc_Testing_BenchmarkService.ServiceProtocol {
    static func response(to request: Grpc_Testing_SimpleRequest) -> Grpc_Testing_SimpleResponse {
        var payload = Grpc_Testing_Payload()
        let size = Int(max(request.responseSize, 0))
        var body = ByteBuffer(capacity: size)
        body.writeRepeating(0, count: size)
        payload.body = body
        var response = Grpc_Testing_SimpleResponse()
        response.payload = payload
        return response
    }

    func unaryCall(
        _ request: Grpc_Testing_SimpleRequest, context: RPCServerContext
    ) async throws -> Grpc_Testing_SimpleResponse {
        Self.response(to: request)
    }

    func streamingCall(
        _ requests: RPCRequestStream<Grpc_Testing_SimpleRequest>,
        responses: RPCResponseWriter<Grpc_Testing_SimpleResponse>,
        context: RPCServerContext
    ) async throws {
        for try await request in requests { try await responses.write(Self.response(to: request)) }
    }

    func streamingFromClient(
        _ requests: RPCRequestStream<Grpc_Testing_SimpleRequest>, context: RPCServerContext
    ) async throws -> Grpc_Testing_SimpleResponse {
        var last = Grpc_Testing_SimpleRequest()
        for try await request in requests { last = request }
        return Self.response(to: last)
    }

    func streamingFromServer(
        _ request: Grpc_Testing_SimpleRequest, responses: RPCResponseWriter<Grpc_Testing_SimpleResponse>,
        context: RPCServerContext
    ) async throws {
        // The benchmark's server-streaming shape: responses until the client cancels.
        let response = Self.response(to: request)
        while !Task.isCancelled { try await responses.write(response) }
    }

    func streamingBothWays(
        _ requests: RPCRequestStream<Grpc_Testing_SimpleRequest>,
        responses: RPCResponseWriter<Grpc_Testing_SimpleResponse>,
        context: RPCServerContext
    ) async throws {
        let response = Self.response(to: Grpc_Testing_SimpleRequest())
        let reader = Task { for try await _ in requests {} }
        defer { reader.cancel() }
        while !Task.isCancelled { try await responses.write(response) }
    }
}

await ProcessHost.serve(rpcServices: [BenchmarkService()])
