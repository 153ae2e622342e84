import CommonContracts
import OrderContracts
import ProductContracts
import ProtoRuntime
import Testing
import UserContracts

/// The platform's own contracts, each generated into its own module, used across modules.
@Suite("Sample contracts")
struct SampleContractsTests {
    @Test("an order built from types of three contract modules round-trips")
    func order() throws {
        let price = Common_V1_Money(minorUnits: 1999, currencyCode: "EUR")
        var order = Order_V1_Order(id: "ord-1", userID: "usr-1", status: .reserved)
        order.items = [Order_V1_LineItem(productID: "p-1", sku: "SKU-1", quantity: 2, unitPrice: price)]
        order.total = try price.adding(price)
        order.card = Order_V1_Card(brand: "visa", last4: "4242")
        order.createdAt = Google_Protobuf_Timestamp(seconds: 1_700_000_000, nanos: 0)
        let decoded = try Order_V1_Order(decoding: order.serializedBuffer())
        #expect(decoded == order)
        #expect(decoded.total?.minorUnits == 3998)
        #expect(decoded.paymentMethod == .card(Order_V1_Card(brand: "visa", last4: "4242")))

        let event = Order_V1_OrderEvent(
            eventID: "evt-1", orderID: "ord-1", status: .reserved,
            stock: [Product_V1_StockLevel(productID: "p-1", available: 8, reserved: 2)])
        #expect(try Order_V1_OrderEvent(serializedBytes: event.serializedBytes()) == event)
    }

    @Test("users and products round-trip, with optional filters and maps")
    func userAndProduct() throws {
        let user = User_V1_User(
            id: "u", email: "a@example.com", displayName: "A", status: .active, roles: [.customer, .admin],
            labels: ["tier": "gold"])
        #expect(try User_V1_User(serializedBytes: user.serializedBytes()) == user)
        var request = User_V1_ListUsersRequest(page: Common_V1_PageRequest(pageSize: 10))
        #expect(request.status == nil)
        request.status = .unspecified
        #expect(try User_V1_ListUsersRequest(serializedBytes: request.serializedBytes()).status == .unspecified)

        let product = Product_V1_Product(
            id: "p", sku: "S", name: "Mug", price: Common_V1_Money(minorUnits: 850, currencyCode: "USD"),
            status: .active, tags: ["kitchen"], attributes: ["color": "blue"])
        #expect(try Product_V1_Product(serializedBytes: product.serializedBytes()) == product)
    }

    @Test("money arithmetic refuses mixed currencies and overflow")
    func money() {
        let euros = Common_V1_Money(minorUnits: 1, currencyCode: "EUR")
        #expect(throws: MoneyError.self) { _ = try euros.adding(Common_V1_Money(minorUnits: 1, currencyCode: "USD")) }
        #expect(throws: MoneyError.self) {
            _ = try Common_V1_Money(minorUnits: .max, currencyCode: "EUR").adding(euros)
        }
        #expect(euros.multiplied(by: 3)?.minorUnits == 3)
        #expect(Common_V1_Money(minorUnits: .max, currencyCode: "EUR").multiplied(by: 2) == nil)
    }
}
