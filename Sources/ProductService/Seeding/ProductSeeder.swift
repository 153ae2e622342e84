// Fills the catalogue with plausible products for demos (`room619 seed --products N`) and
// benchmarks: deterministic given a seed, inserted in batches of multi-row statements.
internal import Foundation
public import Storage

/// Adds generated products to the product service's database (migrated first).
///
/// ```swift
/// let seeder = ProductSeeder(database: database, randomSeed: 42)
/// let added = try await seeder.seed(count: 10_000)  // a few seconds on either driver
/// ```
///
/// Names ("Rustic oak desk lamp"), descriptions, categories, three tags (a colour, a material
/// and one more), attributes, prices (EUR) and stock come from word lists through a seeded
/// generator, so the same seed gives the same catalogue, ids included. SKUs are
/// `SD<seed tag>-<index>`: seeding again with the same seed adds nothing (existing SKUs are
/// skipped), another seed adds other products. A batch is one transaction of two statements
/// (products, then their tag index), so 10,000 products take seconds, not minutes.
public struct ProductSeeder: Sendable {
    /// The product service's database.
    public let database: any SQLDatabase
    /// The clock that stamps the products.
    public let clock: ProductClock
    /// What the catalogue is generated from.
    public let randomSeed: UInt64
    /// Products per transaction.
    public let batchSize: Int

    /// A seeder of `database`.
    ///
    /// - Parameters:
    ///   - randomSeed: Fixes the generated products. Default: 619.
    ///   - batchSize: Products per transaction, 1 to 1000. Default: 250.
    public init(
        database: any SQLDatabase, clock: ProductClock = .system, randomSeed: UInt64 = 619, batchSize: Int = 250
    ) {
        self.database = database
        self.clock = clock
        self.randomSeed = randomSeed
        self.batchSize = min(max(batchSize, 1), 1000)
    }

    /// Generates `count` products and adds those whose SKU is not taken; returns how many it added.
    ///
    /// - Throws: ``ProductError/Code/invalidArgument`` for a negative count; a storage failure
    ///   (the batches before it stay added).
    @discardableResult
    public func seed(count: Int) async throws(ProductError) -> Int {
        guard count >= 0 else { throw .invalid("count", "must not be negative, got \(count)") }
        var random = SeededRandom(seed: randomSeed)
        let now = clock.now()
        let tag = Self.seedTag(randomSeed)
        var added = 0
        var start = 0
        while start < count {
            let end = min(start + batchSize, count)
            let batch = (start..<end).map { Self.product(index: $0, seedTag: tag, random: &random, at: now) }
            added += try await insert(batch)
            start = end
        }
        return added
    }

    /// Inserts one batch in one transaction and returns how many products were new.
    private func insert(_ batch: [SeededProduct]) async throws(ProductError) -> Int {
        let rows = batch.map { ProductSQL.productValues($0.product, onHand: $0.onHand) }
        do {
            return try await database.write { connection throws(StorageError) in
                let inserted = try connection.query(
                    "INSERT INTO products (\(ProductSQL.insertColumns)) VALUES "
                        + ProductSQL.values(ProductSQL.insertPlaceholders, rows: rows.count)
                        + " ON CONFLICT (sku) DO NOTHING RETURNING seq, id",
                    rows.flatMap { $0 })
                var seqs: [String: Int64] = [:]
                for row in inserted { seqs[try row.decode("id", as: String.self)] = try row["seq"] }
                var tagRows: [SQLValue] = []
                for seeded in batch {
                    guard let seq = seqs[seeded.product.id] else { continue }
                    for key in Set(seeded.product.tags.map(ProductFilter.tagKey)).sorted() {
                        tagRows += [.integer(seq), .text(key)]
                    }
                }
                if !tagRows.isEmpty {
                    try connection.execute(
                        "INSERT INTO product_tags (product_seq, tag_key) VALUES "
                            + ProductSQL.values("(?, ?)", rows: tagRows.count / 2) + " ON CONFLICT DO NOTHING",
                        tagRows)
                }
                return inserted.count
            }
        } catch {
            throw .storage(error)
        }
    }

    /// A generated product and its stock.
    struct SeededProduct: Sendable {
        var product: CatalogProduct
        var onHand: Int64
    }

    /// The `index`th product of the seed.
    static func product(
        index: Int, seedTag: String, random: inout SeededRandom, at now: UTCInstant
    )
        -> SeededProduct
    {
        let (category, nouns) = random.pick(SeedWords.categories)
        let noun = random.pick(nouns)
        let adjective = random.pick(SeedWords.adjectives)
        let material = random.pick(SeedWords.materials)
        let colour = random.pick(SeedWords.colours)
        let fill = { (sentence: String) in
            sentence.replacingOccurrences(of: "{noun}", with: noun)
                .replacingOccurrences(of: "{material}", with: material)
                .replacingOccurrences(of: "{adjective}", with: adjective)
                .replacingOccurrences(of: "{colour}", with: colour)
        }
        let sentences = random.pick(2 + Int(random.next() % 2), of: SeedWords.sentences).map(fill)
        let name = "\(adjective.prefix(1).uppercased())\(adjective.dropFirst()) \(material) \(noun)"
        let digits = String(index)
        let product = CatalogProduct(
            id: random.uuid(), sku: "SD\(seedTag)-\(String(repeating: "0", count: max(0, 6 - digits.count)))\(digits)",
            name: name, description: sentences.joined(separator: " "), category: category,
            price: Price(minorUnits: 199 + Int64(random.next() % 49_800), currencyCode: "EUR"), status: .active,
            tags: [colour, material, random.pick(SeedWords.tags)],
            attributes: ["colour": colour, "material": material], createdAt: now, updatedAt: now)
        // About one product in ten is out of stock.
        let onHand = random.next() % 10 == 0 ? 0 : Int64(1 + random.next() % 200)
        return SeededProduct(product: product, onHand: onHand)
    }

    /// Four upper-case base-36 digits of the seed, for its SKUs.
    static func seedTag(_ seed: UInt64) -> String {
        let digits = String(seed % 1_679_616, radix: 36, uppercase: true)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
