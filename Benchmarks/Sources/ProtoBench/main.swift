// room619 side of the protobuf benchmark: builds the message mix of ../shared/peers/README.md
// ("protobench") and times binary encode and decode with the same method and RESULT lines as
// the swift-protobuf peer (../shared/peers/protobench/Sources/protobench/main.swift; paths
// from the repository root).
//
// Usage: ProtoBench [SECONDS] [--like-for-like] [--only=MSG[/OP]]
//
// The timed paths are room619's idiomatic ones: encode appends to one reused ByteBuffer
// (`clear()` then `encode(into:)`), decode reads a ByteBuffer (`init(decoding:)`, so `bytes`
// fields share its storage). `--like-for-like` also times the peer's shapes (a fresh array per
// encode, decode from `[UInt8]`) as ops `binary-encode-array` and `binary-decode-array`.
// `--only` runs one message (or one case), for profiling. JSON is timed the same way:
// `json-encode` appends to a reused ByteBuffer (`encodeJSON(into:)`), `json-decode` reads a
// ByteBuffer (`init(decodingJSON:)`); with `--like-for-like`, `json-encode-array`
// (`jsonUTF8Bytes()`) and `json-decode-array` (`init(jsonUTF8Bytes:)`) are the peer's shapes.
import Bytes
import Dispatch
import ProtoRuntime

func makeSmall() -> Bench_V1_Small {
    var m = Bench_V1_Small()
    m.id = 12345
    m.name = "product-12345"
    m.active = true
    m.score = 4.75
    m.status = .active
    return m
}

func makeOrder() -> Bench_V1_Order {
    var m = Bench_V1_Order()
    m.orderID = "ord-0000000042"
    m.customerID = 9_876_543_210
    m.items = (0..<10).map { i in
        var item = Bench_V1_LineItem()
        item.sku = "SKU-000\(i)"
        item.quantity = Int32(i + 1)
        item.priceCents = Int64(1000 + i * 37)
        item.attributes = ["color": "red", "size": "M"]
        return item
    }
    m.totals = ["subtotal": 12345, "tax": 987, "shipping": 500]
    var ts = Google_Protobuf_Timestamp()
    ts.seconds = 1_700_000_000
    ts.nanos = 123_000_000
    m.createdAt = ts
    m.tags = Array(1...20)
    var card = Bench_V1_Card()
    card.brand = "visa"
    card.last4 = "4242"
    m.card = card
    return m
}

func makeBlob() -> Bench_V1_Blob {
    var m = Bench_V1_Blob()
    m.data = ByteBuffer(bytes: (0..<65536).map { UInt8($0 % 251) })
    m.contentType = "application/octet-stream"
    return m
}

/// FNV-1a 64 of the bytes: lets another implementation confirm it encodes the same message.
func fnv1a(_ bytes: some Sequence<UInt8>) -> String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    return String(h, radix: 16)
}

@inline(never) func blackHole<T>(_ x: T) { withExtendedLifetime(x) {} }

func clockNs() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// Runs `body` in rounds until at least `minSeconds` passed; returns best ns/op over rounds.
func measure(minSeconds: Double, _ body: () throws -> Void) rethrows -> Double {
    var iterations = 1
    while true {  // calibrate to ~10 ms per round
        let t0 = clockNs()
        for _ in 0..<iterations { try body() }
        if Double(clockNs() - t0) > 10_000_000 { break }
        iterations *= 2
    }
    var best = Double.infinity
    let start = clockNs()
    repeat {
        let t0 = clockNs()
        for _ in 0..<iterations { try body() }
        best = min(best, Double(clockNs() - t0) / Double(iterations))
    } while Double(clockNs() - start) < minSeconds * 1e9
    return best
}

/// `value` with one decimal, like `%.1f` (the values here are positive and far below 2^53).
func oneDecimal(_ value: Double) -> String {
    let tenths = value * 10 + 0.5  // rounds half up; `rounded()` would need libm linked
    guard tenths.isFinite, tenths >= 0, tenths < 9e15 else { return "\(value)" }
    let scaled = Int64(tenths)
    return "\(scaled / 10).\(scaled % 10)"
}

