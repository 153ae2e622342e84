// The gRPC interop test server (grpc/grpc doc/interop-test-descriptions.md): serves
// grpc.testing.TestService over h2c. Takes the standard flags (`--port=N`; `--use_tls=false` and
// other unknown flags are accepted and ignored) and the process conventions of
// http-bench-server: HOST and PORT, the `listening on HOST:PORT` line, SIGTERM to stop.
internal import InteropServices
internal import RPC
internal import Transport

let (host, port) = ServerProcess.listenAddress()
let group = try EventLoopGroup()
let rpc = RPCServer(services: [InteropTestService()])
let server = HTTPServer(configuration: .init(host: host, port: port), handler: rpc, group: group)
let address = try await server.start()
ServerProcess.announce(address)
await ServerProcess.terminationSignal()
await server.shutdown(gracePeriod: .seconds(5))
group.shutdown()
