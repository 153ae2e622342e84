// product.v1.ProductService on a Storage database: the catalogue's RPCs, mapped to the domain and
// the store.
internal import CommonContracts
internal import Foundation
public import ProductContracts
public import ProtoRuntime
public import RPC
public import Storage

/// Serves `product.v1.ProductService` from an ``SQLDatabase``: the catalogue, its full-text
/// search, stock levels and the reservations orders hold.
///
/// ```swift
/// let database = try await SQLDatabaseLocation(url: databaseURL, dataDirectory: "data", name: "product").open()
/// let products = try ProductService(database: database, clock: .system)
/// try await products.migrate()
/// let host = ProcessHost(rpcServices: [products], services: [products.makeSweeper()])
/// ```
///
/// Who may call what is the auth interceptor's business (the contract declares it: public reads,
/// admin writes, internal inventory methods), so the handlers do not check the caller. Every
/// handler is one transaction or one read, so the service keeps no state of its own and any
/// number of replicas may serve one database: stock is guarded by conditional updates in the
/// database (see docs/services.md, "Product service").
///
/// A deleted product is discontinued (a soft delete): GetProduct still answers it, with status
/// `PRODUCT_STATUS_DISCONTINUED`, for order history; ListProducts and SearchProducts leave it
/// out, and ReserveStock refuses it.
public final class ProductService: Product_V1_ProductService.ServiceProtocol {
    /// The database the service keeps its data in.
    public let database: any SQLDatabase
    /// The clock that stamps records and decides expiry.
    public let clock: ProductClock
    /// Reservation times and page sizes.
    public let configuration: ProductServiceConfiguration
    let repository: any ProductRepository

    /// A service on `database`. Call ``migrate()`` before serving.
    ///
    /// - Throws: ``ProductError/Code/invalidArgument`` for a configuration out of range.
    public init(
        database: any SQLDatabase, clock: ProductClock = .system, configuration: ProductServiceConfiguration = .defaults
    ) throws(ProductError) {
        try configuration.validate()
        self.database = database
        self.clock = clock
        self.configuration = configuration
        self.repository = SQLProductRepository(database: database)
    }

    /// The product service's schema migrations (see ``migrate()``).
    public static var migrations: [Migration] { ProductMigrations.all }

    /// Brings the schema up to date: applies the migrations not yet applied, each in its own
    /// transaction. Safe when several replicas start at once.
    ///
    /// - Throws: ``ProductError`` with the storage failure as its cause (a schema newer than this
    ///   code, a changed migration, an unreachable database).
    @discardableResult
    public func migrate() async throws(ProductError) -> MigrationReport {
        do {
            return try await database.migrate(ProductMigrations.all)
        } catch {
            throw .storage(error)
        }
    }

    /// A sweeper that expires this service's lapsed reservations every
    /// ``ProductServiceConfiguration/Reservations/sweepInterval``; run it on the host.
    public func makeSweeper() -> ReservationSweeper {
        ReservationSweeper(repository: repository, clock: clock, configuration: configuration.reservations)
    }

    /// A new server-assigned id: a random (version 4) UUID in lower case.
    static func newID() -> String {
        UUID().uuidString.lowercased()
    }

    /// An id from a request, in the form ids are stored in (UUID text is case-insensitive).
    static func normalized(_ id: String) -> String {
        id.lowercased()
    }

    // MARK: Catalogue

    public func createProduct(
        _ request: Product_V1_CreateProductRequest, context: RPCServerContext
    ) async throws -> Product_V1_Product {
        guard let message = request.product else { throw ProductError.invalid("product", "is required") }
        guard request.initialStock >= 0 else {
            throw ProductError.invalid("initial_stock", "must not be negative, got \(request.initialStock)")
        }
        let product = try CatalogProduct.new(id: Self.newID(), try ProductFields(message), at: clock.now())
        try await repository.create(product, onHand: Int64(request.initialStock))
        return product.message
    }

    public func getProduct(
        _ request: Product_V1_GetProductRequest, context: RPCServerContext
    ) async throws -> Product_V1_Product {
        try await repository.product(id: Self.normalized(request.id)).message
    }

    public func updateProduct(
        _ request: Product_V1_UpdateProductRequest, context: RPCServerContext
    ) async throws -> Product_V1_Product {
        guard let message = request.product else { throw ProductError.invalid("product", "is required") }
        guard !message.id.isEmpty else { throw ProductError.invalid("product.id", "names the product to update") }
        let fields = try ProductFields(message)
        let update = try ProductUpdate(maskPaths: request.updateMask?.paths ?? [], populated: fields.populatedPaths)
        return try await repository.update(id: Self.normalized(message.id), update, with: fields, at: clock.now())
            .message
    }

    public func deleteProduct(
        _ request: Product_V1_DeleteProductRequest, context: RPCServerContext
    ) async throws -> Google_Protobuf_Empty {
        try await repository.discontinue(id: Self.normalized(request.id), at: clock.now())
        return Google_Protobuf_Empty()
    }

    // MARK: Stock

    public func getStock(
        _ request: Product_V1_GetStockRequest, context: RPCServerContext
    ) async throws -> Product_V1_StockLevel {
        try await repository.stock(productID: Self.normalized(request.productID), at: clock.now()).message
    }

    public func reserveStock(
        _ request: Product_V1_ReserveStockRequest, context: RPCServerContext
    ) async throws -> Product_V1_Reservation {
        let reservation = try ReservationRequest(
            productID: Self.normalized(request.productID), quantity: Int64(request.quantity), orderID: request.orderID,
            idempotencyKey: request.idempotencyKey, ttl: request.ttl?.duration,
            defaultTTL: configuration.reservations.defaultTTL, maximumTTL: configuration.reservations.maximumTTL)
        return try await repository.reserve(reservation, id: Self.newID(), at: clock.now()).message
    }

    public func releaseReservation(
        _ request: Product_V1_ReleaseReservationRequest, context: RPCServerContext
    ) async throws -> Product_V1_Reservation {
        try await repository.settle(reservationID: Self.normalized(request.reservationID), .release, at: clock.now())
            .message
    }

    public func commitReservation(
        _ request: Product_V1_CommitReservationRequest, context: RPCServerContext
    ) async throws -> Product_V1_Reservation {
        try await repository.settle(reservationID: Self.normalized(request.reservationID), .commit, at: clock.now())
            .message
    }
}
