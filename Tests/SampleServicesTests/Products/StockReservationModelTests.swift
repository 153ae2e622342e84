import ProductContracts
import ProtoRuntime
import RPC
import SampleServices
import Testing

/// Random sequences of reserve, release, commit and clock moves against the sample service, checked
/// after every step against a small model: availability never negative, on hand = available +
/// held, and each answer the one the model predicts.
@Suite("Sample product service: reservations against a model")
struct StockReservationModelTests {
    /// What the model knows of one reservation.
    struct Hold {
        var quantity: Int32
        var state: Product_V1_ReservationState
        var expiresAt: Int64
    }

    @Test("random operations agree with the model", arguments: [619, 2024, 31_337])
    func randomOperations(seed: UInt64) async throws {
        print("StockReservationModelTests seed \(seed) (replay: arguments: [\(seed)])")
        var random = SplitMix64(seed: seed)
        let harness = SampleHarness()
        let hose = try await harness.addProduct(sku: "HOSE-1", name: "Garden hose", stock: 20)
        var now: Int64 = 1_750_000_000
        var onHand: Int32 = 20
        var holds: [String: Hold] = [:]
        var outcomes: [String: Int] = [:]
        func expire() {
            for (id, hold) in holds where hold.state == .held && hold.expiresAt <= now {
                holds[id]?.state = .expired
                outcomes["expired", default: 0] += 1
            }
        }
        for step in 0..<300 {
            let ids = holds.keys.sorted()
            var operation = random.next() % 4
            if ids.isEmpty, operation == 1 || operation == 2 { operation = 0 }
            switch operation {
            case 0:
                let quantity = Int32(random.next() % 6) + 1
                let ttl = Int64(random.next() % 120) + 1
                expire()
                let held = holds.values.filter { $0.state == .held }.reduce(0) { $0 + $1.quantity }
                let request = Product_V1_ReserveStockRequest(
                    productID: hose.id, quantity: quantity, orderID: "o", idempotencyKey: "k-\(step)",
                    ttl: Google_Protobuf_Duration(seconds: ttl))
                do {
                    let reservation = try await harness.products.reserveStock(request)
                    #expect(onHand - held >= quantity, "step \(step): reserved \(quantity) with \(onHand - held) free")
                    holds[reservation.id] = Hold(quantity: quantity, state: .held, expiresAt: now + ttl)
                    outcomes["held", default: 0] += 1
                } catch let status as RPCStatus {
                    #expect(status.code == .failedPrecondition && onHand - held < quantity, "step \(step): \(status)")
                    outcomes["insufficient", default: 0] += 1
                }
            case 1, 2:
                let id = ids[Int(random.next() % UInt64(ids.count))]
                let commits = random.next() % 2 == 0
                expire()
                let target: Product_V1_ReservationState = commits ? .committed : .released
                let before = holds[id]?.state ?? .unspecified
                do {
                    let result =
                        commits
                        ? try await harness.products.commitReservation(
                            Product_V1_CommitReservationRequest(reservationID: id))
                        : try await harness.products.releaseReservation(
                            Product_V1_ReleaseReservationRequest(reservationID: id))
                    #expect(before == .held || before == target, "step \(step): \(before) → \(target)")
                    #expect(result.state == target)
                    if before == .held, commits { onHand -= holds[id]?.quantity ?? 0 }
                    holds[id]?.state = target
                    outcomes[before == .held ? "\(target)" : "repeated", default: 0] += 1
                } catch let status as RPCStatus {
                    #expect(status.code == .failedPrecondition, "step \(step): \(status)")
                    #expect(before != .held && before != target, "step \(step): \(before) → \(target) refused")
                    outcomes["refused", default: 0] += 1
                }
            default:
                let seconds = Int64(random.next() % 40)
                harness.clock.advance(seconds: seconds)
                now += seconds
            }
            expire()
            let held = holds.values.filter { $0.state == .held }.reduce(0) { $0 + $1.quantity }
            let level = try await harness.products.getStock(Product_V1_GetStockRequest(productID: hose.id))
            #expect(level.available >= 0)
            #expect(level == Product_V1_StockLevel(productID: hose.id, available: onHand - held, reserved: held))
        }
        // The sequence reached every kind of answer, so the checks above covered each of them.
        print("StockReservationModelTests seed \(seed): \(outcomes.sorted { $0.key < $1.key })")
        for outcome in ["held", "insufficient", "committed", "released", "repeated", "refused", "expired"] {
            #expect(outcomes[outcome, default: 0] > 0, "seed \(seed) never reached \(outcome)")
        }
    }
}
