import CommonContracts
import ProductContracts
import ProtoRuntime
import RPC
import Testing

@Suite("Product service: stock and reservations")
struct InventoryTests {
    @Test(
        "reserve holds units; release gives them back; commit sells them; repeats are idempotent",
        arguments: Driver.allCases)
    func lifecycle(driver: Driver) async throws {
        try await ProductHarness.with(driver) { harness in
            let products = harness.products
            let mug = try await harness.addProduct(sku: "MUG-1", name: "Mug", stock: 10)
            let first = try await products.reserveStock(ProductHarness.reservation(mug.id, quantity: 3, order: "o-1"))
            #expect(first.state == .held && first.quantity == 3 && first.orderID == "o-1" && first.productID == mug.id)
            #expect(first.createdAt == Google_Protobuf_Timestamp(seconds: 1_750_000_000))
            #expect(first.expiresAt == Google_Protobuf_Timestamp(seconds: 1_750_000_000 + 15 * 60))
            let second = try await products.reserveStock(
                ProductHarness.reservation(mug.id, quantity: 4, ttlSeconds: 90))
            #expect(second.expiresAt == Google_Protobuf_Timestamp(seconds: 1_750_000_090))
            #expect(
                try await harness.stock(mug.id) == Product_V1_StockLevel(productID: mug.id, available: 3, reserved: 7))

            let released = try await products.releaseReservation(
                Product_V1_ReleaseReservationRequest(reservationID: first.id))
            #expect(released.state == .released && released.id == first.id)
            let committed = try await products.commitReservation(
                Product_V1_CommitReservationRequest(reservationID: second.id))
            #expect(committed.state == .committed)
            #expect(
                try await harness.stock(mug.id) == Product_V1_StockLevel(productID: mug.id, available: 6, reserved: 0))
            // The same transition again answers the reservation unchanged and moves no stock.
            #expect(
                try await products.releaseReservation(Product_V1_ReleaseReservationRequest(reservationID: first.id))
                    == released)
            #expect(
                try await products.commitReservation(Product_V1_CommitReservationRequest(reservationID: second.id))
                    == committed)
            #expect(try await harness.stock(mug.id).available == 6)
            // The other transition is refused.
            let commitReleased = await status {
                try await products.commitReservation(Product_V1_CommitReservationRequest(reservationID: first.id))
            }
            #expect(commitReleased?.code == .failedPrecondition && commitReleased?.message.contains("RELEASED") == true)
            let releaseCommitted = await statusCode {
                try await products.releaseReservation(Product_V1_ReleaseReservationRequest(reservationID: second.id))
            }
            #expect(releaseCommitted == .failedPrecondition)
        }
    }

    @Test("asking for more than is available holds nothing; unknown ids are NOT_FOUND", arguments: Driver.allCases)
    func refusals(driver: Driver) async throws {
        try await ProductHarness.with(driver) { harness in
            let products = harness.products
            let mug = try await harness.addProduct(sku: "MUG-1", name: "Mug", stock: 2)
            let tooMany = await status {
                try await products.reserveStock(ProductHarness.reservation(mug.id, quantity: 3))
            }
            #expect(
                tooMany?.code == .failedPrecondition && tooMany?.message == "insufficient stock: 2 available, 3 asked")
            #expect(
                try await harness.stock(mug.id) == Product_V1_StockLevel(productID: mug.id, available: 2, reserved: 0))
            let unknown = "00000000-0000-4000-8000-000000000000"
            #expect(
                await statusCode { try await products.reserveStock(ProductHarness.reservation(unknown)) } == .notFound)
            #expect(
                await statusCode {
                    try await products.releaseReservation(Product_V1_ReleaseReservationRequest(reservationID: unknown))
                } == .notFound)
            #expect(
                await statusCode {
                    try await products.commitReservation(Product_V1_CommitReservationRequest(reservationID: unknown))
                } == .notFound)
            // The contract's rules answer before the handler: no quantity, a ttl over 24 hours.
            #expect(
                await statusCode { try await products.reserveStock(ProductHarness.reservation(mug.id, quantity: 0)) }
                    == .invalidArgument)
            #expect(
                await statusCode {
                    try await products.reserveStock(ProductHarness.reservation(mug.id, ttlSeconds: 86_401))
                }
                    == .invalidArgument)
        }
    }

    @Test(
        "the same key returns the same reservation without holding more; another request under it is ALREADY_EXISTS",
        arguments: Driver.allCases)
    func idempotency(driver: Driver) async throws {
        try await ProductHarness.with(driver) { harness in
            let products = harness.products
            let mug = try await harness.addProduct(sku: "MUG-1", name: "Mug", stock: 5)
            let tea = try await harness.addProduct(sku: "TEA-1", name: "Tea", stock: 5)
            let request = ProductHarness.reservation(mug.id, quantity: 2, order: "o-1", key: "order-o-1-line-1")
            let first = try await products.reserveStock(request)
            harness.clock.advance(by: .seconds(10))
            #expect(try await products.reserveStock(request) == first)
            // A retry with another ttl is still the same request.
            var longer = request
            longer.ttl = Google_Protobuf_Duration(seconds: 3600)
            #expect(try await products.reserveStock(longer) == first)
            #expect(try await harness.stock(mug.id).reserved == 2)
            for change in [
                { (request: inout Product_V1_ReserveStockRequest) in request.quantity = 3 }, { $0.orderID = "o-2" },
                { $0.productID = tea.id },
            ] {
                var other = request
                change(&other)
                #expect(await statusCode { try await products.reserveStock(other) } == .alreadyExists)
            }
            #expect(try await harness.stock(mug.id).reserved == 2)
            #expect(try await harness.stock(tea.id).reserved == 0)
            // After a commit, the key answers the committed reservation.
            _ = try await products.commitReservation(Product_V1_CommitReservationRequest(reservationID: first.id))
            let again = try await products.reserveStock(request)
            #expect(again.id == first.id && again.state == .committed)
            #expect(
                try await harness.stock(mug.id) == Product_V1_StockLevel(productID: mug.id, available: 3, reserved: 0))
        }
    }

    @Test(
        "a lapsed hold frees its units at once; release and commit after expiry are FAILED_PRECONDITION",
        arguments: Driver.allCases)
    func expiry(driver: Driver) async throws {
        try await ProductHarness.with(driver) { harness in
            let products = harness.products
            let mug = try await harness.addProduct(sku: "MUG-1", name: "Mug", stock: 3)
            let short = try await products.reserveStock(
                ProductHarness.reservation(mug.id, quantity: 2, key: "k-short", ttlSeconds: 60))
            let other = try await products.reserveStock(
                ProductHarness.reservation(mug.id, quantity: 1, key: "k-other", ttlSeconds: 60))
            harness.clock.advance(by: .seconds(59))
            #expect(try await harness.stock(mug.id).available == 0)
            harness.clock.advance(by: .seconds(1))
            // No sweep has run: the stock already counts the lapsed holds as free.
            #expect(
                try await harness.stock(mug.id) == Product_V1_StockLevel(productID: mug.id, available: 3, reserved: 0))
            let commit = await status {
                try await products.commitReservation(Product_V1_CommitReservationRequest(reservationID: short.id))
            }
            #expect(commit?.code == .failedPrecondition && commit?.message.contains("expired") == true)
            #expect(
                await statusCode {
                    try await products.releaseReservation(Product_V1_ReleaseReservationRequest(reservationID: short.id))
                } == .failedPrecondition)
            // The refused commit marked it EXPIRED: its key now answers that state.
            let retried = try await products.reserveStock(
                ProductHarness.reservation(mug.id, quantity: 2, key: "k-short"))
            #expect(retried.id == short.id && retried.state == .expired)
            // A new reservation takes the freed units (and expires the other lapsed hold).
            let fresh = try await products.reserveStock(ProductHarness.reservation(mug.id, quantity: 3))
            #expect(fresh.state == .held)
            let lapsed = try await products.reserveStock(
                ProductHarness.reservation(mug.id, quantity: 1, key: "k-other"))
            #expect(lapsed.id == other.id && lapsed.state == .expired)
            #expect(
                try await harness.stock(mug.id) == Product_V1_StockLevel(productID: mug.id, available: 0, reserved: 3))
            _ = try await products.commitReservation(Product_V1_CommitReservationRequest(reservationID: fresh.id))
            #expect(
                try await harness.stock(mug.id) == Product_V1_StockLevel(productID: mug.id, available: 0, reserved: 0))
        }
    }
}
