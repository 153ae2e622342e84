import CommonContracts
import OrderContracts
import ProductContracts
import ProtoRuntime
import RPC
import SampleServices
import Testing
import UserContracts

@Suite("Sample order service: creation")
struct OrderServiceTests {
    static let card = Order_V1_CreateOrderRequest.PaymentMethod.card(Order_V1_Card(brand: "visa", last4: "4242"))
    static let userID = "11111111-1111-4111-8111-111111111111"

    static func request(
        _ lines: [(String, Int32)], userID: String = userID, key: String = ""
    ) -> Order_V1_CreateOrderRequest {
        Order_V1_CreateOrderRequest(
            userID: userID, items: lines.map { Order_V1_LineItem(productID: $0.0, quantity: $0.1) },
            idempotencyKey: key,
            paymentMethod: card)
    }

    @Test("an order is PENDING, priced from the catalog (not the client), with SKUs and a total")
    func create() async throws {
        let harness = SampleHarness()
        let hose = try await harness.addProduct(sku: "HOSE-1", name: "Hose", minorUnits: 1500)
        let rake = try await harness.addProduct(sku: "RAKE-1", name: "Rake", minorUnits: 250)
        var request = Self.request([(hose.id, 2), (rake.id, 3)])
        request.items[0].unitPrice = Common_V1_Money(minorUnits: 1, currencyCode: "EUR")
        request.items[0].sku = "CHEAP"
        let order = try await harness.orders.createOrder(request)
        #expect(order.id.count == 36 && order.status == .pending && order.userID == Self.userID)
        #expect(order.items.map(\.sku) == ["HOSE-1", "RAKE-1"])
        #expect(order.items.map { $0.unitPrice?.minorUnits } == [1500, 250])
        #expect(order.total == Common_V1_Money(minorUnits: 3750, currencyCode: "EUR"))
        #expect(order.card == Order_V1_Card(brand: "visa", last4: "4242"))
        #expect(order.createdAt == Google_Protobuf_Timestamp(seconds: 1_750_000_000))
        #expect(try await harness.orders.getOrder(Order_V1_GetOrderRequest(id: order.id)) == order)
        let voucher = Order_V1_CreateOrderRequest(
            userID: Self.userID, items: [Order_V1_LineItem(productID: hose.id, quantity: 1)],
            paymentMethod: .voucherCode("SPRING24"))
        #expect(try await harness.orders.createOrder(voucher).voucherCode == "SPRING24")
    }

    @Test("an unknown or discontinued product, or a second currency, is FAILED_PRECONDITION")
    func preconditions() async throws {
        let harness = SampleHarness()
        let euros = try await harness.addProduct(sku: "HOSE-1", name: "Hose")
        let dollars = try await harness.addProduct(sku: "BOOK-1", name: "Dune", currency: "USD")
        let gone = try await harness.addProduct(sku: "RAKE-1", name: "Rake")
        _ = try await harness.products.deleteProduct(Product_V1_DeleteProductRequest(id: gone.id))
        let unknown = "00000000-0000-4000-8000-000000000000"
        let cases: [[(String, Int32)]] = [
            [(unknown, 1)], [(euros.id, 1), (gone.id, 1)], [(euros.id, 1), (dollars.id, 1)],
        ]
        for lines in cases {
            let code = await statusCode { try await harness.orders.createOrder(Self.request(lines)) }
            #expect(code == .failedPrecondition, "\(lines)")
        }
        #expect(try await harness.orders.listOrders(Order_V1_ListOrdersRequest()).orders.isEmpty)
    }

    @Test("the same idempotency key from the same user returns the first order; another user's is separate")
    func idempotency() async throws {
        let harness = SampleHarness()
        let hose = try await harness.addProduct(sku: "HOSE-1", name: "Hose")
        let first = try await harness.orders.createOrder(Self.request([(hose.id, 1)], key: "k-1"))
        harness.clock.advance(seconds: 5)
        // Even with other lines, and after the product is discontinued: the key decides.
        _ = try await harness.products.deleteProduct(Product_V1_DeleteProductRequest(id: hose.id))
        let retry = try await harness.orders.createOrder(Self.request([(hose.id, 9)], key: "k-1"))
        #expect(retry == first)
        let hose2 = try await harness.addProduct(sku: "HOSE-2", name: "Hose")
        let other = "22222222-2222-4222-8222-222222222222"
        let theirs = try await harness.orders.createOrder(Self.request([(hose2.id, 1)], userID: other, key: "k-1"))
        #expect(theirs.id != first.id)
        let unkeyed1 = try await harness.orders.createOrder(Self.request([(hose2.id, 1)]))
        let unkeyed2 = try await harness.orders.createOrder(Self.request([(hose2.id, 1)]))
        #expect(unkeyed1.id != unkeyed2.id)
    }

    @Test("without user_id the order belongs to the token's account; with neither it is UNAUTHENTICATED")
    func callerOwnsOrder() async throws {
        let harness = SampleHarness()
        let login = try await harness.signUp("ada@example.com")
        let hose = try await harness.addProduct(sku: "HOSE-1", name: "Hose")
        let mine = try await harness.orders.createOrder(
            Self.request([(hose.id, 1)], userID: ""), options: SampleHarness.bearer(login.accessToken))
        #expect(mine.userID == login.user?.id)
        let anonymous = Self.request([(hose.id, 1)], userID: "")
        #expect(await statusCode { try await harness.orders.createOrder(anonymous) } == .unauthenticated)
    }

    @Test("list: by user_id, else the caller's, else everyone's; by status; newest first; paged")
    func list() async throws {
        let harness = SampleHarness()
        let login = try await harness.signUp("ada@example.com")
        let ada = try #require(login.user?.id)
        let hose = try await harness.addProduct(sku: "HOSE-1", name: "Hose")
        var adas: [String] = []
        for _ in 0..<3 {
            adas.append(try await harness.orders.createOrder(Self.request([(hose.id, 1)], userID: ada)).id)
        }
        let other = try await harness.orders.createOrder(Self.request([(hose.id, 1)])).id
        _ = try await harness.orders.cancelOrder(Order_V1_CancelOrderRequest(id: adas[0]))
        let byID = try await harness.orders.listOrders(Order_V1_ListOrdersRequest(userID: ada))
        #expect(byID.orders.map(\.id) == adas.reversed())
        let asAda = SampleHarness.bearer(login.accessToken)
        #expect(try await harness.orders.listOrders(Order_V1_ListOrdersRequest(), options: asAda).orders.count == 3)
        let everyone = try await harness.orders.listOrders(Order_V1_ListOrdersRequest())
        #expect(everyone.orders.map(\.id) == [other] + adas.reversed())
        let cancelled = try await harness.orders.listOrders(Order_V1_ListOrdersRequest(status: .cancelled))
        #expect(cancelled.orders.map(\.id) == [adas[0]])
        let paged = Order_V1_ListOrdersRequest(page: Common_V1_PageRequest(pageSize: 3))
        let page = try await harness.orders.listOrders(paged)
        #expect(page.orders.count == 3 && page.page?.nextPageToken.isEmpty == false && page.page?.totalSize == 4)
    }
}
