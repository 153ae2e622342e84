// The gRPC interop test server (grpc/grpc doc/interop-test-descriptions.md): serves
// grpc.testing.TestService over h2c, with health checking and server reflection. Takes the standard
// flags (`--port=N`; `--use_tls=false` and other unknown flags are accepted and ignored) and the
// process conventions of ServiceHost: HOST and PORT, the `listening on HOST:PORT` line, SIGTERM to stop.
internal import InteropServices
internal import ServiceHost

await ProcessHost.serve(rpcServices: [InteropTestService()], defaults: .defaults { $0.isReflectionEnabled = true })
