// InProcessRoundTrip: times unary calls through the in-process transport (no sockets): a
// generated client calls grpc.testing.BenchmarkService/UnaryCall on an RPCServer in the same
// process, one call at a time, for `--seconds`, after a one-second warm-up. The request and
// response carry a `--size`-byte payload (default 1024) and a few scalar fields, so encoding
// would show if the transport did any.
//
//   InProcessRoundTrip --seconds=5 --size=1024
//
// Prints `RESULT inprocess size=… calls=… per_s=… mean_ns=…`.
internal import Bytes
internal import InteropContracts
internal import RPC

var seconds = 5
var size = 1024
for argument in CommandLine.arguments.dropFirst() {
    let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
    guard parts.count == 2 else { continue }
    switch parts[0] {
    case "--seconds": seconds = Int(parts[1]) ?? seconds
    case "--size": size = Int(parts[1]) ?? size
    default: break
    }
}

struct Service: Grpc_Testing_BenchmarkService.ServiceProtocol {
    let response: Grpc_Testing_SimpleResponse

    func unaryCall(
        _ request: Grpc_Testing_SimpleRequest, context: RPCServerContext
    ) async throws -> Grpc_Testing_SimpleResponse {
        response
    }

    func streamingCall(
        _ requests: RPCRequestStream<Grpc_Testing_SimpleRequest>,
        responses: RPCResponseWriter<Grpc_Testing_SimpleResponse>, context: RPCServerContext
    ) async throws {}

    func streamingFromClient(
        _ requests: RPCRequestStream<Grpc_Testing_SimpleRequest>, context: RPCServerContext
    ) async throws -> Grpc_Testing_SimpleResponse { response }

    func streamingFromServer(
        _ request: Grpc_Testing_SimpleRequest, responses: RPCResponseWriter<Grpc_Testing_SimpleResponse>,
        context: RPCServerContext
    ) async throws {}

    func streamingBothWays(
        _ requests: RPCRequestStream<Grpc_Testing_SimpleRequest>,
        responses: RPCResponseWriter<Grpc_Testing_SimpleResponse>, context: RPCServerContext
    ) async throws {}
}

var payload = Grpc_Testing_Payload()
payload.body = ByteBuffer(bytes: [UInt8](repeating: 7, count: size))
var request = Grpc_Testing_SimpleRequest()
request.responseType = .compressable
request.responseSize = Int32(size)
request.fillUsername = true
request.payload = payload
var response = Grpc_Testing_SimpleResponse()
response.payload = payload
response.username = "benchmark"
response.oauthScope = "scope"

let server = RPCServer(services: [Service(response: response)])
let client = Grpc_Testing_BenchmarkService.Client(client: RPCClient(transport: InProcessTransport(server: server)))
let message = request

func run(for duration: Duration) async throws -> Int {
    let end = ContinuousClock.now + duration
    var calls = 0
    while ContinuousClock.now < end {
        for _ in 0..<100 { _ = try await client.unaryCall(message) }
        calls += 100
    }
    return calls
}

_ = try await run(for: .seconds(1))
let started = ContinuousClock.now
let calls = try await run(for: .seconds(seconds))
let elapsed = started.duration(to: .now)
let nanoseconds = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
print(
    "RESULT inprocess size=\(size) calls=\(calls) per_s=\(Int(Double(calls) / nanoseconds * 1e9)) "
        + "mean_ns=\(Int(nanoseconds / Double(calls)))")
