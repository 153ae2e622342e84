// A product of the catalogue as the service's rules see it: no wire types, no SQL.

/// A price in integer minor units of a currency (cents for EUR, yen for JPY): the contract's
/// `common.v1.Money`. Never floating point, so sums and comparisons are exact.
struct Price: Sendable, Hashable {
    /// The amount in minor units; a product's price is never negative.
    var minorUnits: Int64
    /// The ISO 4217 code, three upper-case letters.
    var currencyCode: String
}

/// Whether a product is sold: the contract's `ProductStatus` without `UNSPECIFIED`.
enum ProductStatus: Int64, Sendable, Hashable {
    /// Listed, searched and orderable.
    case active = 1
    /// Soft-deleted: readable by id for order history, hidden from list and search, not
    /// reservable.
    case discontinued = 2
}

/// One product of the catalogue.
struct CatalogProduct: Sendable, Hashable {
    /// The server-assigned id: a random UUID in lower case.
    var id: String
    /// The stock-keeping unit, unique in the catalogue.
    var sku: String
    var name: String
    var description: String
    /// The lower-case browse category, or empty.
    var category: String
    var price: Price
    var status: ProductStatus
    /// Tags in the order given, each once.
    var tags: [String]
    var attributes: [String: String]
    var createdAt: UTCInstant
    var updatedAt: UTCInstant
}

/// The fields of a product a create or update request carries: the product's fields, with the
/// price and status optional (an update may leave them out).
struct ProductFields: Sendable, Hashable {
    var sku = ""
    var name = ""
    var description = ""
    var category = ""
    var price: Price?
    var status: ProductStatus?
    var tags: [String] = []
    var attributes: [String: String] = [:]

    /// The updatable fields holding something other than their default, by proto name: what an
    /// update without a mask changes (AIP-134).
    var populatedPaths: [String] {
        var paths: [String] = []
        if !sku.isEmpty { paths.append("sku") }
        if !name.isEmpty { paths.append("name") }
        if !description.isEmpty { paths.append("description") }
        if price != nil { paths.append("price") }
        if status != nil { paths.append("status") }
        if !tags.isEmpty { paths.append("tags") }
        if !attributes.isEmpty { paths.append("attributes") }
        if !category.isEmpty { paths.append("category") }
        return paths
    }
}

extension CatalogProduct {
    /// A new ACTIVE product (unless `fields` say otherwise) with `id`, stamped `now`.
    ///
    /// - Throws: ``ProductError/Code/invalidArgument`` when the fields break a rule
    ///   (``ProductRules``); a new product needs a name and a price.
    static func new(id: String, _ fields: ProductFields, at now: UTCInstant) throws(ProductError) -> CatalogProduct {
        guard let price = fields.price else { throw .invalid("product.price", "a new product needs a price") }
        let product = CatalogProduct(
            id: id, sku: fields.sku, name: fields.name, description: fields.description, category: fields.category,
            price: price, status: fields.status ?? .active, tags: fields.tags, attributes: fields.attributes,
            createdAt: now, updatedAt: now)
        try ProductRules.check(product)
        return product
    }
}
