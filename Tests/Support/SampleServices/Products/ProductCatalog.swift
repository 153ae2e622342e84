// The catalog, in memory: products with unique SKUs, their stock and the reservations holding
// it. The order service reads prices from the same catalog (shared, as a client of the product
// service would be).
internal import CommonContracts
internal import ProductContracts
internal import RPC
internal import Synchronization

/// The product service's store and rules: every method is one transition under one lock.
///
/// A product's `stock` counts the units on hand; `held` those that HELD reservations take out of
/// it (`ProductCatalog+Reservations.swift`), so `stock - held` is what is available and never
/// goes below zero.
public final class ProductCatalog: Sendable {
    /// The fields UpdateProduct may change.
    /// The mask paths an update may name: whole fields, and the price's parts (a REST PATCH of
    /// `{"price": {"minorUnits": "…"}}` infers `price.minor_units`).
    static let updatableFields = [
        "sku", "name", "description", "price", "price.minor_units", "price.currency_code", "status", "tags",
        "attributes", "category",
    ]

    struct Entry {
        var product: Product_V1_Product
        /// Units on hand (committed reservations have left).
        var stock: Int32
        /// Units held by HELD reservations.
        var held: Int32 = 0
        var sequence: Int

        /// Units free to reserve.
        var available: Int32 { stock - held }
    }

    struct State {
        var entries: [String: Entry] = [:]
        /// SKU → id.
        var skus: [String: String] = [:]
        var sequence = 0
        /// Every reservation, by id.
        var reservations: [String: Product_V1_Reservation] = [:]
        /// Idempotency key → reservation id.
        var reservationKeys: [String: String] = [:]
        /// The ids of the HELD reservations, which may expire.
        var heldReservations: Set<String> = []
    }

    let clock: SampleClock
    let state = Mutex(State())

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
            state.entries[product.id] = Entry(product: product, stock: stock, held: 0, sequence: state.sequence)
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

    /// The active products `isIncluded` accepts (given each one's available stock), newest first.
    func active(where isIncluded: (Product_V1_Product, Int32) -> Bool) -> [Product_V1_Product] {
        let now = clock.now()
        return state.withLock { state in
            state.expireReservations(at: now)
            return state.entries.values.filter { $0.product.status == .active && isIncluded($0.product, $0.available) }
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

    /// The stock of the product `id`: the units free to reserve, and those HELD reservations take.
    func stock(_ id: String) throws(RPCStatus) -> Product_V1_StockLevel {
        let now = clock.now()
        let entry = state.withLock { state in
            state.expireReservations(at: now)
            return state.entries[id]
        }
        guard let entry else { throw Self.notFound(id) }
        return Product_V1_StockLevel(productID: id, available: entry.available, reserved: entry.held)
    }

    static func notFound(_ id: String) -> RPCStatus {
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
