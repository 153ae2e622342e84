// The validated test server (Tests/Support/Signup): serves room619.testing.signup.v1.Signup over
// h2c with ServiceHost's conventions (HOST and PORT, the `listening on HOST:PORT` line, SIGTERM to
// stop). Tests/RPC/validation calls it from grpcio.
internal import ServiceHost
internal import Signup

await ProcessHost.serve(rpcServices: [SignupService()])
