import CommonContracts
import ProductContracts
import ProtoRuntime
import RPC
import Testing

@Suite("Product service: full-text search")
struct SearchTests {
    /// The ids of the hits for `query`, best first.
    static func search(_ harness: ProductHarness, _ query: String, pageSize: Int32 = 0) async throws -> [String] {
        let request = Product_V1_SearchProductsRequest(query: query, page: Common_V1_PageRequest(pageSize: pageSize))
        return try await harness.products.searchProducts(request).results.compactMap(\.product?.id)
    }

    @Test(
        "ranked by relevance: the name over the tags over the description, shorter over longer",
        arguments: Driver.allCases)
    func ranking(driver: Driver) async throws {
        try await ProductHarness.with(driver) { harness in
            let notebook = try await harness.addProduct(
                sku: "NOTE-1", name: "Notebook", description: "Pairs well with a lamp.")
            let reading = try await harness.addProduct(sku: "READ-1", name: "Reading light", tags: ["lamp"])
            let long = try await harness.addProduct(sku: "DESK-1", name: "Brass desk lamp with a long adjustable arm")
            let lamp = try await harness.addProduct(sku: "LAMP-1", name: "Lamp")
            try await harness.addProduct(sku: "CHAIR-1", name: "Office chair", description: "Ergonomic.")
            #expect(try await Self.search(harness, "lamp") == [lamp.id, long.id, reading.id, notebook.id])
            let response = try await harness.products.searchProducts(Product_V1_SearchProductsRequest(query: "lamp"))
            let scores = response.results.map(\.score)
            #expect(scores == scores.sorted(by: >) && scores.allSatisfy { $0 > 0 }, "\(scores)")
            #expect(response.page?.totalSize == 4 && response.page?.nextPageToken == "")
            // Every word must match.
            #expect(try await Self.search(harness, "brass lamp") == [long.id])
            #expect(try await Self.search(harness, "brass chair").isEmpty)
        }
    }

    @Test("case- and accent-insensitive both ways, the last word a prefix", arguments: Driver.allCases)
    func folding(driver: Driver) async throws {
        try await ProductHarness.with(driver) { harness in
            let mug = try await harness.addProduct(sku: "MUG-1", name: "Café crème mug", tags: ["kitchen"])
            let torch = try await harness.addProduct(sku: "TORCH-1", name: "Crème BRÛLÉE torch")
            let lamp = try await harness.addProduct(sku: "LAMP-1", name: "Desk lamp", tags: ["Naïve"])
            #expect(Set(try await Self.search(harness, "creme")) == [mug.id, torch.id])
            #expect(try await Self.search(harness, "CAFE") == [mug.id])
            #expect(try await Self.search(harness, "café MUG") == [mug.id])
            #expect(try await Self.search(harness, "brulee torch") == [torch.id])
            #expect(try await Self.search(harness, "CRÈME brûlée") == [torch.id])
            #expect(try await Self.search(harness, "naive") == [lamp.id])
            // The last word matches as a prefix; the others only whole.
            #expect(try await Self.search(harness, "desk la") == [lamp.id])
            #expect(try await Self.search(harness, "bru") == [torch.id])
            #expect(try await Self.search(harness, "kitch") == [mug.id])
            #expect(try await Self.search(harness, "lam desk").isEmpty)
            #expect(try await Self.search(harness, "amp").isEmpty)
        }
    }

    @Test(
        "operators and SQL in queries are words, never syntax; such text is found verbatim",
        arguments: Driver.allCases)
    func injection(driver: Driver) async throws {
        try await ProductHarness.with(driver) { harness in
            let robert = try await harness.addProduct(sku: "SQL-1", name: "Robert'); DROP TABLE products; --")
            let operators = try await harness.addProduct(
                sku: "FTS-1", name: "NEAR(x y) OR \"quoted\" -minus* AND: col:umn ^caret", tags: ["a&b|c!d"])
            let plain = try await harness.addProduct(sku: "PLAIN-1", name: "Plain mug")
            #expect(try await Self.search(harness, "Robert'); DROP TABLE products; --") == [robert.id])
            #expect(
                try await Self.search(harness, "NEAR(x y) OR \"quoted\" -minus* AND: col:umn ^caret") == [operators.id])
            #expect(try await Self.search(harness, "a&b|c!d") == [operators.id])
            #expect(try await Self.search(harness, "minus") == [operators.id])
            // Operators alone: nothing to search for, no error.
            for query in ["*", "\"", "()", "-", "&|!", "'", ":*", "\\", "  ¿?  ", "(", "\"\"*"] {
                #expect(try await Self.search(harness, query).isEmpty, "query \(query)")
            }
            // Operator words are plain words; an OR does not widen the search.
            #expect(try await Self.search(harness, "mug OR lamp").isEmpty)
            #expect(try await Self.search(harness, "mug") == [plain.id])
            // The table is still there.
            #expect(try await harness.products.listProducts(Product_V1_ListProductsRequest()).products.count == 3)
        }
    }

    @Test("search pages follow the ranking and stop at the end", arguments: Driver.allCases)
    func pages(driver: Driver) async throws {
        try await ProductHarness.with(driver) { harness in
            for index in 0..<7 {
                try await harness.addProduct(
                    sku: "HOSE-\(index)", name: "Hose " + String(repeating: "extra ", count: index) + "end")
            }
            let all = try await Self.search(harness, "hose")
            #expect(all.count == 7)
            var collected: [String] = []
            var token = ""
            repeat {
                let response = try await harness.products.searchProducts(
                    Product_V1_SearchProductsRequest(
                        query: "hose", page: Common_V1_PageRequest(pageSize: 3, pageToken: token)))
                collected += response.results.compactMap(\.product?.id)
                token = response.page?.nextPageToken ?? ""
            } while !token.isEmpty && collected.count < 20
            #expect(collected == all)
            let first = try await harness.products.searchProducts(
                Product_V1_SearchProductsRequest(query: "hose", page: Common_V1_PageRequest(pageSize: 3)))
            let other = Product_V1_SearchProductsRequest(
                query: "end", page: Common_V1_PageRequest(pageSize: 3, pageToken: first.page?.nextPageToken ?? ""))
            #expect(await statusCode { try await harness.products.searchProducts(other) } == .invalidArgument)
        }
    }
}
