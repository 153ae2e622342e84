// InteropContracts: the Swift types and services generated from gRPC's interop and benchmark
// contracts in /usr/share/grpc-proto/grpc/testing (see contracts.json beside this file), shared by
// interop-server, interop-client, benchmark-server and the tests.
