// The gRPC interop test client (grpc/grpc doc/interop-test-descriptions.md):
//   interop-client --server_host=127.0.0.1 --server_port=50051 --test_case=large_unary --use_tls=false
// Exits 0 when the case passes; otherwise prints why on stderr and exits 1. Unknown flags
// (`--server_host_override=…`, `--use_test_ca=…`) are accepted and ignored. Our own flag
// `--compression=gzip` compresses the requests of the plain cases.
internal import Foundation
internal import InteropServices
internal import RPC
internal import RPCHTTP2
internal import Transport

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(1)
}

var host = "127.0.0.1"
var port: Int?
var testCase: InteropCase?
var compression: GRPCCompression?
for argument in CommandLine.arguments.dropFirst() {
    let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
    guard parts.count == 2 else { continue }
    switch parts[0] {
    case "--server_host": host = parts[1]
    case "--server_port": port = Int(parts[1])
    case "--test_case":
        guard let known = InteropCase(rawValue: parts[1]) else {
            fail(
                "unknown test case \(parts[1]); known: \(InteropCase.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        testCase = known
    case "--compression":
        guard let known = GRPCCompression(rawValue: parts[1]) else { fail("unknown compression \(parts[1])") }
        compression = known
    default: continue
    }
}
guard let port, let testCase else {
    fail(
        "usage: interop-client --server_host=H --server_port=N --test_case=NAME [--use_tls=false] [--compression=gzip]")
}

let group = try EventLoopGroup(loopCount: 1)
let channel: RPCChannel
do {
    channel = try RPCChannel(
        target: host.contains(":") ? "ipv6:[\(host)]:\(port)" : "dns:///\(host):\(port)", group: group)
} catch {
    fail("bad server address: \(error)")
}
do {
    try await testCase.run(RPCClient(transport: channel), compression: compression)
} catch {
    fail("\(testCase.rawValue) failed: \(error)")
}
channel.close()
print("\(testCase.rawValue): passed")