func report(_ msg: String, _ op: String, _ ns: Double, _ size: Int, _ fnv: String) {
    let mbps = Double(size) / ns * 1e9 / 1_048_576
    print(
        "RESULT impl=room619 msg=\(msg) op=\(op) ns_per_op=\(oneDecimal(ns)) mb_per_s=\(oneDecimal(mbps))"
            + " size=\(size) fnv=\(fnv)")
}

struct BenchmarkError: Error, CustomStringConvertible {
    var description: String
}

struct Settings {
    var seconds = 2.0
    var likeForLike = false
    var only: (msg: String, op: String?)? = nil

    init(arguments: some Sequence<String>) {
        for argument in arguments {
            if argument == "--like-for-like" {
                likeForLike = true
            } else if argument.hasPrefix("--only=") {
                let parts = argument.dropFirst("--only=".count).split(separator: "/", maxSplits: 1).map(String.init)
                only = (parts.first ?? "", parts.count > 1 ? parts[1] : nil)
            } else if let value = Double(argument) {
                seconds = value
            }
        }
    }

    func runs(_ msg: String, _ op: String) -> Bool {
        guard let only else { return true }
        return only.msg == msg && (only.op == nil || only.op == op)
    }
}

func run<M: ProtoRuntime.Message>(_ name: String, _ message: M, settings: Settings) throws {
    let seconds = settings.seconds
    let deterministic = try message.serializedBuffer(options: BinaryEncodingOptions(deterministic: true))
    let bytes = deterministic.readableBytesArray
    let fnv = fnv1a(bytes)

    let input = ByteBuffer(bytes: bytes)
    guard try M(decoding: input) == message, try M(serializedBytes: bytes) == message else {
        throw BenchmarkError(description: "\(name): decoding the encoding does not give the message back")
    }

    if settings.runs(name, "binary-encode") {
        var output = ByteBuffer()
        let enc = try measure(minSeconds: seconds) {
            output.clear()
            try message.encode(into: &output)
            blackHole(output)
        }
        report(name, "binary-encode", enc, bytes.count, fnv)
    }
    if settings.runs(name, "binary-decode") {
        let dec = try measure(minSeconds: seconds) { blackHole(try M(decoding: input)) }
        report(name, "binary-decode", dec, bytes.count, fnv)
    }
    let json = try message.jsonUTF8Bytes()
    let jsonInput = ByteBuffer(bytes: json)
    guard try M(decodingJSON: jsonInput) == message else {
        throw BenchmarkError(description: "\(name): decoding the JSON does not give the message back")
    }
    if settings.runs(name, "json-encode") {
        var output = ByteBuffer()
        let enc = try measure(minSeconds: seconds) {
            output.clear()
            try message.encodeJSON(into: &output)
            blackHole(output)
        }
        report(name, "json-encode", enc, json.count, "-")
    }
    if settings.runs(name, "json-decode") {
        let dec = try measure(minSeconds: seconds) { blackHole(try M(decodingJSON: jsonInput)) }
        report(name, "json-decode", dec, json.count, "-")
    }
    guard settings.likeForLike else { return }
    if settings.runs(name, "json-encode-array") {
        let enc = try measure(minSeconds: seconds) { blackHole(try message.jsonUTF8Bytes()) }
        report(name, "json-encode-array", enc, json.count, "-")
    }
    if settings.runs(name, "json-decode-array") {
        let dec = try measure(minSeconds: seconds) { blackHole(try M(jsonUTF8Bytes: json)) }
        report(name, "json-decode-array", dec, json.count, "-")
    }
    if settings.runs(name, "binary-encode-array") {
        let enc = try measure(minSeconds: seconds) { blackHole(try message.serializedBytes()) }
        report(name, "binary-encode-array", enc, bytes.count, fnv)
    }
    if settings.runs(name, "binary-decode-array") {
        let dec = try measure(minSeconds: seconds) { blackHole(try M(serializedBytes: bytes)) }
        report(name, "binary-decode-array", dec, bytes.count, fnv)
    }
}

let settings = Settings(arguments: CommandLine.arguments.dropFirst())
try run("small", makeSmall(), settings: settings)
try run("order", makeOrder(), settings: settings)
try run("blob", makeBlob(), settings: settings)
