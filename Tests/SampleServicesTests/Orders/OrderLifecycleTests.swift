import CommonContracts
import Glibc
import OrderContracts
import ProductContracts
import ProtoRuntime
import RPC
import SampleServices
import Testing

@Suite("Sample order service: lifecycle")
struct OrderLifecycleTests {
    /// A PENDING order of one hose, in a fresh harness.
    static func pendingOrder() async throws -> (SampleHarness, Order_V1_Order) {
        let harness = SampleHarness()
        let hose = try await harness.addProduct(sku: "HOSE-1", name: "Hose")
        let order = try await harness.orders.createOrder(OrderServiceTests.request([(hose.id, 1)]))
        return (harness, order)
    }

    @Test("pending → shipped → completed; then cancel, ship and complete are FAILED_PRECONDITION")
    func happyPath() async throws {
        let (harness, order) = try await Self.pendingOrder()
        harness.clock.advance(seconds: 10)
        let shipped = try await harness.orders.shipOrder(Order_V1_ShipOrderRequest(id: order.id, trackingNumber: "T1"))
        #expect(shipped.status == .shipped && shipped.updatedAt?.seconds == 1_750_000_010)
        #expect(
            await statusCode { try await harness.orders.cancelOrder(Order_V1_CancelOrderRequest(id: order.id)) }
                == .failedPrecondition)
        let completed = try await harness.orders.completeOrder(Order_V1_CompleteOrderRequest(id: order.id))
        #expect(completed.status == .completed)
        #expect(
            await statusCode { try await harness.orders.shipOrder(Order_V1_ShipOrderRequest(id: order.id)) }
                == .failedPrecondition)
        #expect(
            await statusCode { try await harness.orders.completeOrder(Order_V1_CompleteOrderRequest(id: order.id)) }
                == .failedPrecondition)
    }

    @Test("cancel keeps the reason; a cancelled order cannot ship; completing needs a shipped order")
    func cancel() async throws {
        let (harness, order) = try await Self.pendingOrder()
        #expect(
            await statusCode { try await harness.orders.completeOrder(Order_V1_CompleteOrderRequest(id: order.id)) }
                == .failedPrecondition)
        let cancelled = try await harness.orders.cancelOrder(
            Order_V1_CancelOrderRequest(id: order.id, reason: "changed my mind"))
        #expect(cancelled.status == .cancelled && cancelled.failureReason == "changed my mind")
        #expect(
            await statusCode { try await harness.orders.shipOrder(Order_V1_ShipOrderRequest(id: order.id)) }
                == .failedPrecondition)
        #expect(
            await statusCode { try await harness.orders.cancelOrder(Order_V1_CancelOrderRequest(id: order.id)) }
                == .failedPrecondition)
    }

    @Test("an unknown id is NOT_FOUND for get, watch, cancel, ship and complete")
    func notFound() async throws {
        let (harness, _) = try await Self.pendingOrder()
        let id = "00000000-0000-4000-8000-000000000000"
        #expect(await statusCode { try await harness.orders.getOrder(Order_V1_GetOrderRequest(id: id)) } == .notFound)
        #expect(
            await statusCode { try await harness.orders.cancelOrder(Order_V1_CancelOrderRequest(id: id)) } == .notFound)
        #expect(await statusCode { try await harness.orders.shipOrder(Order_V1_ShipOrderRequest(id: id)) } == .notFound)
        #expect(
            await statusCode { try await harness.orders.completeOrder(Order_V1_CompleteOrderRequest(id: id)) }
                == .notFound)
        let watch = await statusCode {
            try await harness.orders.watchOrder(Order_V1_WatchOrderRequest(id: id)) { stream in
                for try await _ in stream {}
            }
        }
        #expect(watch == .notFound)
    }

    @Test("watch sends the order as it is now, then ends")
    func watch() async throws {
        let (harness, order) = try await Self.pendingOrder()
        let shipped = try await harness.orders.shipOrder(Order_V1_ShipOrderRequest(id: order.id))
        let seen = try await harness.orders.watchOrder(Order_V1_WatchOrderRequest(id: order.id)) { stream in
            var orders: [Order_V1_Order] = []
            for try await order in stream { orders.append(order) }
            return orders
        }
        #expect(seen == [shipped])
    }

    /// The seed: `SAMPLE_ORDERS_SEED` to replay a run, else a fresh one (printed either way).
    static var seed: UInt64 {
        if let text = getenv("SAMPLE_ORDERS_SEED"), let seed = UInt64(String(cString: text)) { return seed }
        return UInt64.random(in: 0...UInt64.max)
    }

    @Test("random call sequences agree with the transition table")
    func randomSequences() async throws {
        let seed = Self.seed
        print("OrderLifecycleTests seed \(seed) (replay with SAMPLE_ORDERS_SEED=\(seed))")
        var random = SplitMix64(seed: seed)
        let (harness, order) = try await Self.pendingOrder()
        var ids = [order.id]
        var model: [String: Order_V1_OrderStatus] = [order.id: .pending]
        let product = order.items.first?.productID ?? ""
        for step in 0..<300 {
            let call = Int.random(in: 0..<4, using: &random)
            if call == 3 || ids.isEmpty {
                let created = try await harness.orders.createOrder(OrderServiceTests.request([(product, 1)]))
                ids.append(created.id)
                model[created.id] = .pending
                continue
            }
            let id = ids[Int.random(in: 0..<ids.count, using: &random)]
            let before = model[id] ?? .unspecified
            let (allowed, target): ([Order_V1_OrderStatus], Order_V1_OrderStatus) =
                switch call {
                case 0: ([.pending, .reserved, .paid, .confirmed], .cancelled)
                case 1: ([.pending, .confirmed], .shipped)
                default: ([.shipped], .completed)
                }
            let code = await statusCode {
                switch call {
                case 0: try await harness.orders.cancelOrder(Order_V1_CancelOrderRequest(id: id))
                case 1: try await harness.orders.shipOrder(Order_V1_ShipOrderRequest(id: id))
                default: try await harness.orders.completeOrder(Order_V1_CompleteOrderRequest(id: id))
                }
            }
            if allowed.contains(before) {
                #expect(code == nil, "step \(step): call \(call) from \(before)")
                model[id] = target
            } else {
                #expect(code == .failedPrecondition, "step \(step): call \(call) from \(before)")
            }
            #expect(try await harness.orders.getOrder(Order_V1_GetOrderRequest(id: id)).status == model[id])
        }
    }
}

/// A small seeded generator (SplitMix64), so a failing sequence replays from its seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
