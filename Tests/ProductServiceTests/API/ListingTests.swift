import CommonContracts
import ProductContracts
import ProtoRuntime
import RPC
import Testing

@testable import ProductService

@Suite("Product service: listing")
struct ListingTests {
    @Test("list filters by tag, category, price range, stock and query, newest first", arguments: Driver.allCases)
    func filters(driver: Driver) async throws {
        try await ProductHarness.with(driver) { harness in
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
            #expect(
                try await ids(Product_V1_ListProductsRequest(query: "gard", tag: "garden", category: "books")).isEmpty)
            // A query without words lists everything, as an empty one does.
            #expect(try await ids(Product_V1_ListProductsRequest(query: "*** \"\" ()")).count == 4)
        }
    }

    @Test("in-stock counts held units out, and lapsed holds back in", arguments: Driver.allCases)
    func inStock(driver: Driver) async throws {
        try await ProductHarness.with(driver) { harness in
            let mug = try await harness.addProduct(sku: "MUG-1", name: "Mug", stock: 2)
            _ = try await harness.products.reserveStock(ProductHarness.reservation(mug.id, quantity: 2, ttlSeconds: 60))
            let inStock = Product_V1_ListProductsRequest(inStock: true)
            #expect(try await harness.products.listProducts(inStock).products.isEmpty)
            harness.clock.advance(by: .seconds(60))
            #expect(try await harness.products.listProducts(inStock).products.map(\.id) == [mug.id])
        }
    }

    @Test(
        "pages cover the listing once each, in order, and survive inserts between pages",
        arguments: Driver.allCases)
    func pagination(driver: Driver) async throws {
        try await ProductHarness.with(driver) { harness in
            var created: [String] = []
            for index in 0..<23 {
                created.append(
                    try await harness.addProduct(sku: "ITEM-\(index)", name: "Item \(index)", tags: ["odd\(index % 2)"])
                        .id)
            }
            var seen: [String] = []
            var token = ""
            var pages = 0
            repeat {
                let page = try await harness.products.listProducts(
                    Product_V1_ListProductsRequest(page: Common_V1_PageRequest(pageSize: 5, pageToken: token)))
                #expect(page.products.count <= 5)
                seen += page.products.map(\.id)
                token = page.page?.nextPageToken ?? ""
                pages += 1
                // A product added while paging is newer than every page: it never shows up twice.
                if pages == 2 { try await harness.addProduct(sku: "LATE-1", name: "Late") }
            } while !token.isEmpty && pages < 10
            #expect(pages == 5)
            #expect(seen == Array(created.reversed()))
            // A filtered listing pages the same way; its token is refused with other filters.
            let odd = Product_V1_ListProductsRequest(page: Common_V1_PageRequest(pageSize: 4), tag: "odd1")
            let first = try await harness.products.listProducts(odd)
            let next = first.page?.nextPageToken ?? ""
            #expect(first.products.count == 4 && !next.isEmpty)
            var second = odd
            second.page = Common_V1_PageRequest(pageSize: 100, pageToken: next)
            let rest = try await harness.products.listProducts(second)
            #expect(first.products.count + rest.products.count == 11 && rest.page?.nextPageToken == "")
            var other = second
            other.tag = "odd0"
            #expect(await statusCode { try await harness.products.listProducts(other) } == .invalidArgument)
            let forged = Product_V1_ListProductsRequest(page: Common_V1_PageRequest(pageToken: "b2Zmc2V0OjU"))
            #expect(await statusCode { try await harness.products.listProducts(forged) } == .invalidArgument)
        }
    }

    @Test("page sizes: 0 is the default, large asks are capped", arguments: Driver.allCases)
    func pageSizes(driver: Driver) async throws {
        let configuration = try ProductServiceConfiguration.defaults {
            $0.pages.defaultSize = 3
            $0.pages.maximumSize = 7
        }
        try await ProductHarness.with(driver, configuration: configuration) { harness in
            for index in 0..<10 { try await harness.addProduct(sku: "ITEM-\(index)", name: "Item \(index)") }
            let standard = try await harness.products.listProducts(Product_V1_ListProductsRequest())
            #expect(standard.products.count == 3)
            let large = Product_V1_ListProductsRequest(page: Common_V1_PageRequest(pageSize: 1000))
            #expect(try await harness.products.listProducts(large).products.count == 7)
            let search = Product_V1_SearchProductsRequest(query: "item", page: Common_V1_PageRequest(pageSize: 1000))
            let found = try await harness.products.searchProducts(search)
            #expect(found.results.count == 7 && found.page?.totalSize == 10 && found.page?.nextPageToken != "")
        }
    }
}
