// order.v1.OrderService in memory: orders priced from the shared catalog, idempotent creation,
// and the lifecycle calls. The saga (reserve stock, take payment, confirm) does not exist yet:
// orders stay PENDING until a client cancels or ships them.
public import OrderContracts
public import RPC

/// Serves `order.v1.OrderService` from memory, pricing orders from a ``ProductCatalog``.
///
/// ```swift
/// let clock = SampleClock.system
/// let catalog = ProductCatalog(clock: clock)
/// let sessions = SessionStore(clock: clock)
/// let server = RPCServer(services: [
///     ProductService(catalog: catalog), OrderService(clock: clock, catalog: catalog, sessions: sessions),
/// ])
/// ```
///
/// An order without `user_id` belongs to the caller its access token names. Without the saga an
/// order never reaches CONFIRMED, so shipping accepts PENDING as well (see ``OrderBook/Transition/ship``).
public final class OrderService: Order_V1_OrderService.ServiceProtocol {
    private let book: OrderBook
    private let catalog: ProductCatalog
    private let sessions: SessionStore

    /// A service with no orders, pricing from `catalog` and knowing callers from `sessions`.
    public init(clock: SampleClock, catalog: ProductCatalog, sessions: SessionStore) {
        book = OrderBook(clock: clock)
        self.catalog = catalog
        self.sessions = sessions
    }

    /// Creates a PENDING order; the same idempotency key from the same user returns the first
    /// order. Lines keep only the product and quantity the client sent; SKUs and prices come from
    /// the catalog. Creation is one lock transition, so no request is ever "still in flight"
    /// (the contract's ABORTED) here.
    public func createOrder(
        _ request: Order_V1_CreateOrderRequest, context: RPCServerContext
    ) async throws -> Order_V1_Order {
        let userID: String
        if !request.userID.isEmpty {
            userID = request.userID
        } else if let caller = caller(context) {
            userID = caller
        } else {
            throw RPCStatus(.unauthenticated, "no user_id and no access token to take it from")
        }
        if let earlier = book.order(userID: userID, idempotencyKey: request.idempotencyKey) { return earlier }
        let payment: Order_V1_Order.PaymentMethod
        switch request.paymentMethod {
        case .card(let card)?: payment = .card(card)
        case .voucherCode(let code)?: payment = .voucherCode(code)
        case nil: throw RPCStatus(.invalidArgument, "a payment method (card or voucher_code) is required")
        }
        let priced = try catalog.price(request.items)
        let order = Order_V1_Order(userID: userID, items: priced.items, total: priced.total, paymentMethod: payment)
        return book.insert(order, idempotencyKey: request.idempotencyKey)
    }

    public func getOrder(_ request: Order_V1_GetOrderRequest, context: RPCServerContext) async throws -> Order_V1_Order
    {
        try book.order(request.id)
    }

    /// The orders of `user_id`, else of the caller, else (no token) everyone's: the sample has no
    /// access control beyond `GetMe` and `SetRoles`.
    public func listOrders(
        _ request: Order_V1_ListOrdersRequest, context: RPCServerContext
    ) async throws -> Order_V1_ListOrdersResponse {
        let cursor = try PageCursor(request.page)
        let userID = request.userID.isEmpty ? caller(context) : request.userID
        let page = cursor.slice(book.list(userID: userID, status: request.status))
        return Order_V1_ListOrdersResponse(orders: page.items, page: page.page)
    }

    /// Sends the order as it is now, then ends: with no saga, nothing changes an order except
    /// another call, so there is nothing to wait for. The saga's issue makes this follow changes.
    public func watchOrder(
        _ request: Order_V1_WatchOrderRequest, responses: RPCResponseWriter<Order_V1_Order>,
        context: RPCServerContext
    ) async throws {
        try await responses.write(book.order(request.id))
    }

    public func cancelOrder(
        _ request: Order_V1_CancelOrderRequest, context: RPCServerContext
    ) async throws -> Order_V1_Order {
        try book.apply(.cancel, to: request.id, reason: request.reason)
    }

    /// Ships the order, keeping its tracking number.
    public func shipOrder(
        _ request: Order_V1_ShipOrderRequest, context: RPCServerContext
    ) async throws -> Order_V1_Order {
        try book.apply(.ship, to: request.id, trackingNumber: request.trackingNumber)
    }

    public func completeOrder(
        _ request: Order_V1_CompleteOrderRequest, context: RPCServerContext
    ) async throws -> Order_V1_Order {
        try book.apply(.complete, to: request.id)
    }

    /// The account id the call's access token names, or `nil`.
    private func caller(_ context: RPCServerContext) -> String? {
        BearerToken.from(context.metadata).flatMap(sessions.userID(forAccessToken:))
    }
}
