// The gRPC interop test server (grpc/grpc doc/interop-test-descriptions.md): serves
// grpc.testing.TestService over h2c, with health checking and server reflection. Takes the standard flags (`--port=N`; `--use_tls=false` and
// other unknown flags are accepted and ignored) and the process conventions of
// http-bench-server: HOST and PORT, the `listening on HOST:PORT` line, SIGTERM to stop.
internal import InteropServices
internal import RPC
internal import RPCHTTP2
internal import StandardServices
internal import Transport

let (host, port) = ServerProcess.listenAddress()
let group = try EventLoopGroup()
let health = HealthService()
health.setStatus(.serving, for: "")
health.setStatus(.serving, for: "grpc.testing.TestService")
let services: [any RPCService] = [InteropTestService(), health]
let rpc = RPCServer(services: services + ReflectionService(services: services).bothVersions)
let server = HTTPServer(configuration: .init(host: host, port: port), handler: RPCHTTPHandler(rpc), group: group)
let address = try await server.start()
ServerProcess.announce(address)
await ServerProcess.terminationSignal()
health.enterShutdown()
await server.shutdown(gracePeriod: .seconds(5))
group.shutdown()
