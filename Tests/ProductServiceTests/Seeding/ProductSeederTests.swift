import CommonContracts
import ProductContracts
import RPC
import Storage
import Testing

@testable import ProductService

@Suite("Product seeder")
struct ProductSeederTests {
    static let now = UTCInstant(secondsSince1970: 1_750_000_000)

    static func generate(seed: UInt64, count: Int) -> [ProductSeeder.SeededProduct] {
        var random = SeededRandom(seed: seed)
        let tag = ProductSeeder.seedTag(seed)
        return (0..<count).map { ProductSeeder.product(index: $0, seedTag: tag, random: &random, at: now) }
    }

    @Test("the same seed gives the same valid products; another seed others")
    func deterministic() throws {
        let first = Self.generate(seed: 42, count: 500)
        #expect(first.map(\.product) == Self.generate(seed: 42, count: 500).map(\.product))
        let other = Self.generate(seed: 43, count: 500)
        #expect(
            Set(first.map(\.product.name)) != Set(other.map(\.product.name))
                || first.map(\.product.id) != other.map(\.product.id))
        #expect(Set(first.map(\.product.sku)).isDisjoint(with: other.map(\.product.sku)))
        for seeded in first { try ProductRules.check(seeded.product) }
        #expect(Set(first.map(\.product.id)).count == 500 && Set(first.map(\.product.sku)).count == 500)
        #expect(first.allSatisfy { $0.product.tags.count == 3 && !$0.product.description.isEmpty })
        let outOfStock = first.filter { $0.onHand == 0 }.count
        #expect((20...90).contains(outOfStock), "about one in ten out of stock, got \(outOfStock)")
        #expect(first[0].product.sku == "SD0016-000000" && first[0].product.id.count == 36)
        print(
            "seeded product example: \(first[0].product.name) — \(first[0].product.description) \(first[0].product.tags)"
        )
    }

    @Test("seeding adds products in batches; the same seed again adds nothing", arguments: Driver.allCases)
    func seed(driver: Driver) async throws {
        try await ProductHarness.with(driver) { harness in
            let seeder = ProductSeeder(
                database: harness.database, clock: harness.clock.productClock, randomSeed: 7, batchSize: 64)
            #expect(try await seeder.seed(count: 150) == 150)
            #expect(try await seeder.seed(count: 150) == 0)
            let other = ProductSeeder(database: harness.database, clock: harness.clock.productClock, randomSeed: 8)
            #expect(try await other.seed(count: 10) == 10)
            let count: Int64 = try await harness.database.query("SELECT count(*) AS n FROM products")[0]["n"]
            #expect(count == 160)
            // Seeded products are ordinary products: listed, searched, tagged and reservable.
            let expected = Self.generate(seed: 7, count: 150)
            let product = try await harness.products.getProduct(
                Product_V1_GetProductRequest(id: expected[3].product.id))
            #expect(product.name == expected[3].product.name && product.tags == expected[3].product.tags)
            let tagged = try await harness.products.listProducts(
                Product_V1_ListProductsRequest(
                    page: Common_V1_PageRequest(pageSize: 100), tag: expected[3].product.tags[0]))
            #expect(tagged.products.contains { $0.id == product.id })
            let words = product.name.split(separator: " ").joined(separator: " ")
            let found = try await harness.products.searchProducts(Product_V1_SearchProductsRequest(query: words))
            #expect(found.results.contains { $0.product?.id == product.id })
            await #expect(throws: ProductError.self) { try await seeder.seed(count: -1) }
        }
    }

    @Test(
        "10,000 seeded products: seeding takes seconds, search stays fast (p50/p99 printed)", arguments: Driver.allCases
    )
    func searchLatency(driver: Driver) async throws {
        try await ProductHarness.with(driver) { harness in
            let clock = ContinuousClock()
            let started = clock.now
            let added = try await ProductSeeder(database: harness.database, clock: harness.clock.productClock).seed(
                count: 10_000)
            let seeding = clock.now - started
            #expect(added == 10_000)
            #expect(seeding < .seconds(60), "seeding 10,000 products took \(seeding)")
            var random = SeededRandomForTests(seed: 619)
            let words =
                SeedWords.materials + SeedWords.adjectives + SeedWords.categories.flatMap(\.nouns) + SeedWords.tags
            var latencies: [Duration] = []
            var hits = 0
            for index in 0..<300 {
                let word = words[Int(random.next() % UInt64(words.count))]
                // Whole words, two-word queries, and prefixes of the last word.
                let query: String =
                    switch index % 3 {
                    case 0: word
                    case 1: "\(words[Int(random.next() % UInt64(words.count))]) \(word)"
                    default: String(word.prefix(max(2, word.count / 2)))
                    }
                let start = clock.now
                let response = try await harness.products.searchProducts(
                    Product_V1_SearchProductsRequest(query: query, page: Common_V1_PageRequest(pageSize: 20)))
                latencies.append(clock.now - start)
                hits += response.results.isEmpty ? 0 : 1
            }
            latencies.sort()
            let p50 = latencies[latencies.count / 2]
            let p99 = latencies[latencies.count * 99 / 100]
            print(
                "search on 10,000 products (\(driver)): seeding \(seeding), p50 \(p50), p99 \(p99), \(hits)/300 queries with hits"
            )
            #expect(hits > 150)
            // A generous bound for a shared machine; the benchmark measures properly.
            #expect(p99 < .seconds(2), "p99 \(p99)")
        }
    }
}
