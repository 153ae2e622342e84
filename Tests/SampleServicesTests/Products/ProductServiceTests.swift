import CommonContracts
import ProductContracts
import ProtoRuntime
import RPC
import SampleServices
import Testing

@Suite("Sample product service: catalog and stock")
struct ProductServiceTests {
    @Test("create assigns an id, ACTIVE and timestamps, keeps the stock, and refuses a taken SKU")
    func create() async throws {
        let harness = SampleHarness()
        let product = try await harness.addProduct(sku: "HOSE-1", name: "Garden hose", stock: 7)
        #expect(product.id.count == 36)
        #expect(product.status == .active)
        #expect(product.createdAt == Google_Protobuf_Timestamp(seconds: 1_750_000_000))
        #expect(try await harness.products.getProduct(Product_V1_GetProductRequest(id: product.id)) == product)
        let stock = try await harness.products.getStock(Product_V1_GetStockRequest(productID: product.id))
        #expect(stock == Product_V1_StockLevel(productID: product.id, available: 7, reserved: 0))
        #expect(await statusCode { try await harness.addProduct(sku: "HOSE-1", name: "Other") } == .alreadyExists)
    }

    @Test("an unknown id is NOT_FOUND for get, update, delete and stock")
    func notFound() async throws {
        let harness = SampleHarness()
        let id = "00000000-0000-4000-8000-000000000000"
        #expect(
            await statusCode { try await harness.products.getProduct(Product_V1_GetProductRequest(id: id)) }
                == .notFound)
        let update = Product_V1_UpdateProductRequest(
            product: Product_V1_Product(id: id, sku: "ABC", name: "x", price: Common_V1_Money(currencyCode: "EUR")))
        #expect(await statusCode { try await harness.products.updateProduct(update) } == .notFound)
        #expect(
            await statusCode { try await harness.products.deleteProduct(Product_V1_DeleteProductRequest(id: id)) }
                == .notFound)
        #expect(
            await statusCode { try await harness.products.getStock(Product_V1_GetStockRequest(productID: id)) }
                == .notFound)
    }

    @Test("update with a mask changes those fields; a new SKU must be free; unknown paths are INVALID_ARGUMENT")
    func update() async throws {
        let harness = SampleHarness()
        let hose = try await harness.addProduct(sku: "HOSE-1", name: "Garden hose", tags: ["garden"])
        _ = try await harness.addProduct(sku: "RAKE-1", name: "Rake")
        var changes = hose
        changes.name = "Long garden hose"
        changes.tags = []
        changes.sku = "HOSE-2"
        let renamed = try await harness.products.updateProduct(
            Product_V1_UpdateProductRequest(
                product: changes, updateMask: Google_Protobuf_FieldMask(paths: ["name", "tags", "sku"])))
        #expect(renamed.name == "Long garden hose" && renamed.tags.isEmpty && renamed.sku == "HOSE-2")
        // The old SKU is free again, the other product's is not.
        _ = try await harness.addProduct(sku: "HOSE-1", name: "Short hose")
        changes.sku = "RAKE-1"
        let taken = Product_V1_UpdateProductRequest(
            product: changes, updateMask: Google_Protobuf_FieldMask(paths: ["sku"]))
        #expect(await statusCode { try await harness.products.updateProduct(taken) } == .alreadyExists)
        let unknown = Product_V1_UpdateProductRequest(
            product: changes, updateMask: Google_Protobuf_FieldMask(paths: ["created_at"]))
        #expect(await statusCode { try await harness.products.updateProduct(unknown) } == .invalidArgument)
        // No mask: every populated field (here the price) changes.
        var repriced = Product_V1_Product(id: hose.id, sku: "HOSE-2", name: "Long garden hose")
        repriced.price = Common_V1_Money(minorUnits: 2500, currencyCode: "EUR")
        let result = try await harness.products.updateProduct(Product_V1_UpdateProductRequest(product: repriced))
        #expect(result.price?.minorUnits == 2500 && result.name == "Long garden hose")
    }

    @Test("delete discontinues: still readable by id, no longer listed or searched")
    func delete() async throws {
        let harness = SampleHarness()
        let hose = try await harness.addProduct(sku: "HOSE-1", name: "Garden hose")
        _ = try await harness.products.deleteProduct(Product_V1_DeleteProductRequest(id: hose.id))
        #expect(
            try await harness.products.getProduct(Product_V1_GetProductRequest(id: hose.id)).status == .discontinued)
        #expect(try await harness.products.listProducts(Product_V1_ListProductsRequest()).products.isEmpty)
        let search = Product_V1_SearchProductsRequest(query: "hose")
        #expect(try await harness.products.searchProducts(search).results.isEmpty)
    }

    @Test("list filters by tag, category, price range, stock and query, newest first")
    func listFilters() async throws {
        let harness = SampleHarness()
        let hose = try await harness.addProduct(
            sku: "HOSE-1", name: "Garden hose", tags: ["Garden"], category: "garden-tools", minorUnits: 1500)
        let rake = try await harness.addProduct(
            sku: "RAKE-1", name: "Rake", tags: ["garden"], category: "garden-tools", minorUnits: 900, stock: 0)
        let book = try await harness.addProduct(sku: "BOOK-1", name: "Dune", category: "books", minorUnits: 1200)
        let dollars = try await harness.addProduct(sku: "BOOK-2", name: "Emma", minorUnits: 800, currency: "USD")
        func ids(_ request: Product_V1_ListProductsRequest) async throws -> [String] {
            try await harness.products.listProducts(request).products.map(\.id)
        }
        #expect(try await ids(Product_V1_ListProductsRequest()) == [dollars.id, book.id, rake.id, hose.id])
        #expect(try await ids(Product_V1_ListProductsRequest(tag: "GARDEN")) == [rake.id, hose.id])
        #expect(try await ids(Product_V1_ListProductsRequest(category: "books")) == [book.id])
        #expect(try await ids(Product_V1_ListProductsRequest(inStock: true)) == [dollars.id, book.id, hose.id])
        let range = Product_V1_ListProductsRequest(
            maxPrice: Common_V1_Money(minorUnits: 1200, currencyCode: "EUR"),
            minPrice: Common_V1_Money(minorUnits: 1000, currencyCode: "EUR"))
        #expect(try await ids(range) == [book.id])
        let cheapDollars = Product_V1_ListProductsRequest(
            maxPrice: Common_V1_Money(minorUnits: 900, currencyCode: "USD"))
        #expect(try await ids(cheapDollars) == [dollars.id])
        #expect(try await ids(Product_V1_ListProductsRequest(query: "gard")) == [rake.id, hose.id])
    }
}
