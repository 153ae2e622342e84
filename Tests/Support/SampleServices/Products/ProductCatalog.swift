// The catalog, in memory: products with unique SKUs and their stock. The order service reads
// prices from the same catalog (shared, as a client of the product service would be).
internal import CommonContracts
internal import ProductContracts
internal import RPC
internal import Synchronization

/// The product service's store and rules: every method is one transition under one lock.
public final class ProductCatalog: Sendable {
    /// The fields UpdateProduct may change.
    /// The mask paths an update may name: whole fields, and the price's parts (a REST PATCH of
    /// `{"price": {"minorUnits": "…"}}` infers `price.minor_units`).
    static let updatableFields = [
        "sku", "name", "description", "price", "price.minor_units", "price.currency_code", "status", "tags",
        "attributes", "category",
    ]

    private struct Entry {
        var product: Product_V1_Product
        var stock: Int32
        var sequence: Int
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// SKU → id.
        var skus: [String: String] = [:]
        var sequence = 0
    }

    private let clock: SampleClock
    private let state = Mutex(State())

    /// An empty catalog stamping products with `clock`.
    public init(clock: SampleClock) {
        self.clock = clock
    }

    /// Adds `product` with a new id (ACTIVE unless it says otherwise) and `stock` units.
    func create(_ product: Product_V1_Product, stock: Int32) throws(RPCStatus) -> Product_V1_Product {
        let now = clock.now()
        return try state.withLock { state throws(RPCStatus) in
            guard state.skus[product.sku] == nil else {
                throw RPCStatus(.alreadyExists, "a product with the SKU \(product.sku) exists")
            }
            var product = product
            product.id = RandomIdentifiers.uuid()
            if product.status == .unspecified { product.status = .active }
            product.createdAt = now
            product.updatedAt = now
            state.sequence += 1
            state.entries[product.id] = Entry(product: product, stock: stock, sequence: state.sequence)
            state.skus[product.sku] = product.id
            return product
        }
    }

    /// The product with `id`, discontinued or not.
    func product(_ id: String) throws(RPCStatus) -> Product_V1_Product {
        guard let product = productIfPresent(id) else { throw Self.notFound(id) }
        return product
    }

    /// The product with `id`, or `nil`.
    func productIfPresent(_ id: String) -> Product_V1_Product? {
        state.withLock { $0.entries[id]?.product }
    }

    /// The active products `isIncluded` accepts (given each one's stock), newest first.
    func active(where isIncluded: (Product_V1_Product, Int32) -> Bool) -> [Product_V1_Product] {
        state.withLock { state in
            state.entries.values.filter { $0.product.status == .active && isIncluded($0.product, $0.stock) }
                .sorted { $0.sequence > $1.sequence }.map(\.product)
        }
    }

    /// Changes the fields `update` names on the product `changes.id`.
    func update(_ changes: Product_V1_Product, _ update: FieldMaskUpdate) throws(RPCStatus) -> Product_V1_Product {
        let now = clock.now()
        return try state.withLock { state throws(RPCStatus) in
            guard var entry = state.entries[changes.id] else { throw Self.notFound(changes.id) }
            if update.contains("sku"), changes.sku != entry.product.sku {
                guard state.skus[changes.sku] == nil else {
                    throw RPCStatus(.alreadyExists, "a product with the SKU \(changes.sku) exists")
                }
                state.skus[entry.product.sku] = nil
                state.skus[changes.sku] = entry.product.id
                entry.product.sku = changes.sku
            }
            entry.product.apply(changes, update)
            entry.product.updatedAt = now
            state.entries[entry.product.id] = entry
            return entry.product
        }
    }

    /// Discontinues the product `id` (again, if it is already).
    func discontinue(_ id: String) throws(RPCStatus) {
        let now = clock.now()
        try state.withLock { state throws(RPCStatus) in
            guard state.entries[id] != nil else { throw Self.notFound(id) }
            state.entries[id]?.product.status = .discontinued
            state.entries[id]?.product.updatedAt = now
        }
    }

    /// The stock of the product `id`. Nothing reserves stock yet (the order saga will), so
    /// `reserved` is 0.
    func stock(_ id: String) throws(RPCStatus) -> Product_V1_StockLevel {
        guard let stock = state.withLock({ $0.entries[id]?.stock }) else { throw Self.notFound(id) }
        return Product_V1_StockLevel(productID: id, available: stock, reserved: 0)
    }

    private static func notFound(_ id: String) -> RPCStatus {
        RPCStatus(.notFound, "no product has the id \(id)")
    }
}

extension Product_V1_Product {
    /// Copies the fields `update` names, other than the SKU, from `changes`.
    fileprivate mutating func apply(_ changes: Product_V1_Product, _ update: FieldMaskUpdate) {
        if update.contains("name") { name = changes.name }
        if update.contains("description") { description_p = changes.description_p }
        if update.contains("price") {
            price = changes.price
        } else if update.touches("price") {
            var merged = price ?? Common_V1_Money()
            if update.contains("price.minor_units") { merged.minorUnits = changes.price?.minorUnits ?? 0 }
            if update.contains("price.currency_code") { merged.currencyCode = changes.price?.currencyCode ?? "" }
            price = merged
        }
        if update.contains("status") { status = changes.status == .unspecified ? .active : changes.status }
        if update.contains("tags") { tags = changes.tags }
        if update.contains("attributes") { attributes = changes.attributes }
        if update.contains("category") { category = changes.category }
    }
}
