import ProductContracts
import ProtoRuntime
import RPC
import SampleServices
import Testing

@Suite("Sample product service: stock reservations")
struct StockReservationTests {
    static func reserve(
        _ product: Product_V1_Product, _ quantity: Int32, key: String, order: String = "order-1",
        ttl: Google_Protobuf_Duration? = nil
    ) -> Product_V1_ReserveStockRequest {
        Product_V1_ReserveStockRequest(
            productID: product.id, quantity: quantity, orderID: order, idempotencyKey: key, ttl: ttl)
    }

    static func stock(_ harness: SampleHarness, _ product: Product_V1_Product) async throws -> Product_V1_StockLevel {
        try await harness.products.getStock(Product_V1_GetStockRequest(productID: product.id))
    }

    @Test("a reservation holds units: HELD, 15 minutes by default, out of the available stock")
    func reserve() async throws {
        let harness = SampleHarness()
        let hose = try await harness.addProduct(sku: "HOSE-1", name: "Garden hose", stock: 10)
        let reservation = try await harness.products.reserveStock(Self.reserve(hose, 3, key: "k-1"))
        #expect(reservation.id.count == 36)
        #expect(reservation.productID == hose.id && reservation.quantity == 3 && reservation.orderID == "order-1")
        #expect(reservation.state == .held)
        #expect(reservation.createdAt == Google_Protobuf_Timestamp(seconds: 1_750_000_000))
        #expect(reservation.expiresAt == Google_Protobuf_Timestamp(seconds: 1_750_000_000 + 15 * 60))
        #expect(
            try await Self.stock(harness, hose) == Product_V1_StockLevel(productID: hose.id, available: 7, reserved: 3))
    }

    @Test("a ttl sets the expiry, fractions of a second included")
    func ttl() async throws {
        let harness = SampleHarness()
        let hose = try await harness.addProduct(sku: "HOSE-1", name: "Garden hose")
        let ttl = Google_Protobuf_Duration(seconds: 59, nanos: 500_000_000)
        let reservation = try await harness.products.reserveStock(Self.reserve(hose, 1, key: "k", ttl: ttl))
        #expect(reservation.expiresAt == Google_Protobuf_Timestamp(seconds: 1_750_000_059, nanos: 500_000_000))
        let day = Google_Protobuf_Duration(seconds: 86_400)
        let longest = try await harness.products.reserveStock(Self.reserve(hose, 1, key: "day", ttl: day))
        #expect(longest.expiresAt == Google_Protobuf_Timestamp(seconds: 1_750_086_400))
    }

    @Test(
        "requests outside the contract's rules are INVALID_ARGUMENT and hold nothing",
        arguments: [
            Product_V1_ReserveStockRequest(
                productID: "not-a-uuid", quantity: 1, orderID: "o", idempotencyKey: "k"),
            Product_V1_ReserveStockRequest(productID: "", quantity: 0, orderID: "o", idempotencyKey: "k"),
            Product_V1_ReserveStockRequest(productID: "", quantity: 10_001, orderID: "o", idempotencyKey: "k"),
            Product_V1_ReserveStockRequest(productID: "", quantity: 1, orderID: "", idempotencyKey: "k"),
            Product_V1_ReserveStockRequest(
                productID: "", quantity: 1, orderID: String(repeating: "o", count: 65), idempotencyKey: "k"),
            Product_V1_ReserveStockRequest(productID: "", quantity: 1, orderID: "o", idempotencyKey: ""),
            Product_V1_ReserveStockRequest(
                productID: "", quantity: 1, orderID: "o", idempotencyKey: String(repeating: "k", count: 129)),
            Product_V1_ReserveStockRequest(
                productID: "", quantity: 1, orderID: "o", idempotencyKey: "k", ttl: Google_Protobuf_Duration()),
            Product_V1_ReserveStockRequest(
                productID: "", quantity: 1, orderID: "o", idempotencyKey: "k",
                ttl: Google_Protobuf_Duration(seconds: 86_400, nanos: 1)),
        ])
    func invalid(_ template: Product_V1_ReserveStockRequest) async throws {
        let harness = SampleHarness()
        let hose = try await harness.addProduct(sku: "HOSE-1", name: "Garden hose", stock: 10)
        var request = template
        if request.productID.isEmpty { request.productID = hose.id }
        #expect(await statusCode { try await harness.products.reserveStock(request) } == .invalidArgument)
        #expect(try await Self.stock(harness, hose).available == 10)
    }

    @Test("asking for more than is available is FAILED_PRECONDITION and holds nothing; all of it may be held")
    func insufficientStock() async throws {
        let harness = SampleHarness()
        let hose = try await harness.addProduct(sku: "HOSE-1", name: "Garden hose", stock: 5)
        _ = try await harness.products.reserveStock(Self.reserve(hose, 3, key: "a"))
        do {
            _ = try await harness.products.reserveStock(Self.reserve(hose, 3, key: "b"))
            Issue.record("a reservation of 3 with 2 available succeeded")
        } catch let status as RPCStatus {
            #expect(status.code == .failedPrecondition)
            #expect(status.message.contains("insufficient stock"))
        }
        #expect(try await Self.stock(harness, hose).available == 2)
        _ = try await harness.products.reserveStock(Self.reserve(hose, 2, key: "c"))
        #expect(
            try await Self.stock(harness, hose) == Product_V1_StockLevel(productID: hose.id, available: 0, reserved: 5))
        // Listing "in stock" counts what is available, not what is on hand.
        #expect(try await harness.products.listProducts(Product_V1_ListProductsRequest(inStock: true)).products.isEmpty)
    }

    @Test(
        "the same idempotency key returns the same reservation and holds nothing more; other parameters are ALREADY_EXISTS"
    )
    func idempotency() async throws {
        let harness = SampleHarness()
        let hose = try await harness.addProduct(sku: "HOSE-1", name: "Garden hose", stock: 10)
        let first = try await harness.products.reserveStock(Self.reserve(hose, 4, key: "k"))
        harness.clock.advance(seconds: 5)
        #expect(try await harness.products.reserveStock(Self.reserve(hose, 4, key: "k")) == first)
        #expect(try await Self.stock(harness, hose).reserved == 4)
        for other in [Self.reserve(hose, 5, key: "k"), Self.reserve(hose, 4, key: "k", order: "order-2")] {
            #expect(await statusCode { try await harness.products.reserveStock(other) } == .alreadyExists)
        }
        // After a release, the key still names that reservation, now RELEASED.
        _ = try await harness.products.releaseReservation(Product_V1_ReleaseReservationRequest(reservationID: first.id))
        let again = try await harness.products.reserveStock(Self.reserve(hose, 4, key: "k"))
        #expect(again.id == first.id && again.state == .released)
        #expect(try await Self.stock(harness, hose).available == 10)
    }

    @Test("release gives the units back; releasing again is the same answer; a released reservation cannot commit")
    func release() async throws {
        let harness = SampleHarness()
        let hose = try await harness.addProduct(sku: "HOSE-1", name: "Garden hose", stock: 10)
        let held = try await harness.products.reserveStock(Self.reserve(hose, 4, key: "k"))
        let request = Product_V1_ReleaseReservationRequest(reservationID: held.id)
        let released = try await harness.products.releaseReservation(request)
        var expected = held
        expected.state = .released
        #expect(released == expected)
        #expect(
            try await Self.stock(harness, hose) == Product_V1_StockLevel(productID: hose.id, available: 10, reserved: 0)
        )
        #expect(try await harness.products.releaseReservation(request) == released)
        #expect(try await Self.stock(harness, hose).available == 10)
        let commit = Product_V1_CommitReservationRequest(reservationID: held.id)
        #expect(await statusCode { try await harness.products.commitReservation(commit) } == .failedPrecondition)
    }

    @Test("commit sells the units; committing again is the same answer; a committed reservation cannot be released")
    func commit() async throws {
        let harness = SampleHarness()
        let hose = try await harness.addProduct(sku: "HOSE-1", name: "Garden hose", stock: 10)
        let held = try await harness.products.reserveStock(Self.reserve(hose, 4, key: "k"))
        let request = Product_V1_CommitReservationRequest(reservationID: held.id)
        let committed = try await harness.products.commitReservation(request)
        #expect(committed.state == .committed && committed.id == held.id && committed.quantity == 4)
        #expect(
            try await Self.stock(harness, hose) == Product_V1_StockLevel(productID: hose.id, available: 6, reserved: 0))
        #expect(try await harness.products.commitReservation(request) == committed)
        #expect(try await Self.stock(harness, hose).available == 6)
        let release = Product_V1_ReleaseReservationRequest(reservationID: held.id)
        #expect(await statusCode { try await harness.products.releaseReservation(release) } == .failedPrecondition)
        // Even after the expiry time, a committed reservation stays committed.
        harness.clock.advance(seconds: 3600)
        #expect(try await harness.products.commitReservation(request) == committed)
    }

    @Test("an expired hold gives its units back; commit and release after expiry are FAILED_PRECONDITION")
    func expiry() async throws {
        let harness = SampleHarness()
        let hose = try await harness.addProduct(sku: "HOSE-1", name: "Garden hose", stock: 10)
        let held = try await harness.products.reserveStock(
            Self.reserve(hose, 4, key: "k", ttl: Google_Protobuf_Duration(seconds: 60)))
        harness.clock.advance(seconds: 59)
        #expect(try await Self.stock(harness, hose).reserved == 4)
        harness.clock.advance(seconds: 1)
        #expect(
            try await Self.stock(harness, hose) == Product_V1_StockLevel(productID: hose.id, available: 10, reserved: 0)
        )
        do {
            _ = try await harness.products.commitReservation(
                Product_V1_CommitReservationRequest(reservationID: held.id))
            Issue.record("an expired reservation committed")
        } catch let status as RPCStatus {
            #expect(status.code == .failedPrecondition)
            #expect(status.message.contains("expired"))
        }
        let release = Product_V1_ReleaseReservationRequest(reservationID: held.id)
        #expect(await statusCode { try await harness.products.releaseReservation(release) } == .failedPrecondition)
        #expect(try await harness.products.reserveStock(Self.reserve(hose, 4, key: "k")).state == .expired)
        #expect(try await Self.stock(harness, hose).available == 10)
    }

    @Test("unknown products and reservations are NOT_FOUND; a discontinued product is FAILED_PRECONDITION")
    func missing() async throws {
        let harness = SampleHarness()
        let unknown = "00000000-0000-4000-8000-000000000000"
        var ghost = Product_V1_Product()
        ghost.id = unknown
        #expect(
            await statusCode { try await harness.products.reserveStock(Self.reserve(ghost, 1, key: "k")) } == .notFound)
        let release = Product_V1_ReleaseReservationRequest(reservationID: unknown)
        #expect(await statusCode { try await harness.products.releaseReservation(release) } == .notFound)
        let commit = Product_V1_CommitReservationRequest(reservationID: unknown)
        #expect(await statusCode { try await harness.products.commitReservation(commit) } == .notFound)
        let hose = try await harness.addProduct(sku: "HOSE-1", name: "Garden hose")
        _ = try await harness.products.deleteProduct(Product_V1_DeleteProductRequest(id: hose.id))
        #expect(
            await statusCode { try await harness.products.reserveStock(Self.reserve(hose, 1, key: "k")) }
                == .failedPrecondition)
    }

    @Test("64 concurrent reservations of the last 10 units: exactly 10 succeed, never oversold")
    func concurrentLastUnits() async throws {
        let harness = SampleHarness()
        let hose = try await harness.addProduct(sku: "HOSE-1", name: "Garden hose", stock: 10)
        let products = harness.products
        let outcomes = await withTaskGroup(of: RPCStatus.Code?.self) { group in
            for index in 0..<64 {
                group.addTask {
                    await statusCode { try await products.reserveStock(Self.reserve(hose, 1, key: "k-\(index)")) }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == nil }.count == 10)
        #expect(outcomes.filter { $0 == .failedPrecondition }.count == 54)
        #expect(
            try await Self.stock(harness, hose) == Product_V1_StockLevel(productID: hose.id, available: 0, reserved: 10)
        )
    }
}
