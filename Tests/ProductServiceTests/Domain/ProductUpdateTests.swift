import Testing

@testable import ProductService

@Suite("Product updates and rules")
struct ProductUpdateTests {
    static let created = UTCInstant(secondsSince1970: 1_750_000_000)
    static let later = created.adding(.seconds(60))

    static let lamp = CatalogProduct(
        id: "id-1", sku: "LAMP-1", name: "Desk lamp", description: "Bright.", category: "lighting",
        price: Price(minorUnits: 2_499, currencyCode: "EUR"), status: .active, tags: ["desk", "light"],
        attributes: ["colour": "brass"], createdAt: created, updatedAt: created)

    @Test("a mask changes exactly its paths; repeated paths count once")
    func mask() throws {
        let update = try ProductUpdate(maskPaths: ["name", "name", "tags"], populated: [])
        #expect(update.paths == ["name", "tags"])
        var fields = ProductFields()
        fields.name = "Reading lamp"
        fields.description = "ignored: not in the mask"
        let changed = try update.apply(fields, to: Self.lamp, at: Self.later)
        #expect(changed.name == "Reading lamp" && changed.tags.isEmpty)
        #expect(
            changed.description == "Bright." && changed.updatedAt == Self.later && changed.createdAt == Self.created)
    }

    @Test("without a mask, the populated fields change")
    func populated() throws {
        var fields = ProductFields()
        fields.price = Price(minorUnits: 1_999, currencyCode: "EUR")
        fields.category = "office"
        #expect(fields.populatedPaths == ["price", "category"])
        let update = try ProductUpdate(maskPaths: [], populated: fields.populatedPaths)
        let changed = try update.apply(fields, to: Self.lamp, at: Self.later)
        #expect(changed.price.minorUnits == 1_999 && changed.category == "office" && changed.name == "Desk lamp")
        let nothing = try ProductUpdate(maskPaths: [], populated: [])
        #expect(nothing.isEmpty)
        #expect(try nothing.apply(ProductFields(), to: Self.lamp, at: Self.later) == Self.lamp)
    }

    @Test(
        "unknown and output-only paths are INVALID_ARGUMENT naming the path", arguments: ["id", "created_at", "colour"])
    func unknownPath(path: String) {
        let error = #expect(throws: ProductError.self) { try ProductUpdate(maskPaths: ["name", path], populated: []) }
        #expect(error?.code == .invalidArgument && error?.message.contains("\"\(path)\"") == true)
    }

    @Test("the price changes as a whole or part by part")
    func priceParts() throws {
        var fields = ProductFields()
        fields.price = Price(minorUnits: 500, currencyCode: "USD")
        let units = try ProductUpdate(maskPaths: ["price.minor_units"], populated: [])
        #expect(
            try units.apply(fields, to: Self.lamp, at: Self.later).price == Price(minorUnits: 500, currencyCode: "EUR"))
        let currency = try ProductUpdate(maskPaths: ["price.currency_code"], populated: [])
        #expect(
            try currency.apply(fields, to: Self.lamp, at: Self.later).price
                == Price(minorUnits: 2_499, currencyCode: "USD"))
        let whole = try ProductUpdate(maskPaths: ["price"], populated: [])
        #expect(
            try whole.apply(fields, to: Self.lamp, at: Self.later).price == Price(minorUnits: 500, currencyCode: "USD"))
    }

    @Test("an update may not empty the name, drop the price, go negative or clear the status")
    func refusedResults() throws {
        let cases: [(String, ProductFields, String)] = [
            ("name", ProductFields(), "product.name"),
            ("price", ProductFields(), "product.price"),
            (
                "price.minor_units", ProductFields(price: Price(minorUnits: -1, currencyCode: "EUR")),
                "product.price.minor_units"
            ),
            ("price.currency_code", ProductFields(), "product.price.currency_code"),
            ("status", ProductFields(), "product.status"),
            ("sku", ProductFields(sku: "bad sku"), "product.sku"),
        ]
        for (path, fields, field) in cases {
            let update = try ProductUpdate(maskPaths: [path], populated: [])
            let error = #expect(throws: ProductError.self) { try update.apply(fields, to: Self.lamp, at: Self.later) }
            #expect(
                error?.code == .invalidArgument && error?.message.hasPrefix(field) == true,
                "\(path): \(String(describing: error))")
        }
    }

    @Test("a new product needs a name and a price, a valid SKU, category and currency, and no NUL characters")
    func newProductRules() {
        let valid = ProductFields(
            sku: "ABC-1", name: "Thing", price: Price(minorUnits: 0, currencyCode: "EUR"), tags: ["a", "A"])
        #expect(throws: Never.self) { try CatalogProduct.new(id: "x", valid, at: Self.created) }
        var broken: [ProductFields] = []
        for change in [
            { (fields: inout ProductFields) in fields.price = nil }, { $0.name = "   " }, { $0.sku = "-AB" },
            { $0.sku = "ab1" }, { $0.category = "Garden" }, { $0.price?.currencyCode = "eur" },
            { $0.tags = ["a", "a"] }, { $0.tags = [""] }, { $0.name = "nul\u{0}byte" },
            { $0.attributes = ["": "x"] }, { $0.description = String(repeating: "é", count: 5001) },
        ] {
            var fields = valid
            change(&fields)
            broken.append(fields)
        }
        for fields in broken {
            let error = #expect(throws: ProductError.self) { try CatalogProduct.new(id: "x", fields, at: Self.created) }
            #expect(error?.code == .invalidArgument)
        }
    }
}
