// Lapsed holds: HELD reservations whose time ran out become EXPIRED and give their units back,
// one product at a time before a reservation, or in batches by the sweeper.
internal import Storage

extension SQLProductRepository {
    func expireLapsedReservations(at now: UTCInstant, limit: Int) async throws(ProductError) -> Int {
        try await transaction { connection throws(StorageError) in
            let rows = try connection.query(
                "UPDATE reservations SET state = ?, updated_at = ? WHERE state = ? AND expires_at <= ? AND id IN "
                    + "(SELECT id FROM reservations WHERE state = ? AND expires_at <= ? ORDER BY expires_at LIMIT ?) "
                    + "RETURNING product_id, quantity",
                [
                    .integer(ReservationState.expired.rawValue), .integer(now.microsecondsSince1970),
                    .integer(ReservationState.held.rawValue), .integer(now.microsecondsSince1970),
                    .integer(ReservationState.held.rawValue), .integer(now.microsecondsSince1970),
                    .integer(Int64(limit)),
                ])
            var released: [String: Int64] = [:]
            for row in rows {
                released[try row.decode("product_id", as: String.self), default: 0] += try row["quantity"]
            }
            // Products in a fixed order, so that two sweepers lock them in the same order.
            for (productID, quantity) in released.sorted(by: { $0.key < $1.key }) {
                try Self.giveBack(quantity, of: productID, on: connection)
            }
            return .success(rows.count)
        }
    }

    /// Marks the lapsed HELD reservations of one product EXPIRED and gives their units back,
    /// inside the caller's transaction.
    static func expireLapsed(
        productID: String, at now: UTCInstant, on connection: SQLConnection
    )
        throws(StorageError)
    {
        let rows = try connection.query(
            "UPDATE reservations SET state = ?, updated_at = ? WHERE product_id = ? AND state = ? AND expires_at <= ? "
                + "RETURNING quantity",
            [
                .integer(ReservationState.expired.rawValue), .integer(now.microsecondsSince1970), .text(productID),
                .integer(ReservationState.held.rawValue), .integer(now.microsecondsSince1970),
            ])
        var quantity: Int64 = 0
        for row in rows { quantity += try row.decode("quantity", as: Int64.self) }
        if quantity > 0 { try giveBack(quantity, of: productID, on: connection) }
    }

    private static func giveBack(
        _ quantity: Int64, of productID: String, on connection: SQLConnection
    )
        throws(StorageError)
    {
        try connection.execute(
            "UPDATE products SET reserved = reserved - ? WHERE id = ?", [.integer(quantity), .text(productID)])
    }
}
