import CommonContracts
import ProductContracts
import ProductService
import ProtoRuntime
import RPC
import Storage
import Testing

/// A migrated ``ProductService`` on a fresh database of one driver, behind an in-process
/// ``RPCServer`` (request validation on, no auth interceptor), and the generated client to it.
struct ProductHarness: Sendable {
    let driver: Driver
    let test: TestDatabase
    let database: any SQLDatabase
    let clock: ManualClock
    let service: ProductService
    let products: Product_V1_ProductService.Client

    /// Runs `body` with a fresh harness, then closes and removes the database.
    static func with<Value>(
        _ driver: Driver, configuration: ProductServiceConfiguration = .defaults, connections: Int = 4,
        _ body: (ProductHarness) async throws -> Value
    ) async throws -> Value {
        let test = try await TestDatabase.make(driver, connections: connections)
        let database: any SQLDatabase
        do {
            database = try await test.open()
        } catch {
            await test.cleanUp()
            throw error
        }
        let clock = ManualClock()
        do {
            let service = try ProductService(
                database: database, clock: clock.productClock, configuration: configuration)
            try await service.migrate()
            let harness = ProductHarness(
                driver: driver, test: test, database: database, clock: clock, service: service,
                products: Self.client(for: service))
            let value = try await body(harness)
            await database.close()
            await test.cleanUp()
            return value
        } catch {
            await database.close()
            await test.cleanUp()
            throw error
        }
    }

    /// A generated client calling `service` through an in-process server.
    static func client(for service: ProductService) -> Product_V1_ProductService.Client {
        let server = RPCServer(services: [service])
        return Product_V1_ProductService.Client(client: RPCClient(transport: InProcessTransport(server: server)))
    }

    /// Adds a product through the RPC.
    @discardableResult
    func addProduct(
        sku: String, name: String, description: String = "", tags: [String] = [], category: String = "",
        minorUnits: Int64 = 1000, currency: String = "EUR", stock: Int32 = 10, attributes: [String: String] = [:]
    ) async throws -> Product_V1_Product {
        let product = Product_V1_Product(
            sku: sku, name: name, description_p: description,
            price: Common_V1_Money(minorUnits: minorUnits, currencyCode: currency), tags: tags, attributes: attributes,
            category: category)
        return try await products.createProduct(Product_V1_CreateProductRequest(product: product, initialStock: stock))
    }

    /// The stock of `productID`.
    func stock(_ productID: String) async throws -> Product_V1_StockLevel {
        try await products.getStock(Product_V1_GetStockRequest(productID: productID))
    }

    /// A reservation request with a fresh key unless one is given.
    static func reservation(
        _ productID: String, quantity: Int32 = 1, order: String = "order-1", key: String? = nil,
        ttlSeconds: Int64? = nil
    ) -> Product_V1_ReserveStockRequest {
        Product_V1_ReserveStockRequest(
            productID: productID, quantity: quantity, orderID: order,
            idempotencyKey: key ?? "key-\(UInt64.random(in: 0 ... .max))",
            ttl: ttlSeconds.map { Google_Protobuf_Duration(seconds: $0) })
    }
}

/// The status code `body` fails with, or `nil` when it succeeds.
func statusCode(_ body: () async throws -> some Any) async -> RPCStatus.Code? {
    do {
        _ = try await body()
        return nil
    } catch let status as RPCStatus {
        return status.code
    } catch {
        return .unknown
    }
}

/// The status `body` fails with, or `nil` when it succeeds.
func status(_ body: () async throws -> some Any) async -> RPCStatus? {
    do {
        _ = try await body()
        return nil
    } catch let status as RPCStatus {
        return status
    } catch {
        return RPCStatus(.unknown, "\(error)")
    }
}
