// Products and reservations to and from table rows: the column lists, the values bound, and
// the JSON text of tags and attributes.
internal import Foundation
internal import Storage

/// The SQL text shared by the store's statements.
enum ProductSQL {
    /// The columns a ``CatalogProduct`` is read from, on the table aliased `p`.
    static let productColumns =
        "p.id, p.sku, p.name, p.description, p.category, p.price_minor_units, p.price_currency, p.status, "
        + "p.tags, p.attributes, p.created_at, p.updated_at"

    /// The columns a ``StockReservation`` is read from, on the table aliased `r`.
    static let reservationColumns =
        "r.id, r.product_id, r.quantity, r.order_id, r.idempotency_key, r.state, r.expires_at, r.created_at"

    /// The columns an insert of a product writes, in ``productValues(_:onHand:)`` order.
    static let insertColumns =
        "id, sku, name, description, category, price_minor_units, price_currency, status, tags, search_tags, "
        + "attributes, on_hand, created_at, updated_at"

    /// One row's placeholders for ``insertColumns``.
    static let insertPlaceholders = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

    /// The values of ``insertColumns`` for `product` with `onHand` units.
    static func productValues(_ product: CatalogProduct, onHand: Int64) -> [SQLValue] {
        [
            .text(product.id), .text(product.sku), .text(product.name), .text(product.description),
            .text(product.category), .integer(product.price.minorUnits), .text(product.price.currencyCode),
            .integer(product.status.rawValue), .text(JSONText.encode(product.tags)),
            .text(searchWords(product.tags)), .text(JSONText.encode(product.attributes)), .integer(onHand),
            .integer(product.createdAt.microsecondsSince1970), .integer(product.updatedAt.microsecondsSince1970),
        ]
    }

    /// The tags as the text the full-text index reads: one tag per line.
    static func searchWords(_ tags: [String]) -> String {
        tags.joined(separator: "\n")
    }

    /// A multi-row `VALUES` list of `rows` groups of `placeholders`.
    static func values(_ placeholders: String, rows: Int) -> String {
        Array(repeating: placeholders, count: rows).joined(separator: ", ")
    }
}

extension CatalogProduct {
    /// The product in a row selected with ``ProductSQL/productColumns``.
    init(row: SQLRow) throws(StorageError) {
        let statusValue: Int64 = try row["status"]
        guard let status = ProductStatus(rawValue: statusValue) else {
            throw StorageError(kind: .typeMismatch, message: "products.status holds \(statusValue), not 1 or 2")
        }
        self.init(
            id: try row["id"], sku: try row["sku"], name: try row["name"], description: try row["description"],
            category: try row["category"],
            price: Price(minorUnits: try row["price_minor_units"], currencyCode: try row["price_currency"]),
            status: status, tags: try JSONText.decode([String].self, try row["tags"], column: "products.tags"),
            attributes: try JSONText.decode(
                [String: String].self, try row["attributes"], column: "products.attributes"),
            createdAt: UTCInstant(microsecondsSince1970: try row["created_at"]),
            updatedAt: UTCInstant(microsecondsSince1970: try row["updated_at"]))
    }
}

extension StockReservation {
    /// The reservation in a row selected with ``ProductSQL/reservationColumns``.
    init(row: SQLRow) throws(StorageError) {
        let stateValue: Int64 = try row["state"]
        guard let state = ReservationState(rawValue: stateValue) else {
            throw StorageError(kind: .typeMismatch, message: "reservations.state holds \(stateValue), not 1 to 4")
        }
        self.init(
            id: try row["id"], productID: try row["product_id"], quantity: try row["quantity"],
            orderID: try row["order_id"], idempotencyKey: try row["idempotency_key"], state: state,
            expiresAt: UTCInstant(microsecondsSince1970: try row["expires_at"]),
            createdAt: UTCInstant(microsecondsSince1970: try row["created_at"]))
    }
}

/// JSON text of the columns that hold lists and maps: the same text on both drivers, and read
/// back exactly (order of tags kept, attribute keys sorted).
enum JSONText {
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Arrays and maps of strings always encode; the fallback is unreachable but not a trap.
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    static func decode<Value: Decodable>(
        _ type: Value.Type, _ text: String, column: String
    ) throws(StorageError)
        -> Value
    {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw StorageError(kind: .typeMismatch, message: "\(column) holds text that is not a JSON \(type)")
        }
    }
}
