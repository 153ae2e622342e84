// Which fields an UpdateProduct changes (AIP-134), and the product it makes.

/// The fields an update names, checked against the fields a product lets clients change.
///
/// With an `update_mask`, exactly its paths change, each to the value sent (a path whose field
/// was sent empty clears it, or is refused when the field cannot be empty). Without one, every
/// field the request populates changes: proto3 cannot tell a field sent as its default from one
/// not sent. A REST PATCH gets its mask from the body's keys in the gateway.
///
/// ```swift
/// let update = try ProductUpdate(maskPaths: ["name", "price.minor_units"], populated: fields.populatedPaths)
/// let changed = try update.apply(fields, to: current, at: now)
/// ```
struct ProductUpdate: Sendable, Hashable {
    /// The paths a mask may name: whole fields by proto name, and the price's parts.
    static let updatablePaths = [
        "sku", "name", "description", "price", "price.minor_units", "price.currency_code", "status", "tags",
        "attributes", "category",
    ]

    /// The paths that change, each once, in the order named.
    private(set) var paths: [String]

    /// The update a mask asks for, or, when `maskPaths` is empty, the `populated` fields.
    ///
    /// - Throws: ``ProductError/Code/invalidArgument`` naming a path that is not updatable
    ///   (output-only fields such as `id` and `created_at` included).
    init(maskPaths: [String], populated: [String]) throws(ProductError) {
        guard !maskPaths.isEmpty else {
            paths = Self.updatablePaths.filter(populated.contains)
            return
        }
        paths = []
        for path in maskPaths where !paths.contains(path) {
            guard Self.updatablePaths.contains(path) else {
                throw ProductError(
                    .invalidArgument,
                    "update_mask: \"\(path)\" is not an updatable field (updatable: "
                        + "\(Self.updatablePaths.joined(separator: ", ")))")
            }
            paths.append(path)
        }
    }

    /// Whether nothing changes.
    var isEmpty: Bool { paths.isEmpty }

    /// Whether the tags change (the store then rewrites their index).
    var changesTags: Bool { paths.contains("tags") }

    /// `current` with the named fields taken from `fields`, stamped `now`.
    ///
    /// - Throws: ``ProductError/Code/invalidArgument`` when the result breaks a rule
    ///   (``ProductRules``): an emptied name, a removed price, a negative price, status
    ///   `UNSPECIFIED`.
    func apply(
        _ fields: ProductFields, to current: CatalogProduct, at now: UTCInstant
    ) throws(ProductError)
        -> CatalogProduct
    {
        var product = current
        if paths.contains("sku") { product.sku = fields.sku }
        if paths.contains("name") { product.name = fields.name }
        if paths.contains("description") { product.description = fields.description }
        if paths.contains("category") { product.category = fields.category }
        if paths.contains("tags") { product.tags = fields.tags }
        if paths.contains("attributes") { product.attributes = fields.attributes }
        if paths.contains("status") {
            guard let status = fields.status else {
                throw .invalid("product.status", "must be PRODUCT_STATUS_ACTIVE or PRODUCT_STATUS_DISCONTINUED")
            }
            product.status = status
        }
        product.price = try price(fields.price, current: current.price)
        if product != current { product.updatedAt = now }
        try ProductRules.check(product)
        return product
    }

    /// The price after the update: replaced as a whole, or part by part.
    private func price(_ sent: Price?, current: Price) throws(ProductError) -> Price {
        if paths.contains("price") {
            guard let sent else { throw .invalid("product.price", "a product needs a price") }
            return sent
        }
        var price = current
        if paths.contains("price.minor_units") { price.minorUnits = sent?.minorUnits ?? 0 }
        if paths.contains("price.currency_code") { price.currencyCode = sent?.currencyCode ?? "" }
        return price
    }
}
