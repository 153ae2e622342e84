import CommonContracts
import ProductContracts
import ProtoRuntime
import RPC
import Testing

@Suite("Product service: catalogue")
struct CatalogTests {
    @Test(
        "create assigns an id, ACTIVE and timestamps; get answers it; a taken SKU is ALREADY_EXISTS",
        arguments: Driver.allCases)
    func create(driver: Driver) async throws {
        try await ProductHarness.with(driver) { harness in
            let hose = try await harness.addProduct(
                sku: "HOSE-1", name: "Garden hose", description: "Twenty metres.", tags: ["garden", "Water"],
                category: "garden-tools", minorUnits: 2_999, stock: 7,
                attributes: ["length": "20 m", "colour": "green"])
            #expect(hose.id.count == 36 && hose.id == hose.id.lowercased())
            #expect(hose.status == .active)
            #expect(
                hose.createdAt == Google_Protobuf_Timestamp(seconds: 1_750_000_000) && hose.updatedAt == hose.createdAt)
            let read = try await harness.products.getProduct(Product_V1_GetProductRequest(id: hose.id))
            #expect(read == hose)
            #expect(read.tags == ["garden", "Water"] && read.attributes == ["length": "20 m", "colour": "green"])
            #expect(read.price == Common_V1_Money(minorUnits: 2_999, currencyCode: "EUR"))
            // Upper-case ids are the same ids.
            #expect(
                try await harness.products.getProduct(Product_V1_GetProductRequest(id: hose.id.uppercased())) == hose)
            #expect(
                try await harness.stock(hose.id) == Product_V1_StockLevel(productID: hose.id, available: 7, reserved: 0)
            )
            let duplicate = await status { try await harness.addProduct(sku: "HOSE-1", name: "Other hose") }
            #expect(duplicate?.code == .alreadyExists && duplicate?.message.contains("HOSE-1") == true)
            // Nothing of the refused product was written.
            #expect(
                try await harness.products.listProducts(Product_V1_ListProductsRequest()).products.map(\.id) == [
                    hose.id
                ])
        }
    }

    @Test("an unknown id is NOT_FOUND for get, update, delete and stock", arguments: Driver.allCases)
    func notFound(driver: Driver) async throws {
        try await ProductHarness.with(driver) { harness in
            let id = "00000000-0000-4000-8000-000000000000"
            let products = harness.products
            #expect(
                await statusCode { try await products.getProduct(Product_V1_GetProductRequest(id: id)) } == .notFound)
            let update = Product_V1_UpdateProductRequest(
                product: Product_V1_Product(id: id, sku: "ABC", name: "x"),
                updateMask: Google_Protobuf_FieldMask(paths: ["name"]))
            #expect(await statusCode { try await products.updateProduct(update) } == .notFound)
            #expect(
                await statusCode { try await products.deleteProduct(Product_V1_DeleteProductRequest(id: id)) }
                    == .notFound)
            #expect(await statusCode { try await harness.stock(id) } == .notFound)
        }
    }

    @Test(
        "update with a mask changes those fields and bumps updated_at; a taken SKU is ALREADY_EXISTS",
        arguments: Driver.allCases)
    func update(driver: Driver) async throws {
        try await ProductHarness.with(driver) { harness in
            let hose = try await harness.addProduct(sku: "HOSE-1", name: "Garden hose", tags: ["garden"])
            try await harness.addProduct(sku: "RAKE-1", name: "Rake")
            harness.clock.advance(by: .seconds(30))
            var changes = hose
            changes.name = "Long garden hose"
            changes.tags = ["hose", "long"]
            changes.sku = "HOSE-2"
            changes.description_p = "not in the mask"
            let renamed = try await harness.products.updateProduct(
                Product_V1_UpdateProductRequest(
                    product: changes, updateMask: Google_Protobuf_FieldMask(paths: ["name", "tags", "sku"])))
            #expect(renamed.name == "Long garden hose" && renamed.tags == ["hose", "long"] && renamed.sku == "HOSE-2")
            #expect(renamed.description_p.isEmpty && renamed.createdAt == hose.createdAt)
            #expect(renamed.updatedAt == Google_Protobuf_Timestamp(seconds: 1_750_000_030))
            #expect(try await harness.products.getProduct(Product_V1_GetProductRequest(id: hose.id)) == renamed)
            // The old SKU is free again, the other product's is not; tags were re-indexed.
            try await harness.addProduct(sku: "HOSE-1", name: "Short hose")
            changes.sku = "RAKE-1"
            let taken = Product_V1_UpdateProductRequest(
                product: changes, updateMask: Google_Protobuf_FieldMask(paths: ["sku"]))
            #expect(await statusCode { try await harness.products.updateProduct(taken) } == .alreadyExists)
            let tagged = try await harness.products.listProducts(Product_V1_ListProductsRequest(tag: "LONG"))
            #expect(tagged.products.map(\.id) == [hose.id])
            #expect(
                try await harness.products.listProducts(Product_V1_ListProductsRequest(tag: "garden")).products.isEmpty)
            // No mask: every populated field changes (here sku, name and price).
            var repriced = Product_V1_Product(id: hose.id, sku: "HOSE-2", name: "Long garden hose")
            repriced.price = Common_V1_Money(minorUnits: 2_500, currencyCode: "EUR")
            let result = try await harness.products.updateProduct(Product_V1_UpdateProductRequest(product: repriced))
            #expect(result.price?.minorUnits == 2_500 && result.tags == ["hose", "long"])
            // A PATCH may leave the SKU out: with a mask, or without one (only populated fields change).
            let masked = Product_V1_UpdateProductRequest(
                product: Product_V1_Product(id: hose.id, description_p: "Fifty metres."),
                updateMask: Google_Protobuf_FieldMask(paths: ["description"]))
            #expect(try await harness.products.updateProduct(masked).sku == "HOSE-2")
            let unmasked = Product_V1_UpdateProductRequest(product: Product_V1_Product(id: hose.id, category: "garden"))
            let recategorized = try await harness.products.updateProduct(unmasked)
            #expect(recategorized.category == "garden" && recategorized.description_p == "Fifty metres.")
            #expect(recategorized.sku == "HOSE-2" && recategorized.name == "Long garden hose")
        }
    }

    @Test("bad updates are INVALID_ARGUMENT and change nothing", arguments: Driver.allCases)
    func invalidUpdates(driver: Driver) async throws {
        try await ProductHarness.with(driver) { harness in
            let hose = try await harness.addProduct(sku: "HOSE-1", name: "Garden hose")
            let cases: [([String], (inout Product_V1_Product) -> Void)] = [
                (["created_at"], { _ in }),
                (["id"], { _ in }),
                (["name"], { $0.name = "" }),
                (["price"], { $0.price = nil }),
                (["price.minor_units"], { $0.price = Common_V1_Money(minorUnits: -5, currencyCode: "EUR") }),
                (["status"], { $0.status = .unspecified }),
            ]
            for (paths, change) in cases {
                var product = hose
                change(&product)
                let request = Product_V1_UpdateProductRequest(
                    product: product, updateMask: Google_Protobuf_FieldMask(paths: paths))
                let refused = await status { try await harness.products.updateProduct(request) }
                #expect(refused?.code == .invalidArgument, "\(paths): \(String(describing: refused))")
            }
            #expect(try await harness.products.getProduct(Product_V1_GetProductRequest(id: hose.id)) == hose)
        }
    }

    @Test(
        "create refuses a negative price and a non-positive stock the validator lets through",
        arguments: Driver.allCases)
    func invalidCreate(driver: Driver) async throws {
        try await ProductHarness.with(driver) { harness in
            let negative = await status { try await harness.addProduct(sku: "NEG-1", name: "Refund", minorUnits: -1) }
            #expect(negative?.code == .invalidArgument && negative?.message.contains("price") == true)
            let blank = await status { try await harness.addProduct(sku: "BLANK-1", name: "   ") }
            #expect(blank?.code == .invalidArgument)
            // The contract's own rules answer before the handler.
            let stock = Product_V1_CreateProductRequest(
                product: Product_V1_Product(sku: "OK-1", name: "x", price: Common_V1_Money(currencyCode: "EUR")),
                initialStock: -1)
            #expect(await statusCode { try await harness.products.createProduct(stock) } == .invalidArgument)
            let listed = try await harness.products.listProducts(Product_V1_ListProductsRequest())
            #expect(listed.products.isEmpty)
        }
    }

    @Test(
        "delete discontinues: get still answers it, list and search do not, reservations are refused",
        arguments: Driver.allCases)
    func softDelete(driver: Driver) async throws {
        try await ProductHarness.with(driver) { harness in
            let hose = try await harness.addProduct(sku: "HOSE-1", name: "Garden hose")
            let rake = try await harness.addProduct(sku: "RAKE-1", name: "Garden rake")
            harness.clock.advance(by: .seconds(5))
            _ = try await harness.products.deleteProduct(Product_V1_DeleteProductRequest(id: hose.id))
            let deleted = try await harness.products.getProduct(Product_V1_GetProductRequest(id: hose.id))
            #expect(deleted.status == .discontinued && deleted.name == "Garden hose")
            #expect(deleted.updatedAt == Google_Protobuf_Timestamp(seconds: 1_750_000_005))
            // Deleting again is harmless and changes nothing.
            harness.clock.advance(by: .seconds(5))
            _ = try await harness.products.deleteProduct(Product_V1_DeleteProductRequest(id: hose.id))
            #expect(try await harness.products.getProduct(Product_V1_GetProductRequest(id: hose.id)) == deleted)
            let listed = try await harness.products.listProducts(Product_V1_ListProductsRequest())
            #expect(listed.products.map(\.id) == [rake.id])
            let found = try await harness.products.searchProducts(Product_V1_SearchProductsRequest(query: "garden"))
            #expect(found.results.compactMap(\.product?.id) == [rake.id])
            let refused = await status { try await harness.products.reserveStock(ProductHarness.reservation(hose.id)) }
            #expect(refused?.code == .failedPrecondition && refused?.message.contains("discontinued") == true)
            // An administrator may bring it back.
            var active = deleted
            active.status = .active
            _ = try await harness.products.updateProduct(
                Product_V1_UpdateProductRequest(
                    product: active, updateMask: Google_Protobuf_FieldMask(paths: ["status"])))
            #expect(try await harness.products.listProducts(Product_V1_ListProductsRequest()).products.count == 2)
        }
    }

    @Test("SQL-looking and odd text is stored and read back verbatim", arguments: Driver.allCases)
    func verbatim(driver: Driver) async throws {
        try await ProductHarness.with(driver) { harness in
            let name = "Robert'); DROP TABLE products; --"
            let description = "50% off \\ _under_score_ \"quoted\" `tick` ; SELECT * FROM reservations; 💡 ünïcödé"
            let product = try await harness.addProduct(
                sku: "SQL-1", name: name, description: description, tags: ["' OR '1'='1", "NEAR(a b)", "x*"],
                attributes: ["'; --": "\" OR 1=1 --"])
            let read = try await harness.products.getProduct(Product_V1_GetProductRequest(id: product.id))
            #expect(read.name == name && read.description_p == description)
            #expect(read.tags == ["' OR '1'='1", "NEAR(a b)", "x*"] && read.attributes == ["'; --": "\" OR 1=1 --"])
            let byTag = try await harness.products.listProducts(Product_V1_ListProductsRequest(tag: "' or '1'='1"))
            #expect(byTag.products.map(\.id) == [product.id])
            #expect(try await harness.products.listProducts(Product_V1_ListProductsRequest(tag: "%")).products.isEmpty)
        }
    }
}
