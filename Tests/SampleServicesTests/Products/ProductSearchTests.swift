import CommonContracts
import ProductContracts
import RPC
import SampleServices
import Testing

@Suite("Sample product service: search")
struct ProductSearchTests {
    /// Four products that match "garden" in different places, and one that does not.
    static func catalog(_ harness: SampleHarness) async throws -> [String: String] {
        var ids: [String: String] = [:]
        ids["named"] = try await harness.addProduct(sku: "A-1", name: "Garden hose").id
        ids["tagged"] = try await harness.addProduct(sku: "A-2", name: "Hose reel", tags: ["garden"]).id
        ids["described"] = try await harness.addProduct(sku: "A-3", name: "Nozzle", description: "For any GARDEN.").id
        ids["prefixed"] = try await harness.addProduct(sku: "A-4", name: "Gardening gloves").id
        ids["other"] = try await harness.addProduct(sku: "A-5", name: "Dune", description: "A novel").id
        return ids
    }

    @Test("name (3) beats tag (2) beats description (1); a prefix match counts half; case does not matter")
    func ranking() async throws {
        let harness = SampleHarness()
        let ids = try await Self.catalog(harness)
        let response = try await harness.products.searchProducts(Product_V1_SearchProductsRequest(query: "Garden"))
        #expect(
            response.results.map { $0.product?.id } == [ids["named"], ids["tagged"], ids["prefixed"], ids["described"]])
        #expect(response.results.map(\.score) == [3, 2, 1.5, 1])
    }

    @Test("only the last word matches as a prefix, and scores add up over words")
    func prefixOnLastWord() async throws {
        let harness = SampleHarness()
        let ids = try await Self.catalog(harness)
        let response = try await harness.products.searchProducts(Product_V1_SearchProductsRequest(query: "hose gard"))
        #expect(
            response.results.map { $0.product?.id } == [ids["named"], ids["tagged"], ids["prefixed"], ids["described"]])
        #expect(response.results.map(\.score) == [4.5, 4, 1.5, 0.5])
        let notLast = try await harness.products.searchProducts(Product_V1_SearchProductsRequest(query: "gard zzz"))
        #expect(notLast.results.isEmpty)
    }

    @Test("a query without words finds nothing; results page like lists")
    func emptyAndPaged() async throws {
        let harness = SampleHarness()
        let ids = try await Self.catalog(harness)
        #expect(
            try await harness.products.searchProducts(Product_V1_SearchProductsRequest(query: "?!")).results.isEmpty)
        var request = Product_V1_SearchProductsRequest(query: "garden", page: Common_V1_PageRequest(pageSize: 3))
        let first = try await harness.products.searchProducts(request)
        #expect(first.results.count == 3 && first.page?.totalSize == 4)
        request.page?.pageToken = first.page?.nextPageToken ?? ""
        let second = try await harness.products.searchProducts(request)
        #expect(second.results.map { $0.product?.id } == [ids["described"]])
        #expect(second.page?.nextPageToken == "")
    }
}
