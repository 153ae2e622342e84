// The three sample services wired together: one clock, one catalog (products and order pricing),
// one session store (sign-in and the order service's callers).
public import RPC

/// In-memory implementations of the sample contracts (`user.v1`, `product.v1`, `order.v1`), for
/// the REST and gRPC tests and `sample-server`, until the real services (issue 14 and 15) exist.
///
/// ```swift
/// let sample = SampleServices(administratorEmails: ["admin@example.com"])
/// let server = RPCServer(services: sample.all)
/// ```
public struct SampleServices: Sendable {
    /// Accounts and sign-in.
    public let users: UserService
    /// The catalog.
    public let products: ProductService
    /// Orders, priced from the catalog.
    public let orders: OrderService

    /// The three services with empty stores.
    /// - Parameters:
    ///   - clock: Where the services read the time.
    ///   - administratorEmails: The emails whose accounts get `ROLE_ADMIN` at sign-up.
    public init(clock: SampleClock = .system, administratorEmails: Set<String> = []) {
        let sessions = SessionStore(clock: clock)
        let catalog = ProductCatalog(clock: clock)
        users = UserService(clock: clock, sessions: sessions, administratorEmails: administratorEmails)
        products = ProductService(catalog: catalog)
        orders = OrderService(clock: clock, catalog: catalog, sessions: sessions)
    }

    /// The three services, to hand to an `RPCServer` or a host.
    public var all: [any RPCService] { [users, products, orders] }
}
