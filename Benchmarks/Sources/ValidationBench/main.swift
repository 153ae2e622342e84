// ValidationBench: what checking a request against its contract's buf.validate rules costs,
// next to decoding it from protobuf binary (the work every server does for every request).
// The target: validating the sample CreateOrderRequest and CreateUserRequest costs no
// more than decoding them.
//
//   ValidationBench --seconds=2
//
// Prints one `RESULT validation message=… decode_ns=… validate_ns=… ratio=…` line per message
// (ratio = validate / decode; below 1 meets the target).
internal import Bytes
internal import CommonContracts
internal import OrderContracts
internal import ProtoRuntime
internal import UserContracts
internal import Validation

/// `--seconds=N`: how long each measurement runs (default 2).
let seconds: Double =
    CommandLine.arguments.dropFirst().compactMap { argument -> Double? in
        let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
        return parts.count == 2 && parts[0] == "--seconds" ? Double(parts[1]) : nil
    }.last ?? 2

/// Keeps a result alive so the optimizer cannot drop the work that produced it.
@inline(never) func blackHole<T>(_ value: T) { withExtendedLifetime(value) {} }

/// Mean nanoseconds per call of `body`, over batches for about `seconds`, after a warm-up.
func measure(_ body: () throws -> Void) rethrows -> Double {
    for _ in 0..<10_000 { try body() }
    let clock = ContinuousClock()
    var calls = 0
    let start = clock.now
    let budget = Duration.milliseconds(Int(seconds * 1000))
    while start.duration(to: clock.now) < budget {
        for _ in 0..<1000 { try body() }
        calls += 1000
    }
    let elapsed = start.duration(to: clock.now)
    let nanos = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
    return nanos / Double(calls)
}

func report<M: ValidatableMessage>(_ name: String, _ message: M) throws {
    precondition(message.validate().isEmpty, "the benchmark message must be valid")
    let bytes = ByteBuffer(bytes: try message.serializedBytes())
    let decode = try measure { blackHole(try M(decoding: bytes)) }
    let validate = measure { blackHole(message.validate()) }
    let ratio = validate / decode
    print(
        "RESULT validation message=\(name) bytes=\(bytes.readableBytes) decode_ns=\(Int(decode)) "
            + "validate_ns=\(Int(validate)) ratio=\(String(Int(ratio * 100)))%")
}

var order = Order_V1_CreateOrderRequest()
order.userID = "5f1c3c7e-2b8a-4d5e-9f10-7a6b5c4d3e2f"
order.items = (0..<3).map { index in
    Order_V1_LineItem(
        productID: "0d9c8b7a-6f5e-4d3c-8b2a-19f8e7d6c5b\(index)", sku: "SKU-\(index)", quantity: Int32(index + 1),
        unitPrice: Common_V1_Money(minorUnits: 1999, currencyCode: "EUR"))
}
order.card = Order_V1_Card(brand: "visa", last4: "4242")
order.idempotencyKey = "3b2f6a1e-order-retry-key"

var user = User_V1_CreateUserRequest()
user.email = "ada.lovelace@example.com"
user.displayName = "Ada Lovelace"
user.password = "correct horse battery staple"

try report("order.v1.CreateOrderRequest", order)
try report("user.v1.CreateUserRequest", user)
