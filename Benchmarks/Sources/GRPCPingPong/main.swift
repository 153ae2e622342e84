// GRPCPingPong: times grpc.testing.BenchmarkService/StreamingCall as ping-pong — on each of
// `--streams` bidirectional streams, send one SimpleRequest (64-byte payload, 64-byte response
// asked), wait for its response, repeat — for `--seconds`, with room619's generated client.
//
//   GRPCPingPong --target=ipv4:127.0.0.1:50051 --seconds=8 --streams=1 --label=room619
//
// Prints `RESULT pingpong LABEL streams=N round_trips=… per_s=… mean_us=… p50_us=… p99_us=…`.
internal import Bytes
internal import Foundation
internal import InteropContracts
internal import RPC
internal import RPCHTTP2
internal import Transport

var target = "ipv4:127.0.0.1:50051"
var seconds = 8
var streams = 1
var label = "server"
for argument in CommandLine.arguments.dropFirst() {
    let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
    guard parts.count == 2 else { continue }
    switch parts[0] {
    case "--target": target = parts[1]
    case "--seconds": seconds = Int(parts[1]) ?? seconds
    case "--streams": streams = Int(parts[1]) ?? streams
    case "--label": label = parts[1]
    default: break
    }
}

var request = Grpc_Testing_SimpleRequest()
request.responseType = .compressable
request.responseSize = 64
var payload = Grpc_Testing_Payload()
payload.body = ByteBuffer(bytes: [UInt8](repeating: 0, count: 64))
request.payload = payload
let message = request

let group = try EventLoopGroup(loopCount: 1)
let channel = try RPCChannel(target: target, group: group)
let client = Grpc_Testing_BenchmarkService.Client(client: RPCClient(transport: channel))

/// One stream's round trips: nanoseconds each, after a one-second warm-up.
func pingPong(until end: ContinuousClock.Instant, warmUpEnd: ContinuousClock.Instant) async throws -> [Int64] {
    try await client.streamingCall { call in
        var samples: [Int64] = []
        samples.reserveCapacity(200_000)
        var responses = call.responses.makeAsyncIterator()
        while true {
            let start = ContinuousClock.now
            if start >= end { break }
            try await call.requests.write(message)
            guard try await responses.next() != nil else { throw RPCStatus(.internal, "the stream ended early") }
            if start >= warmUpEnd {
                let elapsed = start.duration(to: .now)
                samples.append(
                    elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
            }
        }
        try await call.requests.finish()
        return samples
    }
}

let warmUpEnd = ContinuousClock.now.advanced(by: .seconds(1))
let end = warmUpEnd.advanced(by: .seconds(seconds))
let all = try await withThrowingTaskGroup(of: [Int64].self) { group in
    for _ in 0..<streams { group.addTask { try await pingPong(until: end, warmUpEnd: warmUpEnd) } }
    var all: [Int64] = []
    for try await samples in group { all += samples }
    return all
}
channel.close()
let sorted = all.sorted()
guard !sorted.isEmpty else {
    print("RESULT pingpong \(label) streams=\(streams) round_trips=0")
    exit(1)
}
let mean = Double(sorted.reduce(0, +)) / Double(sorted.count) / 1000
let p50 = Double(sorted[sorted.count / 2]) / 1000
let p99 = Double(sorted[min(sorted.count - 1, sorted.count * 99 / 100)]) / 1000
print(
    "RESULT pingpong \(label) streams=\(streams) round_trips=\(sorted.count) "
        + String(
            format: "per_s=%.0f mean_us=%.1f p50_us=%.1f p99_us=%.1f", Double(sorted.count) / Double(seconds), mean,
            p50, p99))
