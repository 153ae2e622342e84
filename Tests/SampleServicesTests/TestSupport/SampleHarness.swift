import CommonContracts
import OrderContracts
import ProductContracts
import ProtoRuntime
import RPC
import SampleServices
import Synchronization
import UserContracts

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    private let time = Mutex(Google_Protobuf_Timestamp(seconds: 1_750_000_000))

    /// The clock the services read.
    var sampleClock: SampleClock { SampleClock { self.time.withLock { $0 } } }

    /// Moves the time forward by `seconds`.
    func advance(seconds: Int64) {
        time.withLock { $0 = Google_Protobuf_Timestamp(seconds: $0.seconds + seconds, nanos: $0.nanos) }
    }
}

/// The three sample services behind one in-process server, and generated clients for them.
struct SampleHarness {
    static let adminEmail = "admin@example.com"

    let clock = ManualClock()
    let users: User_V1_UserService.Client
    let products: Product_V1_ProductService.Client
    let orders: Order_V1_OrderService.Client

    init() {
        let sample = SampleServices(clock: clock.sampleClock, administratorEmails: [Self.adminEmail])
        let client = RPCClient(transport: InProcessTransport(server: RPCServer(services: sample.all)))
        users = User_V1_UserService.Client(client: client)
        products = Product_V1_ProductService.Client(client: client)
        orders = Order_V1_OrderService.Client(client: client)
    }

    /// Call options that send `authorization: Bearer <token>`.
    static func bearer(_ token: String) -> RPCCallOptions {
        var metadata = Metadata()
        metadata.add("authorization", "Bearer \(token)")
        return RPCCallOptions(metadata: metadata)
    }

    /// Signs up `email` with the password `password1` and signs in.
    func signUp(_ email: String, name: String = "Ada") async throws -> User_V1_LoginResponse {
        _ = try await users.createUser(
            User_V1_CreateUserRequest(email: email, displayName: name, password: "password1"))
        return try await users.login(User_V1_LoginRequest(email: email, password: "password1"))
    }

    /// Adds an active product priced `minorUnits` in `currency`, with `stock` units.
    func addProduct(
        sku: String, name: String, description: String = "", tags: [String] = [], category: String = "",
        minorUnits: Int64 = 1000, currency: String = "EUR", stock: Int32 = 10
    ) async throws -> Product_V1_Product {
        let product = Product_V1_Product(
            sku: sku, name: name, description_p: description,
            price: Common_V1_Money(minorUnits: minorUnits, currencyCode: currency), tags: tags, category: category)
        return try await products.createProduct(
            Product_V1_CreateProductRequest(product: product, initialStock: stock))
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
