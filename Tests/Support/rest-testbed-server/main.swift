// The REST testbed server (Tests/Support/RestTestbed): serves room619.testing.library.v1.Library
// over gRPC and REST on one port (HTTP/1.1 and h2c), with ServiceHost's conventions (HOST and
// PORT or --host=/--port=, the `listening on HOST:PORT` line, SIGTERM to stop). The curl and
// Python suites and schemathesis run against it.
internal import Gateway
internal import RestTestbed
internal import ServiceHost

await ProcessHost.serve(rpcServices: [LibraryService()]) { server in
    try GatewayHandler(server: server, services: [Room619_Testing_Library_V1_Library.descriptor])
}
